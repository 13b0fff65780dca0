# Publication checks, sourced by tests/outside/check.sh (which gives $BIN, $tmp, $PY, $SHARED, the inputs
# array and `check NAME CMD...`): the DCAT-AP catalogue `newsgraph publish` writes passes the official
# DCAT-AP 3.0.1 SHACL shapes (../shared/dcat-ap/: the mandatory shapes and the range checks; the
# recommended shapes are reported), in Turtle and in JSON-LD, and rapper parses the VoID description.
pub_store="$tmp/publish-store"
pub="$tmp/publication"
"$BIN" load --quiet --store "$pub_store" "${inputs[@]}" >/dev/null 2>&1
check "publish: writes dumps and a catalogue" "$BIN" publish --quiet --store "$pub_store" --out "$pub" \
  --title "Nyheter från Exempelstad" --description "Artiklar som länkade data" --publisher "Exempelstad" \
  --publisher-type LocalAuthority --license http://creativecommons.org/licenses/by/4.0/ \
  --url https://data.example.se/news/ --endpoint https://data.example.se/sparql --theme SOCI --theme GOVE \
  --keyword nyheter --contact data@example.se
if [ -d "$SHARED/dcat-ap" ]; then
  for shapes in shapes range; do
    check "publish: catalog.ttl passes DCAT-AP 3.0.1 $shapes.ttl (pyshacl)" "$NEWSGRAPH_VENV/bin/pyshacl" \
      -s "$SHARED/dcat-ap/$shapes.ttl" -sf turtle -df turtle "$pub/catalog.ttl"
    check "publish: catalog.jsonld passes DCAT-AP 3.0.1 $shapes.ttl (pyshacl)" "$NEWSGRAPH_VENV/bin/pyshacl" \
      -s "$SHARED/dcat-ap/$shapes.ttl" -sf turtle -df json-ld "$pub/catalog.jsonld"
  done
  # Recommended properties: reported, not required (dcat:bbox needs a bounding box the store does not have).
  misses=$("$NEWSGRAPH_VENV/bin/pyshacl" -s "$SHARED/dcat-ap/shapes_recommended.ttl" -sf turtle -df turtle \
    "$pub/catalog.ttl" | grep -c "Message:" || true)
  echo "publish: DCAT-AP recommended shapes: $misses messages (dcat:bbox of the places)"
fi
check "publish: rapper parses void.ttl" rapper -q -i turtle -c "$pub/void.ttl" "http://example.org/"
check "publish: the N-Quads dump holds what export gives" bash -c \
  "'$BIN' export --store '$pub_store' | sort > '$tmp/pub-export.nq' && gzip -dc '$pub/articles.nq.gz' | sort | cmp - '$tmp/pub-export.nq'"
check "publish: sha256sum agrees with the catalogue" "$PY" -c '
import hashlib, sys, rdflib
g = rdflib.Graph().parse(sys.argv[1] + "/catalog.ttl")
DCAT, SPDX = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://spdx.org/rdf/terms#")
n = 0
for dist, url in g.subject_objects(DCAT.downloadURL):
    data = open(sys.argv[1] + "/" + str(url).rsplit("/", 1)[1], "rb").read()
    value = str(g.value(g.value(dist, SPDX.checksum), SPDX.checksumValue))
    assert value == hashlib.sha256(data).hexdigest(), url
    assert int(g.value(dist, DCAT.byteSize)) == len(data), url
    n += 1
assert n == 3, n
' "$pub"
