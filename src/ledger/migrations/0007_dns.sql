-- Schema version 7 (issue 9, name service): records a domain's zone carries besides the ones hsadmin
-- generates (SOA, NS, MX, SPF, A/AAAA of the domain's server), and each zone's serial with the hash of
-- the content it was given for, so that the serial changes only with the content and never goes back.

CREATE TABLE dns_record (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    domain TEXT NOT NULL REFERENCES domain (name),
    name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 253),
    ttl    INTEGER CHECK (ttl BETWEEN 0 AND 604800),
    type   TEXT NOT NULL CHECK (type IN ('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'CAA', 'NS')),
    data   TEXT NOT NULL CHECK (length(data) BETWEEN 1 AND 4096)
) STRICT;
CREATE INDEX dns_record_domain ON dns_record (domain);

-- The serial (YYYYMMDDnn) a zone's content last got, and that content's SHA-256 (without the serial).
-- Not a reference to domain: a serial outlives its domain, so a zone set up again never goes back.
CREATE TABLE zone_serial (
    domain TEXT PRIMARY KEY,
    serial INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 4294967295),
    hash   TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
