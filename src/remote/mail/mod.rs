//! The mail role on the wire: what its facts script asks a mail server (the SHA-256 of each managed file,
//! the managed `main.cf` settings, whether Postfix and Dovecot are there) and the steps that change it. A
//! step changes a staging copy: a table is written beside its place and built with `postmap`/`postalias`,
//! a setting goes into a copy of `main.cf` (`postconf -c`), the Dovecot file into a copy of Dovecot's
//! configuration. `postfix -c COPY check` and `doveconf -c COPY -n` judge the copies; only when both pass do
//! the tables, `main.cf` and `master.cf` go live, each by a rename, and removals happen, then Postfix and
//! Dovecot reload. When a check fails, nothing went live: mail keeps flowing with the last good configuration.
use crate::remote::quote::{Data, Script, ShellArg};
use crate::remote::records::Record;
use crate::remote::script::ApplyScript;
use serde::Serialize;
use std::collections::BTreeMap;

/// The files the role manages, with how each is built: `postmap`, `postalias`, or nothing.
pub const FILES: &[(&str, &str)] = &[
    ("/etc/postfix/hsadmin-domains", "none"),
    ("/etc/postfix/hsadmin-virtual", "postmap"),
    ("/etc/postfix/hsadmin-aliases", "postalias"),
    ("/etc/dovecot/conf.d/90-hsadmin.conf", "none"),
    ("/etc/postfix/hsadmin-transport", "postmap"),
    ("/etc/postfix/hsadmin-relay-domains", "none"),
    ("/etc/postfix/hsadmin-relay-recipients", "postmap"),
];

/// The `main.cf` settings the role manages, with their values: Postfix pointed at the tables, local
/// delivery at procmail (as the mailbox user, into `~/Maildir/`), unknown recipients refused at SMTP time.
pub const SETTINGS: &[(&str, &str)] = &[
    ("virtual_alias_domains", "/etc/postfix/hsadmin-domains"),
    ("virtual_alias_maps", "hash:/etc/postfix/hsadmin-virtual"),
    ("alias_maps", "hash:/etc/aliases, hash:/etc/postfix/hsadmin-aliases"),
    ("alias_database", "hash:/etc/aliases, hash:/etc/postfix/hsadmin-aliases"),
    ("mailbox_command", "/usr/bin/procmail -a \"$EXTENSION\" DEFAULT=$HOME/Maildir/ MAILDIR=$HOME/Maildir"),
    ("home_mailbox", "Maildir/"),
    ("smtpd_reject_unlisted_recipient", "yes"),
    ("transport_maps", "hash:/etc/postfix/hsadmin-transport"),
    ("allow_mail_to_commands", "alias, forward, include"),
    ("relay_domains", "/etc/postfix/hsadmin-relay-domains"),
    ("relay_recipient_maps", "hash:/etc/postfix/hsadmin-relay-recipients"),
];

/// The settings of a server with lists: Postfix knows them only once master.cf has the mlmmj transport.
pub const LIST_SETTINGS: &[(&str, &str)] = &[("mlmmj_destination_recipient_limit", "1")];

/// Whether `key` is one of the managed settings.
fn is_managed_setting(key: &str) -> bool {
    SETTINGS.iter().chain(LIST_SETTINGS).any(|(k, _)| *k == key)
}

/// Where an alias's commands go: a file per alias, owned by the package admin, so that local(8) runs the
/// commands with the admin's rights (an :include: file's owner), never as root or nobody.
pub const INCLUDES: &str = "/etc/postfix/hsadmin-include";

/// Customers' include files larger than this are not read (a list of targets is far smaller).
pub const INCLUDE_CAP: u64 = 64 << 10;

/// The name of a file in INCLUDES: the alias (its commands), or `ALIAS+N` (the copy of its Nth
/// customer's include file).
pub fn is_include_name(name: &str) -> bool {
    let alias = match name.split_once('+') {
        Some((alias, n)) if !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) => alias,
        Some(_) => return false,
        None => name,
    };
    crate::model::UserName::parse("include", alias).is_ok()
}

/// mlmmj's spool, where each list has its directory.
pub const SPOOL: &str = "/var/spool/mlmmj";

