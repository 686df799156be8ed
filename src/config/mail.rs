//! `[mail]`: the inbound mail servers — the hoster's MX hosts (Hostsharing's `mailin` hosts), which take the
//! mail of every mail domain from the internet and relay each domain to the server of its package, where it
//! is delivered. Checked when the file is loaded.
use crate::model::ServerName;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// Servers of the ledger with the `mail` role that relay every other server's mail domains to it.
    pub inbound: Vec<String>,
}

impl MailConfig {
    pub(super) fn check(&self) -> std::result::Result<(), (String, String)> {
        for (i, s) in self.inbound.iter().enumerate() {
            if ServerName::parse("server", s).is_err() {
                return Err((format!("mail.inbound[{i}]"), "must be a server name like h3".into()));
            }
        }
        Ok(())
    }

    /// Whether `server` is an inbound mail server.
    pub fn is_inbound(&self, server: &str) -> bool {
        self.inbound.iter().any(|s| s == server)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inbound_servers_are_server_names() {
        assert_eq!(MailConfig::default().check(), Ok(()));
        let bad = MailConfig { inbound: vec!["h3".into(), "not a name".into()] };
        assert_eq!(bad.check().unwrap_err().0, "mail.inbound[1]");
        assert!(MailConfig { inbound: vec!["h3".into()] }.is_inbound("h3"));
    }
}
