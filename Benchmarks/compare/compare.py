"""Signpost, DuckDB and Polars side by side on the Wigan pack.

For each size: runs the three once and checks that scores.csv and referrals.csv agree with
Signpost's (byte for byte after normalising line ends), printing the first differences; then
times each end to end (read the CSVs, write the outputs) --runs times, interleaved, and prints
a markdown table of median wall time, min-max, peak RSS and the ratios to Signpost.

Wall time is measured around the child process; peak RSS is the child's ru_maxrss, from
os.wait4 (getrusage for that one child: RUSAGE_CHILDREN would keep the largest child so far).
Run through run.sh, which builds Signpost, makes the data and the virtual environment.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUTS = ["scores.csv", "referrals.csv"]


def commands(tool, signpost, pack, data, out, as_of):
    if tool == "Signpost":
        return [signpost, "score", "--pack", pack, "--input", data, "--out", out,
                "--as-of", as_of]
    script = {"DuckDB": "duckdb_wigan.py", "Polars": "polars_wigan.py"}[tool]
    extra = ["--threads", "2"] if tool == "DuckDB" else []
    return [sys.executable, os.path.join(HERE, script), "--input", data, "--out", out,
            "--as-of", as_of] + extra


def measure(command, out):
    """Runs one command; returns (wall seconds, peak RSS in MB)."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed (exit {process.returncode}): {' '.join(command)}")
    return wall, usage.ru_maxrss / 1024  # Linux reports kilobytes


def lines(path):
    """The file's lines, line ends normalised (Signpost writes CRLF)."""
    with open(path, "rb") as f:
        return f.read().replace(b"\r\n", b"\n").splitlines()


def differences(expected_path, actual_path, name, limit=5):
    """The first differing lines, each with the columns that differ; [] when equal."""
    expected, actual = lines(expected_path), lines(actual_path)
    if expected == actual:
        return []
    header = expected[0].decode().split(",")
    report = [f"  {name}: {len(expected) - 1} rows from Signpost, {len(actual) - 1} here"]
    shown = 0
    for number in range(max(len(expected), len(actual))):
        a = expected[number] if number < len(expected) else None
        b = actual[number] if number < len(actual) else None
        if a == b:
            continue
        report.append(f"  line {number + 1}:")
        report.append(f"    Signpost: {a.decode() if a is not None else '(none)'}")
        report.append(f"    here:     {b.decode() if b is not None else '(none)'}")
        if a is not None and b is not None:
            for column, x, y in zip(header, a.decode().split(","), b.decode().split(",")):
                if x != y:
                    report.append(f"      {column}: {x!r} vs {y!r}")
        shown += 1
        if shown == limit:
            break
    rest = sum(1 for x, y in zip(expected, actual) if x != y) - shown
    if rest > 0:
        report.append(f"  ... and {rest} more differing lines")
    only_signpost, only_here = set(expected) - set(actual), set(actual) - set(expected)
    if not only_signpost and not only_here:
        report.append("  the same rows, in a different order")
    for rows, among, whose in ((only_signpost, expected, "only in Signpost's"),
                               (only_here, actual, "only here")):
        if rows:
            first = next(row for row in among if row in rows)
            report.append(f"  {len(rows)} rows {whose}, the first: {first.decode()}")
    return report


