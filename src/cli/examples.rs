//! Examples for every verb, shown at the end of its `--help` and in the EXAMPLES section of its man page.
//! One table, so that a new verb's examples are written beside the others; a test parses every example
//! line with the real command definitions, so none can drift from the options.

/// Each verb's path (`member add`) and its examples: a comment line (`# …`) and the command under it.
pub const EXAMPLES: &[(&str, &[&str])] = &[
    ("init", &["# A new, empty ledger where the config (or $HSADMIN_LEDGER) says", "hsadmin init"]),
    ("config show", &["# Which config file and ledger are in effect", "hsadmin config show"]),
    (
        "log",
        &[
            "# The last 20 changes, newest first",
            "hsadmin log -n 20",
            "# What happened to one package in November",
            "hsadmin log --entity package --key xyz00 --since 2026-11-01 --until 2026-11-30",
        ],
    ),
    (
        "member add",
        &[
            "# A person, member since today",
            "hsadmin member add 10001 --prefix xyz --name 'Erika Mustermann' --email erika@example.org",
            "# An organisation, then billed under reverse charge",
            "hsadmin member add 10002 --prefix abc --kind organisation --name 'ABC GmbH' --country AT",
            "hsadmin member update 10002 --vat-id ATU13585627 --vat-country AT --vat-reverse-charge",
        ],
    ),
    (
        "member list",
        &[
            "# Active members whose name contains 'muster'",
            "hsadmin member list --status ACTIVE --name muster",
            "# Only the numbers, for xargs",
            "hsadmin member list -o name",
        ],
    ),
    ("member show", &["hsadmin member show 10001"]),
    ("member update", &["# A new address", "hsadmin member update 10001 --street 'Hauptstr. 1' --zipcode 20095 --city Hamburg --country DE"]),
    ("member leave", &["# The membership ends with the year (its packages must end by then)", "hsadmin member leave 10001 --date 2026-12-31"]),
    ("member statement", &["hsadmin member statement 10001", "hsadmin member statement 10001 -o csv > 10001.csv"]),
    (
        "share subscribe",
        &["# Two shares, as signed on the subscription form", "hsadmin share subscribe 10001 --count 2 --date 2026-01-01 --reference SUB-2026-0001"],
    ),
    ("share cancel", &["hsadmin share cancel 10001 --count 1 --date 2026-12-31 --reference CAN-2026-0001"]),
    ("share revert", &["# Undo entry 7 (see `member statement`)", "hsadmin share revert 10001 --tx 7 --date 2026-06-01 --reference FIX-2026-0001"]),
    (
        "asset deposit",
        &[
            "# 128.00 EUR paid in; run again with the same reference, it books nothing",
            "hsadmin asset deposit 10001 --amount 128.00 --date 2026-01-05 --reference PAY-2026-0001",
        ],
    ),
    ("asset disburse", &["hsadmin asset disburse 10001 --amount 64.00 --date 2026-12-31 --reference OUT-2026-0001"]),
    ("asset clear", &["hsadmin asset clear 10001 --amount 12.50 --date 2026-06-30 --reference CLR-2026-0001"]),
    ("asset loss", &["hsadmin asset loss 10001 --amount 3.20 --date 2026-12-31 --reference LOSS-2026-01"]),
    ("asset transfer", &["hsadmin asset transfer 10001 --to 10002 --amount 64.00 --date 2026-07-01 --reference TRF-26-01"]),
    ("asset revert", &["hsadmin asset revert 10001 --tx 3 --date 2026-06-01 --reference FIX-2026-0002"]),
    ("server add", &["hsadmin server add h01 --address h01.example.org --role web --ipv4 192.0.2.10", "# Then pin its host key", "hsadmin server trust h01"]),
    ("server list", &["hsadmin server list", "hsadmin server list --role web -o name"]),
    ("server show", &["hsadmin server show h01"]),
    ("server update", &["hsadmin server update h01 --role web,dns-secondary"]),
    (
        "server trust",
        &[
            "# Pin the key only if it is the one the server's console shows",
            "hsadmin server trust h01 --fingerprint SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        ],
    ),
    ("server check", &["# Every server, four at a time", "hsadmin server check --jobs 4"]),
    ("server remove", &["hsadmin server remove h01"]),
    ("catalog import", &["# Products and prices; importing the same file again changes nothing", "hsadmin catalog import examples/catalog.toml"]),
    ("catalog list", &["hsadmin catalog list", "hsadmin catalog list --kind webspace --all"]),
    (
        "traffic collect",
        &[
            "# Every finished day the web servers' logs hold (cron runs this nightly)",
            "hsadmin traffic collect",
            "hsadmin traffic collect --server h1 --date 2026-11-30",
        ],
    ),
    ("traffic report", &["hsadmin traffic report --period 2026-11", "hsadmin traffic report --period 2026-11 --package xyz00 -o csv"]),
    (
        "invoice generate",
        &[
            "# November's invoices; running it again adds nothing",
            "hsadmin invoice generate --period 2026-11",
            "# What one member's invoice would be, committing nothing",
            "hsadmin invoice generate --period 2026-11 --member 10001 --dry-run",
        ],
    ),
    ("invoice list", &["hsadmin invoice list --period 2026-11", "hsadmin --json invoice list --member 10001 --status issued"]),
    ("invoice show", &["hsadmin invoice show 2026-00001"]),
    (
        "dtaus export",
        &[
            "# The open invoices of members with a German account as one DTAUS file, executed on the 3rd",
            "hsadmin dtaus export --execution-date 2026-12-03 --out debits.dta",
            "# The file of batch 8 again, byte for byte",
            "hsadmin dtaus export --batch 8 --out debits-8.dta",
        ],
    ),
    (
        "dtaus show",
        &[
            "# Check a DTAUS file and list its debits with the header and the control sums",
            "hsadmin dtaus show debits.dta",
            "# The parsed file as one JSON document (amounts in cents); a broken file is exit 2 naming record and byte",
            "hsadmin --json dtaus show debits.dta",
        ],
    ),
    ("invoice cancel", &["# A credit note that cancels the invoice; generate then issues a new one", "hsadmin invoice cancel 2026-00001"]),
    (
        "invoice render",
        &[
            "hsadmin invoice render 2026-00001 --format pdf --out invoice.pdf",
            "hsadmin invoice render 2026-00001 --format xrechnung --out invoice.xml",
            "# Every document of a month",
            "hsadmin invoice render --all --period 2026-11 --format pdf --out-dir invoices/",
        ],
    ),
    (
        "invoice export",
        &[
            "hsadmin invoice export --period 2026-11 --format datev --out EXTF_Buchungsstapel.csv",
            "hsadmin invoice export --period 2026-11 --format lexware --out lexware.csv",
        ],
    ),
    (
        "bank-account add",
        &[
            "# The account a member is debited from (the BIC is optional for SEPA)",
            "hsadmin bank-account add 10001 --iban DE02120300000000202051 --holder 'Erika Mustermann'",
            "# With spaces as on paper, and a BIC",
            "hsadmin bank-account add 10002 --iban 'AT61 1904 3002 3457 3201' --bic BKAUATWW --holder ABC",
        ],
    ),
    ("bank-account list", &["hsadmin bank-account list --member 10001", "# With the accounts that were removed", "hsadmin bank-account list --all"]),
    ("bank-account remove", &["# Refused while a mandate uses it: revoke that first", "hsadmin bank-account remove 3"]),
    (
        "mandate add",
        &[
            "# Signed on New Year's Day, for the member's only bank account",
            "hsadmin mandate add 10001 --reference HS-10001-20260101 --signed 2026-01-01",
            "# A member with several accounts names one",
            "hsadmin mandate add 10002 --reference HS-10002-20260315 --signed 2026-03-15 --bank-account 4",
        ],
    ),
    ("mandate list", &["hsadmin mandate list --member 10001", "# Mandates lapsed after 36 months without a debit", "hsadmin mandate list --status expired"]),
    ("mandate revoke", &["# The member revoked it by letter; no debit from the 1st on", "hsadmin mandate revoke HS-10001-20260101 --date 2026-12-01"]),
    (
        "sepa export",
        &[
            "# Every open invoice of members with a valid mandate, collected on the 3rd",
            "hsadmin sepa export --collection-date 2026-12-03 --out debits.xml",
            "# For a bank that still takes the 2009 version; first see what it would collect",
            "hsadmin sepa export --collection-date 2026-12-03 --format pain.008.001.02 --dry-run",
            "# The file of batch 7 again, byte for byte",
            "hsadmin sepa export --batch 7 --out debits-7.xml",
        ],
    ),
    ("debit return", &["# The bank returned member 10001's debit of batch 7: account closed", "hsadmin debit return 7 10001 --reason AC04 --date 2026-12-08"]),
    (
        "package create",
        &[
            "# A webspace package on h01, with the resources of its product",
            "hsadmin package create xyz00 --member 10001 --product DW/SA --server h01",
            "# More disk space, not billed",
            "hsadmin package create xyz01 --member 10001 --product DW/SA --server h01 --users 20 --free",
        ],
    ),
    ("package list", &["hsadmin package list --member 10001", "hsadmin package list --server h01 --status active --sort name"]),
    ("package show", &["hsadmin package show xyz00"]),
    ("package update", &["hsadmin package update xyz00 --webspace-mb 4096", "# Billed again", "hsadmin package update xyz00 --free=false"]),
    ("package cancel", &["# Ends with the month: users locked, sites and cron jobs stop, data stays", "hsadmin package cancel xyz00 --date 2026-12-31"]),
    ("package purge", &["# After the end: delete its users, homes, sites and cron jobs for good", "hsadmin package purge xyz00"]),
    (
        "user add",
        &[
            "# A user with a password read from a file descriptor, never from argv",
            "hsadmin user add xyz00-web --shell /bin/bash --password-stdin < password.txt",
        ],
    ),
    ("user list", &["hsadmin user list --package xyz00"]),
    ("user show", &["hsadmin user show xyz00-web"]),
    ("user update", &["hsadmin user update xyz00-web --quota-soft-mb 500 --quota-hard-mb 600", "hsadmin user update xyz00-web --locked"]),
    ("user remove", &["# The user and its cron jobs", "hsadmin user remove xyz00-web"]),
    ("cron add", &["hsadmin cron add --user xyz00-web --schedule '*/15 * * * *' --command 'php ~/cron.php'"]),
    ("cron list", &["hsadmin cron list --package xyz00"]),
    ("cron remove", &["# Ids are never reused: the id from the log or shell history is that job", "hsadmin cron remove 7"]),
    (
        "domain add",
        &[
            "hsadmin domain add example.org --package xyz00",
            "# Owned by another user of the package, with subdomains, over HTTPS",
            "hsadmin domain add example.com --package xyz00 --user xyz00-web --subdomains www,shop --https",
        ],
    ),
    (
        "domain update",
        &[
            "hsadmin domain update example.org --add-subdomain blog --php=false",
            "# At the registry: locked against transfer",
            "hsadmin domain update example.org --lock",
        ],
    ),
    ("domain remove", &["hsadmin domain remove example.org"]),
    ("domain list", &["hsadmin domain list --member 10001"]),
    ("domain show", &["hsadmin domain show example.org"]),
    (
        "domain register",
        &[
            "# Register at the registry and set up on xyz00",
            "hsadmin domain register example.org --package xyz00",
            "# Only the registration, for two years",
            "hsadmin domain register example.net --package xyz00 --registration-only --period 2",
        ],
    ),
    (
        "domain transfer",
        &["# The auth code from the current registrar, on stdin", "hsadmin domain transfer example.com --package xyz00 --auth-code-stdin < code.txt"],
    ),
    ("domain renew", &["hsadmin domain renew example.org --period 1"]),
    (
        "domain registry-update",
        &[
            "# Other name servers (the whole list)",
            "hsadmin domain registry-update example.org --nameserver ns1.hs.net --nameserver ns2.hs.net",
            "# Locked against transfer and deletion",
            "hsadmin domain registry-update example.org --lock",
        ],
    ),
    ("domain delete", &["# At the registry, then its set-up", "hsadmin domain delete example.org"]),
    ("domain info", &["hsadmin domain info example.org", "hsadmin --json domain info example.org"]),
    ("domain poll", &["# Finished transfers and other registry messages", "hsadmin domain poll"]),
    ("domain auth-code", &["# For a transfer to another registrar", "hsadmin domain auth-code example.org"]),
    (
        "dns record add",
        &[
            "hsadmin dns record add example.org 'mail 3600 IN A 192.0.2.25'",
            "# Quoted TXT strings (each at most 255 bytes); names are relative to the zone",
            "hsadmin dns record add example.org '_dmarc TXT \"v=DMARC1; p=none\"'",
            "# Delegate a subdomain to other name servers",
            "hsadmin dns record add example.org 'lab NS ns1.other.example.'",
        ],
    ),
    ("dns record list", &["hsadmin dns record list example.org", "# Every record of every zone, as JSON", "hsadmin dns record list --json"]),
    ("dns record remove", &["# Ids are never reused", "hsadmin dns record remove 12"]),
    ("dns show", &["# The zone file as the next apply writes it", "hsadmin dns show example.org"]),
    ("dns check", &["# Every zone through named-checkzone -k fail", "hsadmin dns check", "hsadmin dns check example.org example.com"]),
    (
        "db user add",
        &[
            "# A PostgreSQL user; the password is one line on stdin and stored only as a SCRAM-SHA-256 verifier",
            "hsadmin db user add xyz00_app --engine postgresql --password-stdin < password.txt",
            "# A MariaDB user, stored as its ed25519 hash",
            "hsadmin db user add xyz00_wp --engine mariadb --password-stdin < password.txt",
        ],
    ),
    ("db user update", &["# A new password, one line on stdin (a new salt too)", "hsadmin db user update xyz00_app --password-stdin < password.txt"]),
    ("db user list", &["hsadmin db user list --package xyz00", "# Only the MariaDB users, as JSON", "hsadmin --json db user list --engine mariadb"]),
    ("db user show", &["hsadmin db user show xyz00_app", "# A name both engines have needs the engine", "hsadmin db user show xyz00_app --engine mariadb"]),
    ("db user remove", &["# Refused while it owns a database: remove those first", "hsadmin db user remove xyz00_app --yes"]),
    (
        "db add",
        &[
            "# A PostgreSQL database (UTF8) owned by the user of the same name",
            "hsadmin db add xyz00_app --engine postgresql --owner xyz00_app",
            "# A MariaDB database in latin1",
            "hsadmin db add xyz00_old --engine mariadb --owner xyz00_wp --encoding latin1",
        ],
    ),
    ("db list", &["hsadmin --json db list --package xyz00", "# Every PostgreSQL database", "hsadmin db list --engine postgresql"]),
    ("db show", &["hsadmin db show xyz00_app", "hsadmin db show xyz00_wp --engine mariadb"]),
    ("db remove", &["# Recorded as removed; the name can be used again", "hsadmin db remove xyz00_app --engine postgresql --yes"]),
    (
        "mail address add",
        &[
            "hsadmin mail address add info@example.org --target xyz00-web",
            "# The domain's catch-all, and a forward elsewhere too",
            "hsadmin mail address add @example.org --target xyz00,erika@example.net",
        ],
    ),
    ("mail address list", &["hsadmin --json mail address list --package xyz00", "hsadmin mail address list --domain example.org"]),
    ("mail address show", &["hsadmin mail address show info@example.org"]),
    ("mail address update", &["# Replaces the targets", "hsadmin mail address update info@example.org --target xyz00-web,xyz00"]),
    ("mail address remove", &["hsadmin mail address remove info@example.org --yes"]),
    (
        "mail alias add",
        &["hsadmin mail alias add xyz00-team --target xyz00,xyz00-web", "hsadmin mail alias add xyz00-bot --target '|/home/pacs/xyz00/bin/bot'"],
    ),
    ("mail alias list", &["hsadmin mail alias list --package xyz00"]),
    ("mail alias remove", &["hsadmin mail alias remove xyz00-team --yes"]),
    (
        "mail list add",
        &["hsadmin mail list add news@example.org --owner info@example.org", "hsadmin mail list add talk@example.org --owner info@example.org --policy open"],
    ),
    ("mail list subscribe", &["hsadmin mail list subscribe news@example.org erika@example.org"]),
    ("mail list unsubscribe", &["hsadmin mail list unsubscribe news@example.org erika@example.org"]),
    ("mail list show", &["hsadmin --json mail list show news@example.org"]),
    ("mail list list", &["hsadmin mail list list --package xyz00"]),
    ("mail list remove", &["hsadmin mail list remove news@example.org --yes"]),
    (
        "backup init",
        &[
            "# Each web server's repository on the backup server of [backup] server",
            "hsadmin backup init",
            "# On another backup server",
            "hsadmin backup init --server h4",
        ],
    ),
    (
        "backup run",
        &[
            "hsadmin backup run xyz00",
            "# Every package of a server, or all (the nightly cron job)",
            "hsadmin backup run --server h1",
            "hsadmin -q backup run --all",
        ],
    ),
    (
        "backup restore",
        &[
            "# The whole home into /home/restore/<today>/xyz00-<snapshot>",
            "hsadmin backup restore xyz00",
            "# One directory (or file) to a target of its own",
            "hsadmin backup restore xyz00 --path users/web/doms/example.org/htdocs --target /home/restore/www",
            "# A database from its dump, from the newest snapshot of that day",
            "hsadmin backup restore xyz00 --database xyz00_app --date 2026-11-30",
            "# Back into the home, each file as its owner",
            "hsadmin backup restore xyz00 --snapshot 4757fd80 --in-place --yes",
        ],
    ),
    ("backup verify", &["hsadmin backup verify", "# Read a tenth of the data too", "hsadmin backup verify --read-data-subset 10%"]),
    ("backup prune", &["# After the nightly run: forget and prune by keep_daily, keep_weekly and keep_monthly", "hsadmin backup prune"]),
    ("backup list", &["hsadmin --json backup list xyz00", "# Every package's runs, reconciled with the repositories first", "hsadmin backup list --refresh"]),
    ("backup status", &["# For monitoring: exit 3 when a package has no good snapshot of the last 26 hours", "hsadmin backup status --max-age 26h"]),
    (
        "plan",
        &[
            "# What apply would change, on every server",
            "hsadmin plan",
            "# Drift check for cron: exit 3 when something would change",
            "hsadmin plan --detailed-exitcode -q",
        ],
    ),
    ("apply", &["hsadmin apply", "# Only the web role of one server", "hsadmin apply --server h01 --role web"]),
    ("doctor", &["hsadmin doctor", "hsadmin doctor --json"]),
    ("ledger backup", &["# A consistent copy while others write", "hsadmin ledger backup /var/backups/hsadmin/ledger-2026-12-01.db"]),
    (
        "util completions",
        &["# bash, for every shell started from now on", "hsadmin util completions bash > ~/.local/share/bash-completion/completions/hsadmin"],
    ),
    ("util man", &["hsadmin util man /usr/local/share/man/man1"]),
];

/// The examples of the verb at `path` (`member add`), if it has any.
pub fn of(path: &str) -> Option<&'static [&'static str]> {
    EXAMPLES.iter().find(|(p, _)| *p == path).map(|(_, e)| *e)
}

