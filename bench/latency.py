#!/usr/bin/env python3
"""Close-to-durable latency: drops article files one at a time at a fixed rate into a running release daemon
(default settings) and times each from its close to the moment its original appears in STATE/done/ - which the
daemon does only after the record is durable (fdatasync of the segment and of the head). Moves are watched with
inotify (IN_MOVED_TO on done/, through ctypes), so the figure includes the daemon's own inotify delay, extraction,
the commit and the move, and nothing of this script's polling.

  bench/latency.py BINARY [RATE_PER_SECOND] [COUNT]      e.g. bench/latency.py .build-static/release/articled 10 200
Prints p50, p99 and max in milliseconds. Standard library only."""
import ctypes, os, select, struct, subprocess, sys, tempfile, time

binary = sys.argv[1]
rate = float(sys.argv[2]) if len(sys.argv) > 2 else 10
count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
work = tempfile.mkdtemp(prefix="articled-latency.")
inc, state = os.path.join(work, "in"), os.path.join(work, "state")
os.makedirs(inc)
env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC")}
daemon = subprocess.Popen([binary, "run", "--watch", inc, "--state", state, "--log-level", "warning",
                           "--log-format", "text"], env=env, stderr=subprocess.DEVNULL)
try:
    done = os.path.join(state, "done")
    for _ in range(200):
        if os.path.isdir(os.path.join(state, "log")): break
        time.sleep(0.05)
    os.makedirs(done, exist_ok=True)
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = libc.inotify_init1(os.O_NONBLOCK)
    if libc.inotify_add_watch(fd, done.encode(), 0x80) < 0:  # IN_MOVED_TO
        sys.exit("inotify_add_watch failed")
    time.sleep(0.5)
    body = "\n\n".join(["Council Approves New Ferry Timetable", "By Jane Doe"] +
                       ["The council approved the new ferry timetable on Tuesday after a long debate about costs "
                        "and the needs of commuters who cross the bay every morning."] * 20)
    closed, moved = {}, {}
    def drain(timeout):
        r, _, _ = select.select([fd], [], [], timeout)
        if not r: return
        data = os.read(fd, 65536)
        now = time.monotonic()
        i = 0
        while i < len(data):
            _, _, _, length = struct.unpack_from("iIII", data, i)
            name = data[i + 16:i + 16 + length].split(b"\0", 1)[0].decode()
            moved.setdefault(name, now)
            i += 16 + length
    start = time.monotonic()
    for k in range(count):
        due = start + k / rate
        while time.monotonic() < due: drain(max(0, due - time.monotonic()))
        name = f"story-{k:06d}.txt"
        with open(os.path.join(inc, name), "w") as f:
            f.write(body + f"\n\nStory number {k}.")
        closed[name] = time.monotonic()
    deadline = time.monotonic() + 30
    while len(moved) < count and time.monotonic() < deadline: drain(0.1)
    lat = sorted((moved[n] - closed[n]) * 1000 for n in closed if n in moved)
    if len(lat) < count: print(f"only {len(lat)} of {count} files reached done/")
    pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))]
    print(f"{rate:g} files/s, {len(lat)} files: close -> durable and moved p50 {pct(0.5):.1f} ms, "
          f"p99 {pct(0.99):.1f} ms, max {lat[-1]:.1f} ms")
finally:
    daemon.terminate(); daemon.wait()
    subprocess.run(["rm", "-rf", work])
