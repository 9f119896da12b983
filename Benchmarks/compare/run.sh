#!/usr/bin/env bash
# Signpost, DuckDB and Polars side by side on the Wigan pack (docs/performance.md).
#
#   Benchmarks/compare/run.sh [--people 100000,1000000] [--runs 5]
#
# From a fresh clone: makes Benchmarks/compare/.venv and installs requirements.txt into it,
# builds Signpost in release (.build-release), writes synthetic extracts for each size to
# Benchmarks/compare/data/people-N (seed 7, as of 2025-04-01, no bad rows) and the same in the
# one-events-file shape in people-N-one-events (one_events.py), checks that the
# three give the same scores.csv and referrals.csv, then times each end to end and prints a
# markdown table (also written to Benchmarks/compare/data/results.md). --runs 0 only checks.
# Exit 1 if the outputs disagree.
set -euo pipefail

people=100000,1000000
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --people) people="$2"; shift 2 ;;
    --people=*) people="${1#*=}"; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --runs=*) runs="${1#*=}"; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 64 ;;
  esac
done
if ! [[ "$people" =~ ^[0-9]+(,[0-9]+)*$ ]] || ! [[ "$runs" =~ ^[0-9]+$ ]]; then
  echo "--people takes sizes separated by commas, --runs a number (0: check only)" >&2
  exit 64
fi

cd "$(dirname "$0")/../.."
here=Benchmarks/compare
as_of=2025-04-01

# Signpost builds on libyaml (README); install it as .ci/run does when it is missing.
if ! pkg-config --exists yaml-0.1 2>/dev/null; then
  apt-get update && apt-get install -y libyaml-dev pkg-config
fi

echo "== Python environment ($here/.venv)"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv" || {
    echo "python3 -m venv failed: on Debian, apt-get install python3-venv" >&2; exit 1; }
fi
"$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  -r "$here/requirements.txt"

echo "== Building signpost (release, .build-release)"
swift build -c release --product signpost --scratch-path .build-release
signpost="$(swift build -c release --product signpost --scratch-path .build-release \
  --show-bin-path)/signpost"

echo "== Synthetic extracts ($here/data)"
for n in ${people//,/ }; do
  "$signpost" synth --people "$n" --seed 7 --out "$here/data/people-$n" --as-of "$as_of" \
    --bad-rows 0
  # The same extracts with every event in one events.csv (docs/performance.md).
  "$here/.venv/bin/python" "$here/one_events.py" --input "$here/data/people-$n" \
    --out "$here/data/people-$n-one-events"
done

"$here/.venv/bin/python" "$here/one_events.py" --pack rules/wigan --pack-out "$here/data/wigan-one-events"

echo "== Comparing"
"$here/.venv/bin/python" "$here/compare.py" --signpost "$signpost" --pack rules/wigan \
  --one-events-pack "$here/data/wigan-one-events" \
  --data "$here/data" --out "$here/data/out" --people "$people" --runs "$runs" --as-of "$as_of"
