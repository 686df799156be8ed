"""Reads a DATEV EXTF Buchungsstapel with the independent strict reader of mloda-community-german-ledger.

Usage: datev_check.py FILE
Prints one JSON line and exits 0, or exits non-zero with the reader's error (a DatevRefusal traceback).
The line: the header, the number of bookings, the sum of their Umsatz, and the balance (Soll − Haben on
the Konto side, "+Soll/-Haben" as the reader signs it).

`read_batch` returns the header and the legs column-wise: a dict of column name -> list, with TWO legs
per booking row (Leg "K" for Konto and "G" for Gegenkonto). So the bookings are the K legs, not
len(dict) (that is the number of columns).
"""
import json
import sys
from decimal import Decimal

from mloda.community.feature_groups.experimental.german_ledger.datev import read_batch

header, legs = read_batch(sys.argv[1])
konto = [amount for leg, amount in zip(legs["Leg"], legs["Betrag"]) if leg == "K"]
print(
    json.dumps(
        {
            "header": str(header),
            "format_version": header.format_version,
            "from": header.datum_von.isoformat(),
            "to": header.datum_bis.isoformat(),
            "bookings": len(konto),
            "sum": str(sum((abs(a) for a in konto if a is not None), Decimal("0.00"))),
            "balance": str(sum((a for a in konto if a is not None), Decimal("0.00"))),
        }
    )
)
