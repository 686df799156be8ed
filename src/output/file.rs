//! Documents written to files (invoices, bookings): atomically, so that a reader sees the old file or the
//! whole new one, never a part, and nothing is left behind when writing fails.
use crate::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `target` through a temporary file in the same directory (created with `mode`, set
/// again past the umask), fsync, rename, and an fsync of the directory so that the rename survives a power
/// cut. On failure the temporary file is removed and `target` is as it was.
pub fn write_atomically(target: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let fail = |e: std::io::Error| Error::Failed(format!("cannot write {}: {e}", target.display()));
    let name = target.file_name().ok_or_else(|| Error::invalid("out", format!("{} does not name a file", target.display())))?;
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let temp = dir.join(format!(".{}.{}-{nanos}.tmp", name.to_string_lossy(), std::process::id()));
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(&temp).map_err(fail)?;
    let written = (|| -> std::io::Result<()> {
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_with_the_mode_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomically(&path, b"one", 0o600).unwrap();
        write_atomically(&path, b"two", 0o600).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a temporary file was left");
        assert!(write_atomically(dir.path(), b"x", 0o600).is_err(), "a directory is no file");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a temporary file was left");
    }
}
