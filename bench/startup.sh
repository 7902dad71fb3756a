#!/usr/bin/env bash
# Start-up benchmark: generates logs of N records (bench/make-log; kept in $BENCH_DIR between runs, default
# /tmp/articled-startup) and times the release daemon from exec until GET /health answers 200 on its status
# socket, with its peak RSS (VmHWM) at that moment. Per N: the first start (no index checkpoint: the whole log
# is read, then a checkpoint is written), a clean stop (SIGTERM; the checkpoint is brought up to date), then
# three second starts. With BEFORE_BIN=path (an older build) that binary's start on the same log is timed in
# the same run, as the peer to compare with.
#   bench/startup.sh [N ...]     (default: 200000 1000000; ARTICLED_BIN=path to skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(200000 1000000)
if [ -z "${ARTICLED_BIN:-}" ]; then
  swift build -c release --product articled >&2
  ARTICLED_BIN=$(swift build -c release --show-bin-path)/articled
fi
BENCH_DIR=${BENCH_DIR:-/tmp/articled-startup}
mkdir -p "$BENCH_DIR"
for N in "${SIZES[@]}"; do
  STATE="$BENCH_DIR/$N/state"
  if [ ! -f "$STATE/log.head" ]; then
    rm -rf "$BENCH_DIR/$N"
    mkdir -p "$BENCH_DIR/$N"
    echo "== generating $N records" >&2
    ARTICLED_BIN="$ARTICLED_BIN" bench/make-log "$STATE" "$N" >&2
  fi
  # Every first start begins without a checkpoint.
  rm -rf "$STATE/index"
  echo "== $N records, $(du -sh "$STATE/log" | cut -f1) of log"
  python3 - "$ARTICLED_BIN" "$BENCH_DIR/$N" "${BEFORE_BIN:-}" <<'PY'
import os, signal, socket, subprocess, sys, time
binary, root, before = sys.argv[1], sys.argv[2], sys.argv[3]
state = os.path.join(root, "state")
watch = os.path.join(root, "incoming")
sock = os.path.join(root, "status.sock")
os.makedirs(watch, exist_ok=True)

def health():
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(1)
        s.connect(sock)
        s.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def start(exe, label):
    if os.path.exists(sock):
        os.unlink(sock)
    t0 = time.monotonic()
    p = subprocess.Popen([exe, "run", "--watch", watch, "--state", state, "--socket", sock,
                          "--log-level", "warning", "--log-format", "text"],
                         stderr=open(os.path.join(root, "daemon.log"), "a"))
    while not health():
        if p.poll() is not None:
            sys.exit(f"{label}: the daemon exited with {p.returncode}; see {root}/daemon.log")
        if time.monotonic() - t0 > 600:
            p.kill()
            sys.exit(f"{label}: no healthy answer in 600 s")
        time.sleep(0.002)
    elapsed = time.monotonic() - t0
    hwm = "?"
    with open(f"/proc/{p.pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                hwm = line.split()[1]
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=600)
    print(f"{label:<34} {elapsed:7.3f} s   peak RSS {int(hwm) / 1024:7.1f} MiB   exit {p.returncode}", flush=True)

start(binary, "first start (no checkpoint)")
for i in range(3):
    start(binary, f"second start #{i + 1}")
if before:
    start(before, "before (BEFORE_BIN)")
PY
done
