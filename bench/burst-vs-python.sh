#!/usr/bin/env bash
# The burst end to end, side by side in one run: N real article texts (regions of ../shared/corpus/wcxb-dev,
# each with a line of its own so none is a duplicate) are renamed into the drop folder of articled (release
# build, default settings) and then of bench/python-ingester.py (watchdog + trafilatura 2.x, one fdatasync per
# file; a venv this script makes). Each is timed from the first rename to its N-th durable log line; articled's
# peak RSS is read from /proc. Prints files/s for both and the ratio.
#
# BURST_BYTES=LO:HI takes only the texts of LO to HI bytes: 4000:8000 gives the issue's "real-size articles
# (~6 KB)" (108 distinct texts, mean 6.0 KB); without it every region is used (mean 13.9 KB).
#
#   bench/burst-vs-python.sh [N]      (default 5000; ARTICLED_BIN=path to skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
SRC=../shared/corpus/wcxb-dev/region
[ -d "$SRC" ] || { echo "needs $SRC"; exit 1; }
if [ -z "${ARTICLED_BIN:-}" ]; then
  swift build -c release --product articled >&2
  ARTICLED_BIN=$(swift build -c release --show-bin-path)/articled
fi
VENV=${BENCH_VENV:-.build-bench/venv}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import trafilatura, watchdog" 2>/dev/null; then
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q "trafilatura>=2,<3" lxml_html_clean watchdog >&2
fi
WORK=$(mktemp -d /tmp/articled-burst.XXXXXX)
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT

python3 - "$SRC" "$WORK/staging" "$N" "${BURST_BYTES:-}" <<'PY'
import glob, os, sys
src, staging, n, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sorted(glob.glob(src + "/*.txt"))]
if sizes:
    lo, hi = map(int, sizes.split(":"))
    texts = [t for t in texts if lo <= len(t.encode()) <= hi]
os.makedirs(staging)
for i in range(n):
    with open(os.path.join(staging, f"story-{i:06d}.txt"), "w") as f:
        f.write(texts[i % len(texts)] + f"\n\nFile {i} of the burst.\n")
PY
BYTES=$(cat "$WORK"/staging/*.txt | wc -c)
echo "files: $N, mean size $((BYTES / N)) bytes"

# One run: copy the staged files, start INGESTER, rename them in, wait for N lines in LOGGLOB.
run() {  # name, log glob, command...
  local name=$1 logglob=$2; shift 2
  rm -rf "$WORK/in" "$WORK/state" "$WORK/batch"; mkdir -p "$WORK/in" "$WORK/state"
  cp -r "$WORK/staging" "$WORK/batch"
  "$@" >"$WORK/$name.log" 2>&1 &
  PID=$!
  sleep 2
  python3 - "$WORK" "$N" "$logglob" "$PID" "$name" <<'PY'
import glob, os, sys, time
work, n, logglob, pid, name = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
# Counts new lines only (an offset per log file): re-reading the whole log every 50 ms took a good part of a
# core from the ingester being measured.
seen, counted = {}, [0]
def lines():
    for p in glob.glob(os.path.join(work, logglob)):
        with open(p, "rb") as f:
            f.seek(seen.get(p, 0))
            chunk = f.read()
        end = chunk.rfind(b"\n") + 1
        counted[0] += chunk.count(b"\n", 0, end)
        seen[p] = seen.get(p, 0) + end
    return counted[0]
names = sorted(os.listdir(os.path.join(work, "batch")))
t0 = time.monotonic()
for x in names: os.rename(os.path.join(work, "batch", x), os.path.join(work, "in", x))
while lines() < n and time.monotonic() < t0 + 1800: time.sleep(0.05)
elapsed = time.monotonic() - t0
hwm = next((l.split(":")[1].strip() for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM")), "?")
print(f"{name}: {lines()} records in {elapsed:.2f} s = {n / elapsed:.0f} files/s, peak RSS {hwm}")
open(os.path.join(work, name + ".rate"), "w").write(f"{n / elapsed}")
PY
  kill "$PID"; wait "$PID" 2>/dev/null || true
}
run articled "state/log/*.jsonl" "$ARTICLED_BIN" run --watch "$WORK/in" --state "$WORK/state" --log-level warning
run python "state/log.jsonl" "$VENV/bin/python" bench/python-ingester.py "$WORK/in" "$WORK/state"
python3 -c "import sys; a=float(open('$WORK/articled.rate').read()); p=float(open('$WORK/python.rate').read()); print(f'articled / python ingester: {a / p:.1f}x')"
