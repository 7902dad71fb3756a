#!/usr/bin/env bash
# Whole-process extraction speed on real article dumps: `articled extract FILE…` (release build, one JSON line
# per file to /dev/null) against trafilatura 2.x from PyPI on the same files in the same run (a venv this
# script makes; trafilatura gets each file's lines wrapped as <p> paragraphs and runs bare_extraction, then
# one JSON line per file, as a Python ingester would). Files: the pages and regions of ../shared/corpus/wcxb-dev
# (or the folders given). Prints docs/s for each and the ratio. articled runs three times (the median counts),
# trafilatura once before and once after it (the faster counts), so that a noisy stretch of the shared host
# does not decide the ratio.
# With BEFORE_BIN=path (an older build), that binary is timed the same way in the same run.
#   bench/extract-vs-trafilatura.sh [DIR ...]   (ARTICLED_BIN=path to skip the release build;
#                                                 BENCH_VENV=path for the venv, default .build-bench/venv)
set -euo pipefail
cd "$(dirname "$0")/.."
DIRS=("$@")
[ ${#DIRS[@]} -gt 0 ] || DIRS=(../shared/corpus/wcxb-dev/page ../shared/corpus/wcxb-dev/region)
if [ -z "${ARTICLED_BIN:-}" ]; then
  swift build -c release --product articled >&2
  ARTICLED_BIN=$(swift build -c release --show-bin-path)/articled
fi
VENV=${BENCH_VENV:-.build-bench/venv}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import trafilatura" 2>/dev/null; then
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q "trafilatura>=2,<3" lxml_html_clean >&2
fi
FILES=()
for d in "${DIRS[@]}"; do for f in "$d"/*.txt; do FILES+=("$f"); done; done
LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT
printf '%s\n' "${FILES[@]}" >"$LIST"
N=${#FILES[@]}
BYTES=$(cat "${FILES[@]}" | wc -c)
echo "documents: $N ($((BYTES / 1024)) KiB); trafilatura $("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')"

now() { date +%s.%N; }
run_trafilatura() {
  "$VENV/bin/python" - "$LIST" >/dev/null <<'PY'
import html, json, sys
from trafilatura import bare_extraction
for path in open(sys.argv[1]).read().splitlines():
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    doc = bare_extraction(f"<html><body>{body}</body></html>", with_metadata=True)
    out = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else doc
    print(json.dumps({"file": path, "text": (out or {}).get("text")}, ensure_ascii=False))
PY
}
run_articled() {
  # Exit 2 means some files were rejected (a JSON line says so); that is an answer, not a failure.
  "${1:-$ARTICLED_BIN}" extract "${FILES[@]}" >/dev/null || [ $? -eq 2 ]
}
t0=$(now); run_trafilatura; t1=$(now)
TRAF1=$(echo "$t1 - $t0" | bc -l)
ART=()
BEFORE=()
for _ in 1 2 3; do
  t0=$(now); run_articled; t1=$(now); ART+=("$(echo "$t1 - $t0" | bc -l)")
  if [ -n "${BEFORE_BIN:-}" ]; then
    t0=$(now); run_articled "$BEFORE_BIN"; t1=$(now); BEFORE+=("$(echo "$t1 - $t0" | bc -l)")
  fi
done
t0=$(now); run_trafilatura; t1=$(now)
TRAF2=$(echo "$t1 - $t0" | bc -l)
python3 - "$N" "$TRAF1" "$TRAF2" "${ART[*]}" "${BEFORE[*]:-}" <<'PY'
import sys
n = int(sys.argv[1]); t1, t2 = float(sys.argv[2]), float(sys.argv[3])
traf = min(t1, t2)
print(f"trafilatura: {t1:.2f} s and {t2:.2f} s -> {n / traf:.0f} docs/s")
for label, times in (("articled extract", sys.argv[4]), ("before (BEFORE_BIN)", sys.argv[5])):
    if not times.strip():
        continue
    runs = sorted(map(float, times.split()))
    a = runs[len(runs) // 2]
    print(f"{label}: {', '.join(f'{x:.2f}' for x in runs)} s -> median {n / a:.0f} docs/s, {traf / a:.1f}x trafilatura")
PY
