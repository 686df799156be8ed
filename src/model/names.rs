//! Names of hosting things: packages, Unix users, servers, products, login shells, account comments.
use super::{Prefix, TextField, ensure};
use crate::Result;

/// Where package homes live (`/home/pacs/xyz00`).
pub const PACKAGE_HOMES: &str = "/home/pacs";

/// The common shape of a validated name: a string that can only be made through `parse`.
macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use name_type;

name_type!(
    /// A package (webspace): the member's prefix and two digits, `xyz00`.
    PackageName
);

impl PackageName {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let b = s.as_bytes();
        let ok = b.len() == 5 && b[..3].iter().all(u8::is_ascii_lowercase) && b[3..].iter().all(u8::is_ascii_digit);
        ensure(ok, field, s, "must be a package name: the member's three-letter prefix and two digits, like xyz00")?;
        Ok(Self(s.to_owned()))
    }

    pub fn prefix(&self) -> Prefix {
        Prefix::parse("package", &self.0[..3]).expect("a package name starts with a valid prefix")
    }
}

name_type!(
    /// A Unix user: the package admin `xyz00` or a package user `xyz00-name`.
    UserName
);

impl UserName {
    /// Longest user name Debian's useradd accepts without complaint.
    pub const MAX_LEN: usize = 32;

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        const RULE: &str = "must be a user name: the package name, or the package name, '-' and a suffix of a-z, 0-9, '.', '_', '-' that starts with a letter or digit (at most 32 characters), like xyz00-web";
        ensure(s.len() <= Self::MAX_LEN && s.is_ascii(), field, s, RULE)?;
        let (package, suffix) = match s.split_once('-') {
            Some((p, rest)) => (p, Some(rest)),
            None => (s, None),
        };
        PackageName::parse(field, package).map_err(|_| crate::Error::invalid(field, format!("{} {RULE}", super::shown(s))))?;
        if let Some(suffix) = suffix {
            let first_ok = suffix.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            let rest_ok = suffix.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'));
            ensure(first_ok && rest_ok, field, s, RULE)?;
        }
        Ok(Self(s.to_owned()))
    }

    pub fn package(&self) -> PackageName {
        PackageName(self.0.split('-').next().expect("split yields one part").to_owned())
    }

    /// The part after `xyz00-`, or None for the package admin.
    pub fn suffix(&self) -> Option<&str> {
        self.0.split_once('-').map(|(_, s)| s)
    }

    pub fn is_package_admin(&self) -> bool {
        self.suffix().is_none()
    }

    /// `/home/pacs/xyz00` for the admin, `/home/pacs/xyz00/users/name` for the others.
    pub fn home(&self) -> String {
        match self.suffix() {
            None => format!("{PACKAGE_HOMES}/{}", self.0),
            Some(s) => format!("{PACKAGE_HOMES}/{}/users/{s}", self.package()),
        }
    }
}

impl From<&PackageName> for UserName {
    /// The package admin user has the package's name.
    fn from(p: &PackageName) -> Self {
        UserName(p.0.clone())
    }
}

name_type!(
    /// A managed server: a short host name like `h01` or `vm1001`.
    ServerName
);

impl ServerName {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let b = s.as_bytes();
        let ok = (1..=32).contains(&b.len())
            && b[0].is_ascii_lowercase()
            && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
            && !s.ends_with('-');
        ensure(ok, field, s, "must be a server name: 1 to 32 of a-z, 0-9 and '-', starting with a letter, like h01 or vm1001")?;
        Ok(Self(s.to_owned()))
    }
}

name_type!(
    /// A catalog product code such as `DW/SA`, `NS/PRI` or `DOMAIN/DE`.
    ProductCode
);

impl ProductCode {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let ok = match s.split_once('/') {
            Some((group, item)) => is_code_part(group) && is_code_part(item),
            None => is_code_part(s),
        };
        ensure(ok, field, s, "must be a product code: upper-case letters and digits, optionally '/' and more, like DW/SA")?;
        Ok(Self(s.to_owned()))
    }
}

