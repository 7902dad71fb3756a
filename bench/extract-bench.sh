#!/bin/sh
# Speed of the whole extractor on one core: builds release, then times `articled extract --bench` over a mix of
# our own fixtures (region and whole-page dumps, eight languages, four encodings) repeated PASSES times.
# Usage: bench/extract-bench.sh [PASSES]   (default 2000)
set -eu
cd "$(dirname "$0")/.."
PASSES="${1:-2000}"
swift build -c release --product articled >/dev/null
BIN="$(swift build -c release --show-bin-path)/articled"
exec "$BIN" extract --bench "$PASSES" Tests/ArticleExtractionTests/Fixtures/*.txt bench/extract-bench/*.txt
