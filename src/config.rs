//! `hsadmin.toml`: where it is looked up, what it may contain. Unknown keys are errors.
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

mod backup;
mod billing;
mod mail;
pub use backup::BackupConfig;
pub use billing::{AccountsConfig, BillingConfig};
pub use mail::MailConfig;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The ledger file; relative paths are relative to the config file.
    pub ledger: Option<PathBuf>,
    #[serde(default)]
    pub ssh: SshConfig,
    #[serde(default)]
    pub hosting: HostingConfig,
    #[serde(default)]
    pub web: WebConfig,
    #[serde(default)]
    pub registrar: RegistrarConfig,
    #[serde(default)]
    pub dns: DnsConfig,
    #[serde(default)]
    pub billing: BillingConfig,
    #[serde(default)]
    pub backup: BackupConfig,
    #[serde(default)]
    pub mail: MailConfig,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SshConfig {
    pub user: String,
    /// Private key for logging in; without it, ssh-agent is used.
    pub identity_file: Option<PathBuf>,
    /// File (mode 0600) with the identity file's passphrase, for keys not held by an agent.
    pub identity_passphrase_file: Option<PathBuf>,
    /// OpenSSH known_hosts file that host keys are checked against.
    pub known_hosts: Option<PathBuf>,
    pub connect_timeout_secs: u64,
    /// Longest a remote script may run before it is abandoned.
    pub command_timeout_secs: u64,
    /// How many servers are worked on at once.
    pub jobs: usize,
}