#[derive(Debug, Clone, Default)]
pub struct MailFacts {
    /// Postfix (`postconf`) and Dovecot (`doveconf`) are installed.
    pub postfix: bool,
    pub dovecot: bool,
    /// Managed file → its SHA-256 (a symlink or other non-file counts as missing).
    pub files: BTreeMap<String, String>,
    pub settings: BTreeMap<String, String>,
    /// The `mlmmj` user exists and master.cf has the `mlmmj` transport.
    pub mlmmj: bool,
    /// The lists hsadmin made (their directory has `control/hsadmin`): directory → SHA-256 of that file.
    pub lists: BTreeMap<String, String>,
    /// The files in INCLUDES: name → (SHA-256, owner's uid).
    pub includes: BTreeMap<String, (String, u32)>,
    /// Customers' include files as read, by the name of their copy: (owner's uid, text), or why not.
    pub sources: BTreeMap<String, std::result::Result<(u32, String), String>>,
    /// The copies to write, from `sources` as the role validated them: name → (owner, uid, content).
    pub copies: BTreeMap<String, (String, u32, String)>,
}

/// A list directory name as hsadmin makes them: `local=domain`.
pub fn is_list_dir(name: &str) -> bool {
    name.split_once('=').is_some_and(|(l, d)| {
        !l.is_empty() && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._+-".contains(&b)) && crate::model::is_host_name(d)
    })
}

const FACTS_SH: &str = r#"if command -v postconf > /dev/null 2>&1; then rec postfix 1; fi
if command -v doveconf > /dev/null 2>&1; then rec dovecot 1; fi
for f in $mail_files; do
    if [ -f "$f" ] && [ ! -L "$f" ]; then rec file "$f" "$(sha256sum < "$f" | cut -c 1-64)"; fi
done
if command -v postconf > /dev/null 2>&1; then
    for k in $mail_settings; do
        rec setting "$k" "$(postconf -h "$k" 2> /dev/null)"
    done
    if id -u mlmmj > /dev/null 2>&1 && postconf -M mlmmj/unix 2> /dev/null | grep -q mlmmj-receive; then rec mlmmj 1; fi
fi
for f in /etc/postfix/hsadmin-include/*; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    rec include "${f##*/}" "$(sha256sum < "$f" | cut -c 1-64)" "$(stat -c %u "$f")"
done
for f in /var/spool/mlmmj/*/control/hsadmin; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    d=${f%/control/hsadmin}
    rec list "${d##*/}" "$(sha256sum < "$f" | cut -c 1-64)"
done
"#;

/// Reads customers' include files (`CAP NAME PATH …`) as root without following a symlink: every directory
/// on the way is opened with `O_NOFOLLOW|O_DIRECTORY` from `/`, the file with `O_NOFOLLOW`, and what is
/// reported comes from that descriptor: a regular file that others may read (Postfix reads include files
/// as nobody), at most CAP bytes without a NUL, with its owner's uid. The role checks the rest.
const READ_PL: &str = r#"use strict; use warnings;
use Fcntl qw(O_RDONLY O_NOFOLLOW O_DIRECTORY O_NONBLOCK);
my ($cap, @pairs) = @ARGV;
sub rec { my $k = shift; print join("\0", $k, scalar(@_), @_), "\0"; }
my $dirs = O_RDONLY | O_NOFOLLOW | O_DIRECTORY;
SOURCE: while (@pairs) {
    my ($name, $path) = splice @pairs, 0, 2;
    my @parts = grep { length } split m{/}, $path;
    my $file = pop @parts;
    my $root;
    sysopen($root, '/', $dirs) && chdir $root or die "cannot open /: $!\n";
    for my $p (@parts) {
        my $d;
        unless (sysopen($d, $p, $dirs) && chdir $d) { rec('source_bad', $name, "a directory on the way is missing or a symbolic link"); next SOURCE }
    }
    sysopen(my $fh, $file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK) or do { rec('source_bad', $name, "it is missing or a symbolic link"); next };
    my @st = stat $fh;
    if (!-f _) { rec('source_bad', $name, "it is not a regular file"); next }
    if (!($st[2] & 04)) { rec('source_bad', $name, "others may not read it (Postfix reads include files as nobody)"); next }
    my ($text, $got) = ('', 1);
    while ($got && length($text) <= $cap) { $got = sysread($fh, $text, 65536, length $text); }
    if (length($text) > $cap) { rec('source_bad', $name, "it is larger than $cap bytes"); next }
    if ($text =~ /\0/) { rec('source_bad', $name, "it holds a NUL byte"); next }
    rec('source', $name, $st[4], $text);
}
chdir '/';
"#;

