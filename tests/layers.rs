//! The layering rules of ARCHITECTURE.md, checked on the source text: no `unsafe`, locks, rusqlite or SQL in
//! `cli/`; no shell text in `ops/`; SQL statements only in `ledger/`; no file, process or network access in
//! `render/`; a module comment (`//!`) at the top of every file. Each failure names the file and line.
//!
//! These are heuristics on a small Rust lexer (code, comments and string literals apart), not a parser:
//! they catch the usual ways a rule gets broken, and a comment that talks about SQL or shell is no offence.
use std::path::{Path, PathBuf};

/// SQL statements as they start in a string literal.
const SQL: &[&str] = &["SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "CREATE TABLE", "ALTER TABLE", "DROP TABLE", "PRAGMA "];
/// Shell text in a string literal: shell words, redirections, and pipes into the usual filters (a bare `|`
/// would also catch table rules and Rust closures in messages).
const SHELL: &[&str] = &[
    "set -e",
    "awk ",
    "printf ",
    "2>/dev/null",
    ">/dev/null",
    "| sh",
    "| grep",
    "| sed",
    "| awk",
    "| sort",
    "| head",
    "| tail",
    "| cut",
    "| tr ",
    "| xargs",
    "| while",
    "| base64",
];
/// Words that must not appear in the code of `cli/` (comments may talk about them).
const CLI_WORDS: &[&str] = &["unsafe", "flock", "rusqlite"];
/// Ways to build shell text, in the code of `ops/`.
const SCRIPT_CALLS: &[&str] = &["Script::new", ".raw("];
/// What `render/` must not reach for.
const RENDER_IO: &[&str] = &["fs", "process", "net"];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Code,
    Comment,
    Str,
}

/// A piece of a source file and the line it starts on (1-based).
#[derive(Debug)]
struct Piece {
    kind: Kind,
    line: usize,
    text: String,
}

/// Splits Rust source into code, comments and string literals (plain, byte, C and raw strings).
/// Char literals stay code; lifetimes are told apart from them.
fn lex(src: &str) -> Vec<Piece> {
    let s: Vec<char> = src.chars().collect();
    let name_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut pieces: Vec<Piece> = Vec::new();
    let mut code = Piece { kind: Kind::Code, line: 1, text: String::new() };
    let (mut i, mut line) = (0, 1);
    // Ends the code before a comment or string, then adds that.
    let mut push = |code: &mut Piece, kind: Kind, line: usize, text: &[char]| {
        if !code.text.is_empty() {
            pieces.push(std::mem::replace(code, Piece { kind: Kind::Code, line, text: String::new() }));
        }
        pieces.push(Piece { kind, line, text: text.iter().collect() });
    };
    while i < s.len() {
        let (c, next, start, start_line) = (s[i], s.get(i + 1).copied(), i, line);
        let after_name = i > 0 && name_char(s[i - 1]);
        if c == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
            push(&mut code, Kind::Comment, start_line, &s[start..i]);
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(s[i] == '\n');
                    i += 1;
                }
            }
            push(&mut code, Kind::Comment, start_line, &s[start..i]);
        } else if let Some(hashes) = raw_string_start(&s, i).filter(|_| !after_name) {
            // r"…", r#"…"#, br#"…"#: no escapes; it ends at '"' and as many '#'.
            while s[i] != '"' {
                i += 1;
            }
            i += 1;
            let body = i;
            while i < s.len() && !(s[i] == '"' && s.len() > i + hashes && s[i + 1..=i + hashes].iter().all(|&h| h == '#')) {
                line += usize::from(s[i] == '\n');
                i += 1;
            }
            push(&mut code, Kind::Str, start_line, &s[body..i.min(s.len())]);
            i = (i + 1 + hashes).min(s.len());
        } else if c == '"' || (matches!(c, 'b' | 'c') && next == Some('"') && !after_name) {
            i += if c == '"' { 1 } else { 2 };
            let body = i;
            while i < s.len() && s[i] != '"' {
                if s[i] == '\\' {
                    i += 1;
                }
                line += usize::from(s.get(i) == Some(&'\n'));
                i += 1;
            }
            push(&mut code, Kind::Str, start_line, &s[body..i.min(s.len())]);
            i += 1;
        } else if c == '\'' && (next == Some('\\') || s.get(i + 2) == Some(&'\'')) {
            // A char literal ('x', '"', '\'', '\u{1b}') is code; a lifetime ('a) has no closing quote.
            let end = (i + 2..s.len()).find(|&j| s[j] == '\'' && (s[j - 1] != '\\' || j == i + 3)).map_or(s.len(), |j| j + 1);
            code.text.extend(&s[i..end]);
            i = end;
        } else {
            if code.text.is_empty() {
                code.line = line;
            }
            line += usize::from(c == '\n');
            code.text.push(c);
            i += 1;
        }
    }
    if !code.text.is_empty() {
        pieces.push(code);
    }
    pieces
}