/// The examples as the text after a verb's help.
fn after_help(lines: &[&str]) -> String {
    let body: Vec<String> = lines.iter().map(|l| format!("  {l}")).collect();
    format!("Examples:\n{}", body.join("\n"))
}

/// `cmd` with every verb's examples at the end of its help.
pub fn add(cmd: clap::Command) -> clap::Command {
    add_under(cmd, "")
}

fn add_under(mut cmd: clap::Command, path: &str) -> clap::Command {
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(&name, |sub| {
            let sub = add_under(sub, &sub_path);
            match of(&sub_path) {
                Some(lines) => sub.after_help(after_help(lines)),
                None => sub,
            }
        });
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths of every verb (a command without subcommands), like `member add`.
    fn verbs(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let p = if path.is_empty() { sub.get_name().to_owned() } else { format!("{path} {}", sub.get_name()) };
            if sub.has_subcommands() { verbs(sub, &p, out) } else { out.push(p) }
        }
    }

    /// Splits an example like a shell would for these simple lines: words, and '…' quoted as one.
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, part) in line.split('\'').enumerate() {
            if i % 2 == 1 {
                out.push(part.to_owned());
            } else {
                out.extend(part.split_whitespace().take_while(|w| !w.starts_with(['<', '>'])).map(str::to_owned));
            }
        }
        out
    }

    #[test]
    fn every_verb_has_examples_and_only_verbs_have_them() {
        // (An example of a verb may show the next command too, like `server trust` after `server add`.)
        let mut all = Vec::new();
        verbs(&crate::cli::command(), "", &mut all);
        for verb in &all {
            assert!(of(verb).is_some_and(|e| e.iter().any(|l| !l.starts_with('#'))), "`hsadmin {verb}` has no example");
        }
        for (path, _) in EXAMPLES {
            assert!(all.iter().any(|v| v == path), "examples for {path:?}, which is no verb");
        }
    }

    #[test]
    fn every_example_parses_and_fits_the_help_screen() {
        for (_, lines) in EXAMPLES {
            for line in lines.iter().filter(|l| !l.starts_with('#')) {
                assert!(line.starts_with("hsadmin "), "{line:?} is no hsadmin command");
                assert!(line.chars().count() <= 96, "{line:?} is wider than the help screen");
                let args = words(line);
                if let Err(e) = crate::cli::command().try_get_matches_from(&args) {
                    panic!("{line:?} does not parse: {e}");
                }
            }
        }
    }

    #[test]
    fn every_option_has_a_help_line() {
        fn check(cmd: &clap::Command, path: &str) {
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                assert!(arg.get_help().is_some(), "`{path}` --{} has no help line", arg.get_id());
            }
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        let mut cmd = crate::cli::command();
        cmd.build();
        check(&cmd, "hsadmin");
    }
}