impl Default for SshConfig {
    fn default() -> Self {
        Self {
            user: "root".into(),
            identity_file: None,
            identity_passphrase_file: None,
            known_hosts: None,
            connect_timeout_secs: 10,
            command_timeout_secs: 600,
            jobs: 8,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostingConfig {
    /// The range of Unix user and group ids that hsadmin hands out and manages.
    pub uid_min: u32,
    pub uid_max: u32,
}

impl Default for HostingConfig {
    fn default() -> Self {
        Self { uid_min: 100_000, uid_max: 999_999 }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebConfig {
    /// Certificate of an HTTPS domain; `{domain}` stands for the domain's ASCII name.
    pub certificate_file: String,
    pub certificate_key_file: String,
    /// The PHP-FPM socket that `.php` files are handed to.
    pub php_fpm_socket: String,
    /// The file system that holds /home, where disk quotas are set.
    pub quota_filesystem: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            certificate_file: "/etc/ssl/hsadmin/{domain}.pem".into(),
            certificate_key_file: "/etc/ssl/hsadmin/{domain}.key".into(),
            php_fpm_socket: "/run/php/php-fpm.sock".into(),
            quota_filesystem: "/home".into(),
        }
    }
}

/// The registry the domain robot talks to (`domain register|transfer|renew|delete|info|poll`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RegistrarConfig {
    /// `epp` (RFC 5730–5734 over TLS) or `none` (registration commands refuse).
    pub backend: String,
    pub host: String,
    pub port: u16,
    /// The registrar's login at the registry.
    pub client_id: String,
    /// File (mode 0600) with the login password; never argv, never the environment.
    pub password_file: Option<PathBuf>,
    /// PEM file of the CA that signs the registry's certificate, instead of the system's roots.
    pub ca_file: Option<PathBuf>,
    /// Client certificate and key (PEM) for registries that want one.
    pub client_certificate_file: Option<PathBuf>,
    pub client_key_file: Option<PathBuf>,
    /// Contact handles put on every new domain as admin-c and tech-c.
    pub admin_contact: Option<String>,
    pub tech_contact: Option<String>,
    /// Registration and renewal period.
    pub period_years: u8,
    /// How long to wait for the registry's answer, in seconds.
    pub timeout_secs: u64,
}

impl Default for RegistrarConfig {
    fn default() -> Self {
        Self {
            backend: "none".into(),
            host: String::new(),
            port: 700,
            client_id: String::new(),
            password_file: None,
            ca_file: None,
            client_certificate_file: None,
            client_key_file: None,
            admin_contact: None,
            tech_contact: None,
            period_years: 1,
            timeout_secs: 30,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DnsConfig {
    /// The name servers of every hosted zone (its NS records; the first is the SOA's primary), and the
    /// ones the domain robot gives the registry for a new domain.
    pub nameservers: Vec<String>,
    /// The SOA's responsible mailbox, as a name (`hostmaster.example.net`).
    pub hostmaster: String,
    /// The MX records of every hosted zone: `PREFERENCE HOST`.
    pub mx: Vec<String>,
    /// The SPF TXT record at each zone's apex; empty for none.
    pub spf: String,
    /// A wildcard A/AAAA record (`*.domain`) pointing at the package's server.
    pub wildcard: bool,
    /// The zones' default TTL and SOA timers, in seconds.
    pub ttl: u32,
    pub refresh: u32,
    pub retry: u32,
    pub expire: u32,
    pub negative_ttl: u32,
}

impl Default for DnsConfig {
    fn default() -> Self {
        Self {
            nameservers: vec!["ns1.example.net".into(), "ns2.example.net".into()],
            hostmaster: "hostmaster.example.net".into(),
            mx: vec!["10 mx.example.net".into()],
            spf: "v=spf1 mx -all".into(),
            wildcard: false,
            ttl: 3600,
            refresh: 10800,
            retry: 3600,
            expire: 1_209_600,
            negative_ttl: 3600,
        }
    }
}

/// The configuration and the file it came from (None: built-in defaults).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub source: Option<PathBuf>,
}

/// Looks up the config: `explicit` (from `--config` or `$HSADMIN_CONFIG`), then
/// `$XDG_CONFIG_HOME/hsadmin/hsadmin.toml`, then `/etc/hsadmin/hsadmin.toml`; none found means defaults.
pub fn load(explicit: Option<&Path>) -> Result<Loaded> {
    let path = match explicit {
        Some(p) if !p.exists() => {
            return Err(Error::Usage(format!("config file {} does not exist", p.display())));
        }
        Some(p) => Some(p.to_owned()),
        None => candidates().into_iter().find(|p| p.exists()),
    };
    let Some(path) = path else {
        return Ok(Loaded { config: Config::default(), source: None });
    };
    let text = std::fs::read_to_string(&path).map_err(|e| Error::Usage(format!("cannot read config file {}: {e}", path.display())))?;
    let mut config: Config = toml::from_str(&text).map_err(|e| Error::Usage(format!("config file {}: {}", path.display(), e.to_string().trim_end())))?;
    config.validate(&path)?;
    if let Some(dir) = path.parent() {
        // Paths in the file are relative to the file, not to wherever hsadmin happens to run.
        let r = &mut config.registrar;
        for p in [
            &mut config.ledger,
            &mut config.ssh.identity_file,
            &mut config.ssh.identity_passphrase_file,
            &mut config.ssh.known_hosts,
            &mut r.password_file,
            &mut r.ca_file,
            &mut r.client_certificate_file,
            &mut r.client_key_file,
        ] {
            if let Some(rel) = p.as_ref().filter(|p| p.is_relative()) {
                *p = Some(dir.join(rel));
            }
        }
    }
    Ok(Loaded { config, source: Some(path) })
}

impl Config {
    fn validate(&self, path: &Path) -> Result<()> {
        let bad = |key: &str, rule: &str| Err(Error::Usage(format!("config file {}: {key} {rule}", path.display())));
        if self.hosting.uid_min < 1000 || self.hosting.uid_min >= self.hosting.uid_max {
            return bad("hosting.uid_min/uid_max", "must satisfy 1000 <= uid_min < uid_max");
        }
        if self.ssh.jobs == 0 || self.ssh.jobs > 256 {
            return bad("ssh.jobs", "must be between 1 and 256");
        }
        if self.ssh.connect_timeout_secs == 0 || self.ssh.connect_timeout_secs > 600 {
            return bad("ssh.connect_timeout_secs", "must be between 1 and 600");
        }
        // These paths are written into Apache config and remote commands: absolute, one word, no quotes.
        for (key, value) in [
            ("web.certificate_file", &self.web.certificate_file),
            ("web.certificate_key_file", &self.web.certificate_key_file),
            ("web.php_fpm_socket", &self.web.php_fpm_socket),
            ("web.quota_filesystem", &self.web.quota_filesystem),
        ] {
            let plain = value.starts_with('/') && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-{}".contains(&b)) && !value.contains("..");
            if !plain {
                return bad(key, "must be an absolute path of letters, digits and / . _ - (and {domain})");
            }
        }
        if self.ssh.command_timeout_secs == 0 || self.ssh.command_timeout_secs > 86_400 {
            return bad("ssh.command_timeout_secs", "must be between 1 and 86400");
        }
        if let Err((key, rule)) = self.dns.check() {
            return bad(&key, &rule);
        }
        if let Err((key, rule)) = self.billing.check() {
            return bad(&key, &rule);
        }
        if let Err((key, rule)) = self.backup.check() {
            return bad(&key, &rule);
        }
        if let Err((key, rule)) = self.mail.check() {
            return bad(&key, &rule);
        }
        self.registrar.validate().or_else(|(key, rule)| bad(key, rule))
    }
}

impl DnsConfig {
    /// Checks every key; on failure the key and the rule it breaks.
    pub fn check(&self) -> std::result::Result<(), (String, String)> {
        let fail = |key: &str, rule: &str| Err((format!("dns.{key}"), rule.to_owned()));
        if self.nameservers.is_empty() {
            return fail("nameservers", "must name at least one name server");
        }
        for (i, ns) in self.nameservers.iter().enumerate() {
            if crate::model::dns::host("nameservers", ns).is_err() {
                return fail(&format!("nameservers[{i}]"), "must be a host name like ns1.example.net");
            }
        }
        if crate::model::dns::host("hostmaster", &self.hostmaster).is_err() {
            return fail("hostmaster", "must be a mailbox written as a name, like hostmaster.example.net");
        }
        for (i, mx) in self.mx.iter().enumerate() {
            if crate::model::dns::mx_data(mx).is_err() {
                return fail(&format!("mx[{i}]"), "must be `PREFERENCE HOST`, like \"10 mx.example.net\"");
            }
        }
        if !self.spf.is_empty() && (self.spf.len() > 255 || !self.spf.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')) {
            return fail("spf", "must be printable ASCII without quotes or backslashes, at most 255 characters");
        }
        for (key, value, min, max) in [
            ("ttl", self.ttl, 60, 604_800),
            ("refresh", self.refresh, 300, 604_800),
            ("retry", self.retry, 60, 604_800),
            ("expire", self.expire, 86_400, 4_838_400),
            ("negative_ttl", self.negative_ttl, 60, 86_400),
        ] {
            if !(min..=max).contains(&value) {
                return fail(key, &format!("must be between {min} and {max} seconds"));
            }
        }
        Ok(())
    }
}

impl RegistrarConfig {
    fn validate(&self) -> std::result::Result<(), (&'static str, &'static str)> {
        match self.backend.as_str() {
            "none" => return Ok(()),
            "epp" => {}
            _ => return Err(("registrar.backend", "must be \"epp\" or \"none\"")),
        }
        if self.host.is_empty() || self.client_id.is_empty() || self.password_file.is_none() {
            return Err(("registrar", "with backend = \"epp\" needs host, client_id and password_file"));
        }
        if !(1..=10).contains(&self.period_years) {
            return Err(("registrar.period_years", "must be between 1 and 10"));
        }
        if self.client_certificate_file.is_some() != self.client_key_file.is_some() {
            return Err(("registrar.client_certificate_file/client_key_file", "must be given together"));
        }
        if self.timeout_secs == 0 || self.timeout_secs > 600 {
            return Err(("registrar.timeout_secs", "must be between 1 and 600"));
        }
        Ok(())
    }
}

fn xdg(var: &str, fallback: &str) -> Option<PathBuf> {
    let from_env = std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute());
    from_env.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))
}

fn candidates() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = xdg("XDG_CONFIG_HOME", ".config").map(|d| d.join("hsadmin/hsadmin.toml")).into_iter().collect();
    v.push(PathBuf::from("/etc/hsadmin/hsadmin.toml"));
    v
}

