#!/usr/bin/env python3
"""Helpers of bench/export/run (standard library only).

  measure.py time LABEL BYTES [--stdout FILE] [--output PATH] -- CMD...
      Runs CMD (its stdout goes to FILE, or to our stderr; its stderr to our
      stderr) and prints one JSON object: wall time, user/sys CPU and peak RSS
      of CMD and its descendants (wait4 rusage), its exit code, BYTES (the input
      size the MB/s figures are computed from), the size of what it wrote (FILE,
      or PATH: a file or a directory tree) and the 1-minute load average before
      and after.
  measure.py table RESULTS.jsonl
      Prints the markdown tables of bench/export/run: medians per engine, and
      the import/export rows, with the ratios.
"""

import json
import os
import statistics
import sys
import time


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def size_of(path):
    if not path or not os.path.exists(path):
        return None
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def cmd_time(argv):
    label, nbytes_arg = argv[0], argv[1]
    rest = argv[2:]
    stdout_path = output = None
    while rest[0] != "--":
        if rest[0] == "--stdout":
            stdout_path = output = rest[1]
        elif rest[0] == "--output":
            output = rest[1]
        else:
            sys.exit("measure.py: unknown option " + rest[0])
        rest = rest[2:]
    assert rest[0] == "--"
    cmd = rest[1:]
    load_before = loadavg()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            if stdout_path:
                fd = os.open(stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
            else:
                os.dup2(2, 1)
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - start
    cpu = ru.ru_utime + ru.ru_stime
    out_bytes = size_of(output)
    # BYTES "out": the rate is over what the command wrote (export).
    nbytes = (out_bytes or 0) if nbytes_arg == "out" else int(nbytes_arg)
    print(json.dumps({
        "kind": "timed", "label": label, "bytes": nbytes, "wall_s": round(wall, 3),
        "user_s": round(ru.ru_utime, 3), "sys_s": round(ru.ru_stime, 3),
        "mb_s_wall": round(nbytes / 1e6 / wall, 1),
        "mb_s_cpu": round(nbytes / 1e6 / cpu, 1) if cpu > 0 else None,
        "peak_rss_mib": round(ru.ru_maxrss / 1024, 1),
        "exit": os.waitstatus_to_exitcode(status), "out_bytes": out_bytes,
        "load_before": load_before, "load_after": loadavg()}), flush=True)


def fmt(x, digits=1):
    return "—" if x is None else f"{x:,.{digits}f}"


def cmd_table(argv):
    rows = [json.loads(line) for line in open(argv[0]) if line.strip()]
    members = [r for r in rows if r["kind"] == "members"]
    timed = [r for r in rows if r["kind"] == "timed"]
    warc = [r for r in rows if r["kind"] == "warc"]
    loads = [r["load_before"] for r in timed] + [r["load_after"] for r in timed]

    # 1. gzip members: the bench program already reports medians per class.
    gz = [r for r in timed if r["label"] == "gzip-6"]
    alls = {r["engine"]: r for r in members if r["class"] == "all"}
    if alls:
        inb = next(iter(alls.values()))["in_bytes"]
        print(f"Per-record gzip members, level 6, {inb / 1e6:,.1f} MB of records "
              f"({next(iter(alls.values()))['records']} records), medians of "
              f"{next(iter(alls.values()))['passes']} passes:\n")
        print("| compressor | MB/s (wall) | MB/s (CPU) | output | ratio |")
        print("| --- | --- | --- | --- | --- |")
        for e in ("libdeflate", "zlib"):
            if e in alls:
                r = alls[e]
                print(f"| {e} -6, one member per record | {fmt(r['mb_s_wall'])} | "
                      f"{fmt(r['mb_s_cpu'])} | {r['out_bytes']:,} B | "
                      f"{r['out_bytes'] / r['in_bytes']:.3f} |")
        if gz:
            w = statistics.median(r["mb_s_wall"] for r in gz)
            c = statistics.median(r["mb_s_cpu"] for r in gz)
            size = gz[0].get("out_bytes")
            ratio = f"{size / gz[0]['bytes']:.3f}" if size else "—"
            print(f"| gzip -6 (one stream, command line) | {fmt(w)} | {fmt(c)} | "
                  f"{size:,} B | {ratio} |")
        print()
        classes = sorted({r["class"] for r in members if r["class"] != "all"})
        print("| record size | records | zlib MB/s (CPU) | libdeflate MB/s (CPU) | libdeflate / zlib |")
        print("| --- | --- | --- | --- | --- |")
        for cls in classes:
            z = next(r for r in members if r["class"] == cls and r["engine"] == "zlib")
            d = next(r for r in members if r["class"] == cls and r["engine"] == "libdeflate")
            print(f"| {cls} | {z['records']} | {fmt(z['mb_s_cpu'])} | {fmt(d['mb_s_cpu'])} | "
                  f"{d['mb_s_cpu'] / z['mb_s_cpu']:.2f} |")
        print()
        if "zlib" in alls and "libdeflate" in alls:
            z, d = alls["zlib"], alls["libdeflate"]
            print(f"- libdeflate / zlib: {d['mb_s_wall'] / z['mb_s_wall']:.2f} (wall), "
                  f"{d['mb_s_cpu'] / z['mb_s_cpu']:.2f} (CPU)")
            if gz:
                print(f"- libdeflate / gzip -6: {d['mb_s_cpu'] / c:.2f} (CPU); "
                      f"zlib / gzip -6: {z['mb_s_cpu'] / c:.2f} (CPU)")
        print()

    # 2. import / export of the big WARC.
    big = [r for r in timed if r["label"] != "gzip-6"]
    if big:
        if warc:
            w = warc[-1]
            print(f"Input: {w['warc_gz_bytes'] / 1e6:,.0f} MB .warc.gz ({w['pages']:,} pages, "
                  f"{w['records']:,} records, {w['uncompressed_bytes'] / 1e6:,.0f} MB "
                  "uncompressed).\n")
        raw = warc[-1]["uncompressed_bytes"] if warc else None
        print("| step | .warc.gz MB | wall s | CPU s (user+sys) | MB/s .warc.gz (wall) | "
              "MB/s .warc.gz (CPU) | MB/s uncompressed (wall) | peak RSS | exit |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for r in big:
            cpu = r["user_s"] + r["sys_s"]
            print(f"| {r['label']} | {r['bytes'] / 1e6:,.0f} | {fmt(r['wall_s'])} | "
                  f"{fmt(cpu)} | {fmt(r['mb_s_wall'])} | {fmt(r['mb_s_cpu'])} | "
                  f"{fmt(raw / 1e6 / r['wall_s'] if raw else None)} | "
                  f"{fmt(r['peak_rss_mib'], 0)} MiB | {r['exit']} |")
        print()
    if loads:
        print(f"Load average (1 min) before/after the timed steps: {min(loads):.1f}–{max(loads):.1f}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "time":
        cmd_time(sys.argv[2:])
    elif len(sys.argv) >= 2 and sys.argv[1] == "table":
        cmd_table(sys.argv[2:])
    else:
        sys.exit(__doc__)
