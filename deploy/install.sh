#!/bin/sh
# Builds articled with the Swift standard library linked statically (so it runs where no Swift toolchain is
# installed) and installs it with its systemd units and configuration under $DESTDIR (default /):
#
#   /usr/local/bin/articled
#   /etc/systemd/system/articled.service, articled.socket
#   /etc/sysusers.d/articled.conf, /etc/tmpfiles.d/articled.conf
#   /etc/articled/articled.toml            (an existing one is kept; the example goes to articled.toml.example)
#
# Environment:
#   DESTDIR        install root (default /)
#   ARTICLED_BIN   an already built binary to install instead of building one
#   SWIFT          the swift driver (default swift)
#   SCRATCH_PATH   SwiftPM's build folder (default .build in the repository)
#
# When installing into / on a machine running systemd, it also creates the user and the spool folder and reloads
# systemd; start the daemon with `systemctl enable --now articled.socket articled.service`.
set -eu

deploy=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$deploy")
DESTDIR=${DESTDIR:-/}
SWIFT=${SWIFT:-swift}

bin=${ARTICLED_BIN:-}
if [ -z "$bin" ]; then
    scratch=${SCRATCH_PATH:-$repo/.build}
    echo "install.sh: building a release binary with the Swift standard library linked statically"
    (cd "$repo" && "$SWIFT" build -c release --static-swift-stdlib --product articled --scratch-path "$scratch")
    bin=$(cd "$repo" && "$SWIFT" build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/articled
fi
if [ ! -x "$bin" ]; then
    echo "install.sh: no executable at $bin" >&2
    exit 1
fi
if command -v ldd >/dev/null 2>&1 && ldd "$bin" 2>/dev/null | grep -q 'libswift\|libFoundation'; then
    echo "install.sh: warning: $bin links the Swift runtime dynamically; build with --static-swift-stdlib" >&2
fi

install -D -m 0755 "$bin" "$DESTDIR/usr/local/bin/articled"
install -D -m 0644 "$deploy/articled.service" "$DESTDIR/etc/systemd/system/articled.service"
install -D -m 0644 "$deploy/articled.socket" "$DESTDIR/etc/systemd/system/articled.socket"
install -D -m 0644 "$deploy/sysusers.d/articled.conf" "$DESTDIR/etc/sysusers.d/articled.conf"
install -D -m 0644 "$deploy/tmpfiles.d/articled.conf" "$DESTDIR/etc/tmpfiles.d/articled.conf"
if [ -e "$DESTDIR/etc/articled/articled.toml" ]; then
    install -D -m 0644 "$deploy/articled.toml" "$DESTDIR/etc/articled/articled.toml.example"
    echo "install.sh: kept the existing $DESTDIR/etc/articled/articled.toml (example in articled.toml.example)"
else
    install -D -m 0644 "$deploy/articled.toml" "$DESTDIR/etc/articled/articled.toml"
fi
echo "install.sh: installed articled under $DESTDIR"

if [ "$DESTDIR" = "/" ] && [ -d /run/systemd/system ]; then
    systemd-sysusers /etc/sysusers.d/articled.conf
    systemd-tmpfiles --create /etc/tmpfiles.d/articled.conf
    systemctl daemon-reload
    echo "install.sh: start it with: systemctl enable --now articled.socket articled.service"
fi
