#!/usr/bin/env bash
# Outside checks: newsgraph's output as independent tools see it, on every sample (text, Markdown, HTML,
# WARC: a WARC file's pages come as one JSON-LD array, one archive, concatenated quads) and on the seed.
#  - pyld expands the JSON-LD (bundled official schema.org context, offline) to exactly the triples of
#    `--format nquads` (rdflib isomorphism);
#  - the shared schema.org vocabulary check accepts the N-Quads;
#  - rapper (Raptor) parses the Turtle;
#  - pyshacl validates the RDF against tests/outside/shapes.ttl (RDFS inference, so subtypes count).
#  - package.d: E-ARK's validator, xmllint with the METS schemas and hashlib accept `newsgraph package`.
#  - serve.d: the browser page of `newsgraph serve` in headless Chromium (selenium, tests/outside/browser.py).
# Needs the venvs from scripts/setup.sh and ../shared beside the repository.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/env.sh
PY="$NEWSGRAPH_VENV/bin/python"
SHARED="${NEWSGRAPH_SHARED:-../shared}"
BIN="${NEWSGRAPH_BIN}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { # name, command...
  local name=$1; shift
  if out=$("$@" 2>&1); then passed=$((passed+1)); else failed=$((failed+1)); echo "FAIL $name"; echo "$out" | head -20; fi
}
inputs=()
for f in samples/*.txt samples/*.md samples/*.html samples/*.warc samples/*.warc.gz; do
  [ -e "$f" ] || continue
  case "$(basename "$f")" in README*) ;; *) inputs+=("$f") ;; esac
done
[ -f "$SHARED/seed/interview-stadsbyggnadsdirektor-sv.txt" ] && inputs+=("$SHARED/seed/interview-stadsbyggnadsdirektor-sv.txt")
for f in "${inputs[@]}"; do
  n=$(basename "$f"); n=${n%.*}
  "$BIN" convert --format jsonld "$f" > "$tmp/$n.jsonld"
  "$BIN" convert --format nquads "$f" > "$tmp/$n.nq"
  "$BIN" convert --format turtle "$f" > "$tmp/$n.ttl"
  check "$n: pyld expansion equals N-Quads" bash -c "'$PY' '$SHARED/tools/jsonld_to_nq.py' '$tmp/$n.jsonld' > '$tmp/$n.pyld.nq' && '$PY' tests/outside/same_graph.py '$tmp/$n.pyld.nq' '$tmp/$n.nq'"
  check "$n: schema.org vocabulary" "$PY" "$SHARED/tools/vocab_check.py" "$tmp/$n.nq"
  check "$n: rapper parses Turtle" rapper -q -i turtle -o ntriples "$tmp/$n.ttl" "http://example.org/"
done
# One SHACL run over every input's triples; the schema.org vocabulary is mixed in so that subtypes
# (City, GovernmentOrganization, ...) are targeted by the shapes of their supertypes.
cat "$tmp"/*.nq > "$tmp/all.nt"
check "SHACL shapes (pyshacl)" "$NEWSGRAPH_VENV/bin/pyshacl" -s tests/outside/shapes.ttl -sf turtle \
  -e schemas/schemaorg/schemaorg-all-http.nt -ef nt -df nt "$tmp/all.nt"
for hook in tests/outside/*.d/*.sh; do
  [ -e "$hook" ] || continue
  . "$hook"
done
echo "outside: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