/// At `s[i]`, the number of '#' of a raw string that starts there (`r"`, `r#"`, `br"`, `cr#"`), if one does.
fn raw_string_start(s: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if matches!(s.get(j), Some('b' | 'c')) {
        j += 1;
    }
    if s.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = s[j..].iter().take_while(|&&c| c == '#').count();
    (s.get(j + hashes) == Some(&'"')).then_some(hashes)
}

/// Where `needle` occurs in a piece, as lines. A needle that starts with a letter never matches inside a
/// longer name (`ApplyScript::new` is not `Script::new`); with `word`, one that ends with a letter neither.
fn find(piece: &Piece, needle: &str, word: bool) -> Vec<usize> {
    let name_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let lead = name_char(needle.chars().next());
    let trail = name_char(needle.chars().next_back());
    let t = &piece.text;
    t.match_indices(needle)
        .filter(|(at, _)| {
            let before = t[..*at].chars().next_back();
            let after = t[at + needle.len()..].chars().next();
            let inside_a_name = lead && name_char(before) || word && trail && name_char(after);
            !inside_a_name
        })
        .map(|(at, _)| piece.line + t[..at].matches('\n').count())
        .collect()
}

/// `std::{…}` imports in code that name one of `modules` (`use std::{fs, io}`), as lines.
fn std_group_imports(piece: &Piece, modules: &[&str]) -> Vec<(usize, String)> {
    let t = &piece.text;
    let mut found = Vec::new();
    for (at, _) in t.match_indices("std::{") {
        let group = &t[at + 6..];
        let group = &group[..group.find('}').unwrap_or(group.len())];
        for m in modules {
            if group.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == *m) {
                found.push((piece.line + t[..at].matches('\n').count(), format!("std::{{{m}}}")));
            }
        }
    }
    found
}

/// Every rule that applies to the file at `rel` (relative to `src/`, with '/'), as `file:line: what`.
fn violations(rel: &str, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let file = format!("src/{rel}");
    if !src.starts_with("//!") {
        out.push((1, "has no module comment (`//!` on its first line)".to_owned()));
    }
    let pieces = lex(src);
    let mut flag = |pieces: &[Piece], kind: Kind, needles: &[&str], word: bool, rule: &str| {
        for p in pieces.iter().filter(|p| p.kind == kind) {
            for n in needles {
                for line in find(p, n, word) {
                    out.push((line, format!("{rule}: {n:?}")));
                }
            }
        }
    };
    let in_dir = |d: &str| rel.starts_with(d);
    if in_dir("cli/") {
        flag(&pieces, Kind::Code, CLI_WORDS, true, "no unsafe, locks or rusqlite in cli/");
        flag(&pieces, Kind::Str, &CLI_WORDS[1..], true, "no locks or rusqlite in cli/");
    }
    if in_dir("ops/") {
        flag(&pieces, Kind::Code, SCRIPT_CALLS, false, "no shell text in ops/ (it belongs in remote/)");
        flag(&pieces, Kind::Str, SHELL, false, "no shell text in ops/ (it belongs in remote/)");
    }
    // The ledger's SQL lives in ledger/; the SQL hsadmin sends to the managed database servers (MariaDB,
    // PostgreSQL) only in render/database.rs (the statements) and remote/database/ (the facts script).
    if !in_dir("ledger/") && rel != "render/database.rs" && !in_dir("remote/database/") {
        flag(&pieces, Kind::Str, SQL, false, "no SQL outside ledger/");
    }
    if in_dir("render/") {
        let paths: Vec<String> = RENDER_IO.iter().map(|m| format!("std::{m}")).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        flag(&pieces, Kind::Code, &paths, true, "render/ is pure: no files, processes or network");
        for p in pieces.iter().filter(|p| p.kind == Kind::Code) {
            for (line, what) in std_group_imports(p, RENDER_IO) {
                out.push((line, format!("render/ is pure: no files, processes or network: {what:?}")));
            }
        }
    }
    out.sort_by_key(|(line, _)| *line);
    out.into_iter().map(|(line, what)| format!("{file}:{line}: {what}")).collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_source_keeps_its_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 20, "found only {} files under {}", files.len(), root.display());
    let mut all = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&root).expect("under src/").to_string_lossy().replace('\\', "/");
        let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        all.extend(violations(&rel, &src));
    }
    assert!(all.is_empty(), "{} layering violations (see ARCHITECTURE.md, Invariants):\n{}", all.len(), all.join("\n"));
}

// The checks themselves: each rule finds what it is meant to find, and only that.

