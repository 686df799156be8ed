//! The test EPP registry (tests/registry/registry.py: TLS on 127.0.0.1, every frame validated against the
//! EPP schemas), one process per test, controlled through its stdin.
use super::TestEnv;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

pub struct Registry {
    pub child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    pub dir: tempfile::TempDir,
    pub port: u16,
}

impl Registry {
    pub fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/registry/registry.py");
        // Debian's python3 has python3-lxml (tests/run-all.sh installs it).
        let python = if std::path::Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
        let mut child = Command::new(python).arg(script).arg(dir.path()).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("start the test registry");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("port ").unwrap_or_else(|| panic!("registry said {line:?}")).parse().unwrap();
        Self { child, stdin, stdout, dir, port }
    }

    pub fn control(&mut self, cmd: &str) -> String {
        writeln!(self.stdin, "{cmd}").unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        assert!(line.starts_with("ok"), "registry control {cmd:?}: {line}");
        line.trim().to_owned()
    }

    pub fn stats(&mut self) -> Value {
        serde_json::from_str(self.control("stats").strip_prefix("ok ").unwrap()).unwrap()
    }

    pub fn commands(&mut self) -> Vec<String> {
        self.stats()["commands"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect()
    }

    /// Points `env` at this registry.
    pub fn configure(&self, env: &TestEnv) {
        self.configure_with(env, "");
    }

    /// Points `env` at this registry, with `extra` (more TOML) in the config.
    pub fn configure_with(&self, env: &TestEnv, extra: &str) {
        let pw = env.dir.path().join("epp.password");
        std::fs::write(&pw, "secret\n").unwrap();
        std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
        let config = format!(
            "[registrar]\nbackend = \"epp\"\nhost = \"127.0.0.1\"\nport = {}\nclient_id = \"hsadmin-test\"\npassword_file = \"{}\"\n\
             ca_file = \"{}\"\nadmin_contact = \"HS-ADMIN\"\ntech_contact = \"HS-TECH\"\ntimeout_secs = 10\n[dns]\nnameservers = [\"ns1.example.net\", \"ns2.example.net\"]\n{extra}",
            self.port,
            pw.display(),
            self.dir.path().join("ca.pem").display()
        );
        std::fs::write(&env.config, config).unwrap();
    }

    /// Every frame hsadmin sent was valid EPP.
    pub fn finish(mut self) {
        let s = self.stats();
        let log = std::fs::read_to_string(self.dir.path().join("invalid.log")).unwrap_or_default();
        assert_eq!(s["invalid"], 0, "invalid EPP frames:\n{log}");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
