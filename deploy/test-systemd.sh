#!/bin/bash
# Checks articled under a real systemd: boots this machine's OS in a throwaway systemd-nspawn container, installs
# the Debian package with `apt-get install ./articled_….deb` (ARTICLED_DEB=path) or install.sh (DESTDIR), and
# checks readiness, the STATUS= line, files dropped by a member of group articled becoming records, the status
# socket answering that member (and refusing others), journal entries with ARTICLED_* fields, `config check`,
# /metrics, `systemctl reload`, the watchdog restarting a daemon frozen with SIGSTOP, publishing to a NATS server
# through the network drop-in, a clean `systemctl stop`, socket activation and `apt-get remove`.
#
#   ARTICLED_BIN=path/to/articled deploy/test-systemd.sh     # install a binary built already
#   deploy/test-systemd.sh                                   # let install.sh build one (slow)
#   NSPAWN_EXTRA_ARGS="--bind-ro=/opt/swift"                 # extra nspawn options, e.g. to try a debug build
#
# Exits 0 with "skipped: …" when not root or systemd-nspawn is missing. The container is removed on every path.
set -euo pipefail

skip() {
    echo "skipped: $*"
    exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root to boot a container"
command -v systemd-nspawn >/dev/null 2>&1 || skip "systemd-nspawn is not installed (apt-get install systemd-container)"
command -v nsenter >/dev/null 2>&1 || skip "nsenter is not installed"

deploy=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/articled-systemd-test.XXXXXX)
machine="articled-test-$$"
nspawn_pid=""
leader=""
nats_pid=""
failures=0

cleanup() {
    local status=$?
    if [ -n "$leader" ] && kill -0 "$leader" 2>/dev/null; then
        nsenter -t "$leader" -a systemctl poweroff >/dev/null 2>&1 || true
    fi
    if [ -n "$nspawn_pid" ]; then
        for _ in $(seq 100); do
            kill -0 "$nspawn_pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$nspawn_pid" 2>/dev/null; then
            kill "$nspawn_pid" 2>/dev/null || true
            sleep 1
            kill -9 "$nspawn_pid" 2>/dev/null || true
        fi
        wait "$nspawn_pid" 2>/dev/null || true
    fi
    if [ -n "$nats_pid" ]; then kill "$nats_pid" 2>/dev/null || true; wait "$nats_pid" 2>/dev/null || true; fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { echo "PASS: $*"; }
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
# Runs a command inside the container.
c() { nsenter -t "$leader" -a "$@"; }
# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    return 1
}
prop() { c systemctl show -P "$1" articled.service; }

# Units of the host's other packages (nats-server, which `make deps` installs for the stream tests) would be
# enabled by the container's first boot too, and fail there without their users and folders: keep them off.
mkdir -p "$work/preset"
printf 'disable nats-server.service\n' > "$work/preset/10-host-packages.preset"

# 1. With ARTICLED_DEB, the Debian package, installed later inside the container by `apt-get install` (the
# host's own copy is only read, for the checks below); otherwise install.sh with DESTDIR, as an operator would.
if [ -n "${ARTICLED_DEB:-}" ]; then
    dpkg-deb -x "$ARTICLED_DEB" "$work/root"
    articled=/usr/bin/articled
    # apt and dpkg in the container see this machine's package database (a copy they may change) and write the
    # package's files into a fresh layer over the host's /usr.
    mkdir -p "$work/dpkg" "$work/usr-upper"
    cp -a /var/lib/dpkg/. "$work/dpkg/"
    # The host's overrides name groups the container's fresh /etc does not have; dpkg refuses to run with them.
    : > "$work/dpkg/statoverride"
    usr_overlay="--overlay=/usr:$work/usr-upper:/usr"
    control_bind="--bind=$work/dpkg:/var/lib/dpkg --bind-ro=$(readlink -f "$ARTICLED_DEB"):/mnt/$(basename "$ARTICLED_DEB")"
