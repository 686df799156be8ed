//! The `hsadmin` binary: parse, run, map the outcome to an exit code. Everything else lives in the library.
use std::process::ExitCode;

fn main() -> ExitCode {
    hsadmin::cli::main()
}