fn is_code_part(s: &str) -> bool {
    (1..=12).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The login shells a package user may have (hostsharing-model.md §3).
pub const SHELLS: &[&str] = &["/bin/false", "/bin/bash", "/bin/csh", "/bin/dash", "/usr/bin/tcsh", "/usr/bin/zsh", "/usr/bin/passwd"];

name_type!(
    /// A login shell from [`SHELLS`].
    Shell
);

impl Shell {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        ensure(SHELLS.contains(&s), field, s, &format!("must be one of {}", SHELLS.join(", ")))?;
        Ok(Self(s.to_owned()))
    }

    pub fn default_for(user: &UserName) -> Self {
        Self(if user.is_package_admin() { "/bin/bash" } else { "/bin/false" }.to_owned())
    }
}

name_type!(
    /// A Unix user's comment: the GECOS field of `/etc/passwd`, one line of plain text without ':'.
    Gecos
);

impl Gecos {
    /// At most this many characters.
    pub const MAX_CHARS: usize = 128;

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        // ':' separates the fields of /etc/passwd (usermod refuses it).
        ensure(!s.contains(':'), field, s, "must not contain ':' (it separates the fields of /etc/passwd)")?;
        Ok(Self(TextField::parse(field, s, Self::MAX_CHARS)?.as_str().to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &[&str] = &[
        "",
        "xyz00;rm -rf /",
        "xyz00$(id)",
        "xyz00`id`",
        "xyz00\nroot",
        "../etc",
        "xyz00-..",
        "xyz00-.hidden",
        "xyz00-/x",
        "xyz00-a b",
        "XYZ00",
        "xyz0",
        "xyz000",
        "хyz00",
        "xyz00-wеb",
        "xyz00-",
        "xyz00--",
        "xyz00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ];

    #[test]
    fn user_names() {
        for ok in ["xyz00", "xyz00-web", "xyz00-a.b_c-d", "abc99-0"] {
            UserName::parse("user", ok).unwrap();
        }
        for bad in HOSTILE {
            assert!(UserName::parse("user", bad).is_err(), "{bad:?} accepted");
        }
        let u = UserName::parse("user", "xyz00-web").unwrap();
        assert_eq!(u.home(), "/home/pacs/xyz00/users/web");
        assert_eq!(u.package().as_str(), "xyz00");
        assert_eq!(UserName::parse("user", "xyz00").unwrap().home(), "/home/pacs/xyz00");
    }

    #[test]
    fn package_names() {
        PackageName::parse("package", "xyz00").unwrap();
        for bad in HOSTILE.iter().chain(&["xyz00-web"]) {
            assert!(PackageName::parse("package", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn server_names_and_codes() {
        ServerName::parse("server", "h1").unwrap();
        ServerName::parse("server", "vm1001").unwrap();
        for bad in ["", "1h", "h1;x", "h1-", "H1", "h1.example.org", "h\u{0430}"] {
            assert!(ServerName::parse("server", bad).is_err(), "{bad:?} accepted");
        }
        ProductCode::parse("code", "DW/SA").unwrap();
        ProductCode::parse("code", "FEE").unwrap();
        assert!(ProductCode::parse("code", "DW/").is_err());
        assert!(ProductCode::parse("code", "dw/sa").is_err());
    }

    #[test]
    fn gecos_is_one_passwd_field() {
        assert_eq!(Gecos::parse("comment", "  Erika M., Shop  ").unwrap().as_str(), "Erika M., Shop");
        for bad in ["a:b", "", "a\nb", &"x".repeat(129)] {
            assert!(Gecos::parse("comment", bad).is_err(), "{bad:?} accepted");
        }
        assert!(Gecos::parse("comment", &"x".repeat(128)).is_ok());
    }
}
