#!/usr/bin/env python3
"""Runs trafilatura (PyPI) on every page of the HTML test set and writes its main text to OUT/NAME.txt,
for `newsgraph eval-html --extracted OUT` to score with the same measure as newsgraph's own extraction.

Usage: trafilatura_extract.py PAGES_DIR OUT_DIR   (see scripts/compare_trafilatura.sh)
"""
import os
import sys
import time

import trafilatura


def main():
    pages, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    names = sorted(n for n in os.listdir(pages) if n.endswith((".html", ".htm")))
    start = time.perf_counter()
    for name in names:
        with open(os.path.join(pages, name), "rb") as f:
            raw = f.read()
        text = trafilatura.extract(raw, include_comments=False, include_tables=False) or ""
        with open(os.path.join(out, os.path.splitext(name)[0] + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    seconds = time.perf_counter() - start
    print(f"trafilatura {trafilatura.__version__}: {len(names)} pages in {seconds:.2f} s "
          f"({len(names) / seconds:.0f} pages/s on one core)", file=sys.stderr)


if __name__ == "__main__":
    main()
