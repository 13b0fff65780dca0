"""Reads the report of E-ARK's validator (eark_validate.py's stdout: a status line, then JSON) and fails on
any error, except two known defects of eark-validator 1.1.3's Schematron rules that no package can avoid:

- CSIP12, CSIP13, CSIP15, CSIP16 test every metsHdr agent with ROLE="CREATOR" as if it were the software
  agent (TYPE="OTHER", OTHERTYPE="SOFTWARE", a SOFTWARE VERSION note). The SIP profile (SIP15-SIP17)
  requires the submitting agent to be ROLE="CREATOR" TYPE="ORGANIZATION" too, so these errors are allowed
  on agents after the first (newsgraph's own agent is the first, and must pass them).
- SIP14 tests the note of the CREATOR agents for an unprefixed NOTETYPE="IDENTIFICATIONCODE"; the profile
  (E-ARK-SIP.xml, SIP14) asks it of the archival creator agent's note as csip:NOTETYPE, and the METS
  schema refuses an unprefixed NOTETYPE, while CSIP16 asks the software agent's note for
  csip:NOTETYPE="SOFTWARE VERSION". Allowed on the first agent's note only.

usage: python eark_verdict.py REPORT"""
import json
import re
import sys

AGENT = re.compile(r"\[local-name\(\)='agent' and namespace-uri\(\)='http://www.loc.gov/METS/'\]\[(\d+)\]")


def known_defect(m):
    found = AGENT.search(m.get("location", ""))
    n = int(found.group(1)) if found else 0
    if m["rule_id"] in ("CSIP12", "CSIP13", "CSIP15", "CSIP16"):
        return n > 1
    if m["rule_id"] == "SIP14":
        return n == 1
    return False


def main(path):
    text = open(path, encoding="utf-8").read()
    report, _ = json.JSONDecoder().raw_decode(text[text.index("{"):])
    problems = []
    if report["structure"]["status"] not in ("WellFormed", "Valid"):
        problems.append(f"structure status {report['structure']['status']}")
    messages = list(report["structure"]["messages"])
    for name, part in report["metadata"].items():
        messages += part["messages"]
        if part["status"] != "VALID":
            print(f"{name}: {part['status']}")
    for m in messages:
        if m["severity"].lower() != "error":
            continue
        if known_defect(m):
            print(f"allowed (validator defect): {m['rule_id']} {m['message'][:90]}")
        else:
            problems.append(f"{m['rule_id']}: {m['message']} at {m.get('location', '')[-120:]}")
    warnings = sum(1 for m in messages if m["severity"].lower() == "warn")
    print(f"structure {report['structure']['status']}, {warnings} warnings, {len(problems)} errors")
    for p in problems:
        print("ERROR", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
