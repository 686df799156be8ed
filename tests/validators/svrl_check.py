"""Runs compiled Schematron rule sets (XSLT) over an XML file with Saxon-HE (saxonche) and reads the SVRL.

Usage: svrl_check.py FILE RULES.xsl [RULES.xsl ...]
Prints every failed assertion (id, flag, text) and exits 1 if any has flag "fatal" or "error" (or no flag),
0 otherwise. The rules are the official CEN and KoSIT artefacts; this file only runs them.
"""
import sys
from lxml import etree
from saxonche import PySaxonProcessor

SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def run(proc, xml, xsl):
    xslt = proc.new_xslt30_processor()
    exe = xslt.compile_stylesheet(stylesheet_file=xsl)
    out = exe.transform_to_string(source_file=xml)
    if out is None:
        raise SystemExit(f"{xsl}: the transformation produced nothing")
    return etree.fromstring(out.encode())


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    xml, rule_sets = sys.argv[1], sys.argv[2:]
    errors = 0
    with PySaxonProcessor(license=False) as proc:
        for xsl in rule_sets:
            report = run(proc, xml, xsl)
            fired = report.findall(f".//{SVRL}fired-rule")
            if not fired:
                print(f"{xsl}: no rule fired; is this the right document type?")
                errors += 1
            for fa in report.iter(f"{SVRL}failed-assert"):
                flag = fa.get("flag") or "error"
                text = " ".join("".join(fa.find(f"{SVRL}text").itertext()).split()) if fa.find(f"{SVRL}text") is not None else ""
                print(f"{fa.get('id')} [{flag}] {text}")
                if flag in ("fatal", "error"):
                    errors += 1
    sys.exit(1 if errors else 0)


main()