/// The ledger path: `--ledger`/`$HSADMIN_LEDGER`, else the config's `ledger`, else `$XDG_DATA_HOME/hsadmin/ledger.db`.
pub fn ledger_path(explicit: Option<&Path>, config: &Config) -> Result<PathBuf> {
    explicit
        .map(Path::to_owned)
        .or_else(|| config.ledger.clone())
        .or_else(|| xdg("XDG_DATA_HOME", ".local/share").map(|d| d.join("hsadmin/ledger.db")))
        .ok_or_else(|| Error::Usage("no ledger path: give --ledger, set `ledger` in hsadmin.toml, or set HOME".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("hsadmin.toml");
        std::fs::write(&p, "[ssh]\nuser = \"root\"\nport = 22\n").unwrap();
        let e = load(Some(&p)).unwrap_err();
        assert!(e.to_string().contains("unknown field `port`"), "{e}");
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn bad_dns_values_name_their_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("hsadmin.toml");
        for (text, key) in [
            ("[dns]\nttl = 5\n", "dns.ttl"),
            ("[dns]\nnameservers = []\n", "dns.nameservers"),
            ("[dns]\nnameservers = [\"ns1.example.net\", \"bad name\"]\n", "dns.nameservers[1]"),
            ("[dns]\nmx = [\"mx.example.net\"]\n", "dns.mx[0]"),
            ("[dns]\nspf = \"v=spf1 \\\" -all\"\n", "dns.spf"),
            ("[dns]\nhostmaster = \"a@b\"\n", "dns.hostmaster"),
            ("[billing]\niban = \"DE02430609670000000000\"\n", "billing.iban"),
            ("[billing]\nbic = \"GENO1\"\n", "billing.bic"),
            ("[billing]\ncreditor_id = \"DE97ZZZ09999999999\"\n", "billing.creditor_id"),
            ("[billing]\ncreditor_id = \"DE98ZZZ0999999999\"\n", "billing.creditor_id"),
            ("[billing]\nnumber_format = \"{seq}\"\n", "billing.number_format"),
            ("[billing.accounts]\nchart = \"SKR99\"\n", "billing.accounts.chart"),
        ] {
            std::fs::write(&p, text).unwrap();
            let e = load(Some(&p)).unwrap_err();
            assert!(e.to_string().contains(key), "{text}: {e}");
            assert_eq!(e.exit_code(), 2);
        }
    }

    #[test]
    fn example_config_parses() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("hsadmin.toml.example");
        let loaded = load(Some(&example)).unwrap();
        assert_eq!(loaded.config.ssh.user, "root");
    }

    /// Every key the config takes is in the example, set or commented out (`key =` or `# key =`).
    #[test]
    fn example_config_documents_every_key() {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("hsadmin.toml.example")).unwrap();
        let config = Config { ledger: Some("x".into()), ..Default::default() };
        let value = serde_json::to_value(&config).unwrap();
        fn keys(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
            for (k, v) in v.as_object().unwrap() {
                match v {
                    serde_json::Value::Object(_) => keys(&format!("{prefix}{k}."), v, out),
                    _ => out.push((prefix.trim_end_matches('.').to_owned(), k.clone())),
                }
            }
        }
        let mut all = Vec::new();
        keys("", &value, &mut all);
        assert!(all.len() > 40, "{all:?}");
        for (table, key) in all {
            let section = if table.is_empty() {
                text.split("\n[").next().unwrap().to_owned()
            } else {
                let start = text.find(&format!("\n[{table}]\n")).unwrap_or_else(|| panic!("no [{table}] in the example"));
                let rest = &text[start + table.len() + 4..];
                rest[..rest.find("\n[").unwrap_or(rest.len())].to_owned()
            };
            let documented = section.lines().any(|l| l.trim_start_matches(['#', ' ']).starts_with(&format!("{key} =")));
            assert!(documented, "{table}.{key} is not in hsadmin.toml.example");
        }
    }
}
