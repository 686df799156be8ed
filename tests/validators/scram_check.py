"""Recomputes PostgreSQL SCRAM-SHA-256 verifiers from the password, independently of hsadmin.

Reads lines "PASSWORD<TAB>VERIFIER" on stdin. For each, it parses the verifier as PostgreSQL stores it
(SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, base64), derives SaltedPassword with
PBKDF2-HMAC-SHA-256 (RFC 5802 section 3, RFC 7677) from the password and that salt and iteration count,
and prints one JSON list of booleans: whether StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key")) and
ServerKey = HMAC(SaltedPassword, "Server Key") both match, with a 16-byte salt.
"""
import base64
import hashlib
import hmac
import json
import re
import sys

SHAPE = re.compile(r"^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$")


def check(password: str, verifier: str) -> bool:
    m = SHAPE.match(verifier)
    if not m:
        return False
    iterations, salt, stored, server = int(m[1]), *(base64.b64decode(x, validate=True) for x in m.groups()[1:])
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    ok_stored = hmac.compare_digest(hashlib.sha256(client_key).digest(), stored)
    ok_server = hmac.compare_digest(hmac.new(salted, b"Server Key", "sha256").digest(), server)
    return len(salt) == 16 and iterations == 4096 and ok_stored and ok_server


pairs = [line.rstrip("\n").split("\t", 1) for line in sys.stdin if line.strip()]
print(json.dumps([check(p, v) for p, v in pairs]))
