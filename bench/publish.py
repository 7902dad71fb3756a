#!/usr/bin/env python3
"""Stream publishing benchmark (docs/scale-out.md, docs/performance.md), release build, real nats-server.

1. Throughput: a generated log of N records (bench/make-log) is published by a daemon started on it, to a
   local single server (R1 stream) and to a local three-server JetStream cluster (R3 stream); the time from
   the daemon's start until /status says the stream has acknowledged every record gives records per second.
2. Outage: with the daemon running against the cluster, all three servers are stopped; M real-size articles
   are dropped (ingestion goes on; /status shows the lag growing to M); the servers are started again and the
   time until the lag is back to 0 is measured.
3. Exactly once: `articled stream cat --verify` over the whole stream: every record of the log once, in seq
   order, byte-identical.
The peer, in the same run: bench/nats-py-publisher.py (the official Python client, nats-py, in a venv this
script makes) publishing the same log's lines one acknowledged message at a time to the same servers.

  bench/publish.py ARTICLED_BIN [N] [M]      (defaults: N = 20000, M = 2000)
Needs nats-server (make deps) and PyPI for the peer's venv (BENCH_VENV, default .build-bench/venv)."""
import glob, json, os, shutil, signal, socket, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
N = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
M = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
nats_bin = shutil.which("nats-server") or "/usr/sbin/nats-server"
root = tempfile.mkdtemp(prefix="articled-publish-bench-")
here = os.path.dirname(os.path.abspath(__file__))

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def status(sock):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.settimeout(2)
    try:
        s.connect(sock); s.sendall(b"GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            c = s.recv(65536)
            if not c: break
            data += c
        return json.loads(data.split(b"\r\n\r\n", 1)[1])
    except (OSError, ValueError, IndexError):
        return None
    finally:
        s.close()

def wait(what, cond, timeout=600, step=0.02):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        v = cond()
        if v: return v
        time.sleep(step)
    sys.exit(f"timed out waiting for {what}")

class Cluster:
    def __init__(self, n, name):
        self.nodes = [(f"n{i}", free_port(), free_port(), f"{root}/{name}/n{i}") for i in range(1, n + 1)]
        self.procs = {}
    def urls(self): return ",".join(f"nats://127.0.0.1:{p}" for _, p, _, _ in self.nodes)
    def start(self):
        for name, port, cport, store in self.nodes:
            args = [nats_bin, "-js", "-a", "127.0.0.1", "-p", str(port), "-sd", store, "-n", name]
            if len(self.nodes) > 1:
                routes = ",".join(f"nats://127.0.0.1:{c}" for n2, _, c, _ in self.nodes if n2 != name)
                args += ["--cluster_name", "bench", "--cluster", f"nats://127.0.0.1:{cport}", "--routes", routes]
            self.procs[name] = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _, port, _, _ in self.nodes:
            wait("nats-server", lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0)
    def stop(self):
        for p in self.procs.values(): p.send_signal(signal.SIGTERM)
        for p in self.procs.values(): p.wait()
        self.procs = {}

def daemon(state, watch, sock, urls, replicas):
    os.makedirs(watch, exist_ok=True)
    return subprocess.Popen([binary, "run", "--watch", watch, "--state", state, "--socket", sock,
                             "--log-level", "warning", "--log-format", "text", "--sidecar-wait-ms", "0",
                             "--publish-url", urls, "--publish-replicas", str(replicas), "--instance", "bench"],
                            stdout=subprocess.DEVNULL, stderr=open(f"{root}/daemon.log", "a"))

def peer_python():
    venv = os.environ.get("BENCH_VENV", os.path.join(here, "..", ".build-bench", "venv"))
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if subprocess.run([py, "-c", "import nats"], capture_output=True).returncode != 0:
        subprocess.run([py, "-m", "pip", "install", "--quiet", "nats-py==2.9.0"], check=True)
    return py

def peer(py, cluster, state, replicas, label):
    r = subprocess.run([py, os.path.join(here, "nats-py-publisher.py"), cluster.urls(), state, "PEER",
                        str(replicas)], capture_output=True, check=True)
    n, seconds = r.stdout.split()
    print(f"{label}: nats-py peer published the same {int(n):,} lines in {float(seconds):.2f} s = "
          f"{int(n) / float(seconds):,.0f} records/s", flush=True)

def throughput(label, replicas, nodes):
    state = f"{root}/{label}/state"
    subprocess.run([os.path.join(here, "make-log"), state, str(N)], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, ARTICLED_BIN=binary))
    cluster = Cluster(nodes, label); cluster.start()
    sock = f"{root}/{label}/status.sock"
    t0 = time.monotonic()
    d = daemon(state, f"{root}/{label}/incoming", sock, cluster.urls(), replicas)
    wait("the stream to acknowledge every record",
         lambda: (st := status(sock)) and st.get("publish") and st["publish"]["acknowledged_seq"] >= N)
    seconds = time.monotonic() - t0
    print(f"{label}: {N:,} records ({os.popen(f'du -sh {state}/log').read().split()[0]}) published in "
          f"{seconds:.2f} s = {N / seconds:,.0f} records/s (from the daemon's exec)", flush=True)
    return cluster, d, state, sock

