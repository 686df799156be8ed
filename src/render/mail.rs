//! The Postfix tables of a mail server, as pure text from the ledger's rows (issue 14, the mail role to
//! come): the mail domains (`virtual_alias_domains`), the virtual map (address → targets; `@domain` is the
//! catch-all) and the local aliases. A mailbox target is delivered to the Unix user at `localhost`, so it
//! never depends on `myorigin`; `nobody` and `/dev/null` go to a discarding alias of hsadmin's. Values reach
//! here validated (`model::MailTarget`: ASCII, one line, no `,` `"` `\` `#`), so no value can add a line or
//! an entry; a `|command` is quoted for the alias file.
use super::MANAGED_HEADER;
use crate::ledger::mail::{Address, Alias, List};
use crate::model::MailTarget;
use std::collections::BTreeSet;

/// The alias that discards (`nobody`, `/dev/null`).
pub const DISCARD: &str = "hsadmin-discard";

/// The domain mlmmj's lists are routed through (never a real one: `.invalid` is reserved, RFC 2606).
pub const LIST_DOMAIN: &str = "mlmmj.invalid";

/// The tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    pub domains: String,
    pub virtual_map: String,
    pub aliases: String,
    /// The transport map: each list's routing address to mlmmj with its list directory.
    pub transport: String,
}

/// A list's directory name below mlmmj's spool: `local=domain` (`=` is in no local part or domain name,
/// so no two lists share one).
pub fn list_dir(l: &List) -> String {
    format!("{}={}", l.local, l.domain)
}

/// What the list's directory must hold, as one text: its hash is what the role compares.
pub fn list_spec(l: &List, relayhost: &str) -> String {
    let subscribers: Vec<&str> = l.subscribers.iter().map(|s| s.as_str()).collect();
    format!("listaddress {}\nowner {}\npolicy {}\nrelayhost {relayhost}\nsubscribers {}\n", l.address(), l.owner, l.policy, subscribers.join(" "))
}

/// A target as the right-hand side of the virtual map.
fn virtual_target(t: &MailTarget) -> String {
    match t {
        MailTarget::User(u) => format!("{u}@localhost"),
        MailTarget::Address(a) => a.to_string(),
        MailTarget::Nobody | MailTarget::DevNull => format!("{DISCARD}@localhost"),
        // Only aliases have these (the model refuses them for addresses); an alias of the package is named instead.
        MailTarget::Pipe(_) | MailTarget::Include(_) => format!("{DISCARD}@localhost"),
    }
}

/// A target as the right-hand side of the alias file.
fn alias_target(t: &MailTarget) -> String {
    match t {
        MailTarget::User(u) => u.to_string(),
        MailTarget::Address(a) => a.to_string(),
        MailTarget::Nobody | MailTarget::DevNull => DISCARD.to_owned(),
        MailTarget::Pipe(c) => format!("\"|{c}\""),
        MailTarget::Include(p) => format!(":include:{p}"),
    }
}

/// An include file hsadmin writes in `remote::mail::INCLUDES`: an alias's commands, or the checked copy of a
/// customer's include file; one target a line.
pub fn include_file(targets: &[MailTarget]) -> String {
    let lines: String = targets.iter().map(|t| alias_target(t) + "\n").collect();
    format!("{MANAGED_HEADER}\n{lines}")
}

fn join(targets: &[MailTarget], f: fn(&MailTarget) -> String) -> String {
    targets.iter().map(f).collect::<Vec<_>>().join(", ")
}

/// The tables of one server from the addresses and aliases of its packages (not removed) and the domains
/// that take mail there (so that a domain without addresses refuses its recipients, too).
pub fn tables(addresses: &[Address], aliases: &[Alias], lists: &[List], mail_domains: &[String]) -> Tables {
    let domains: BTreeSet<String> =
        addresses.iter().map(Address::mail_domain).chain(lists.iter().map(|l| l.domain.to_string())).chain(mail_domains.iter().cloned()).collect();
    let mut domain_text = format!("{MANAGED_HEADER}\n");
    for d in &domains {
        domain_text += &format!("{d}\n");
    }
    let mut virtual_map = format!("{MANAGED_HEADER}\n");
    let mut sorted: Vec<&Address> = addresses.iter().collect();
    sorted.sort_by_key(|a| (a.mail_domain(), a.local.clone()));
    for a in sorted {
        virtual_map += &format!("{} {}\n", a.address(), join(&a.targets, virtual_target));
    }
    let mut transport = format!("{MANAGED_HEADER}\n");
    let mut sorted: Vec<&List> = lists.iter().collect();
    sorted.sort_by_key(|l| list_dir(l));
    for l in sorted {
        let dir = list_dir(l);
        virtual_map += &format!("{} {dir}@{LIST_DOMAIN}\n", l.address());
        transport += &format!("{dir}@{LIST_DOMAIN} mlmmj:{dir}\n");
    }
    let mut alias_text = format!("{MANAGED_HEADER}\n{DISCARD}: /dev/null\n");
    let mut sorted: Vec<&Alias> = aliases.iter().collect();
    sorted.sort_by_key(|a| a.name.clone());
    for a in sorted {
        alias_text += &format!("{}: {}\n", a.name, join(&a.targets, alias_target));
    }
    Tables { domains: domain_text, virtual_map, aliases: alias_text, transport }
}

