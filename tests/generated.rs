//! completions/ and man/ are generated from the clap definitions and committed; they must not go stale.
//! Regenerate with `examples/regenerate.sh`.
use std::path::Path;

fn hsadmin(args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsadmin")).args(args).output().unwrap();
    assert!(out.status.success(), "hsadmin {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn completions_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [("bash", "hsadmin.bash"), ("zsh", "_hsadmin"), ("fish", "hsadmin.fish")] {
        let committed = std::fs::read(root.join("completions").join(file)).unwrap_or_default();
        assert!(committed == hsadmin(&["util", "completions", shell]), "completions/{file} is stale: run examples/regenerate.sh");
    }
}

#[test]
fn man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    hsadmin(&["util", "man", dir.path().to_str().unwrap()]);
    let mut fresh: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    fresh.sort();
    let mut committed: Vec<String> = std::fs::read_dir(root.join("man")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    committed.sort();
    assert_eq!(fresh, committed, "man/ has other pages than the CLI: run examples/regenerate.sh");
    assert!(fresh.contains(&"hsadmin-package-create.1".to_owned()));
    for page in fresh {
        let want = std::fs::read(dir.path().join(&page)).unwrap();
        assert!(std::fs::read(root.join("man").join(&page)).unwrap() == want, "man/{page} is stale: run examples/regenerate.sh");
    }
}

#[test]
fn man_page_documents_the_exit_codes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("man/hsadmin.1")).unwrap();
    for code in ["0 ok", "1 operation failed", "2 usage or invalid input", "3 partly done", "4 conflict or busy"] {
        assert!(page.contains(code), "man/hsadmin.1 lacks exit code {code:?}");
    }
}

#[test]
fn man_pages_have_the_sections_of_a_man_page_and_groff_takes_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("man")).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read_to_string(&path).unwrap();
        for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES", ".SH \"SEE ALSO\""] {
            let plain = section.replace('"', "");
            assert!(page.contains(section) || page.contains(&plain), "{} lacks {section}", path.display());
        }
        for variable in ["HSADMIN_CONFIG", "HSADMIN_LEDGER", "NO_COLOR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"] {
            assert!(page.contains(variable), "{} does not name {variable}", path.display());
        }
        // A verb's page (one without subcommands) shows its examples.
        if !page.contains(".SH SUBCOMMANDS") {
            assert!(page.contains(".SH EXAMPLES\n") && page.contains("hsadmin"), "{} has no examples", path.display());
        }
        // groff, the man pages' own formatter, reads each without a warning.
        let out = std::process::Command::new("groff").args(["-k", "-man", "-ww", "-z", "-Tutf8"]).arg(&path).output().expect("groff (groff-base) is installed");
        assert!(out.status.success() && out.stderr.is_empty(), "groff on {}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    }
}
