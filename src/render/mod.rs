//! Pure functions from ledger rows to what a server should look like, to the invoice documents (`invoice`:
//! PDF, XRechnung, text) and to the accounting export's files (`export`). No I/O here: the same input always
//! renders the same bytes, so a plan is reproducible and a second apply finds nothing to do.
pub mod crontab;
pub mod database;
pub mod dtaus;
pub mod export;
pub mod invoice;
pub mod latin;
pub mod mail;
pub mod sepa;
pub mod vhost;
pub mod web;
pub mod xml;
pub mod zone;

pub use web::*;

/// The first line of every file hsadmin writes on a server.
pub const MANAGED_HEADER: &str = "# Managed by hsadmin: rendered from the ledger; hand edits are reverted by `hsadmin apply`.";

/// Where Apache vhost files live and what hsadmin's are called.
pub const SITES_AVAILABLE: &str = "/etc/apache2/sites-available";
pub const SITES_ENABLED: &str = "/etc/apache2/sites-enabled";
/// Per-domain logs, outside every user-writable tree (Apache opens them as root).
pub const LOG_ROOT: &str = "/var/log/apache2/hsadmin";
/// The traffic log every hsadmin vhost appends to: one line per request, `DAY DOMAIN IN OUT` (mod_logio's
/// `%I %O`: bytes received and sent, headers included). It lies in Apache's own root-owned log directory
/// (root:adm 0750, no customer writes there), beside Apache's logs, so that Debian's logrotate for apache2
/// (`/var/log/apache2/*.log`: daily, `.1`, then `.N.gz`) rotates it and reloads Apache; LOG_ROOT's
/// per-domain directories are not rotated by it. `hsadmin traffic collect` sums it on the server.
pub const TRAFFIC_LOG: &str = "/var/log/apache2/hsadmin-traffic.log";

/// The `CustomLog` line of a vhost of `domain`: the domain is written into the format as literal text,
/// so that nothing of a request (its Host header, its path) reaches the traffic log: every field of a line
/// is the day Apache received the request, the ledger's domain, and two counts.
pub fn traffic_log_line(domain: &str) -> String {
    format!("    CustomLog {TRAFFIC_LOG} \"%{{%Y-%m-%d}}t {domain} %I %O\"\n")
}
pub use crate::model::PACKAGE_HOMES;

/// The vhost file of a domain: `hsadmin-<domain>.conf`, or, where that would not fit a file name (255
/// bytes; domains may have 253), the domain's first 200 characters and a hash of the whole name.
pub fn vhost_file(domain: &str) -> String {
    let plain = format!("hsadmin-{domain}.conf");
    if plain.len() <= 255 {
        return plain;
    }
    format!("hsadmin-{}--{}.conf", &domain[..200], &crate::model::sha256_hex(domain.as_bytes())[..16])
}

/// Whether a vhost file stem (between `hsadmin-` and `.conf`) is a shortened one of [`vhost_file`].
pub fn is_hashed_vhost_stem(stem: &str) -> bool {
    stem.len() == 218
        && stem.as_bytes()[200..202] == *b"--"
        && stem[..200].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && stem[202..].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}
