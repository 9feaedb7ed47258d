#!/usr/bin/env python3
"""How long from a saved edit to the new proof on screen in `paiban preview` (make bench).

Starts PAIBAN preview on a copy of ISSUE, opens it in headless Chromium, then N times changes
a story's title and times until the browser has decoded a proof different from the one before.
Usage: latency.py PAIBAN ISSUE [N]
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Chromium  # noqa: E402

CHECKSUM = """(() => { const img = document.querySelector('#page-0 img');
  if (!img || !img.complete || img.naturalWidth === 0) return null;
  const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
  const g = c.getContext('2d'); g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data; let h = 0;
  for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) >>> 0;
  return h; })()"""


def main():
    paiban, sample = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    work = tempfile.mkdtemp(prefix="paiban-latency-")
    issue = os.path.join(work, "issue")
    shutil.copytree(sample, issue)
    server = subprocess.Popen([paiban, "preview", issue, "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    browser = None
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline()).group(0)
        browser = Chromium(shutil.which("chromium") or "chromium")
        browser.navigate(url)
        before = wait_for(browser, lambda v: v is not None, 60)
        # The first story of page 1 (the lead), as the page shows it: its title is on that proof.
        lead = browser.evaluate("fetch('/state.json').then(r => r.json()).then(s => s.pages[0].stories[0].id)")
        story = next(path for path in (os.path.join(issue, "articles", f) for f in os.listdir(os.path.join(issue, "articles")))
                     if re.search(r"^id: %s\s*$" % re.escape(lead), open(path, encoding="utf-8").read(), re.M))
        times = []
        original = open(story, encoding="utf-8").read()
        for k in range(runs):
            # The title with one character more, then as it was: each save differs from the last.
            changed = re.sub(r"^title: ", "title: 新", original, count=1, flags=re.M) if k % 2 == 0 else original
            started = time.monotonic()
            with open(story, "w", encoding="utf-8") as f:
                f.write(changed)
            before = wait_for(browser, lambda v, b=before: v is not None and v != b, 30)
            times.append(time.monotonic() - started)
            time.sleep(0.3)
        print(f"preview: save to new proof on screen, {os.path.basename(sample)}: median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms over {runs} edits")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


def wait_for(browser, accept, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        value = browser.evaluate(CHECKSUM)
        if accept(value):
            return value
        time.sleep(0.01)
    raise SystemExit("the preview did not show a new proof in time")


if __name__ == "__main__":
    main()
