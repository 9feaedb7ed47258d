#!/usr/bin/env python3
"""A headless Chromium that a test drives line by line (the preview's browser tests).

Chromium is started with --remote-debugging-pipe: DevTools protocol messages go over file
descriptors 3 (to Chromium) and 4 (from it), NUL-terminated, so no WebSocket library is needed.

Commands, one JSON object per line on stdin; one JSON answer per line on stdout:
  {"navigate": URL}                       -> {"ok": true}
  {"eval": JS}                            -> {"ok": true, "value": ...}   (awaits promises)
  {"wait": JS, "timeout": SECONDS}        -> {"ok": true, "value": ..., "seconds": s} once JS is truthy,
                                             else {"ok": false, "error": "timeout", "value": last}
  {"click": CSS_SELECTOR}                 -> {"ok": true} (a real mouse click at the element's centre)
  {"screenshot": PATH}                    -> {"ok": true} (the viewport as PNG, to look at)
  {"quit": true}
Usage: browser.py [CHROMIUM]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Chromium:
    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="paiban-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-proxy-server", "--no-first-run", "--remote-debugging-pipe",
                "--window-size=1400,1000", "--user-data-dir=" + self.profile, "about:blank"]
        self.process = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=wire,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.session = None
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", "exception"))
        return result["result"].get("value")

    def navigate(self, url):
        self.call("Page.navigate", url=url)

    def click(self, selector):
        box = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()" % json.dumps(selector))
        if box is None:
            raise RuntimeError(f"no element matches {selector}")
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else (shutil.which("chromium") or "chromium")
    browser = Chromium(binary)
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            command = json.loads(line)
            try:
                if "quit" in command:
                    break
                if "navigate" in command:
                    browser.navigate(command["navigate"])
                    answer = {"ok": True}
                elif "eval" in command:
                    answer = {"ok": True, "value": browser.evaluate(command["eval"])}
                elif "click" in command:
                    browser.click(command["click"])
                    answer = {"ok": True}
                elif "screenshot" in command:
                    import base64
                    shot = browser.call("Page.captureScreenshot", format="png")
                    with open(command["screenshot"], "wb") as f:
                        f.write(base64.b64decode(shot["data"]))
                    answer = {"ok": True}
                elif "wait" in command:
                    started, value = time.monotonic(), None
                    answer = None
                    while time.monotonic() - started < float(command.get("timeout", 10)):
                        try:
                            value = browser.evaluate(command["wait"])
                        except RuntimeError as e:
                            value = str(e)
                        else:
                            if value:
                                answer = {"ok": True, "value": value, "seconds": time.monotonic() - started}
                                break
                        time.sleep(0.05)
                    answer = answer or {"ok": False, "error": "timeout", "value": value}
                else:
                    answer = {"ok": False, "error": f"unknown command {command}"}
            except Exception as e:  # the test reads the error; the browser stays up for the next command
                answer = {"ok": False, "error": str(e)}
            print(json.dumps(answer), flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
