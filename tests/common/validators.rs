//! The independent judges of hsadmin's documents (tests/validators/setup.sh installs them): the CII XSD
//! with xmllint, the CEN EN 16931 and KoSIT XRechnung schematrons with saxonche, a strict DATEV EXTF
//! reader, and poppler's pdffonts/pdftotext. A missing validator fails the test loudly; nothing skips.
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The validators' venv: $HSADMIN_VALIDATORS, else /var/cache/hsadmin-validators.
pub fn validators() -> PathBuf {
    let dir = PathBuf::from(std::env::var_os("HSADMIN_VALIDATORS").unwrap_or_else(|| "/var/cache/hsadmin-validators".into()));
    assert!(
        dir.join("bin/python").exists() && dir.join("rules").is_dir(),
        "no validators at {} (run tests/validators/setup.sh, or tests/run-all.sh)",
        dir.display()
    );
    dir
}

/// Runs a command: whether it succeeded, and its stdout and stderr.
pub fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// `xmllint --schema` with the Factur-X 1.09 EN 16931 CII schema.
pub fn xsd(file: &Path) -> (bool, String) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cii/Factur-X_EN16931.xsd");
    run(Command::new("xmllint").arg("--noout").arg("--schema").arg(schema).arg(file))
}

/// One compiled schematron (a file in the venv's rules/) over `file`: no error-level finding.
pub fn schematron(file: &Path, rules: &str) -> (bool, String) {
    let v = validators();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validators/svrl_check.py");
    run(Command::new(v.join("bin/python")).arg(script).arg(file).arg(v.join("rules").join(rules)))
}

/// The XSD and both schematrons pass.
pub fn assert_valid_xrechnung(file: &Path) {
    let (ok, out) = xsd(file);
    assert!(ok, "{} fails the CII XSD:\n{out}", file.display());
    for rules in ["EN16931-CII-validation.xsl", "XRechnung-CII-validation.xsl"] {
        let (ok, out) = schematron(file, rules);
        assert!(ok, "{} fails {rules}:\n{out}\n{}", file.display(), std::fs::read_to_string(file).unwrap());
    }
}

/// The independent DATEV reader on `file`: its JSON line (bookings, sum, balance, …), or its refusal.
pub fn datev_check(file: &Path) -> Result<Value, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validators/datev_check.py");
    let out = Command::new(validators().join("bin/python")).arg(script).arg(file).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(stderr);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    Ok(serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("datev_check.py printed no JSON ({e}): {stdout}\n{stderr}")))
}

/// `pdftotext -layout`.
pub fn pdftotext(file: &Path) -> String {
    let (ok, text) = run(Command::new("pdftotext").arg("-layout").arg(file).arg("-"));
    assert!(ok, "pdftotext {}: {text}", file.display());
    text
}

/// Every font in the PDF is embedded (pdffonts' `emb` column), and there is at least one.
pub fn assert_fonts_embedded(file: &Path) {
    let (ok, out) = run(Command::new("pdffonts").arg(file));
    assert!(ok, "pdffonts: {out}");
    let rows: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "no fonts:\n{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [type…] encoding emb sub uni object ID: emb is the 5th field from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "a font is not embedded:\n{out}");
    }
}

/// Runs one of tests/validators/*.py with the validators' Python, `input` on its stdin; asserts it succeeded
/// and returns its stdout.
#[allow(dead_code)]
pub fn python_script(script: &str, input: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validators").join(script);
    let mut child =
        Command::new(validators().join("bin/python")).arg(path).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{script} failed");
    out.stdout
}
