#!/usr/bin/env bash
# Burst benchmark: drops N small article files into a running daemon's folder (release build) and reports
# files per second from the first file dropped to the last record durable, the daemon's peak RSS (VmHWM),
# whether the chain verifies and whether the drop folder ended empty. The files are written to a staging
# folder first and renamed in one after another (the way careful writers drop files), so that the figure
# measures the daemon, not how fast this script can write.
#
#   bench/burst.sh [N]          (default 10000; ARTICLED_BIN=path to skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
if [ -z "${ARTICLED_BIN:-}" ]; then
  swift build -c release >&2
  ARTICLED_BIN=$(swift build -c release --show-bin-path)/articled
fi
WORK=$(mktemp -d /tmp/articled-bench.XXXXXX)
trap 'kill -9 ${PID:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/incoming"
"$ARTICLED_BIN" run --watch "$WORK/incoming" --state "$WORK/state" --log-level warning --log-format text \
  2>"$WORK/daemon.log" &
PID=$!
# Ready once the log folder exists and the watcher is up (its start-up scan of an empty folder is instant).
for _ in $(seq 1 200); do [ -d "$WORK/state/log" ] && break; sleep 0.05; done
sleep 0.2

python3 - "$WORK" "$N" "$PID" "$ARTICLED_BIN" <<'PY'
import os, subprocess, sys, time
work, n, pid, binary = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
inc = os.path.join(work, "incoming")
log_dir = os.path.join(work, "state", "log")
paragraph = ("The regional council met on a wet Thursday to discuss the harbour budget, and members "
             "argued for an hour about the price of diesel for the ferries. ")

def records():
    total = 0
    if os.path.isdir(log_dir):
        for name in os.listdir(log_dir):
            if name.endswith(".jsonl"):
                with open(os.path.join(log_dir, name), "rb") as f:
                    total += f.read().count(b"\n")
    return total

staging = os.path.join(work, "staging")
os.mkdir(staging)
for i in range(n):
    body = f"Council Story Number {i}\n\nBy A. Reporter\n\n" + paragraph * 3 + f"Unique marker {i}.\n"
    with open(os.path.join(staging, f"story-{i:06d}.txt"), "w") as f:
        f.write(body)
names = sorted(os.listdir(staging))
t0 = time.monotonic()
for name in names:
    os.rename(os.path.join(staging, name), os.path.join(inc, name))
t_written = time.monotonic()
deadline = t0 + 600
while records() < n and time.monotonic() < deadline:
    time.sleep(0.02)
t1 = time.monotonic()
count = records()
# The originals move right after their record; give the last moves a moment.
while os.listdir(inc) and time.monotonic() < t1 + 10:
    time.sleep(0.02)
left = len([e for e in os.listdir(inc)])
hwm = "?"
with open(f"/proc/{pid}/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            hwm = line.split(":")[1].strip()
verify = subprocess.run([binary, "log", "verify", "--state", os.path.join(work, "state")],
                        capture_output=True, text=True)
elapsed = t1 - t0
print(f"files: {n}, records: {count}, left in drop folder: {left}")
print(f"dropping (renaming in) the files took {t_written - t0:.2f} s; last record durable after {elapsed:.2f} s")
print(f"throughput: {count / elapsed:.0f} files/s")
print(f"peak RSS (VmHWM): {hwm}")
print(f"log verify: {verify.stdout.strip()}")
sys.exit(0 if count == n and left == 0 and verify.returncode == 0 else 1)
PY
