//! The terminal on stdout: its size, which tables fit, and the pager that long tables go through, as git
//! does it (`$HSADMIN_PAGER`, else `$PAGER`, else `less -FRX`).
use std::io::{ErrorKind, IsTerminal, Write};
use std::process::{Command, Stdio};

/// The size of the terminal on stdout, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: usize,
    pub height: usize,
}

/// The pager when neither `$HSADMIN_PAGER` nor `$PAGER` is set; `-F` quits at once when the text fits the
/// screen, `-R` passes colours, `-X` leaves the text on the screen.
const DEFAULT_PAGER: &str = "less -FRX";

/// The terminal's size when stdout is one: `$COLUMNS` and `$LINES`, else what the terminal says
/// (`TIOCGWINSZ`), else 80×24. `None` when stdout is not a terminal.
pub fn size() -> Option<Size> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let (rows, cols) = window();
    Some(Size { width: env_number("COLUMNS").or(cols).unwrap_or(80), height: env_number("LINES").or(rows).unwrap_or(24) })
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok().filter(|&n| n > 0)
}

/// Rows and columns as the terminal on stdout reports them (zero, as under some ptys, is no answer).
fn window() -> (Option<usize>, Option<usize>) {
    let mut ws = libc::winsize { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCGWINSZ writes one winsize into the struct we own; on failure it writes nothing.
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
    let given = |n: u16| (ok && n > 0).then_some(usize::from(n));
    (given(ws.ws_row), given(ws.ws_col))
}

/// The pager command to run, if any: the first of `$HSADMIN_PAGER` and `$PAGER` that is set, else
/// `less -FRX`. An empty value or `cat` means no pager.
pub fn pager() -> Option<String> {
    let chosen = ["HSADMIN_PAGER", "PAGER"].iter().find_map(|v| std::env::var(v).ok()).unwrap_or_else(|| DEFAULT_PAGER.into());
    let chosen = chosen.trim();
    (!chosen.is_empty() && chosen != "cat").then(|| chosen.to_owned())
}

/// Shows `text` through `command` (run by `sh -c`, so it may have arguments) and waits for the pager to
/// end. Quitting the pager before the end is no error. A pager that cannot be started: the text goes to
/// stdout.
pub fn page(text: &str, command: &str) -> std::io::Result<()> {
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(command).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        sh.env("LESS", "FRX");
    }
    let Ok(mut child) = sh.spawn() else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        return out.flush();
    };
    // Ctrl-C is the pager's (less stops a search with it); this process waits for the pager to end.
    // SAFETY: sets the disposition of one signal to "ignore"; no handler runs.
    unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) };
    let written = child.stdin.take().map_or(Ok(()), |mut stdin| stdin.write_all(text.as_bytes()));
    child.wait()?;
    match written {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}
