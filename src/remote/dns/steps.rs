//! What hsadmin does on a name server, and the shell text for it. A zone file is written beside its
//! place, checked with `named-checkzone`, and only then renamed over the working one (a broken zone never
//! replaces a good one); a changed zone that named has loaded is reloaded alone (`rndc reload ZONE`).
//! The managed include is swapped in, `named-checkconf` checks the whole configuration, and on failure
//! the previous include (and `named.conf.local`) come back before anything is reloaded; a changed zone
//! set is loaded with `rndc reconfig`.
use crate::remote::quote::{Data, Script, ShellArg};
use crate::remote::script::ApplyScript;
use crate::render::zone::{NAMED_CONF_LOCAL, SECONDARY_DIR, ZONE_DIR, ZONE_HEADER};
use serde::Serialize;

/// One change on a name server. File contents are never serialised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Makes or repairs a directory by a descriptor walk that follows no symlink.
    EnsureDir { path: String, uid: u32, gid: u32, mode: String },
    /// Writes a zone file (checked first); `reload` when named has the zone loaded already.
    WriteZone {
        zone: String,
        serial: u32,
        reload: bool,
        #[serde(skip)]
        content: String,
    },
    /// Swaps in the managed include (adding its line to named.conf.local if missing), checked by
    /// named-checkconf; the previous one comes back on failure.
    InstallConf {
        file: String,
        add_include: bool,
        #[serde(skip)]
        include_line: String,
        #[serde(skip)]
        content: String,
    },
    /// `rndc reconfig`: named loads new zones and drops removed ones.
    Reconfig,
    /// Removes the file of a zone that went: on a primary only a file with hsadmin's header; on a
    /// secondary the transferred copy and its journal in hsadmin's directory.
    RemoveZone { zone: String, secondary: bool },
}

impl Action {
    pub fn name(&self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v["action"].as_str().map(str::to_owned)).unwrap_or_default()
    }

    pub fn target(&self) -> String {
        match self {
            Action::EnsureDir { path, .. } => path.clone(),
            Action::WriteZone { zone, .. } | Action::RemoveZone { zone, .. } => zone.clone(),
            Action::InstallConf { file, .. } => file.clone(),
            Action::Reconfig => "named".into(),
        }
    }

    pub fn removes(&self) -> bool {
        matches!(self, Action::RemoveZone { .. })
    }
}

const HELPERS: &str = r#"dns_walk() { perl -e "$hs_walk" -- "$@"; }
write_zone() {
    t="$2/.hsadmin-new"
    cat > "$t"
    chgrp bind -- "$t"
    chmod 640 -- "$t"
    if ! named-checkzone -q -i local -k fail -- "$1" "$t"; then
        named-checkzone -i local -k fail -- "$1" "$t" >&2 || true
        rm -f -- "$t"
        echo "zone $1 fails named-checkzone (above); the zone file in place stays" >&2
        return 1
    fi
    mv -f -- "$t" "$2/$1"
}
install_conf() {
    f=$1 add=$2 line=$3 local=$hs_named_local
    cat > "$f.hsadmin-new"
    chgrp bind -- "$f.hsadmin-new"
    chmod 644 -- "$f.hsadmin-new"
    rm -f -- "$hs_tmp/conf.old" "$hs_tmp/local.old"
    if [ -f "$f" ]; then cp -p -- "$f" "$hs_tmp/conf.old"; fi
    cp -p -- "$local" "$hs_tmp/local.old"
    mv -f -- "$f.hsadmin-new" "$f"
    if [ "$add" = yes ] && ! grep -qxF -- "$line" "$local"; then
        if [ -s "$local" ] && [ -n "$(tail -c 1 -- "$local")" ]; then echo >> "$local"; fi
        printf '%s\n' "$line" >> "$local"
    fi
    if ! named-checkconf >&2; then
        if [ -f "$hs_tmp/conf.old" ]; then mv -f -- "$hs_tmp/conf.old" "$f"; else rm -f -- "$f"; fi
        cat -- "$hs_tmp/local.old" > "$local"
        echo "named-checkconf failed (above); the previous zone statements are back in place" >&2
        return 1
    fi
}
remove_zone() {
    f=$2/$1
    if [ "$3" = primary ]; then
        if [ -f "$f" ] && [ ! -L "$f" ] && [ "$(head -n 1 -- "$f")" = "$hs_zheader" ]; then rm -f -- "$f"; fi
    else
        rm -f -- "$f" "$f.jnl"
    fi
}
"#;

