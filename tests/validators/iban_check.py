#!/usr/bin/env python3
"""Independent check digits for the mandate tests: IBANs with schwifty, SEPA creditor ids with python-stdnum.

Reads lines `iban VALUE` or `creditor-id VALUE` on stdin and prints one JSON object mapping each
`KIND VALUE` to true (valid) or false. Neither library was written by the hsadmin team.
"""
import json
import sys

from schwifty import IBAN
from stdnum.eu import at_02


def iban_valid(value: str) -> bool:
    try:
        IBAN(value, validate_bban=True)
        return True
    except ValueError:
        return False


def main() -> None:
    verdicts = {}
    for line in sys.stdin.read().splitlines():
        if not line:
            continue
        kind, _, value = line.partition(" ")
        if kind == "iban":
            verdicts[line] = iban_valid(value)
        elif kind == "creditor-id":
            verdicts[line] = at_02.is_valid(value)
        else:
            sys.exit(f"unknown kind {kind!r}")
    print(json.dumps(verdicts))


if __name__ == "__main__":
    main()
