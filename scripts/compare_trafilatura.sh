#!/usr/bin/env bash
# Main-text extraction on the HTML test set (eval/html/): newsgraph beside trafilatura, scored by one
# implementation of the measure (`newsgraph eval-html`: F1 of word 4-shingles against the gold bodies).
# Needs trafilatura in a Python environment: TRAFILATURA_PY (default: the project venv's python).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
PY="${TRAFILATURA_PY:-$NEWSGRAPH_VENV/bin/python}"
BIN="${NEWSGRAPH_BIN}"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$PY" eval/html/trafilatura_extract.py eval/html/pages "$out"
echo "newsgraph:   $("$BIN" eval-html eval/html)"
echo "trafilatura: $("$BIN" eval-html eval/html --extracted "$out")"
