# Sourced by tests/outside/check.sh (which provides $BIN, $tmp, the inputs array and check NAME CMD...):
# every input's XML archive validates against schemas/newsgraph-archive-1.xsd with xmllint, and importing
# it gives exactly the N-Quads of converting the input directly. Then one archive of all inputs, written
# by `newsgraph archive`, validates and imports to the same N-Quads as well, and one with a failed input
# validates and records it.
XSD=schemas/newsgraph-archive-1.xsd
for f in "${inputs[@]}"; do
  n=$(basename "$f"); n=${n%.*}
  "$BIN" convert --format xml "$f" > "$tmp/$n.xml"
  check "$n: xmllint validates the XML archive" xmllint --noout --nonet --schema "$XSD" "$tmp/$n.xml"
  check "$n: import --format nquads equals convert --format nquads" bash -c \
    "'$BIN' convert --format nquads '$f' > '$tmp/$n.direct.nq' && '$BIN' import --format nquads '$tmp/$n.xml' > '$tmp/$n.imported.nq' && cmp '$tmp/$n.direct.nq' '$tmp/$n.imported.nq'"
done
"$BIN" --quiet archive --out "$tmp/all-inputs.xml" "${inputs[@]}"
check "archive of all inputs: xmllint validates" xmllint --noout --nonet --schema "$XSD" "$tmp/all-inputs.xml"
check "archive of all inputs: import equals convert" bash -c \
  "for f in ${inputs[*]@Q}; do '$BIN' convert --format nquads \"\$f\"; done > '$tmp/all.direct.nq' && '$BIN' import --format nquads '$tmp/all-inputs.xml' > '$tmp/all.imported.nq' && cmp '$tmp/all.direct.nq' '$tmp/all.imported.nq'"
# An archive run with an input that fails records it after the last article and still validates.
"$BIN" --quiet archive --out "$tmp/with-failure.xml" "${inputs[0]}" "$tmp/no-such-input.txt" 2>/dev/null || true
check "archive with a failed input: xmllint validates and it records the failure" bash -c \
  "xmllint --noout --nonet --schema '$XSD' '$tmp/with-failure.xml' && grep -q '<source>$tmp/no-such-input.txt</source>' '$tmp/with-failure.xml'"
