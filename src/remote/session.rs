//! One SSH session to one server: connect with timeouts, check the host key strictly, log in, run scripts.
use super::hostkey::HostKey;
use super::quote::Script;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where a server is and which key it must present.
#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    pub address: String,
    pub port: u16,
    /// A key pinned with `server trust`; it wins over the known_hosts file.
    pub pinned_key: Option<String>,
}

/// How to log in: the `[ssh]` section of the config.
#[derive(Debug, Clone)]
pub struct SshOptions {
    pub user: String,
    pub identity_file: Option<PathBuf>,
    /// A file (mode 0600) holding the identity file's passphrase; never argv, never the environment.
    pub passphrase_file: Option<PathBuf>,
    pub known_hosts: Option<PathBuf>,
    pub connect_timeout: Duration,
    pub command_timeout: Duration,
}

impl SshOptions {
    pub fn from_config(c: &crate::config::SshConfig) -> Self {
        Self {
            user: c.user.clone(),
            identity_file: c.identity_file.clone(),
            passphrase_file: c.identity_passphrase_file.clone(),
            known_hosts: c.known_hosts.clone(),
            connect_timeout: Duration::from_secs(c.connect_timeout_secs),
            command_timeout: Duration::from_secs(c.command_timeout_secs),
        }
    }
}

/// Why a server could not be used. The message says what to do where there is something to do.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{server}: cannot connect to {address}: {message}")]
    Unreachable { server: String, address: String, message: String },
    #[error(
        "{server}: host key unknown (its fingerprint is {fingerprint}); check it and pin it with `hsadmin server trust {server} --fingerprint {fingerprint}`"
    )]
    UnknownHostKey { server: String, fingerprint: String },
    #[error("{server}: HOST KEY CHANGED: the server presented {fingerprint}, but {expected} is trusted; refusing to connect")]
    ChangedHostKey { server: String, fingerprint: String, expected: String },
    #[error("{server}: login as {user} failed: {message}")]
    Auth { server: String, user: String, message: String },
    #[error("{server}: timed out after {secs} s {during}")]
    Timeout { server: String, secs: u64, during: &'static str },
    #[error("{server}: {message}")]
    Protocol { server: String, message: String },
}

impl RemoteError {
    /// A short stable name for the JSON output.
    pub fn kind(&self) -> &'static str {
        match self {
            RemoteError::Unreachable { .. } => "unreachable",
            RemoteError::UnknownHostKey { .. } => "host_key_unknown",
            RemoteError::ChangedHostKey { .. } => "host_key_changed",
            RemoteError::Auth { .. } => "auth",
            RemoteError::Timeout { .. } => "timeout",
            RemoteError::Protocol { .. } => "protocol",
        }
    }
}

impl From<RemoteError> for crate::Error {
    fn from(e: RemoteError) -> Self {
        crate::Error::Failed(e.to_string())
    }
}

/// What a remote script left behind.
#[derive(Debug, Clone)]
pub struct Output {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// How the server's host key compares with what is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// Matches the key pinned in the ledger.
    Pinned,
    /// Matches the known_hosts file.
    KnownHosts,
    Unknown,
    Changed,
}

/// An open, authenticated session. Scripts run one channel each over the same connection.
pub struct Connection {
    session: ssh2::Session,
    target: Target,
    command_timeout: Duration,
    pub host_key: HostKey,
    pub key_status: KeyStatus,
    /// Time from the first SYN to a logged-in session.
    pub connect_time: Duration,
}

fn tcp_connect(target: &Target, timeout: Duration) -> Result<TcpStream, RemoteError> {
    let unreachable =
        |message: String| RemoteError::Unreachable { server: target.name.clone(), address: format!("{}:{}", target.address, target.port), message };
    let addrs: Vec<_> = (target.address.as_str(), target.port).to_socket_addrs().map_err(|e| unreachable(e.to_string()))?.collect();
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(tcp) => {
                // Without it, Nagle and delayed ACKs make every request/response round trip about 3x slower.
                tcp.set_nodelay(true).map_err(|e| unreachable(e.to_string()))?;
                return Ok(tcp);
            }
            Err(e) if e.kind() == ErrorKind::TimedOut => {
                return Err(RemoteError::Timeout { server: target.name.clone(), secs: timeout.as_secs(), during: "connecting" });
            }
            Err(e) => last = Some(e.to_string()),
        }
    }
    Err(unreachable(last.unwrap_or_else(|| "no address".into())))
}

/// Connects and completes the SSH handshake, without checking the key or logging in.
fn handshake(target: &Target, timeout: Duration) -> Result<(ssh2::Session, HostKey), RemoteError> {
    let protocol = |e: ssh2::Error| RemoteError::Protocol { server: target.name.clone(), message: e.to_string() };
    let tcp = tcp_connect(target, timeout)?;
    let mut session = ssh2::Session::new().map_err(protocol)?;
    session.set_tcp_stream(tcp);
    session.set_timeout(timeout.as_millis().min(u32::MAX as u128) as u32);
    session.handshake().map_err(|e| {
        if e.code() == ssh2::ErrorCode::Session(-9) {
            RemoteError::Timeout { server: target.name.clone(), secs: timeout.as_secs(), during: "in the SSH handshake" }
        } else {
            protocol(e)
        }
    })?;
    let key = session
        .host_key()
        .map(|(blob, _)| HostKey::from_blob(blob))
        .ok_or_else(|| RemoteError::Protocol { server: target.name.clone(), message: "the server sent no host key".into() })?;
    Ok((session, key))
}

