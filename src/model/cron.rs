//! Cron jobs: a five-field schedule and a one-line command.
use super::{ensure, is_plain_text, shown};
use crate::{Error, Result};

/// A five-field cron schedule (`minute hour day-of-month month day-of-week`), fields separated by single spaces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct CronSchedule(String);

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const FIELDS: [Field; 5] = [
    Field { name: "minute", min: 0, max: 59, names: &[] },
    Field { name: "hour", min: 0, max: 23, names: &[] },
    Field { name: "day of month", min: 1, max: 31, names: &[] },
    Field { name: "month", min: 1, max: 12, names: MONTHS },
    Field { name: "day of week", min: 0, max: 7, names: DAYS },
];

impl CronSchedule {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let parts: Vec<&str> = s.split_whitespace().collect();
        ensure(parts.len() == 5 && s.is_ascii(), field, s, "must have five fields: minute hour day-of-month month day-of-week, like '*/5 * * * *'")?;
        for (part, spec) in parts.iter().zip(&FIELDS) {
            if !part.split(',').all(|item| spec.item_ok(item)) {
                return Err(Error::invalid(
                    field,
                    format!(
                        "{}: the {} field {} must be '*', a number {}-{}, a range a-b, a list a,b or a step like */5",
                        shown(s),
                        spec.name,
                        shown(part),
                        spec.min,
                        spec.max
                    ),
                ));
            }
        }
        Ok(Self(parts.join(" ")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Field {
    fn item_ok(&self, item: &str) -> bool {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (item, None),
        };
        if let Some(step) = step
            && (!step.parse::<u32>().is_ok_and(|n| n >= 1 && n <= self.max.max(1)) || step.starts_with('+'))
        {
            return false;
        }
        if range == "*" {
            return true;
        }
        match range.split_once('-') {
            Some((a, b)) => matches!((self.value(a), self.value(b)), (Some(a), Some(b)) if a <= b),
            None => step.is_none() && self.value(range).is_some(),
        }
    }

    fn value(&self, s: &str) -> Option<u32> {
        if let Some(i) = self.names.iter().position(|n| n.eq_ignore_ascii_case(s)) {
            return Some(i as u32 + self.min);
        }
        let n: u32 = s.parse().ok().filter(|_| s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 2)?;
        (self.min..=self.max).contains(&n).then_some(n)
    }
}

/// The command of a cron job: one line of printable text, run by the user's shell on the server.
/// It is the user's own code by design; hsadmin only guarantees it stays one crontab line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct CronCommand(String);

impl CronCommand {
    pub const MAX_LEN: usize = 1000;

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        ensure(!s.trim().is_empty(), field, s, "must not be empty")?;
        ensure(s.len() <= Self::MAX_LEN, field, s, &format!("must be at most {} bytes", Self::MAX_LEN))?;
        ensure(is_plain_text(s) && !s.contains('\t'), field, s, "must be one line of printable text (no newline or other control characters)")?;
        // cron turns `%` into a newline and `\%` into `%`; hsadmin renders every `%` as `\%`, so the command
        // runs as typed. A backslash before `%` cannot be rendered so that cron and the shell both keep it.
        ensure(!s.contains("\\%"), field, s, "must not contain a backslash before % (write % alone: hsadmin escapes it for cron)")?;
        Ok(Self(s.trim().to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules() {
        for ok in ["*/5 * * * *", "0 3 * * 1-5", "15,45 0-23/2 1 jan-mar sun", "0 0 31 12 7"] {
            CronSchedule::parse("schedule", ok).unwrap();
        }
        for bad in [
            "* * * *",
            "60 * * * *",
            "* 24 * * *",
            "* * 0 * *",
            "* * * 13 *",
            "*/0 * * * *",
            "5-1 * * * *",
            "a * * * *",
            "* * * * * *",
            "@reboot",
            "* * * * $(id)",
            "1/5 * * * *",
        ] {
            assert!(CronSchedule::parse("schedule", bad).is_err(), "{bad:?}");
        }
        assert_eq!(CronSchedule::parse("s", "*/5  *  * * *").unwrap().as_str(), "*/5 * * * *");
    }

    #[test]
    fn commands_stay_one_line() {
        CronCommand::parse("command", "php ~/cron.php > /dev/null 2>&1").unwrap();
        for bad in ["", "  ", "echo a\necho b", "echo a\rb", "echo \u{0}", "printf \"a\\%b\" > ~/pct"] {
            assert!(CronCommand::parse("command", bad).is_err(), "{bad:?}");
        }
        assert!(CronCommand::parse("command", &"x".repeat(1001)).is_err());
    }
}