fn d(s: &str) -> Data<'_> {
    Data::new(s.as_bytes()).expect("validated values have no NUL")
}

/// Writes a name-server role's section (`role` is its name): its helpers, then each unit's steps.
pub fn section(role: &str, units: &[(String, Vec<Action>)], out: &mut ApplyScript) {
    let s = out.script();
    s.assign("hs_walk", &d(crate::remote::web::steps::WALK_PL)).assign("hs_zheader", &d(ZONE_HEADER)).assign("hs_named_local", &d(NAMED_CONF_LOCAL));
    s.raw(HELPERS);
    for (unit, actions) in units {
        out.unit(role, unit, |s| {
            for (i, a) in actions.iter().enumerate() {
                s.command("step", &[&(i as u64)]);
                step(s, a);
            }
        });
    }
}

fn step(s: &mut Script, a: &Action) {
    match a {
        Action::EnsureDir { path, uid, gid, mode } => {
            s.command("dns_walk", &[&d(path), uid, gid, &d(mode)]);
        }
        Action::WriteZone { zone, reload, content, .. } => {
            s.pipe(("printf %s", &[&d(content)]), ("write_zone", &[&d(zone), &d(ZONE_DIR)]));
            if *reload {
                s.command("rndc reload", &[&d(zone)]);
            }
        }
        Action::InstallConf { file, add_include, include_line, content } => {
            let add = if *add_include { "yes" } else { "no" };
            s.pipe(("printf %s", &[&d(content)]), ("install_conf", &[&d(file), &d(add), &d(include_line)]));
        }
        Action::Reconfig => {
            s.command("rndc reconfig", &[]);
        }
        Action::RemoveZone { zone, secondary } => {
            let (dir, kind) = if *secondary { (SECONDARY_DIR, "secondary") } else { (ZONE_DIR, "primary") };
            s.command("remove_zone", &[&d(zone), &d(dir), &d(kind) as &dyn ShellArg]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_is_checked_before_it_replaces_the_working_one_and_reloaded_alone() {
        let mut s = ApplyScript::new(30);
        let write = Action::WriteZone { zone: "example.org".into(), serial: 2026120202, reload: true, content: "; x\n$(id) 'q'\n".into() };
        let conf = Action::InstallConf {
            file: "/etc/bind/named.conf.hsadmin-primary".into(),
            add_include: true,
            include_line: "include \"x\"; // hsadmin".into(),
            content: "c".into(),
        };
        section("dns-primary", &[("example.org".into(), vec![write.clone()]), ("named".into(), vec![conf, Action::Reconfig])], &mut s);
        let text = String::from_utf8(s.finish().bytes().to_vec()).unwrap();
        let helper = &text[text.find("write_zone() {").unwrap()..];
        let (check, mv) = (helper.find("named-checkzone -q -i local -k fail").unwrap(), helper.find("mv -f -- \"$t\" \"$2/$1\"").unwrap());
        assert!(check < mv, "checked before it is renamed into place:\n{helper}");
        assert!(
            text.contains("printf %s '; x\n$(id) '\\''q'\\''\n' | write_zone 'example.org' '/var/lib/hsadmin/zones'\nrndc reload 'example.org'\n"),
            "{text}"
        );
        assert!(text.contains("install_conf '/etc/bind/named.conf.hsadmin-primary' 'yes'"), "{text}");
        assert_eq!(text.matches("rndc reload").count(), 1, "one zone changed, one zone reloaded");
        assert_eq!(
            serde_json::to_value(&write).unwrap(),
            serde_json::json!({"action": "write_zone", "zone": "example.org", "serial": 2026120202, "reload": true}),
            "no contents in plans"
        );
    }
}
