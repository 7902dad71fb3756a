#!/bin/sh
# Speed of the whole extractor (decoding, cleaning, fields, entities, quotes, SimHash) on one core: builds release,
# then times the hidden `articled extract --bench PASSES` over
#   - our fixtures: 25 region and whole-page dumps in ten languages and six encodings (Tests/.../Fixtures),
#   - three longer documents built from their paragraphs (bench/extract-bench/make_bench.py, 8-10 KB),
#   - the five real seed articles in ../shared/corpus/seeds, when that folder is present (read in place).
# Prints the whole set, then the UTF-8 and the legacy-encoded documents (which pay for uchardet). "per core"
# divides by the CPU time of the extracting thread; every pass extracts every document once. The passes run in five
# timed rounds: the first figure is the whole run's, then the median round and the slowest and fastest (on a shared
# host, a slow stretch of a run shows as one slow round).
# Usage: bench/extract-bench.sh [PASSES]   (default 300)
set -eu
cd "$(dirname "$0")/.."
PASSES="${1:-300}"
swift build -c release --product articled >/dev/null
BIN="$(swift build -c release --show-bin-path)/articled"
F=Tests/ArticleExtractionTests/Fixtures
B=bench/extract-bench
SEEDS=""
if [ -d ../shared/corpus/seeds ]; then SEEDS="$(ls ../shared/corpus/seeds/*.txt)"; fi
UTF8=""
LEGACY=""
for f in $F/*.txt $B/*.txt $SEEDS; do
    if iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' ')" != "fffe" ]; then
        UTF8="$UTF8 $f"
    else
        LEGACY="$LEGACY $f"
    fi
done
echo "all:    $("$BIN" extract --bench "$PASSES" $UTF8 $LEGACY)"
echo "utf-8:  $("$BIN" extract --bench "$PASSES" $UTF8)"
echo "legacy: $("$BIN" extract --bench "$PASSES" $LEGACY)"
if [ -n "$SEEDS" ]; then echo "seeds:  $("$BIN" extract --bench "$PASSES" $SEEDS)"; fi