def outage(cluster, d, sock):
    texts = sorted(glob.glob(os.path.join(here, "..", "..", "shared", "corpus", "wcxb-dev", "region", "*.txt")))
    if not texts:
        texts = None
    watch = os.path.dirname(sock) + "/incoming"
    before = status(sock)["last_seq"]
    cluster.stop()
    for i in range(M):
        body = open(texts[i % len(texts)], "rb").read() if texts else (f"Headline {i}\n\n" + "Words here. " * 500).encode()
        tmp = f"{watch}/.tmp{i}"
        with open(tmp, "wb") as f: f.write(body + f"\n\nbench copy {i}\n".encode())
        os.rename(tmp, f"{watch}/o{i}.txt")
    wait("every dropped file to be recorded", lambda: status(sock)["last_seq"] >= before + M)
    st = status(sock)["publish"]
    print(f"outage: all servers down; {M:,} files dropped and recorded meanwhile; publish state {st['state']}, "
          f"lag {st['lag']:,}, last error: {st['last_error']}", flush=True)
    t0 = time.monotonic()
    cluster.start()
    wait("the lag to return to 0", lambda: (s := status(sock)) and s["publish"]["lag"] == 0)
    print(f"outage: servers back; lag {st['lag']:,} -> 0 in {time.monotonic() - t0:.2f} s (including the "
          f"cluster's restart and the client's reconnect)", flush=True)

def exactly_once(cluster, state):
    r = subprocess.run([binary, "stream", "cat", "--server", cluster.urls(), "--instance", "bench", "--verify"],
                       capture_output=True)
    stream = r.stdout.splitlines()
    log = []
    for seg in sorted(glob.glob(f"{state}/log/*.jsonl")):
        log += open(seg, "rb").read().splitlines()
    same = stream == log
    print(f"exactly once: {len(stream):,} messages for {len(log):,} log records; byte-identical and in order: "
          f"{same}; {r.stderr.decode().strip()}", flush=True)
    return same and r.returncode == 0

try:
    py = peer_python()
    c1, d1, s1, _ = throughput("single-server-R1", 1, 1)
    d1.send_signal(signal.SIGTERM); d1.wait()
    peer(py, c1, s1, 1, "single-server-R1")
    c1.stop()
    c3, d3, s3, sock3 = throughput("cluster-R3", 3, 3)
    peer(py, c3, s3, 3, "cluster-R3")
    outage(c3, d3, sock3)
    ok = exactly_once(c3, s3)
    d3.send_signal(signal.SIGTERM); d3.wait(); c3.stop()
    sys.exit(0 if ok else 1)
finally:
    shutil.rmtree(root, ignore_errors=True)