/// `mail_files` and `mail_settings`: the managed files and settings, as the scripts loop over them.
fn assign_managed(s: &mut Script) {
    let files: Vec<&str> = FILES.iter().map(|(f, _)| *f).collect();
    let settings: Vec<&str> = SETTINGS.iter().chain(LIST_SETTINGS).map(|(k, _)| *k).collect();
    s.assign("mail_files", &d(&files.join(" "))).assign("mail_settings", &d(&settings.join(" ")));
}

/// The facts script; `sources` are the customers' include files to read: (name of the copy, path).
pub fn facts_script(s: &mut Script, sources: &[(String, String)]) {
    assign_managed(s);
    s.raw(FACTS_SH);
    if sources.is_empty() {
        return;
    }
    let cap = INCLUDE_CAP.to_string();
    let mut args: Vec<Data> = vec![d(READ_PL), d("--"), d(&cap)];
    for (name, path) in sources {
        args.push(d(name));
        args.push(d(path));
    }
    let args: Vec<&dyn ShellArg> = args.iter().map(|a| a as &dyn ShellArg).collect();
    s.command("perl -e", &args);
}

/// Reads the records; anything that is not one of the managed files or settings is ignored.
pub fn parse(records: &[Record]) -> MailFacts {
    let mut f = MailFacts::default();
    for r in records {
        match (r.kind.as_str(), r.text(0), r.text(1)) {
            ("postfix", _, _) => f.postfix = true,
            ("dovecot", _, _) => f.dovecot = true,
            ("file", Some(path), Some(hash)) if FILES.iter().any(|(p, _)| *p == path) && hash.len() == 64 => {
                f.files.insert(path.to_owned(), hash.to_owned());
            }
            ("setting", Some(key), Some(value)) if is_managed_setting(key) => {
                f.settings.insert(key.to_owned(), value.to_owned());
            }
            ("mlmmj", _, _) => f.mlmmj = true,
            ("include", Some(name), Some(hash)) if is_include_name(name) && hash.len() == 64 => {
                if let Some(uid) = r.number(2) {
                    f.includes.insert(name.to_owned(), (hash.to_owned(), uid));
                }
            }
            ("source", Some(name), Some(_)) => {
                let text = r.fields.get(2).and_then(|t| String::from_utf8(t.clone()).ok());
                let read = match (r.number(1), text) {
                    (Some(uid), Some(text)) => Ok((uid, text)),
                    _ => Err("it is not UTF-8 text".to_owned()),
                };
                f.sources.insert(name.to_owned(), read);
            }
            ("source_bad", Some(name), Some(why)) => {
                f.sources.insert(name.to_owned(), Err(why.to_owned()));
            }
            ("list", Some(dir), Some(hash)) if is_list_dir(dir) && hash.len() == 64 => {
                f.lists.insert(dir.to_owned(), hash.to_owned());
            }
            _ => {}
        }
    }
    f
}

/// One change on a mail server. File contents are never serialised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Writes a managed file (building its table).
    WriteFile {
        file: String,
        #[serde(skip)]
        build: String,
        #[serde(skip)]
        content: String,
    },
    /// Sets a `main.cf` setting.
    SetMain { key: String, value: String },
    /// The `mlmmj` user, its spool and the `mlmmj` transport in master.cf.
    SetupLists,
    /// Writes a list's directory from its spec: address, owner, who may post, subscribers.
    WriteList {
        list: String,
        dir: String,
        owner: String,
        policy: String,
        relayhost: String,
        subscribers: Vec<String>,
        #[serde(skip)]
        spec: String,
    },
    /// Removes the directory of a list hsadmin made that the ledger no longer has.
    RemoveList { dir: String },
    /// Writes an include file: an alias's commands (owned by the package admin), or the checked copy of a
    /// customer's include file (owned by that file's owner).
    WriteInclude {
        name: String,
        owner: String,
        #[serde(skip)]
        content: String,
    },
    /// Removes an include file the ledger no longer has (its alias went, or lost the target).
    RemoveInclude { name: String },
    /// Checks the staged configuration; only if it passes does it go live, and Postfix and Dovecot reload.
    Reload,
}

impl Action {
    pub fn name(&self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v["action"].as_str().map(str::to_owned)).unwrap_or_default()
    }

    pub fn target(&self) -> String {
        match self {
            Action::WriteFile { file, .. } => file.clone(),
            Action::SetMain { key, .. } => key.clone(),
            Action::SetupLists => SPOOL.into(),
            Action::WriteList { list, .. } => list.clone(),
            Action::RemoveList { dir } => dir.clone(),
            Action::WriteInclude { name, .. } | Action::RemoveInclude { name } => format!("{INCLUDES}/{name}"),
            Action::Reload => "postfix".into(),
        }
    }
}

