#!/bin/sh
# Builds the extractor with libFuzzer and AddressSanitizer and runs it.
# Usage: Fuzz/run.sh [seconds] [max input length]   (defaults 600 and 65536; the corpus grows in .build/fuzz/corpus)
set -eu
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-600}"
MAX_LEN="${2:-65536}"
OUT=.build/fuzz
mkdir -p "$OUT/corpus"
# Seed the corpus with the test fixtures' shapes, if any exist, so the fuzzer starts from article-like text.
for f in Tests/ArticleExtractionTests/Fixtures/*; do [ -f "$f" ] && cp "$f" "$OUT/corpus/" || true; done
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ArticleExtraction \
    -I Sources/CUchardet -luchardet \
    Sources/ArticleExtraction/*.swift Fuzz/ExtractorFuzz.swift -o "$OUT/extractor-fuzz"
exec "$OUT/extractor-fuzz" -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 "$OUT/corpus"
