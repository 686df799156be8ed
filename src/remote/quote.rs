//! The one place where shell text is made. Everything that reaches a remote shell is either a trusted
//! `&'static str` written in this code base, or an argument quoted by [`quote`].
use crate::model;
use std::borrow::Cow;

/// Quotes bytes for a POSIX shell: inside single quotes every byte is literal except `'`, which becomes `'\''`.
/// Newlines, `$()`, backticks, globs and non-UTF-8 bytes all arrive as themselves.
pub fn quote(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'\'');
    for &b in bytes {
        if b == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(b);
        }
    }
    out.push(b'\'');
    out
}

/// Something that may be an argument of a remote command: validated identifiers and plain numbers.
/// Free text and file contents are not arguments; they travel as [`Data`].
pub trait ShellArg {
    fn shell_bytes(&self) -> Cow<'_, [u8]>;
}

/// Arbitrary bytes as one argument (quoted). A NUL byte cannot be part of any shell argument, so it is refused.
#[derive(Debug, Clone, Copy)]
pub struct Data<'a>(&'a [u8]);

impl<'a> Data<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        (!bytes.contains(&0)).then_some(Self(bytes))
    }
}

impl ShellArg for Data<'_> {
    fn shell_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(self.0)
    }
}

macro_rules! identifier_args {
    ($($t:ty),*) => {$(
        impl ShellArg for $t {
            fn shell_bytes(&self) -> Cow<'_, [u8]> {
                Cow::Borrowed(self.as_str().as_bytes())
            }
        }
    )*};
}
identifier_args!(model::UserName, model::PackageName, model::ServerName, model::Shell);

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl ShellArg for $t {
            fn shell_bytes(&self) -> Cow<'_, [u8]> {
                Cow::Owned(self.to_string().into_bytes())
            }
        }
    )*};
}
number_args!(u16, u32, u64, i64);

/// A remote shell script, built only from trusted static text and quoted arguments.
#[derive(Debug, Clone, Default)]
pub struct Script {
    text: Vec<u8>,
}

impl Script {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends trusted shell text written in this code base (a constant: never built at run time).
    pub fn raw(&mut self, text: &'static str) -> &mut Self {
        self.text.extend_from_slice(text.as_bytes());
        self
    }

    /// Appends `name='value'` and a newline: a shell variable for the constant text that follows.
    pub fn assign(&mut self, name: &'static str, value: &dyn ShellArg) -> &mut Self {
        self.text.extend_from_slice(name.as_bytes());
        self.text.push(b'=');
        self.text.extend_from_slice(&quote(&value.shell_bytes()));
        self.text.push(b'\n');
        self
    }

    /// Appends `program arg…` and a newline; every argument is quoted.
    pub fn command(&mut self, program: &'static str, args: &[&dyn ShellArg]) -> &mut Self {
        self.words(program, args);
        self.text.push(b'\n');
        self
    }

    /// Appends `left | right` and a newline: the first command's output feeds the second.
    pub fn pipe(&mut self, left: (&'static str, &[&dyn ShellArg]), right: (&'static str, &[&dyn ShellArg])) -> &mut Self {
        self.words(left.0, left.1);
        self.text.extend_from_slice(b" | ");
        self.words(right.0, right.1);
        self.text.push(b'\n');
        self
    }

    fn words(&mut self, program: &'static str, args: &[&dyn ShellArg]) {
        self.text.extend_from_slice(program.as_bytes());
        for a in args {
            self.text.push(b' ');
            self.text.extend_from_slice(&quote(&a.shell_bytes()));
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_every_byte_literal() {
        assert_eq!(quote(b"abc"), b"'abc'");
        assert_eq!(quote(b"it's"), b"'it'\\''s'");
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"$(id)\n`x`"), b"'$(id)\n`x`'");
    }

    #[test]
    fn data_refuses_nul() {
        assert!(Data::new(b"a\0b").is_none());
        assert!(Data::new(b"\xff\xfe").is_some());
    }

    #[test]
    fn scripts_quote_arguments() {
        let user = model::UserName::parse("user", "xyz00-web").unwrap();
        let mut s = Script::new();
        s.command("id", &[&user]).command("printf", &[&Data::new(b"%s").unwrap(), &Data::new(b"a'b").unwrap()]);
        assert_eq!(s.bytes(), b"id 'xyz00-web'\nprintf '%s' 'a'\\''b'\n");
    }
}
