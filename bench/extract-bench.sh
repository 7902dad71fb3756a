#!/bin/sh
# Speed of the whole extractor on one core: builds release, then times the hidden `articled extract --bench PASSES`
# over our own fixtures (region and whole-page dumps, nine languages, six encodings) and three larger generated
# documents (bench/extract-bench/make_bench.py). Prints three lines: the whole mix, the UTF-8 documents, and the
# legacy-encoded ones (which pay for uchardet and iconv). "per core" divides by the thread's CPU time.
# Usage: bench/extract-bench.sh [PASSES]   (default 300)
set -eu
cd "$(dirname "$0")/.."
PASSES="${1:-300}"
swift build -c release --product articled >/dev/null
BIN="$(swift build -c release --show-bin-path)/articled"
F=Tests/ArticleExtractionTests/Fixtures
B=bench/extract-bench
echo "mix:    $("$BIN" extract --bench "$PASSES" $F/*.txt $B/*.txt)"
echo "utf-8:  $("$BIN" extract --bench "$PASSES" $F/en_*.txt $F/uk_region.txt $F/pt_region.txt $F/es_whole_page.txt $B/en_*.txt)"
echo "legacy: $("$BIN" extract --bench "$PASSES" $F/ru_*.txt $F/fr_1252.txt $F/es_region.txt $F/it_region.txt $F/de_utf16.txt $B/ru_*.txt)"
