# Package checks, sourced by tests/outside/check.sh (which gives $BIN, $tmp, $SHARED, the inputs array and
# `check NAME CMD...`): `newsgraph package` of every input is accepted by E-ARK's own validator (PyPI
# eark-validator, in its own venv, run offline through ../shared/tools/eark_validate.py; see
# tests/outside/eark_verdict.py for the two validator defects it allows); METS.xml validates with xmllint
# against the shipped METS and E-ARK schemas and premis.xml against the PREMIS 3.0 schema, offline; the
# checksums METS lists match sha256sum's; and `package verify` rebuilds rep2 from the originals.
EARK_PY="$NEWSGRAPH_EARK_VENV/bin/python"
pkg="$tmp/package/newsgraph-sip"
mkdir -p "$tmp/package"
"$BIN" --quiet package --out "$pkg" --submitter "Exempelstad kommun" --creator "Kommunikationsavdelningen" \
  --record-id "KS-2024-17" --rights "CC BY 4.0" --private-persons "${inputs[@]}"
check "package: E-ARK validator (eark-validator) accepts the SIP" bash -c \
  "'$EARK_PY' '$SHARED/tools/eark_validate.py' '$pkg' > '$tmp/package/eark.json' 2>&1; '$EARK_PY' tests/outside/eark_verdict.py '$tmp/package/eark.json'"
check "package: xmllint validates METS.xml (METS 1.12 + CSIP/SIP extensions)" \
  xmllint --noout --nonet --schema schemas/mets/mets.sip.local.v2-0.xsd "$pkg/METS.xml"
check "package: xmllint validates premis.xml (PREMIS 3.0, Library of Congress)" \
  xmllint --noout --nonet --schema schemas/premis/premis.xsd "$pkg/metadata/preservation/premis.xml"
check "package: the descriptive archive validates (newsgraph-archive-1.xsd)" \
  xmllint --noout --nonet --schema schemas/newsgraph-archive-1.xsd "$pkg/metadata/descriptive/articles.xml"
check "package: hashlib agrees with every size and SHA-256 in METS.xml, and METS.xml lists every file" "$PY" -c '
import hashlib, os, sys, urllib.parse, xml.etree.ElementTree as ET
root = sys.argv[1]
M, X = "{http://www.loc.gov/METS/}", "{http://www.w3.org/1999/xlink}href"
listed = {}
for el in ET.parse(os.path.join(root, "METS.xml")).iter():
    if el.tag == M + "file":
        listed[urllib.parse.unquote(el.find(M + "FLocat").get(X))] = el
    elif el.tag == M + "mdRef":
        listed[urllib.parse.unquote(el.get(X))] = el
on_disk = {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs} - {"METS.xml"}
assert on_disk == set(listed), sorted(on_disk ^ set(listed))
for rel, el in listed.items():
    data = open(os.path.join(root, rel), "rb").read()
    assert el.get("CHECKSUMTYPE") == "SHA-256", rel
    assert el.get("CHECKSUM") == hashlib.sha256(data).hexdigest(), rel
    assert int(el.get("SIZE")) == len(data), rel
print(len(listed), "files")
' "$pkg"
check "package: package verify rebuilds rep2 from the originals" "$BIN" --quiet package verify "$pkg"
"$BIN" --quiet package --archive tar --out "$tmp/package/newsgraph-sip-tar" --submitter "Exempelstad kommun" "${inputs[@]}"
check "package: E-ARK validator accepts the SIP as a tar file" bash -c \
  "'$EARK_PY' '$SHARED/tools/eark_validate.py' '$tmp/package/newsgraph-sip-tar.tar' > '$tmp/package/eark-tar.json' 2>&1; '$EARK_PY' tests/outside/eark_verdict.py '$tmp/package/eark-tar.json'"