else
    DESTDIR="$work/root" ARTICLED_BIN="${ARTICLED_BIN:-}" "$deploy/install.sh" >"$work/install.log" 2>&1 || {
        cat "$work/install.log"
        echo "FAIL: install.sh"
        exit 1
    }
    pass "install.sh installed into DESTDIR"
    articled=/usr/local/bin/articled
    mkdir -p "$work/bin-upper"
    cp "$work/root/usr/local/bin/articled" "$work/bin-upper/articled"
    usr_overlay="--overlay=/usr/local/bin:$work/bin-upper:/usr/local/bin"
    control_bind=""
fi
if ldd "$work/root$articled" | grep -q libswift; then
    fail "the binary links the Swift runtime dynamically"
fi

# 2. Boot the container: the host's /usr read-only, everything else fresh; the package's files overlaid.
systemd-nspawn -D / --volatile=yes -M "$machine" --register=no --keep-unit \
    --bind-ro="$work/root:/mnt/articled" --bind-ro="$work/preset:/etc/systemd/system-preset" $control_bind "$usr_overlay" \
    ${NSPAWN_EXTRA_ARGS:-} --boot systemd.firstboot=off >"$work/nspawn.log" 2>&1 </dev/null &
nspawn_pid=$!
# The container's PID 1 (systemd) is nspawn's child, or its grandchild when nspawn forks a helper first.
find_leader() {
    local pid
    for pid in $(pgrep -P "$nspawn_pid") $(pgrep -P "$(pgrep -P "$nspawn_pid" | head -n1)" 2>/dev/null); do
        if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = systemd ]; then
            leader=$pid
            return 0
        fi
    done
    return 1
}
wait_for 30 find_leader || {
    cat "$work/nspawn.log"
    echo "FAIL: the container did not start"
    exit 1
}
booted() { c systemctl is-system-running 2>/dev/null | grep -qE '^(running|degraded)$'; }
wait_for 60 booted || {
    c systemctl --failed --no-pager || true
    echo "FAIL: systemd in the container did not finish booting"
    exit 1
}
pass "container booted with systemd as PID 1 ($(c systemctl --version | head -n1))"

# 3. Install the files into the container's /etc, create the user, the spool and a member of group articled.
[ -n "${ARTICLED_DEB:-}" ] || c cp -a /mnt/articled/etc/. /etc/
c mkdir -p /etc/sysusers.d
cat <<'USERS' | c tee /etc/sysusers.d/articled-test.conf >/dev/null
u alice - "test user in group articled" /
m alice articled
u mallory - "test user outside the group" /
USERS
if [ -n "${ARTICLED_DEB:-}" ]; then
    # As an operator installs a downloaded package: apt resolves its dependencies against the installed system,
    # dpkg unpacks it and runs its postinst (users, folders, daemon-reload, enable --now).
    c mkdir -p /var/cache/apt/archives/partial /var/lib/apt/lists/partial /var/log/apt
    deb_name=$(basename "$ARTICLED_DEB")
    if c env DEBIAN_FRONTEND=noninteractive sh -c "cd /mnt && apt-get install -y -q ./$deb_name" \
        >"$work/apt.log" 2>&1 \
        && c dpkg-query -W -f='${Status} ${Version}' articled | grep -q '^install ok installed'; then
        pass "apt-get install ./$(basename "$ARTICLED_DEB"): $(c dpkg-query -W -f='${Package} ${Version} ${Status}' articled)"
    else
        fail "apt-get install of the package"
        cat "$work/apt.log"
    fi
    c systemd-sysusers
else
    c systemd-sysusers
    c systemd-tmpfiles --create /etc/tmpfiles.d/articled.conf
    c systemctl daemon-reload
fi
if c test -e /usr/share/man/man1/articled.1.gz -o -z "${ARTICLED_DEB:-}"; then :; else fail "no man page"; fi
if [ -n "${ARTICLED_DEB:-}" ] && c sh -c 'MANPAGER=cat man articled-log-cat 2>/dev/null | grep -q "log cat"'; then
    pass "man articled-log-cat reads the packaged page"