const HELPERS: &str = r#"# The staging area: copies of main.cf, master.cf and Dovecot's configuration that the steps change, and
# the new tables beside the live ones (FILE.hsadmin-new, built), listed in $hs_tmp/mail/pending. Nothing goes
# live before the checks pass on the copies (mail_commit).
mail_stage() {
    [ -d "$hs_tmp/mail" ] && return 0
    mkdir -p "$hs_tmp/mail/postfix" "$hs_tmp/mail/dovecot"
    : > "$hs_tmp/mail/pending"; : > "$hs_tmp/mail/gone"
    cp -p /etc/postfix/main.cf /etc/postfix/master.cf "$hs_tmp/mail/postfix/"
    cp -p /etc/dovecot/*.conf "$hs_tmp/mail/dovecot/" && cp -pR /etc/dovecot/conf.d "$hs_tmp/mail/dovecot/"
}
mail_discard() {
    while read -r f; do rm -f -- "$f.hsadmin-new" "$f.hsadmin-new.db"; done < "$hs_tmp/mail/pending"
}
mail_write() {
    mail_stage
    cat > "$1.hsadmin-new"
    chmod 644 "$1.hsadmin-new"
    echo "$1" >> "$hs_tmp/mail/pending"
    case "$2" in
        postmap) postmap "hash:$1.hsadmin-new" ;;
        postalias) postalias "hash:$1.hsadmin-new" ;;
    esac || { mail_discard; echo "building $1 failed" >&2; return 1; }
    case "$1" in /etc/dovecot/*) cp -p "$1.hsadmin-new" "$hs_tmp/mail/dovecot/${1#/etc/dovecot/}" ;; esac
}
# main.cf goes live by a rename, so no program ever reads it half written; its time is set back 2 s so that
# Postfix's pause for a file changed within the last second (dict_load_file: re-read until it cools, up to
# 2 s in every program) does not stall the check, the reload and each new daemon.
mail_set() { mail_stage; postconf -c "$hs_tmp/mail/postfix" -e "$@" && touch -d '-2 seconds' "$hs_tmp/mail/postfix/main.cf"; }
mail_setup_lists() {
    mail_stage
    id -u mlmmj > /dev/null 2>&1 || useradd --system --home-dir /var/spool/mlmmj --no-create-home --shell /usr/sbin/nologin mlmmj
    install -d -o mlmmj -g mlmmj -m 0755 /var/spool/mlmmj
    postconf -c "$hs_tmp/mail/postfix" -M mlmmj/unix='mlmmj unix - n n - - pipe flags=ORhu user=mlmmj argv=/usr/bin/mlmmj-receive -F -L /var/spool/mlmmj/$nexthop'
}
# mail_list DIR LISTADDRESS OWNER POLICY RELAYHOST SUBSCRIBERS < spec: the list's directory as mlmmj wants it,
# written as the mlmmj user (it owns the spool; a list's archive holds what senders sent).
mail_list() {
    runuser -u mlmmj -- sh -c '
        set -e
        d=/var/spool/mlmmj/$1
        [ ! -L "$d" ] || { echo "$d is a symlink" >&2; exit 1; }
        for s in incoming queue queue/discarded archive text subconf unsubconf bounce control moderation subscribers.d digesters.d requeue nomailsubs.d; do mkdir -p "$d/$s"; done
        [ -n "$(ls -A "$d/text")" ] || cp -R /usr/share/mlmmj/text.skel/en/. "$d/text/"
        printf "%s\n" "$2" > "$d/control/listaddress"
        printf "%s\n" "$3" > "$d/control/owner"
        printf "%s\n" "$5" > "$d/control/relayhost"
        rm -f "$d/control/subonlypost" "$d/control/moderated" "$d/control/moderators"
        case "$4" in
            subscribers) : > "$d/control/subonlypost" ;;
            moderated) : > "$d/control/moderated"; printf "%s\n" "$3" > "$d/control/moderators" ;;
        esac
        rm -f "$d"/subscribers.d/*
        for a in $6; do printf "%s\n" "$a" >> "$d/subscribers.d/$(printf %.1s "$a")"; done
        cat > "$d/control/hsadmin"
    ' sh "$@"
}
mail_include() {
    mail_stage
    install -d -o root -g root -m 0755 /etc/postfix/hsadmin-include
    f=/etc/postfix/hsadmin-include/$1
    cat > "$f.hsadmin-new"
    chown "$2:" "$f.hsadmin-new" && chmod 0644 "$f.hsadmin-new" && mv -f "$f.hsadmin-new" "$f"
}
# Removals wait for the commit: until then the live tables may still name what goes.
mail_gone() { mail_stage; printf '%s %s\n' "$1" "$2" >> "$hs_tmp/mail/gone"; }
mail_commit() {
    mail_stage
    if ! postfix -c "$hs_tmp/mail/postfix" check >&2 || ! doveconf -c "$hs_tmp/mail/dovecot/dovecot.conf" -n > /dev/null; then
        mail_discard
        echo "postfix check or doveconf -n refused the new configuration (above); none of it went live, nothing was reloaded" >&2
        return 1
    fi
    while read -r f; do
        if [ -f "$f.hsadmin-new.db" ]; then mv -f "$f.hsadmin-new.db" "$f.db"; fi
        mv -f "$f.hsadmin-new" "$f"
    done < "$hs_tmp/mail/pending"
    for c in main.cf master.cf; do
        cmp -s "$hs_tmp/mail/postfix/$c" "/etc/postfix/$c" || { cp -p "$hs_tmp/mail/postfix/$c" "/etc/postfix/$c.hsadmin-new" && mv -f "/etc/postfix/$c.hsadmin-new" "/etc/postfix/$c"; }
    done
    while read -r kind name; do
        case "$kind" in
            include) rm -f -- "/etc/postfix/hsadmin-include/$name" ;;
            list) if [ -f "/var/spool/mlmmj/$name/control/hsadmin" ]; then rm -rf --one-file-system -- "/var/spool/mlmmj/$name"; fi ;;
        esac
    done < "$hs_tmp/mail/gone"
    postfix reload > /dev/null 2>&1 || postfix start > /dev/null 2>&1
    doveadm reload > /dev/null 2>&1 || dovecot
}
"#;

fn d(s: &str) -> Data<'_> {
    Data::new(s.as_bytes()).expect("validated values have no NUL")
}

/// Writes the mail role's section: its helpers, then each unit's steps.
pub fn section(role: &str, units: &[(String, Vec<Action>)], out: &mut ApplyScript) {
    assign_managed(out.script());
    out.script().raw(HELPERS);
    for (unit, actions) in units {
        // Every setting in one `postconf -e` (each start of postconf costs tens of milliseconds).
        let settings: Vec<String> = actions
            .iter()
            .filter_map(|a| match a {
                Action::SetMain { key, value } => Some(format!("{key} = {value}")),
                _ => None,
            })
            .collect();
        out.unit(role, unit, |s| {
            let mut set = false;
            for (i, a) in actions.iter().enumerate() {
                s.command("step", &[&(i as u64)]);
                match a {
                    Action::WriteFile { file, build, content } => {
                        s.pipe(("printf %s", &[&d(content)]), ("mail_write", &[&d(file), &d(build) as &dyn ShellArg]));
                    }
                    Action::SetMain { .. } if !set => {
                        set = true;
                        let args: Vec<Data> = settings.iter().map(|x| d(x)).collect();
                        let args: Vec<&dyn ShellArg> = args.iter().map(|a| a as &dyn ShellArg).collect();
                        s.command("mail_set", &args);
                    }
                    Action::SetMain { .. } => {}
                    Action::SetupLists => {
                        s.command("mail_setup_lists", &[]);
                    }
                    Action::WriteList { list, dir, owner, policy, relayhost, subscribers, spec } => {
                        let subs = subscribers.join(" ");
                        let args: [&dyn ShellArg; 6] = [&d(dir), &d(list), &d(owner), &d(policy), &d(relayhost), &d(&subs)];
                        s.pipe(("printf %s", &[&d(spec)]), ("mail_list", &args));
                    }
                    Action::RemoveList { dir } => {
                        s.command("mail_gone list", &[&d(dir)]);
                    }
                    Action::WriteInclude { name, owner, content } => {
                        s.pipe(("printf %s", &[&d(content)]), ("mail_include", &[&d(name), &d(owner) as &dyn ShellArg]));
                    }
                    Action::RemoveInclude { name } => {
                        s.command("mail_gone include", &[&d(name)]);
                    }
                    Action::Reload => {
                        s.command("mail_commit", &[]);
                    }
                }
            }
        });
    }
}
