#!/usr/bin/env python3
"""Typst's time to set an issue's text into plain columns: the baseline of issue 10's speed item.

Reads an issue folder the way Paiban does (issue.yaml's pages and story ids, each story's front
matter title and its Markdown paragraphs), writes one Typst document with the same page size,
columns, body size and fonts as Layouts/broadsheet.yaml (390 × 540 mm, 8 columns of 13 字 with
1-字 gutters, 小五 = 9 pt body on a 13.5 pt pitch, Noto Serif CJK SC; heads in Noto Sans CJK SC
bold), one pagebreak per issue page, and times Typst compiling it to PDF. No make-up: the
stories simply follow one another down the columns, which is the least a typesetter can do with
the text, so Paiban's time against it is a fair bound on what the page optimiser costs.

Typst comes from PyPI (the typst package embeds the compiler; crates.io is not reachable here).
Each run is a fresh process (font discovery, parsing, layout, PDF export: start to finish, as
paiban render is timed). Prints one line: median and min wall seconds over RUNS runs.

With --against PAIBAN, `PAIBAN render ISSUE_DIR` is timed too, the two runs alternating (the
machine's speed drifts from minute to minute; alternating keeps the ratio fair), and the ratio
of the medians is printed.

usage: typst_columns.py ISSUE_DIR [RUNS] [--keep OUT.pdf] [--against PAIBAN]
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

FONT_DIRS = ["/usr/share/fonts/opentype/noto"]


def front_matter(text):
    """The title and the body of a story file: a small reader, enough for the generated issues."""
    title, body = "", text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        header, body = text[3:end], text[end + 4:]
        for line in header.splitlines():
            if line.startswith("title:"):
                title = line[len("title:"):].strip().strip("'\"")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    paragraphs = [p for p in paragraphs if not p.startswith("![")]
    return title, [re.sub(r"^#+\s*", "", p) for p in paragraphs]


def pages_of(issue_dir):
    """Story ids per page, in issue.yaml's order (the generated manifests list them one a line)."""
    pages, current = [], None
    with open(os.path.join(issue_dir, "issue.yaml"), encoding="utf-8") as f:
        for line in f:
            if re.match(r"\s*-\s*number:", line):
                current = []
                pages.append(current)
            else:
                m = re.match(r"\s+-\s+([\w-]+)\s*$", line)
                if m and current is not None:
                    current.append(m.group(1))
    return pages


def escape(s):
    return re.sub(r"([\\#*_`$<>@\[\]~/])", r"\\\1", s)


def document(issue_dir):
    out = [
        '#set page(width: 390mm, height: 540mm, margin: (top: 32mm, x: 18.8mm, bottom: 20mm), columns: 8)',
        '#set columns(gutter: 9pt)',
        '#set text(font: "Noto Serif CJK SC", size: 9pt, lang: "zh", region: "cn")',
        '#set par(justify: true, leading: 4.5pt, first-line-indent: (amount: 2em, all: true), spacing: 4.5pt)',
        '#show heading: set text(font: "Noto Sans CJK SC", weight: "bold", size: 16pt)',
    ]
    for n, ids in enumerate(pages_of(issue_dir)):
        if n:
            out.append("#pagebreak()")
        for story in ids:
            path = os.path.join(issue_dir, "articles", story + ".md")
            with open(path, encoding="utf-8") as f:
                title, paragraphs = front_matter(f.read())
            if title:
                out.append("= " + escape(title))
            out.extend(escape(p) + "\n" for p in paragraphs)
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    keep = option(args, "--keep")
    paiban = option(args, "--against")
    issue_dir = args[0]
    runs = int(args[1]) if len(args) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "columns.typ")
        with open(source, "w", encoding="utf-8") as f:
            f.write(document(issue_dir))
        pdf = keep or os.path.join(tmp, "columns.pdf")
        program = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
                   "font_paths=%r, ignore_system_fonts=True)" % FONT_DIRS)
        times, ours = [], []
        for _ in range(runs):
            times.append(timed([sys.executable, "-c", program, source, pdf]))
            if paiban:
                ours.append(timed([paiban, "render", issue_dir, "-o", os.path.join(tmp, "paiban.pdf")]))
    print(f"typst {typst_version()}: plain columns: "
          f"{statistics.median(times):.3f} s wall median, {min(times):.3f} s min ({runs} runs, fresh process each)")
    if paiban:
        ratio = statistics.median(times) / statistics.median(ours)
        print(f"paiban render (make-up, PDF): {statistics.median(ours):.3f} s wall median, {min(ours):.3f} s min; "
              f"{ratio:.2f}x Typst's speed (runs alternating)")


def option(args, name):
    if name not in args:
        return None
    i = args.index(name)
    value = args[i + 1]
    del args[i:i + 2]
    return value


def timed(command):
    # Standard error too: paiban's warnings (a page short of copy) would be printed every run.
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def typst_version():
    try:
        import typst
        return getattr(typst, "__version__", "?")
    except ImportError:
        return "?"


if __name__ == "__main__":
    main()
