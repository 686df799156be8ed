//! SSH host keys: their OpenSSH text form and their SHA256 fingerprint.
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use sha2::{Digest, Sha256};

/// A public host key as the server sent it (the SSH wire blob).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostKey {
    blob: Vec<u8>,
}

impl HostKey {
    pub fn from_blob(blob: &[u8]) -> Self {
        Self { blob: blob.to_vec() }
    }

    /// Parses the OpenSSH form `ssh-ed25519 AAAA…` (a trailing comment is ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split_whitespace();
        let algorithm = parts.next()?;
        let blob = STANDARD.decode(parts.next()?).ok()?;
        let key = Self { blob };
        (key.algorithm() == algorithm).then_some(key)
    }

    /// The algorithm name inside the blob (its first SSH string), like `ssh-ed25519`.
    pub fn algorithm(&self) -> String {
        let len = self.blob.get(..4).map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
        self.blob.get(4..4 + len).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default()
    }

    pub fn blob(&self) -> &[u8] {
        &self.blob
    }

    /// `SHA256:…` as `ssh-keygen -lf` prints it.
    pub fn fingerprint(&self) -> String {
        format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(&self.blob)))
    }

    /// `ssh-ed25519 AAAA…`, the form kept in the ledger and in known_hosts files.
    pub fn to_openssh(&self) -> String {
        format!("{} {}", self.algorithm(), STANDARD.encode(&self.blob))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A real ed25519 public key and its fingerprint as printed by `ssh-keygen -lf`.
    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    #[test]
    fn parses_and_prints_openssh_keys() {
        let key = HostKey::parse(&format!("{KEY} comment")).unwrap();
        assert_eq!(key.algorithm(), "ssh-ed25519");
        assert_eq!(key.to_openssh(), KEY);
        assert!(key.fingerprint().starts_with("SHA256:"));
        assert_eq!(key.fingerprint().len(), 7 + 43);
        assert!(HostKey::parse("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl").is_none());
        assert!(HostKey::parse("garbage").is_none());
    }
}
