#!/usr/bin/env python3
"""bench/extract: readability-lxml (Debian python3-readability) over a folder
of *.html pages: Document(bytes).summary() and .title(), as its README runs
it. Passing bytes lets it detect the charset itself. Prints one JSON line:
pages, wall and CPU seconds of the loop (imports excluded), pages/s by each.

Usage: readability_lxml.py PAGES_DIR [PASSES]
"""
import json
import os
import sys
import time

from readability import Document


def main():
    pages_dir = sys.argv[1]
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    names = sorted(f for f in os.listdir(pages_dir) if f.endswith(".html"))
    pages = []
    for name in names:
        with open(os.path.join(pages_dir, name), "rb") as f:
            pages.append(f.read())
    chars = failures = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(passes):
        for data in pages:
            try:
                doc = Document(data)
                chars += len(doc.summary()) + len(doc.title())
            except Exception:  # a page it cannot handle counts as done, and is reported
                failures += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    n = len(pages) * passes
    print(json.dumps({"tool": "readability-lxml", "pages": n, "failures": failures,
                      "html_chars": chars, "wall_s": wall, "cpu_s": cpu,
                      "pages_per_s_wall": n / wall, "pages_per_s_cpu": n / cpu}))


if __name__ == "__main__":
    main()