/// What an inbound mail server relays: its relay domains, the recipients it accepts for them (a catch-all
/// as `@domain`; every other recipient is refused at SMTP time), and the transport lines that send each
/// domain on to the address of its package's server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    pub domains: String,
    pub recipients: String,
    pub transport: String,
}

/// The relay tables from the addresses and lists of the packages on other servers; `nexthop` gives the
/// address of the server of each mail domain (those with none are left out).
pub fn relay(addresses: &[Address], lists: &[List], nexthop: &std::collections::BTreeMap<String, String>) -> Relay {
    let mut recipients: BTreeSet<(String, String)> = BTreeSet::new();
    for a in addresses {
        recipients.insert((a.mail_domain(), a.address()));
    }
    for l in lists {
        recipients.insert((l.domain.to_string(), l.address()));
    }
    let (mut domains, mut recipient_text, mut transport) = (format!("{MANAGED_HEADER}\n"), format!("{MANAGED_HEADER}\n"), String::new());
    for (domain, address) in nexthop {
        domains += &format!("{domain}\n");
        transport += &format!("{domain} smtp:[{address}]:25\n");
    }
    for (_, r) in recipients.iter().filter(|(d, _)| nexthop.contains_key(d)) {
        recipient_text += &format!("{r} OK\n");
    }
    Relay { domains, recipients: recipient_text, transport }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DomainName, LocalPart, PackageName, UserName};

    fn address(local: &str, sub: &str, targets: &[&str]) -> Address {
        Address {
            id: 1,
            local: LocalPart::parse("l", local).unwrap(),
            subdomain: sub.into(),
            domain: DomainName::parse("d", "example.org").unwrap(),
            package: PackageName::parse("p", "xyz00").unwrap(),
            targets: targets.iter().map(|t| MailTarget::parse("t", t, false).unwrap()).collect(),
            added: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            removed: None,
        }
    }

    #[test]
    fn tables_have_one_line_per_entry_and_the_catch_all_after_the_addresses() {
        let alias = Alias {
            id: 1,
            name: UserName::parse("n", "xyz00-team").unwrap(),
            package: PackageName::parse("p", "xyz00").unwrap(),
            targets: ["xyz00", "|/home/pacs/xyz00/bin/bot -q", "nobody"].iter().map(|t| MailTarget::parse("t", t, true).unwrap()).collect(),
            added: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            removed: None,
        };
        let t = tables(
            &[address("info", "", &["xyz00-web", "erika@example.net"]), address("", "", &["xyz00"]), address("news", "lists", &["/dev/null"])],
            &[alias],
            &[],
            &[],
        );
        assert_eq!(t.domains, format!("{MANAGED_HEADER}\nexample.org\nlists.example.org\n"));
        assert_eq!(
            t.virtual_map,
            format!(
                "{MANAGED_HEADER}\n@example.org xyz00@localhost\ninfo@example.org xyz00-web@localhost, erika@example.net\nnews@lists.example.org hsadmin-discard@localhost\n"
            )
        );
        assert_eq!(t.aliases, format!("{MANAGED_HEADER}\nhsadmin-discard: /dev/null\nxyz00-team: xyz00, \"|/home/pacs/xyz00/bin/bot -q\", hsadmin-discard\n"));
        assert!(t.virtual_map.lines().all(|l| l.starts_with('#') || l.split_whitespace().count() >= 2));
    }

    #[test]
    fn an_inbound_server_relays_each_domain_to_its_server_and_knows_its_recipients() {
        let addresses = [address("info", "", &["xyz00"]), address("", "", &["xyz00"]), address("info", "shop", &["xyz00"])];
        let nexthop: std::collections::BTreeMap<String, String> =
            [("example.org".to_owned(), "127.0.0.11".to_owned()), ("shop.example.org".to_owned(), "127.0.0.11".to_owned())].into();
        let r = relay(&addresses, &[], &nexthop);
        assert_eq!(r.domains, format!("{MANAGED_HEADER}\nexample.org\nshop.example.org\n"));
        assert_eq!(r.recipients, format!("{MANAGED_HEADER}\n@example.org OK\ninfo@example.org OK\ninfo@shop.example.org OK\n"));
        assert_eq!(r.transport, "example.org smtp:[127.0.0.11]:25\nshop.example.org smtp:[127.0.0.11]:25\n");
        assert_eq!(relay(&addresses, &[], &Default::default()).recipients, format!("{MANAGED_HEADER}\n"), "no domain, no recipient");
    }
}
