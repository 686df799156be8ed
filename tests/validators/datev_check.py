"""Reads a DATEV EXTF Buchungsstapel with the independent strict reader of mloda-community-german-ledger.

Usage: datev_check.py FILE
Prints the header and the number of bookings as JSON and exits 0, or exits non-zero with the reader's error.
"""
import json
import sys

from mloda.community.feature_groups.experimental.german_ledger.datev import read_batch

header, lines = read_batch(sys.argv[1])
print(json.dumps({"header": str(header), "bookings": len(lines)}))
