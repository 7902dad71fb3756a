#!/bin/sh
# Builds articled_VERSION_amd64.deb with dpkg-deb from a static release binary (the Swift runtime linked in):
#
#   /usr/bin/articled
#   /usr/lib/systemd/system/articled.service, articled.socket
#   /usr/lib/sysusers.d/articled.conf, /usr/lib/tmpfiles.d/articled.conf
#   /etc/articled/articled.toml                      (a conffile: an operator's edits survive upgrades)
#   /usr/share/man/man1/articled*.1.gz               (from the argument parser's own description)
#   bash, zsh and fish completions
#
#   scripts/make-deb.sh BINARY OUTDIR
set -eu
bin=$1
out=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
version=$("$bin" --version)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d /tmp/articled-deb.XXXXXX)
trap 'rm -rf "$stage"' EXIT
root="$stage/articled_${version}_$arch"

install -D -m 0755 "$bin" "$root/usr/bin/articled"
# The units name the packaged binary; install.sh keeps /usr/local/bin for machines without dpkg.
for unit in articled.service articled.socket; do
    sed 's|/usr/local/bin/articled|/usr/bin/articled|g' "$repo/deploy/$unit" > "$stage/$unit"
    install -D -m 0644 "$stage/$unit" "$root/usr/lib/systemd/system/$unit"
done
install -D -m 0644 "$repo/deploy/sysusers.d/articled.conf" "$root/usr/lib/sysusers.d/articled.conf"
install -D -m 0644 "$repo/deploy/tmpfiles.d/articled.conf" "$root/usr/lib/tmpfiles.d/articled.conf"
install -D -m 0644 "$repo/deploy/articled.toml" "$root/etc/articled/articled.toml"
python3 "$repo/scripts/make-man.py" "$bin" "$root/usr/share/man/man1"
gzip -9n "$root"/usr/share/man/man1/*.1
mkdir -p "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d"
"$bin" --generate-completion-script bash > "$root/usr/share/bash-completion/completions/articled"
"$bin" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_articled"
"$bin" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/articled.fish"
install -D -m 0644 "$repo/README.md" "$root/usr/share/doc/articled/README.md"
for doc in "$repo"/docs/*.md "$repo"/docs/*.json; do install -m 0644 "$doc" "$root/usr/share/doc/articled/"; done
install -D -m 0644 "$repo/deploy/network.conf" "$root/usr/share/doc/articled/examples/network.conf"

mkdir -p "$root/DEBIAN"
echo /etc/articled/articled.toml > "$root/DEBIAN/conffiles"
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: articled
Version: $version
Architecture: $arch
Maintainer: articled developers <articled@example.invalid>
Depends: libc6 (>= 2.36), libsystemd0, libuchardet0, libnats3.4, libstdc++6, libgcc-s1, systemd
Suggests: nats-server
Installed-Size: $size
Section: net
Priority: optional
Description: news-article drop-folder daemon with a tamper-evident log
 articled watches a drop folder, takes every article file once it is completely
 written, cleans and extracts it (headline, dates, outlet, byline, body, people,
 places, organisations, quotes) and appends one record per file to an
 append-only, hash-chained log. It runs as a hardened systemd service and
 answers status queries on a local Unix socket.
CONTROL
# The user, the spool and the socket folder on install; the units enabled and started only on first install,
# as Debian's own services are; stopped before removal.
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    systemd-sysusers articled.conf || true
    systemd-tmpfiles --create articled.conf || true
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
        if [ -z "$2" ]; then systemctl enable --now articled.socket articled.service || true
        else systemctl try-restart articled.service || true; fi
    fi
fi
POSTINST
cat > "$root/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
    systemctl disable --now articled.service articled.socket || true
fi
PRERM
cat > "$root/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
POSTRM
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"
mkdir -p "$out"
dpkg-deb --root-owner-group --build "$root" "$out/articled_${version}_$arch.deb" >/dev/null
echo "$out/articled_${version}_$arch.deb"
