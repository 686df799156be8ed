//! Reaching the managed servers: SSH sessions with strict host-key checks, the one quoting function,
//! and a bounded fan-out over several servers. Nothing here decides *what* to run; `ops/` does.
pub mod backup;
pub mod check;
pub mod database;
pub mod dns;
pub mod hostkey;
pub mod mail;
pub mod quote;
pub mod records;
pub mod script;
pub mod session;
pub mod web;

pub use hostkey::HostKey;
pub use quote::{Data, Script, ShellArg, quote};
pub use session::{Connection, KeyStatus, Output, RemoteError, SshOptions, Target, fetch_host_key};

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` for every item on at most `jobs` threads; results come back in the items' order.
pub fn fan_out<T: Sync, R: Send>(items: &[T], jobs: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    *results[i].lock().expect("no worker panics while holding it") = Some(work(item));
                }
            });
        }
    });
    results.into_iter().map(|r| r.into_inner().expect("not poisoned").expect("every item was worked on")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fan_out_keeps_order_and_bounds_threads() {
        let running = std::sync::atomic::AtomicUsize::new(0);
        let peak = std::sync::atomic::AtomicUsize::new(0);
        let items: Vec<u32> = (0..20).collect();
        let out = super::fan_out(&items, 3, |i| {
            let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            peak.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(5));
            running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            i * 2
        });
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(peak.load(std::sync::atomic::Ordering::SeqCst) <= 3);
    }
}
