#!/bin/bash
# Idle cost of the daemon under inotify: starts the release binary on empty temporary folders (with a status
# socket, as under systemd but without NOTIFY_SOCKET, so no watchdog pings), waits for it to settle, then counts
# over SECONDS (default 60) the CPU ticks it used (utime + stime, /proc/PID/stat) and, with perf, the context
# switches of all its threads (each wake-up is at least one), counted by the kernel even for threads that end.
#
#   bench/idle.sh [SECONDS] [BINARY]
set -euo pipefail
seconds=${1:-60}
bin=${2:-.build-static/release/articled}
work=$(mktemp -d /tmp/articled-idle.XXXXXX)
mkdir -p "$work/in" "$work/state"
env -u NOTIFY_SOCKET -u WATCHDOG_USEC "$bin" run --watch "$work/in" --state "$work/state" \
    --socket "$work/status.sock" --log-format text >"$work/daemon.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -S "$work/status.sock" ] && break; sleep 0.1; done
sleep 2
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
switches() { cat /proc/"$pid"/task/*/status | awk '/ctxt_switches/ {s += $2} END {print s}'; }
t0=$(ticks)
if command -v perf >/dev/null 2>&1; then
    n=$(perf stat -x, -e context-switches -p "$pid" -- sleep "$seconds" 2>&1 | awk -F, '/context-switches/ {print $1}')
else
    s0=$(switches); sleep "$seconds"; s1=$(switches); n=$((s1 - s0))
fi
t1=$(ticks)
threads=$(ls /proc/"$pid"/task | wc -l)
echo "idle for ${seconds}s: $((t1 - t0)) CPU ticks ($(getconf CLK_TCK)/s), $n context switches" \
    "($(awk -v n="$n" -v s="$seconds" 'BEGIN {printf "%.2f", n / s}')/s) over $threads threads"