/// The server's host key, fetched without trusting it (for `server trust`).
pub fn fetch_host_key(target: &Target, timeout: Duration) -> Result<HostKey, RemoteError> {
    handshake(target, timeout).map(|(_, key)| key)
}

/// Decides whether a presented key is trusted: the pinned key if there is one, else the known_hosts file.
fn verify(session: &ssh2::Session, target: &Target, key: &HostKey, known_hosts: Option<&std::path::Path>) -> Result<KeyStatus, RemoteError> {
    let fingerprint = key.fingerprint();
    if let Some(pinned) = &target.pinned_key {
        let expected = HostKey::parse(pinned)
            .ok_or_else(|| RemoteError::Protocol { server: target.name.clone(), message: "the pinned host key in the ledger is unreadable".into() })?;
        return if &expected == key {
            Ok(KeyStatus::Pinned)
        } else {
            Err(RemoteError::ChangedHostKey { server: target.name.clone(), fingerprint, expected: format!("{} (pinned)", expected.fingerprint()) })
        };
    }
    let Some(path) = known_hosts else { return Err(RemoteError::UnknownHostKey { server: target.name.clone(), fingerprint }) };
    let mut kh = session.known_hosts().map_err(|e| RemoteError::Protocol { server: target.name.clone(), message: e.to_string() })?;
    if path.exists() {
        kh.read_file(path, ssh2::KnownHostFileKind::OpenSSH)
            .map_err(|e| RemoteError::Protocol { server: target.name.clone(), message: format!("cannot read known_hosts {}: {e}", path.display()) })?;
    }
    match kh.check_port(&target.address, target.port, key.blob()) {
        ssh2::CheckResult::Match => Ok(KeyStatus::KnownHosts),
        ssh2::CheckResult::Mismatch => Err(RemoteError::ChangedHostKey {
            server: target.name.clone(),
            fingerprint,
            expected: format!("another key for {} in {}", target.address, path.display()),
        }),
        ssh2::CheckResult::NotFound | ssh2::CheckResult::Failure => Err(RemoteError::UnknownHostKey { server: target.name.clone(), fingerprint }),
    }
}