def load():
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout
    import duckdb
    import polars
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} "
            f"{platform.release()}; {swift.splitlines()[0] if swift else 'swift ?'}; "
            f"Python {platform.python_version()}, duckdb {duckdb.__version__}, "
            f"polars {polars.__version__}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signpost", required=True, help="the release signpost binary")
    parser.add_argument("--pack", default="rules/wigan")
    parser.add_argument("--one-events-pack", default="Benchmarks/compare/data/wigan-one-events",
                        help="the pack with events.csv tables (one_events.py --pack)")
    parser.add_argument("--data", required=True, help="folder with people-N/ extracts")
    parser.add_argument("--out", required=True, help="folder for the outputs and results")
    parser.add_argument("--people", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; 0 checks only")
    parser.add_argument("--as-of", default="2025-04-01")
    parser.add_argument("--shapes", default="tidy,one-events",
                        help="tidy: people-N/; one-events: people-N-one-events/ (one_events.py)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.people.split(",")]
    shapes = args.shapes.split(",")
    tools = ["Signpost", "DuckDB", "Polars"]

    host = machine()
    print(f"machine: {host}", flush=True)
    print(f"load average at the start: {load()}", flush=True)
    rows = []
    agreed = True
    for n, shape in [(n, shape) for n in sizes for shape in shapes]:
        folder = f"people-{n}" + ("" if shape == "tidy" else f"-{shape}")
        data = os.path.join(args.data, folder)
        out = {t: os.path.join(args.out, folder, t.lower()) for t in tools}
        pack = args.pack if shape == "tidy" else args.one_events_pack

        # 1. Agreement (this run also warms the file cache).
        print(f"\n{n:,} people, {shape} shape: checking that the outputs agree", flush=True)
        for tool in tools:
            wall, rss = measure(commands(tool, args.signpost, pack, data, out[tool],
                                         args.as_of), out[tool])
            print(f"  {tool}: {wall:.2f} s, {rss:.0f} MB", flush=True)
        ok = True
        for tool in tools[1:]:
            report = []
            for name in OUTPUTS:
                report += differences(os.path.join(out["Signpost"], name),
                                      os.path.join(out[tool], name), name)
            if report:
                ok = False
                print(f"  {tool} DIFFERS from Signpost:")
                print("\n".join(report))
            else:
                counts = {name: len(lines(os.path.join(out[tool], name))) - 1 for name in OUTPUTS}
                print(f"  {tool} agrees with Signpost: scores.csv ({counts['scores.csv']:,} "
                      f"people) and referrals.csv ({counts['referrals.csv']:,} referrals) "
                      f"identical", flush=True)
        if not ok:
            agreed = False
            print(f"  not timing {n:,} people: the outputs disagree")
            continue
        if args.runs == 0:
            continue

        # 2. Timing, the tools interleaved so that load on a shared machine falls on all.
        results = {tool: [] for tool in tools}
        for r in range(args.runs):
            for tool in tools:
                wall, rss = measure(commands(tool, args.signpost, pack, data, out[tool],
                                             args.as_of), out[tool])
                results[tool].append((wall, rss))
                print(f"  run {r + 1}/{args.runs} {tool}: {wall:.2f} s, {rss:.0f} MB", flush=True)
        base_wall = statistics.median(w for w, _ in results["Signpost"])
        base_rss = max(m for _, m in results["Signpost"])
        for tool in tools:
            walls = [w for w, _ in results[tool]]
            rss = max(m for _, m in results[tool])
            rows.append({
                "tool": tool, "people": n, "shape": shape, "runs": len(walls),
                "median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
                "peak_rss_mb": rss,
                "wall_ratio": statistics.median(walls) / base_wall,
                "rss_ratio": rss / base_rss,
                "runs_s_mb": results[tool]})

    table = ["| tool | people | shape | median wall s | min–max s | peak RSS MB "
             "| wall vs Signpost | RSS vs Signpost |",
             "|---|---:|---|---:|---:|---:|---:|---:|"]
    for row in rows:
        table.append(
            f"| {row['tool']} | {row['people']:,} | {row['shape']} | {row['median_s']:.2f} "
            f"| {row['min_s']:.2f}–{row['max_s']:.2f} | {row['peak_rss_mb']:,.0f} "
            f"| {row['wall_ratio']:.3f} | {row['rss_ratio']:.3f} |")
    if not rows:
        sys.exit(0 if agreed else 1)
    print(f"\nload average at the end: {load()}")
    print(f"medians of {args.runs} runs; peak RSS is the largest of the runs\n")
    print("\n".join(table))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"machine": host, "runs": args.runs, "rows": rows}, f, indent=2)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("\n".join(table) + "\n")
    if not agreed:
        sys.exit(1)


if __name__ == "__main__":
    main()