elif [ -n "${ARTICLED_DEB:-}" ]; then
    c test -s /usr/share/man/man1/articled-log-cat.1.gz && pass "the packaged man page articled-log-cat(1) is there" \
        || fail "no packaged man page articled-log-cat(1)"
fi

# 4. Start: Type=notify makes `systemctl start` wait for READY=1.
if c systemctl start articled.socket articled.service; then
    pass "systemctl start returned after READY=1 (ActiveState=$(prop ActiveState), SubState=$(prop SubState))"
else
    fail "systemctl start articled"
    c journalctl -u articled --no-pager -n 50 || true
    exit 1
fi
status_is() { prop StatusText | grep -q "$1"; }
# READY=1 carries STATUS=: the line is current the moment `systemctl start` returns, with no waiting.
if status_is '^watching '; then
    pass "status text at READY=1: $(prop StatusText)"
else
    fail "status text right after start: '$(prop StatusText)' (READY=1 came without the current STATUS=)"
fi
if wait_for 10 status_is '^watching /var/spool/articled/incoming: 0 articles, 0 duplicates, 0 rejected, queue 0$'; then
    pass "status text: $(prop StatusText)"
else
    fail "status text: '$(prop StatusText)'"
fi

# 5. alice drops files; they become records and leave the spool.
c setpriv --reuid=alice --regid=alice --init-groups sh -c '
    printf "Ministers agree on river plan\n\nBy Jane Doe\n\nThe ministers of three countries agreed on Tuesday to share the water of the river, ending years of talks.\n\nThe plan takes effect next spring.\n" > /var/spool/articled/incoming/river.txt
    printf "\000\001\002binary" > /var/spool/articled/incoming/junk.bin'
if wait_for 20 status_is ': 1 article, 0 duplicates, 1 rejected, queue 0'; then
    pass "files dropped by alice were logged: $(prop StatusText)"
else
    fail "files dropped by alice were not logged: '$(prop StatusText)'"
fi
records=$(c "$articled" log cat --state /var/lib/articled 2>/dev/null || true)
if echo "$records" | grep -q '"kind":"article"' && echo "$records" | grep -q '"name":"river.txt"'; then
    pass "the log holds river.txt as an article"
else
    fail "the log does not hold river.txt: $records"
fi
if c test -e /var/spool/articled/incoming/river.txt; then fail "river.txt is still in the spool"; else pass "river.txt left the spool"; fi
# Readers without root: members of group articled read the log (UMask=0027, StateDirectoryMode=0750), others not.
alice_records=$(c setpriv --reuid=alice --regid=alice --init-groups "$articled" log cat --state /var/lib/articled 2>&1 || true)
if echo "$alice_records" | grep -q '"name":"river.txt"'; then
    pass "articled log cat as alice (group articled) reads the records"
else
    fail "articled log cat as alice: $alice_records"
fi
if c setpriv --reuid=mallory --regid=mallory --init-groups "$articled" log cat --state /var/lib/articled >/dev/null 2>&1; then
    fail "mallory (not in group articled) read the log"
else
    pass "articled log cat as mallory is refused"
fi

# 6. The status socket answers alice (group articled) and refuses mallory.
if out=$(c setpriv --reuid=alice --regid=alice --init-groups "$articled" status 2>&1) \
    && echo "$out" | grep -q '1 article, 0 duplicates, 1 rejected'; then
    pass "articled status as alice: $(echo "$out" | head -n1)"
else
    fail "articled status as alice: $out"
