#!/usr/bin/env python3
"""Helpers of bench/crawl/run (standard library only).

  measure.py time LABEL STATUS_URL ERROR_LOG -- CMD...
      Runs CMD (its stdout and stderr both go to our stderr), and prints one
      JSON object: wall time, user/sys CPU and peak
      RSS of CMD and all its descendants (wait4 rusage), its exit code, the
      requests nginx served meanwhile (stub_status counter, minus our own two
      status reads) and the 404s nginx logged meanwhile (error log lines).
  measure.py table RESULTS.jsonl SITE.json
      Prints the table of medians and the ratios (markdown).
"""

import json
import os
import re
import statistics
import sys
import time
import urllib.request


def nginx_requests(status_url):
    # No proxy: the status server is on loopback.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(status_url, timeout=10) as r:
        text = r.read().decode()
    # "Active connections: 1 \nserver accepts handled requests\n 5 5 7 \n..."
    m = re.search(r"\n\s*(\d+)\s+(\d+)\s+(\d+)\s*\n", text)
    return int(m.group(3))


def count_lines(path, needle):
    try:
        with open(path, errors="replace") as f:
            return sum(1 for line in f if needle in line)
    except FileNotFoundError:
        return 0


def cmd_time(argv):
    label, status_url, error_log = argv[0], argv[1], argv[2]
    assert argv[3] == "--"
    cmd = argv[4:]
    with open("/proc/loadavg") as f:
        load_before = float(f.read().split()[0])
    req0 = nginx_requests(status_url)
    err0 = count_lines(error_log, "No such file")
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(2, 1)  # the tool's stdout joins its stderr: ours carries the JSON
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - start
    req1 = nginx_requests(status_url)
    err1 = count_lines(error_log, "No such file")
    requests = req1 - req0 - 1  # the first status read is counted in req1
    out = {
        "tool": label,
        "rc": os.waitstatus_to_exitcode(status),
        "wall_s": round(wall, 3),
        "user_s": round(ru.ru_utime, 3),
        "sys_s": round(ru.ru_stime, 3),
        "max_rss_mb": round(ru.ru_maxrss / 1024, 1),
        "requests": requests,
        "not_found": err1 - err0,
        "load_before": load_before,
    }
    print(json.dumps(out), flush=True)


def fmt(x, digits=1):
    return "—" if x is None else f"{x:,.{digits}f}"


def cmd_table(argv):
    results_path, site_path = argv[0], argv[1]
    with open(site_path) as f:
        site = json.load(f)
    runs = {}
    extra = {}
    with open(results_path) as f:
        for line in f:
            r = json.loads(line)
            if "tool" in r and "wall_s" in r:
                runs.setdefault(r["tool"], []).append(r)
            elif "kind" in r:
                extra[r["kind"]] = r
                extra.setdefault(r["kind"] + "-all", []).append(r)
    rows = {}
    for tool, rs in runs.items():
        ok = [r for r in rs if r["rc"] == 0 or tool.startswith("wget")]
        if not ok:
            continue
        rate = statistics.median(r["requests"] / r["wall_s"] for r in ok)
        cpu = statistics.median((r["user_s"] + r["sys_s"]) * 1000 / r["requests"] for r in ok)
        rss = statistics.median(r["max_rss_mb"] for r in ok)
        rows[tool] = {
            "runs": len(ok), "pages": statistics.median(r["requests"] for r in ok),
            "rate": rate, "cpu": cpu, "rss": rss,
            "wall": statistics.median(r["wall_s"] for r in ok),
            "not_found": max(r["not_found"] for r in ok),
            "rcs": sorted({r["rc"] for r in rs}),
        }
    g = extra.get("gumbo")
    if g:
        rows["gumbo bound"] = {
            "runs": 1, "pages": g["pages"], "rate": g["bound_pages_per_s"],
            "cpu": g["cpu_ms_per_page"], "rss": None, "wall": None, "not_found": 0, "rcs": [0],
        }
    expected = site["html_pages"] + site["robots_files"]
    print(f"Site: {len(site['hosts'])} hosts, {site['articles']} articles + "
          f"{site['listing_pages']} listing pages + {site['robots_files']} robots.txt = "
          f"{expected} requests expected; mean article {site['mean_article_bytes'] / 1024:.1f} KB, "
          f"mean HTML page {site['mean_page_bytes'] / 1024:.1f} KB.\n")
    print("| tool | runs | requests | wall s | pages/s | CPU ms/page | peak RSS MB | 404s | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for tool in ["newsvault", "wget-warc", "wget2", "gumbo bound"]:
        r = rows.get(tool)
        if not r:
            print(f"| {tool} | — | — | — | — | — | — | — | pending |")
            continue
        print(f"| {tool} | {r['runs']} | {r['pages']:.0f} | {fmt(r['wall'])} | {fmt(r['rate'])} | "
              f"{fmt(r['cpu'], 2)} | {fmt(r['rss'])} | {r['not_found']} | "
              f"{','.join(str(c) for c in r['rcs'])} |")
    nv = rows.get("newsvault")
    print()
    if nv:
        def ratio(peer):
            p = rows.get(peer)
            return None if not p else nv["rate"] / p["rate"]
        rg, rw, r2 = ratio("gumbo bound"), ratio("wget-warc"), ratio("wget2")
        print(f"- newsvault / Gumbo bound (pages/s): {fmt(rg, 2)} (target >= 0.70)")
        print(f"- newsvault / wget with WARC (pages/s): {fmt(rw, 2)} (target >= 1.6)")
        print(f"- newsvault / wget2 (pages/s): {fmt(r2, 2)}")
        if g:
            print(f"- newsvault CPU ms/page beyond Gumbo's parse: {nv['cpu'] - g['cpu_ms_per_page']:.2f} "
                  f"(target <= 2)")
        own = extra.get("newsvault-parse")
        if own:
            print(f"- newsvault's own parse (script/style bodies emptied, Gumbo, Document): "
                  f"{own['cpu_ms_per_page']:.2f} CPU ms/page; newsvault CPU ms/page beyond it: "
                  f"{nv['cpu'] - own['cpu_ms_per_page']:.2f}")
        print(f"- newsvault peak RSS: {nv['rss']:.1f} MB (target < 300)")
    else:
        print("- newsvault: pending (no successful run)")
    fm = extra.get("frontier")
    if fm:
        print(f"- {fm['urls']:,} URL frontier ({fm['hosts']} hosts, {fm['frontier_size']:,} entries, "
              f"{fm['seconds']:.1f} s): RSS {fm['rss_before_mb']:.1f} MB -> {fm['rss_after_mb']:.1f} MB, "
              f"+{fm['rss_after_mb'] - fm['rss_before_mb']:.1f} MB; peak RSS {fm['hwm_before_mb']:.1f} MB -> "
              f"{fm['hwm_after_mb']:.1f} MB, +{fm['hwm_after_mb'] - fm['hwm_before_mb']:.1f} MB (target < 100)")
    else:
        print("- 1M URL frontier: not measured")
    for kind, key, what in (("wget-warc-size", "warc_bytes", "wget's WARC (gzip)"),
                            ("newsvault-db-size", "db_bytes", "newsvault's archive")):
        sizes = [r[key] for r in extra.get(kind + "-all", [])]
        if sizes:
            print(f"- {what}: {statistics.median(sizes) / 1e6:.1f} MB")


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("time", "table"):
        sys.exit(__doc__)
    {"time": cmd_time, "table": cmd_table}[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
