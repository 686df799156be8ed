//! Benchmark: backups of a package of ~500 MB in 5 000 files on the test servers — the first run, a run
//! with nothing changed, one with one file changed, and one file restored — each beside bare `restic` doing
//! the same on the same server into a repository of its own on the same backup server, and a plain
//! `tar | zstd` stream over ssh to it. Then packages on two servers at once against one alone.
//!
//!     tests/testhosts/up.sh && cargo build --release && cargo run --release --example bench_backup [-- MB]
//!
//! It owns the test servers while it runs: it clears everything hsadmin manages on them first and last.
mod common;
use common::{hsadmin, reset, secs, state};
use std::process::Command;
use std::time::{Duration, Instant};

/// `ssh HOST SCRIPT` with the test servers' config; the time it took.
fn ssh(host: &str, script: &str) -> Duration {
    let started = Instant::now();
    let out = Command::new("ssh").arg("-F").arg(state().join("ssh_config")).arg(host).arg(script).output().unwrap();
    assert!(out.status.success(), "on {host}: {script}: {}", String::from_utf8_lossy(&out.stderr));
    started.elapsed()
}

/// Bare restic on a web server, with the key and password `backup init` made, into `/srv/bare/<host>` on
/// h3 as root (the bench authorizes the key for root there).
const BARE: &str = r#"export RESTIC_PASSWORD_FILE=/etc/hsadmin/backup/password RESTIC_REPOSITORY=sftp:bare:/srv/bare/$(hostname) RESTIC_CACHE_DIR=/var/cache/bench-restic
r() { restic -o sftp.command="ssh -i /etc/hsadmin/backup/id_ed25519 -o UserKnownHostsFile=/etc/hsadmin/backup/known_hosts -o HostKeyAlias=hsadmin-backup -o BatchMode=yes root@127.0.0.13 -s sftp" "$@"; }
"#;

fn bare(host: &str, command: &str) -> Duration {
    ssh(host, &format!("{BARE}{command}"))
}

fn fill(host: &str, package: &str, mb: usize, files: usize) {
    let per = mb * 1024 / files;
    ssh(
        host,
        &format!(
            "set -e; cd /home/pacs/{package}; for d in $(seq 100); do mkdir -p d$d; for f in $(seq {}); do head -c {per}K /dev/urandom > d$d/f$f; done; done; chown -R {package}: .",
            files / 100
        ),
    );
}

/// The median of `n` timed runs of `work`.
fn median(n: usize, mut work: impl FnMut(usize) -> Duration) -> Duration {
    let mut t: Vec<Duration> = (0..n).map(&mut work).collect();
    t.sort();
    t[n / 2]
}

fn main() {
    let mb: usize = std::env::args().nth(1).map(|a| a.parse().expect("MB")).unwrap_or(500);
    reset();
    ssh("h3", "rm -rf /srv/bare");
    let dir = tempfile::tempdir().unwrap();
    let (ledger, config) = (dir.path().join("ledger.db"), dir.path().join("hsadmin.toml"));
    let mut text = std::fs::read_to_string(state().join("hsadmin.toml")).unwrap();
    text += "[backup]\nserver = \"h3\"\n";
    std::fs::write(&config, text).unwrap();
    let h = |args: &[&str]| hsadmin(&ledger, &config, args);
    set_up(&h);
    let key = Command::new("ssh").arg("-F").arg(state().join("ssh_config")).args(["h1", "cat /etc/hsadmin/backup/id_ed25519.pub"]).output().unwrap();
    let key2 = Command::new("ssh").arg("-F").arg(state().join("ssh_config")).args(["h2", "cat /etc/hsadmin/backup/id_ed25519.pub"]).output().unwrap();
    let keys = format!("{}{}", String::from_utf8_lossy(&key.stdout), String::from_utf8_lossy(&key2.stdout));
    ssh("h3", &format!("mkdir -p /srv/bare && printf '%s' '{keys}' >> /root/.ssh/authorized_keys"));
    for host in ["h1", "h2"] {
        bare(host, "r init > /dev/null");
    }
    fill("h1", "xyz00", mb, 5000);
    println!("package: {mb} MB in 5000 files on h1; repositories on h3 (sftp)\n");
    println!("| step | hsadmin backup | bare restic | ratio |\n|---|---|---|---|");
    let row = |what: &str, ours: Duration, theirs: Duration| {
        println!("| {what} | {} | {} | {:.2} |", secs(ours), secs(theirs), ours.as_secs_f64() / theirs.as_secs_f64())
    };
    let first = h(&["-q", "backup", "run", "xyz00"]);
    let bare_first = bare("h1", "r backup --json /home/pacs/xyz00 > /dev/null");
    row("first run", first, bare_first);
    let unchanged = median(3, |_| h(&["-q", "backup", "run", "xyz00"]));
    let bare_unchanged = median(3, |_| bare("h1", "r backup --json /home/pacs/xyz00 > /dev/null"));
    row("nothing changed (median of 3)", unchanged, bare_unchanged);
    let changed = median(3, |i| {
        ssh("h1", &format!("head -c 100K /dev/urandom > /home/pacs/xyz00/d7/f{}", i + 1));
        h(&["-q", "backup", "run", "xyz00"])
    });
    let bare_changed = median(3, |i| {
        ssh("h1", &format!("head -c 100K /dev/urandom > /home/pacs/xyz00/d8/f{}", i + 1));
        bare("h1", "r backup --json /home/pacs/xyz00 > /dev/null")
    });
    row("one file changed (median of 3; includes the ssh that changes it)", changed, bare_changed);
    let restore = median(3, |i| h(&["-q", "backup", "restore", "xyz00", "--path", "d9/f3", "--target", &format!("/home/restore/bench{i}")]));
    let bare_restore = median(3, |i| bare("h1", &format!("r restore latest --include /home/pacs/xyz00/d9/f3 --target /tmp/bench-restore{i} > /dev/null")));
    row("one file restored (median of 3)", restore, bare_restore);
    let tar = ssh(
        "h1",
        "tar -cf - -C /home/pacs xyz00 | zstd -q -1 -T0 | ssh -i /etc/hsadmin/backup/id_ed25519 -o UserKnownHostsFile=/etc/hsadmin/backup/known_hosts -o HostKeyAlias=hsadmin-backup root@127.0.0.13 'cat > /srv/bare/h1.tar.zst'",
    );
    println!("| plain `tar -c \\| zstd -1 \\| ssh` stream of the whole home | | {} | |", secs(tar));
    parallel(&h, mb, &ledger, &config);
    ssh("h1", "rm -rf /tmp/bench-restore* /var/cache/bench-restic");
    ssh("h2", "rm -rf /var/cache/bench-restic");
    ssh("h3", "rm -rf /srv/bare; sed -i '/hsadmin-backup@/d' /root/.ssh/authorized_keys");
    reset();
}

