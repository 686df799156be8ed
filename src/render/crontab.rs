//! A user's crontab.
use crate::ledger::cron::CronJob;

/// One line per job after the managed header. `%` means "newline" to cron, so it is escaped: the command
/// runs as the user typed it.
pub fn render(jobs: &[&CronJob]) -> String {
    let mut s = format!("{}\nSHELL=/bin/sh\n", super::MANAGED_HEADER);
    for j in jobs {
        s += &format!("# job {}\n{} {}\n", j.id, j.schedule.as_str(), j.command.as_str().replace('%', "\\%"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CronCommand, CronSchedule, UserName};

    #[test]
    fn escapes_percent_and_keeps_one_line_per_job() {
        let j = CronJob {
            id: 7,
            user: UserName::parse("user", "xyz00").unwrap(),
            schedule: CronSchedule::parse("schedule", "0 3 * * *").unwrap(),
            command: CronCommand::parse("command", "date +%Y-%m-%d >> ~/log").unwrap(),
        };
        let text = render(&[&j]);
        assert!(text.starts_with("# Managed by hsadmin"));
        assert!(text.contains("0 3 * * * date +\\%Y-\\%m-\\%d >> ~/log\n"), "{text}");
        assert!(text.ends_with('\n'));
    }
}