impl Connection {
    /// Connects, verifies the host key strictly and logs in (key file, else ssh-agent).
    pub fn open(target: &Target, opts: &SshOptions) -> Result<Self, RemoteError> {
        let started = Instant::now();
        let (session, host_key) = handshake(target, opts.connect_timeout)?;
        let key_status = verify(&session, target, &host_key, opts.known_hosts.as_deref())?;
        let auth = |message: String| RemoteError::Auth { server: target.name.clone(), user: opts.user.clone(), message };
        match &opts.identity_file {
            Some(key) => {
                let passphrase = match &opts.passphrase_file {
                    Some(p) => Some(read_passphrase(p).map_err(auth)?),
                    None => None,
                };
                session.userauth_pubkey_file(&opts.user, None, key, passphrase.as_deref()).map_err(|e| auth(format!("with {}: {e}", key.display())))?;
            }
            None => session.userauth_agent(&opts.user).map_err(|e| auth(format!("with ssh-agent: {e}")))?,
        }
        if !session.authenticated() {
            return Err(auth("the server did not accept the key".into()));
        }
        Ok(Self { session, target: target.clone(), command_timeout: opts.command_timeout, host_key, key_status, connect_time: started.elapsed() })
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Runs a script with `/bin/sh -s` on a new channel of this session; the script goes over stdin, so
    /// no argument of it ever shows in the server's process list. Reads stdout and stderr together, so a
    /// chatty stderr never stalls the channel.
    ///
    /// The script runs in a session and process group of its own (`setsid`); when the command timeout
    /// passes, the whole group is killed before the error is returned, so nothing of it keeps running.
    pub fn run(&mut self, script: &Script) -> Result<Output, RemoteError> {
        self.run_streaming(script, self.command_timeout, &mut |_| {})
    }

    /// Like `run`, with its own time limit, handing each chunk of stdout to `on_stdout` as it arrives (for
    /// progress); the chunks are in `Output::stdout` as well.
    pub fn run_streaming(&mut self, script: &Script, limit: Duration, on_stdout: &mut dyn FnMut(&[u8])) -> Result<Output, RemoteError> {
        let mut stdin = PGID_LINE.as_bytes().to_vec();
        stdin.extend_from_slice(script.bytes());
        match self.exec("exec /usr/bin/setsid -w /bin/sh -s", &stdin, limit, on_stdout) {
            Ok(mut out) => {
                if let Some(rest) = out.stderr.strip_prefix(b"hsadmin-pgid|").and_then(|r| r.iter().position(|b| *b == b'\n').map(|i| r[i + 1..].to_vec())) {
                    out.stderr = rest;
                }
                Ok(out)
            }
            Err((e, stderr)) => {
                if let Some(pgid) = pgid(&stderr) {
                    self.kill_group(pgid);
                }
                Err(e)
            }
        }
    }

    /// Kills a timed-out script's process group, after checking that its leader is still hsadmin's shell.
    fn kill_group(&mut self, pgid: u32) {
        let mut s = Script::new();
        s.assign("pgid", &pgid);
        s.raw(KILL_GROUP);
        let _ = self.exec("/bin/sh -s", s.bytes(), Duration::from_secs(10), &mut |_| {});
    }

    fn exec(&mut self, command: &'static str, stdin: &[u8], limit: Duration, on_stdout: &mut dyn FnMut(&[u8])) -> Result<Output, (RemoteError, Vec<u8>)> {
        let server = self.target.name.clone();
        let protocol = |e: ssh2::Error| (RemoteError::Protocol { server: server.clone(), message: e.to_string() }, Vec::new());
        let deadline = Instant::now() + limit;
        let timeout = || RemoteError::Timeout { server: self.target.name.clone(), secs: limit.as_secs(), during: "running a remote script" };
        self.session.set_blocking(true);
        let mut channel = self.session.channel_session().map_err(protocol)?;
        channel.exec(command).map_err(protocol)?;
        self.session.set_blocking(false);
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let mut written = 0;
        let mut eof_sent = false;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let mut progress = false;
            if written < stdin.len() {
                match channel.write(&stdin[written..]) {
                    Ok(n) => {
                        written += n;
                        progress |= n > 0;
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                    Err(e) => return Err((RemoteError::Protocol { server, message: format!("writing the script: {e}") }, stderr)),
                }
            } else if !eof_sent {
                match channel.send_eof() {
                    Ok(()) => eof_sent = true,
                    Err(e) if e.code() == ssh2::ErrorCode::Session(-37) => {}
                    Err(e) => return Err(protocol(e)),
                }
            }
            for (stream, sink) in [(0, &mut stdout), (1, &mut stderr)] {
                let result = if stream == 0 { channel.read(&mut buf) } else { channel.stderr().read(&mut buf) };
                match result {
                    Ok(n) if n > 0 => {
                        if stream == 0 {
                            on_stdout(&buf[..n]);
                        }
                        sink.extend_from_slice(&buf[..n]);
                        progress = true;
                    }
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                    Err(e) => return Err((RemoteError::Protocol { server, message: format!("reading output: {e}") }, Vec::new())),
                }
            }
            if channel.eof() && eof_sent && !progress {
                break;
            }
            if Instant::now() > deadline {
                return Err((timeout(), stderr));
            }
            if !progress {
                self.wait_for_socket(deadline);
            }
        }
        self.session.set_blocking(true);
        channel.wait_close().map_err(protocol)?;
        let status = channel.exit_status().map_err(protocol)?;
        Ok(Output { status, stdout, stderr })
    }

    /// Sleeps until the socket is ready in the direction libssh2 is waiting for (or 100 ms pass).
    fn wait_for_socket(&self, deadline: Instant) {
        use std::os::unix::io::AsRawFd;
        let events = match self.session.block_directions() {
            ssh2::BlockDirections::Inbound => libc::POLLIN,
            ssh2::BlockDirections::Outbound => libc::POLLOUT,
            _ => libc::POLLIN | libc::POLLOUT,
        };
        let wait = deadline.saturating_duration_since(Instant::now()).min(Duration::from_millis(100));
        let mut pfd = libc::pollfd { fd: self.session.as_raw_fd(), events, revents: 0 };
        // SAFETY: one valid pollfd that lives for the duration of the call.
        unsafe { libc::poll(&mut pfd, 1, wait.as_millis() as i32) };
    }
}

/// The first line of every script: its process group, so that a timed-out script can be killed whole.
const PGID_LINE: &str = "printf 'hsadmin-pgid|%s\\n' \"$$\" >&2\n";

const KILL_GROUP: &str = r#"if [ "$(tr '\0' ' ' < "/proc/$pgid/cmdline" 2>/dev/null)" = "/bin/sh -s " ]; then kill -KILL -- "-$pgid"; fi
"#;

/// The process group a script announced on its first stderr line.
fn pgid(stderr: &[u8]) -> Option<u32> {
    let line = stderr.split(|b| *b == b'\n').next()?;
    std::str::from_utf8(line.strip_prefix(b"hsadmin-pgid|")?).ok()?.parse().ok()
}

/// Reads a passphrase file, refusing one that others could read.
fn read_passphrase(path: &std::path::Path) -> Result<String, String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).map_err(|e| format!("passphrase file {}: {e}", path.display()))?;
    if meta.permissions().mode() & 0o077 != 0 {
        return Err(format!("passphrase file {} must not be readable by group or others (chmod 600)", path.display()));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("passphrase file {}: {e}", path.display()))?;
    Ok(text.trim_end_matches(['\n', '\r']).to_owned())
}
