"""The Python reference of examples/bench_sepa.rs: PyPI sepaxml builds and validates (its bundled
pain.008.001.08 XSD, via xmlschema) the same debits hsadmin exported. Reads the debits as JSON lines
(name, iban, amount cents, sequence type, mandate id and date, text, end-to-end id) on stdin and prints the
size of the file it built."""
import datetime
import json
import sys

from sepaxml import SepaDD

config = {
    "name": "Hostsharing eG",
    "IBAN": "DE02120300000000202051",
    "BIC": "GENODEM1GLS",
    "batch": True,
    "creditor_id": "DE98ZZZ09999999999",
    "currency": "EUR",
    "instrument": "CORE",
}
sepa = SepaDD(config, schema="pain.008.001.08", clean=True)
collection = datetime.date.fromisoformat(sys.argv[1])
for line in sys.stdin:
    d = json.loads(line)
    sepa.add_payment(
        {
            "name": d["name"],
            "IBAN": d["iban"],
            "amount": d["cents"],
            "type": d["seq"],
            "collection_date": collection,
            "mandate_id": d["mandate"],
            "mandate_date": datetime.date.fromisoformat(d["signed"]),
            "description": d["text"],
            "endtoend_id": d["e2e"],
        }
    )
xml = sepa.export(validate=True)
print(len(xml))