fi
code=$(c setpriv --reuid=alice --regid=alice --init-groups curl -s -o /dev/null -w '%{http_code}' \
    --unix-socket /run/articled/status.sock http://localhost/health || true)
[ "$code" = 200 ] && pass "curl /health as alice: 200" || fail "curl /health as alice: $code"
if out=$(c setpriv --reuid=mallory --regid=mallory --init-groups "$articled" status 2>&1); then
    fail "mallory (not in group articled) was answered: $out"
else
    pass "mallory refused: $out"
fi

# 7. journald has the entries with the ARTICLED_ fields.
journal=$(c journalctl -u articled.service -o json --no-pager 2>/dev/null || true)
entry=$(echo "$journal" | grep '"ARTICLED_SOURCE":"river.txt"' | head -n1 || true)
if [ -n "$entry" ] && echo "$entry" | grep -q '"ARTICLED_SEQ":"[0-9]' && echo "$entry" | grep -q '"ARTICLED_KIND":"article"' \
    && echo "$entry" | grep -q '"ARTICLED_SHA256":"[0-9a-f]\{64\}"' && echo "$entry" | grep -q '"CODE_FILE":'; then
    pass "journal entry for river.txt has ARTICLED_SEQ, ARTICLED_KIND, ARTICLED_SOURCE, ARTICLED_SHA256, CODE_FILE"
else
    fail "no journal entry with ARTICLED_ fields for river.txt"
    echo "$journal" | tail -n 5
fi

# 7b. The configuration the unit runs with passes `config check`; a typo is named and exits 78. /metrics has
# every declared series, with values that followed the files.
if out=$(c "$articled" config check --config /etc/articled/articled.toml 2>&1); then
    pass "articled config check: $(echo "$out" | tail -n1)"
else
    fail "articled config check on the installed file: $out"
fi
printf 'watch = "/var/spool/articled/incoming"\nworkrs = 2\n' | c tee /tmp/typo.toml >/dev/null
code=0
c "$articled" config check --config /tmp/typo.toml >/dev/null 2>&1 || code=$?
if [ "$code" = 78 ]; then
    pass "config check on a typo exits 78"
else
    fail "config check on a typo exited $code"
fi
metrics=$(c curl -s --unix-socket /run/articled/status.sock http://localhost/metrics || true)
missing=""
for series in 'articled_files_total{outcome="article"} 1' articled_queue_depth articled_log_bytes \
    articled_fsync_seconds_count articled_ingest_latency_seconds_count articled_build_info; do
    echo "$metrics" | grep -qF "$series" || missing="$missing $series"
done
[ -z "$missing" ] && pass "/metrics has every declared series" || fail "/metrics lacks:$missing"

# 8. systemctl reload: RELOADING=1 … READY=1, and the daemon goes on.
pid_before=$(prop MainPID)
if c systemctl reload articled.service && [ "$(prop ActiveState)" = active ] && [ "$(prop MainPID)" = "$pid_before" ]; then
    pass "systemctl reload returned; same process ($pid_before), still active"
else
    fail "systemctl reload (ActiveState=$(prop ActiveState))"
fi
reloaded() { c journalctl -u articled.service --no-pager -o cat | grep -q 'configuration reloaded'; }
wait_for 5 reloaded && pass "the daemon logged the reload" || fail "no reload in the journal"

# 9. The watchdog restarts a daemon frozen with SIGSTOP (short WatchdogSec from a drop-in).
c mkdir -p /etc/systemd/system/articled.service.d
printf "[Service]\nWatchdogSec=2s\nRestartSec=1s\nTimeoutAbortSec=5s\n" | c tee /etc/systemd/system/articled.service.d/watchdog.conf >/dev/null
c systemctl daemon-reload
c systemctl restart articled.service
frozen=$(prop MainPID)
restarts_before=$(prop NRestarts)
c kill -STOP "$frozen"
restarted() { [ "$(prop MainPID)" != "$frozen" ] && [ "$(prop ActiveState)" = active ] && [ "$(prop MainPID)" != 0 ]; }
if wait_for 30 restarted; then
    pass "watchdog restarted the frozen daemon (pid $frozen → $(prop MainPID), NRestarts $restarts_before → $(prop NRestarts))"
else
    fail "the frozen daemon was not restarted (MainPID=$(prop MainPID), ActiveState=$(prop ActiveState))"
fi
if c journalctl -u articled.service --no-pager -o cat | grep -qi 'watchdog timeout'; then
    pass "journal: systemd reported the watchdog timeout"
else
    fail "no watchdog timeout in the journal"
fi
c rm -r /etc/systemd/system/articled.service.d
c systemctl daemon-reload

# 9b. Publishing to NATS JetStream under the hardened unit (the package's build only): a nats-server on the
# host's loopback (the container shares the host's network). Without the network drop-in the unit has no
# network and the publisher retries; with the shipped drop-in the stream gets every record.
if [ -n "${ARTICLED_DEB:-}" ] && command -v nats-server >/dev/null 2>&1; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    nats-server -js -a 127.0.0.1 -p "$port" -sd "$work/nats" >"$work/nats.log" 2>&1 &
    nats_pid=$!
    c cp /etc/articled/articled.toml /tmp/articled.toml.orig
    printf 'publish-url = "nats://127.0.0.1:%s"\ninstance = "container"\n' "$port" | c tee -a /etc/articled/articled.toml >/dev/null
    c systemctl restart articled.service
    publish_is() { c "$articled" status 2>/dev/null | grep -q "publish    $1"; }
    if wait_for 20 publish_is retrying; then
        pass "without the network drop-in the unit cannot reach the broker: publish retrying"
    else
        fail "publishing without the drop-in: $(c "$articled" status 2>&1 | grep publish || true)"
    fi
    c mkdir -p /etc/systemd/system/articled.service.d
    c cp /usr/share/doc/articled/examples/network.conf /etc/systemd/system/articled.service.d/network.conf
    c systemctl daemon-reload
    c systemctl restart articled.service
    if wait_for 30 publish_is caught-up; then
        logged=$(c "$articled" log cat --state /var/lib/articled | wc -l)
        streamed=$("$work/root$articled" stream cat --server "nats://127.0.0.1:$port" --instance container --verify 2>"$work/verify.txt" | wc -l)
        if [ "$streamed" = "$logged" ] && grep -q "every chain intact" "$work/verify.txt"; then
            pass "with deploy/network.conf the stream holds all $logged records, chain intact ($(c "$articled" status | grep 'publish '))"
        else
            fail "stream holds $streamed of $logged records: $(cat "$work/verify.txt")"
        fi
    else
        fail "publishing with the drop-in: $(c "$articled" status 2>&1 | grep publish || true)"
    fi
    c rm -r /etc/systemd/system/articled.service.d
    c cp /tmp/articled.toml.orig /etc/articled/articled.toml
    c systemctl daemon-reload
    c systemctl restart articled.service
fi

# 10. A clean stop: STOPPING=1, exit 0, no failure recorded.
if c systemctl stop articled.service && [ "$(prop ActiveState)" = inactive ] && [ "$(prop Result)" = success ]; then
    pass "systemctl stop: inactive, Result=success, exit status $(prop ExecMainStatus)"
else
    fail "systemctl stop (ActiveState=$(prop ActiveState), Result=$(prop Result))"
fi
# The socket stays with systemd, so status requests start the daemon again.
if c "$articled" status >/dev/null 2>&1 && [ "$(prop ActiveState)" = active ]; then
    pass "a status request on the socket started the daemon again (socket activation)"
else
    fail "socket activation after stop (ActiveState=$(prop ActiveState))"
fi

# 11. apt-get remove: the service stopped and disabled, the binary gone, the edited configuration kept.
if [ -n "${ARTICLED_DEB:-}" ]; then
    if c env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q articled >"$work/apt-remove.log" 2>&1 \
        && ! c test -e /usr/bin/articled && c test -f /etc/articled/articled.toml \
        && [ "$(prop ActiveState)" = inactive ]; then
        pass "apt-get remove: stopped, binary gone, /etc/articled/articled.toml kept (a conffile)"
    else
        fail "apt-get remove (ActiveState=$(prop ActiveState))"
        tail -n 20 "$work/apt-remove.log"
    fi
fi

if [ "$failures" -eq 0 ]; then
    echo "test-systemd: all checks passed"
else
    echo "test-systemd: $failures check(s) failed"
    c journalctl -u articled.service --no-pager -n 40 -o short-monotonic || true
    exit 1
fi
