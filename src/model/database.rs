//! Database users and databases: the engine, their names, the encoding, and the password as the pre-hashed
//! secret the engine accepts (a SCRAM-SHA-256 verifier for PostgreSQL, an `ed25519` hash for MariaDB), so that
//! the clear text never needs to be stored or sent.
use super::member::keyword_enum;
use super::{PackageName, Password, ensure};
use crate::{Error, Result};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};

keyword_enum!(
    /// The database server software a user or database lives in.
    Engine { Mariadb = "mariadb", Postgresql = "postgresql" }
);

impl Engine {
    /// The server role that runs this engine's databases.
    pub const fn role(self) -> super::Role {
        match self {
            Engine::Mariadb => super::Role::Mariadb,
            Engine::Postgresql => super::Role::Postgresql,
        }
    }

    /// The longest user or database name the engine takes, in bytes (names are ASCII, so also characters).
    /// PostgreSQL: identifiers are at most `NAMEDATALEN - 1` = 63 bytes (PostgreSQL manual, "Identifiers and
    /// Key Words", §4.1.1). MariaDB: database names at most 64 characters, user names at most 80 (10.6 and
    /// later; "Identifier Names", "Maximum Length"); the smaller, 64, applies to both here.
    pub fn max_name_len(self) -> usize {
        match self {
            Engine::Mariadb => 64,
            Engine::Postgresql => 63,
        }
    }
}

/// The name of a database user or a database: the package name (`xyz00`), or the package name, `_` and
/// `[a-z0-9_]+` (`xyz00_app`), at most [`Engine::max_name_len`] bytes. Nothing in it needs quoting in SQL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct DbName(String);

impl DbName {
    /// A name for `engine`, as typed.
    pub fn parse(field: &str, s: &str, engine: Engine) -> Result<Self> {
        let name = Self::stored(field, s)?;
        let max = engine.max_name_len();
        ensure(s.len() <= max, field, s, &format!("must be at most {max} characters for {engine}"))?;
        Ok(name)
    }

