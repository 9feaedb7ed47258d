#!/usr/bin/env python3
"""Builds Dictionaries/zh-words.tsv, the word list display lines break by, from jieba's
dictionary (jieba 0.42.1, MIT licence; `pip install jieba` or Debian's python3-jieba).

Each line is `word<TAB>frequency`, sorted by UTF-8 bytes so Paiban can binary-search the file
in place without building a table at start-up; the first line `#total<TAB>N` is the sum of
all frequencies (jieba's route probabilities divide by it). Part-of-speech tags are dropped.

usage: tools/make-word-list.py [path/to/jieba/dict.txt] > Dictionaries/zh-words.tsv
"""
import os, sys

def main():
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        import jieba
        path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    freq = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                freq[parts[0]] = freq.get(parts[0], 0) + int(parts[1])
    out = sys.stdout.buffer
    out.write(b"#total\t%d\n" % sum(freq.values()))
    for w in sorted(freq, key=lambda w: w.encode("utf-8")):
        if "\t" in w or "\n" in w or w.startswith("#"):
            continue
        out.write(w.encode("utf-8") + b"\t%d\n" % freq[w])

if __name__ == "__main__":
    main()