/// New data in packages on h1 and h2: both servers at once against one alone.
fn parallel(h: &dyn Fn(&[&str]) -> Duration, mb: usize, ledger: &std::path::Path, config: &std::path::Path) {
    let new = (mb / 5).max(20);
    fill("h2", "xyz01", 1, 100);
    h(&["-q", "backup", "run", "xyz01"]);
    let add = |host: &str, package: &str, tag: &str| {
        ssh(
            host,
            &format!(
                "set -e; mkdir -p /home/pacs/{package}/{tag}; for f in $(seq 50); do head -c {}K /dev/urandom > /home/pacs/{package}/{tag}/f$f; done; chown -R {package}: /home/pacs/{package}/{tag}",
                new * 1024 / 50
            ),
        );
    };
    add("h1", "xyz00", "alone");
    let alone = h(&["-q", "backup", "run", "xyz00"]);
    add("h1", "xyz00", "both");
    add("h2", "xyz01", "both");
    let started = Instant::now();
    let out = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/hsadmin"))
        .args(["--json", "backup", "run", "--all"])
        .env("HSADMIN_LEDGER", ledger)
        .env("HSADMIN_CONFIG", config)
        .output()
        .unwrap();
    let both = started.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let each: Vec<String> =
        runs.as_array().unwrap().iter().map(|r| format!("{} {:.2} s", r["server"].as_str().unwrap(), r["seconds"].as_f64().unwrap())).collect();
    println!("\n| {new} MB of new data | wall time |\n|---|---|");
    println!("| h1 alone | {} |\n| h1 and h2 at once (`--all`) | {} (each run: {}) |", secs(alone), secs(both), each.join(", "));
    println!("| ratio both / alone | {:.2} |", both.as_secs_f64() / alone.as_secs_f64());
}

fn set_up(h: &dyn Fn(&[&str]) -> Duration) {
    h(&["init"]);
    let address = ["--street", "Hauptstr. 1", "--zipcode", "20095", "--city", "Hamburg", "--country", "DE"];
    let mut add = vec!["member", "add", "10001", "--prefix", "xyz", "--name", "Bench", "--email", "bench@example.org", "--since", "2026-01-01"];
    add.extend_from_slice(&address);
    h(&add);
    for (name, roles) in [("h1", "web"), ("h2", "web"), ("h3", "backup")] {
        let a = format!("127.0.0.1{}", &name[1..]);
        h(&["server", "add", name, "--address", &a, "--role", roles, "--ipv4", &a]);
        let out = Command::new("ssh-keygen").arg("-lf").arg(state().join("known_hosts")).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let fp = text.lines().find(|l| l.split_whitespace().nth(2) == Some(a.as_str())).unwrap().split_whitespace().nth(1).unwrap().to_owned();
        h(&["server", "trust", name, "--fingerprint", &fp]);
    }
    h(&["catalog", "import", concat!(env!("CARGO_MANIFEST_DIR"), "/examples/catalog.toml")]);
    h(&["package", "create", "xyz00", "--member", "10001", "--product", "DW/SA", "--server", "h1", "--since", "2026-01-01"]);
    h(&["package", "create", "xyz01", "--member", "10001", "--product", "DW/SA", "--server", "h2", "--since", "2026-01-01"]);
    h(&["backup", "init"]);
}