    /// A name as the ledger holds it: the shape, within the longer limit of the two engines.
    pub fn stored(field: &str, s: &str) -> Result<Self> {
        const RULE: &str = "must be a database name: the package name, or the package name, '_' and a-z, 0-9, '_', like xyz00_app";
        let (package, suffix) = match s.split_once('_') {
            Some((p, rest)) => (p, Some(rest)),
            None => (s, None),
        };
        ensure(PackageName::parse(field, package).is_ok(), field, s, RULE)?;
        let suffix_ok = suffix.is_none_or(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        ensure(suffix_ok, field, s, RULE)?;
        ensure(s.len() <= Engine::Mariadb.max_name_len(), field, s, "must be at most 64 characters")?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The package the name belongs to (its first five characters).
    pub fn package(&self) -> PackageName {
        PackageName::parse("name", &self.0[..5]).expect("a database name starts with a package name")
    }
}

impl std::fmt::Display for DbName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A database's character set: only the engine's own names. MariaDB: `utf8mb4` (the default) or `latin1`;
/// PostgreSQL: `UTF8` (the default) or `LATIN1`. Accepted in any case, stored as the engine spells it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Encoding(String);

impl Encoding {
    fn known(engine: Engine) -> &'static [&'static str] {
        match engine {
            Engine::Mariadb => &["utf8mb4", "latin1"],
            Engine::Postgresql => &["UTF8", "LATIN1"],
        }
    }

    pub fn parse(field: &str, s: &str, engine: Engine) -> Result<Self> {
        let all = Self::known(engine);
        match all.iter().find(|e| e.eq_ignore_ascii_case(s)) {
            Some(e) => Ok(Self((*e).to_owned())),
            None => Err(Error::invalid(field, format!("{} must be one of {} for {engine}", super::shown(s), all.join(", ")))),
        }
    }

    /// What a database of `engine` gets without `--encoding`.
    pub fn default_for(engine: Engine) -> Self {
        Self(Self::known(engine)[0].to_owned())
    }

    /// An encoding as the ledger holds it: one of either engine's.
    pub fn stored(field: &str, s: &str) -> Result<Self> {
        let ok = Engine::ALL.iter().any(|&e| Self::known(e).contains(&s));
        ensure(ok, field, s, "must be utf8mb4, latin1, UTF8 or LATIN1")?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The PBKDF2 iterations of a SCRAM verifier: PostgreSQL's default (`scram_iterations`, 4096).
pub const SCRAM_ITERATIONS: usize = 4096;

/// A database user's password as the engine's pre-hashed secret, never the clear text:
/// - PostgreSQL: the SCRAM-SHA-256 verifier exactly as `pg_authid.rolpassword` holds it
///   (`SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>`, base64; RFC 5802 §3, RFC 7677), with a random
///   16-byte salt; `CREATE ROLE … PASSWORD 'SCRAM-SHA-256$…'` stores it as it is.
/// - MariaDB: the `ed25519` plugin's hash (`IDENTIFIED VIA ed25519 USING '…'`): the Ed25519 public key whose
///   secret scalar is the clamped first half of SHA-512 of the password (plugin/auth_ed25519/ref10/sign.c,
///   `crypto_sign_keypair`), base64 without padding, 43 characters.
///
/// It has no `Display`, its `Debug` hides it, and rows holding it skip it when they serialise.
#[derive(Clone, PartialEq, Eq)]
pub struct DbSecret(String);

impl DbSecret {
    /// The secret of `password` for `engine`. Database passwords must be printable ASCII: SASLprep
    /// (RFC 4013), which PostgreSQL applies to SCRAM passwords, is then the identity, and every client sends
    /// the same bytes.
    pub fn new(password: &Password, engine: Engine) -> Result<Self> {
        let clear = password.expose();
        if !clear.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return Err(Error::invalid("password", "a database password must be printable ASCII (letters, digits, punctuation, space)"));
        }
        Ok(match engine {
            Engine::Postgresql => {
                let mut salt = [0u8; 16];
                openssl::rand::rand_bytes(&mut salt).map_err(|e| Error::Failed(format!("no random salt: {e}")))?;
                Self::scram(clear.as_bytes(), &salt, SCRAM_ITERATIONS)
            }
            Engine::Mariadb => Self::ed25519(clear.as_bytes()),
        })
    }

    /// The SCRAM-SHA-256 verifier of `password` with `salt` and `iterations`.
    pub fn scram(password: &[u8], salt: &[u8], iterations: usize) -> Self {
        let mut salted = [0u8; 32];
        openssl::pkcs5::pbkdf2_hmac(password, salt, iterations, openssl::hash::MessageDigest::sha256(), &mut salted).expect("PBKDF2 with SHA-256 works");
        let client_key = hmac_sha256(&salted, b"Client Key");
        let stored_key = openssl::sha::sha256(&client_key);
        let server_key = hmac_sha256(&salted, b"Server Key");
        Self(format!("SCRAM-SHA-256${iterations}:{}${}:{}", STANDARD.encode(salt), STANDARD.encode(stored_key), STANDARD.encode(server_key)))
    }

    /// MariaDB's `ed25519_password(password)`.
    pub fn ed25519(password: &[u8]) -> Self {
        use sha2::Digest;
        let az = sha2::Sha512::digest(password);
        let mut scalar = [0u8; 32];
        scalar.copy_from_slice(&az[..32]);
        // mul_base_clamped clamps as ref10 does: az[0] &= 248; az[31] &= 63; az[31] |= 64.
        let public = curve25519_dalek::EdwardsPoint::mul_base_clamped(scalar).compress();
        Self(STANDARD_NO_PAD.encode(public.as_bytes()))
    }

    /// A secret as the ledger holds it: a SCRAM-SHA-256 verifier or a 43-character ed25519 hash.
    pub fn stored(field: &str, s: &str) -> Result<Self> {
        let ok = if let Some(rest) = s.strip_prefix("SCRAM-SHA-256$") {
            rest.split_once(':').is_some_and(|(n, _)| n.parse::<u32>().is_ok()) && rest.bytes().all(|b| b.is_ascii_graphic())
        } else {
            s.len() == 43 && STANDARD_NO_PAD.decode(s).is_ok_and(|k| k.len() == 32)
        };
        // The value is a secret: the message names the rule, never the value.
        if !ok {
            return Err(Error::invalid(field, "must be a SCRAM-SHA-256 verifier or an ed25519 hash"));
        }
        Ok(Self(s.to_owned()))
    }

    /// The secret's text, for the engine that applies it (and the ledger that stores it).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a secret for `engine`.
    pub fn is_for(&self, engine: Engine) -> bool {
        self.0.starts_with("SCRAM-SHA-256$") == (engine == Engine::Postgresql)
    }
}

impl std::fmt::Debug for DbSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbSecret(***)")
    }
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let key = openssl::pkey::PKey::hmac(key).expect("an HMAC key of any length");
    let mut signer = openssl::sign::Signer::new(openssl::hash::MessageDigest::sha256(), &key).expect("HMAC-SHA-256 works");
    signer.update(data).expect("HMAC update");
    signer.sign_to_vec().expect("HMAC final")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for good in ["xyz00", "xyz00_app", "xyz00_a_b_9", "xyz00__"] {
            assert_eq!(DbName::parse("name", good, Engine::Mariadb).unwrap().as_str(), good);
        }
        assert_eq!(DbName::parse("name", "xyz00_wp", Engine::Postgresql).unwrap().package().as_str(), "xyz00");
        let long = format!("xyz00_{}", "a".repeat(58));
        assert_eq!(long.len(), 64);
        assert!(DbName::parse("name", &long, Engine::Mariadb).is_ok());
        assert!(DbName::parse("name", &long, Engine::Postgresql).is_err());
        for bad in ["xyz00_", "xyz00-app", "XYZ00_app", "xyz00_App", "xyz0_app", "xyz00_a'b", "xyz00_a`b", "xyz00_a;b", "xyz00_a--b", "xyz00_ä", "", "_app"] {
            assert!(DbName::parse("name", bad, Engine::Mariadb).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn encodings() {
        assert_eq!(Encoding::default_for(Engine::Mariadb).as_str(), "utf8mb4");
        assert_eq!(Encoding::default_for(Engine::Postgresql).as_str(), "UTF8");
        assert_eq!(Encoding::parse("encoding", "utf8", Engine::Postgresql).unwrap().as_str(), "UTF8");
        assert!(Encoding::parse("encoding", "UTF8", Engine::Mariadb).is_err());
        assert!(Encoding::parse("encoding", "utf8mb4", Engine::Postgresql).is_err());
    }

    #[test]
    fn mariadb_ed25519_matches_the_plugin() {
        // mysql-test/suite/plugins/r/auth_ed25519.result: SELECT ed25519_password("secret").
        assert_eq!(DbSecret::ed25519(b"secret").as_str(), "ZIgUREUg5PVgQ6LskhXmO+eZLS0nC8be6HPjYWR4YJY");
    }

    #[test]
    fn scram_verifier_matches_rfc7677() {
        // RFC 7677 §3: password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations; ServerKey and
        // StoredKey as PostgreSQL's own tests compute them for this example.
        let salt = STANDARD.decode("W22ZaJ0SNY7soEsUEjb6gQ==").unwrap();
        let v = DbSecret::scram(b"pencil", &salt, 4096);
        assert_eq!(
            v.as_str(),
            "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU="
        );
    }

    #[test]
    fn secrets_are_random_hidden_and_checked() {
        let p = Password::parse("password", "db-Pass-1!").unwrap();
        let a = DbSecret::new(&p, Engine::Postgresql).unwrap();
        let b = DbSecret::new(&p, Engine::Postgresql).unwrap();
        assert_ne!(a, b, "a fresh salt each time");
        assert!(a.is_for(Engine::Postgresql) && !a.is_for(Engine::Mariadb));
        assert_eq!(format!("{a:?}"), "DbSecret(***)");
        assert!(DbSecret::stored("secret", a.as_str()).is_ok());
        let m = DbSecret::new(&p, Engine::Mariadb).unwrap();
        assert!(DbSecret::stored("secret", m.as_str()).is_ok() && m.is_for(Engine::Mariadb));
        assert!(DbSecret::stored("secret", "db-Pass-1!").is_err());
        assert!(DbSecret::new(&Password::parse("password", "Pässwort-1").unwrap(), Engine::Mariadb).is_err());
    }
}