#[test]
fn the_lexer_keeps_code_comments_and_strings_apart() {
    let src = "//! m\nfn f<'a>(x: &'a str) -> char { let q = '\"'; let e = '\\''; // \"not a string\"\n  let s = \"a \\\" b\nc\"; let r = r#\"x \" y\"#; let b = b\"z\"; /* \"no\" /* nested */ */ 'x' }\n";
    let pieces = lex(src);
    let strs: Vec<(usize, &str)> = pieces.iter().filter(|p| p.kind == Kind::Str).map(|p| (p.line, p.text.as_str())).collect();
    assert_eq!(strs, [(3, "a \\\" b\nc"), (4, "x \" y"), (4, "z")]);
    let comments: Vec<usize> = pieces.iter().filter(|p| p.kind == Kind::Comment).map(|p| p.line).collect();
    assert_eq!(comments, [1, 2, 4]);
    let code: String = pieces.iter().filter(|p| p.kind == Kind::Code).map(|p| p.text.as_str()).collect();
    assert!(code.contains("'\"'") && code.contains("'\\''") && code.contains("&'a str") && code.contains("'x'"), "{code}");
}

#[test]
fn each_rule_catches_its_offence() {
    let cases: &[(&str, &str, &str)] = &[
        ("cli/x.rs", "//! m\nfn f() {\n    unsafe { g() }\n}\n", "src/cli/x.rs:3: no unsafe, locks or rusqlite in cli/: \"unsafe\""),
        ("cli/x.rs", "//! m\nuse rusqlite::Connection;\n", "src/cli/x.rs:2: no unsafe, locks or rusqlite in cli/: \"rusqlite\""),
        ("cli/x.rs", "//! m\nconst Q: &str = \"x\";\nconst S: &str = \"DELETE FROM t\";\n", "src/cli/x.rs:3: no SQL outside ledger/: \"DELETE FROM\""),
        ("ops/x.rs", "//! m\nfn f() { let mut s = Script::new(); }\n", "src/ops/x.rs:2: no shell text in ops/ (it belongs in remote/): \"Script::new\""),
        ("ops/x.rs", "//! m\nconst S: &str = r#\"\nset -eu\n\"#;\n", "src/ops/x.rs:3: no shell text in ops/ (it belongs in remote/): \"set -e\""),
        ("ops/x.rs", "//! m\nconst S: &str = \"getent passwd | cut -d: -f1\";\n", "src/ops/x.rs:2: no shell text in ops/ (it belongs in remote/): \"| cut\""),
        ("ops/x.rs", "//! m\nfn f() { g(\"printf '%s' x\") }\n", "src/ops/x.rs:2: no shell text in ops/ (it belongs in remote/): \"printf \""),
        ("model/x.rs", "//! m\nconst S: &str = \"SELECT name FROM t\";\n", "src/model/x.rs:2: no SQL outside ledger/: \"SELECT \""),
        ("render/x.rs", "//! m\nuse std::{collections::BTreeMap, fs};\n", "src/render/x.rs:2: render/ is pure: no files, processes or network: \"std::{fs}\""),
        ("render/x.rs", "//! m\nfn f() { std::process::exit(1) }\n", "src/render/x.rs:2: render/ is pure: no files, processes or network: \"std::process\""),
        ("remote/x.rs", "use std::fs;\n", "src/remote/x.rs:1: has no module comment (`//!` on its first line)"),
    ];
    for (rel, src, expected) in cases {
        assert_eq!(violations(rel, src), [*expected], "{rel}: {src}");
    }
}

#[test]
fn innocent_text_is_no_offence() {
    let cases: &[(&str, &str)] = &[
        // Comments may talk about what the layer must not do.
        ("cli/x.rs", "//! No SQL, no `unsafe`, no flock here.\n// SELECT x\nfn f() {}\n"),
        // Longer names that contain a word.
        ("cli/x.rs", "//! m\nfn unsafe_free() { let flocked = 1; }\n"),
        ("ops/x.rs", "//! m\nfn f() { let s = ApplyScript::new(); let d = draw(); }\n"),
        // A '|' in a message or table is not a pipe.
        ("ops/x.rs", "//! m\nconst S: &str = \"soft | hard\";\n"),
        ("render/x.rs", "//! m\nuse std::fmt::Write;\nfn f(x: &str) -> bool { x.contains(\"std::fs\") }\n"),
        ("ledger/x.rs", "//! m\nconst Q: &str = \"SELECT name FROM t\";\n"),
        ("remote/x.rs", "//! m\nconst S: &str = \"set -e\\nawk 1 2>/dev/null | sh\";\n"),
    ];
    for (rel, src) in cases {
        assert_eq!(violations(rel, src), Vec::<String>::new(), "{rel}: {src}");
    }
}
