//! examples/install.sh with DESTDIR in a temporary directory and the binary cargo already built for these
//! tests (HSADMIN_BIN): every file lands where the standard places are, with its mode, man pages gzipped;
//! `--uninstall` removes exactly those files.
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const PREFIX: &str = "/opt/hs";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn script(destdir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(repo().join("examples/install.sh"))
        .args(args)
        .env("DESTDIR", destdir)
        .env("PREFIX", PREFIX)
        .env("HSADMIN_BIN", assert_cmd::cargo::cargo_bin("hsadmin"))
        .output()
        .unwrap()
}

fn man_pages() -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(repo().join("man")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    pages.sort();
    pages
}

/// Every file under `dir`, relative to it, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode() & 0o7777
}

fn gunzip(p: &Path) -> Vec<u8> {
    let out = Command::new("gzip").arg("-dc").arg(p).output().unwrap();
    assert!(out.status.success(), "{} is not gzip: {}", p.display(), String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn expected() -> Vec<String> {
    let root = PREFIX.trim_start_matches('/');
    let mut want: Vec<String> =
        ["bin/hsadmin", "share/bash-completion/completions/hsadmin", "share/zsh/site-functions/_hsadmin", "share/fish/vendor_completions.d/hsadmin.fish"]
            .iter()
            .map(|f| format!("{root}/{f}"))
            .chain(man_pages().iter().map(|p| format!("{root}/share/man/man1/{p}.gz")))
            .collect();
    want.sort();
    want
}

#[test]
fn install_puts_every_file_in_place_and_uninstall_removes_them() {
    let dest = tempfile::tempdir().unwrap();
    let out = script(dest.path(), &[]);
    assert!(out.status.success(), "install.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files(dest.path()), expected());
    let root: PathBuf = dest.path().join(PREFIX.trim_start_matches('/'));

    let bin = root.join("bin/hsadmin");
    assert_eq!(mode(&bin), 0o755);
    let version = Command::new(&bin).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("hsadmin {}", env!("CARGO_PKG_VERSION")));
    for (installed, source) in [
        ("share/bash-completion/completions/hsadmin", "completions/hsadmin.bash"),
        ("share/zsh/site-functions/_hsadmin", "completions/_hsadmin"),
        ("share/fish/vendor_completions.d/hsadmin.fish", "completions/hsadmin.fish"),
    ] {
        assert_eq!(mode(&root.join(installed)), 0o644, "{installed}");
        assert_eq!(std::fs::read(root.join(installed)).unwrap(), std::fs::read(repo().join(source)).unwrap(), "{installed}");
    }
    for page in man_pages() {
        let gz = root.join("share/man/man1").join(format!("{page}.gz"));
        assert_eq!(mode(&gz), 0o644, "{page}");
        assert_eq!(gunzip(&gz), std::fs::read(repo().join("man").join(&page)).unwrap(), "{page}");
    }

    // A second install replaces the files in place; -n keeps the gzip bytes the same.
    let first = std::fs::read(root.join("share/man/man1/hsadmin.1.gz")).unwrap();
    assert!(script(dest.path(), &[]).status.success());
    assert_eq!(std::fs::read(root.join("share/man/man1/hsadmin.1.gz")).unwrap(), first);

    // Uninstall takes exactly those files; something else of the admin's stays.
    std::fs::write(root.join("share/man/man1/other.1.gz"), b"not ours").unwrap();
    let out = script(dest.path(), &["--uninstall"]);
    assert!(out.status.success(), "uninstall failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files(dest.path()), [format!("{}/share/man/man1/other.1.gz", PREFIX.trim_start_matches('/'))]);
}

#[test]
fn install_rejects_an_unknown_option() {
    let dest = tempfile::tempdir().unwrap();
    let out = script(dest.path(), &["--prefix=/x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option --prefix=/x"));
    assert!(files(dest.path()).is_empty());
}
