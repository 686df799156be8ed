//! A [`File`] → the bytes of a DTAUS0 disk file: A (128 bytes), each C (187 + 29·n bytes for n extension
//! parts, padded with blanks to 2–6 blocks of 128), E (128 bytes) with the control sums. Pure; refuses
//! what the format cannot hold (a character outside DIN 66003, a text or number too long, a key that does
//! not belong in the file's kind, an execution date outside the 15-day window) instead of changing it.
use super::{Currency, File, MAX_DAYS_AHEAD, MAX_EXTENSIONS, MAX_PURPOSE_LINES, TEXT, Transaction, din66003};
use crate::{Error, Result};
use chrono::Datelike;

/// The physical size of a C record with `n` extension parts: 2 blocks up to 2 parts, then one more block
/// for every 4.
pub fn c_blocks(n: usize) -> usize {
    if n <= 2 { 2 } else { 2 + (n - 2).div_ceil(4) }
}

/// The file's bytes, or an error naming the field (`a6 name`, `c 3 name`, …) that does not fit.
pub fn write(file: &File) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256 + 256 * file.transactions.len());
    a_record(file, &mut out)?;
    for (i, t) in file.transactions.iter().enumerate() {
        c_record(file, i + 1, t, &mut out)?;
    }
    e_record(file, &mut out)?;
    debug_assert_eq!(out.len() % 128, 0);
    Ok(out)
}

/// Appends a number right-aligned and zero-filled.
fn num(out: &mut Vec<u8>, field: &str, value: u128, len: usize) -> Result<()> {
    let s = format!("{value:0len$}");
    if s.len() > len {
        return Err(Error::invalid(field, format!("{value} has more than {len} digits")));
    }
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// Appends a text in DIN 66003, left-aligned and blank-filled.
fn text(out: &mut Vec<u8>, field: &str, value: &str, len: usize) -> Result<()> {
    let bytes = din66003::encode(field, value)?;
    if bytes.len() > len {
        return Err(Error::invalid(field, format!("{value:?} is longer than {len} characters")));
    }
    out.extend_from_slice(&bytes);
    out.resize(out.len() + len - bytes.len(), b' ');
    Ok(())
}

fn blanks(out: &mut Vec<u8>, len: usize) {
    out.resize(out.len() + len, b' ');
}

fn a_record(file: &File, out: &mut Vec<u8>) -> Result<()> {
    let start = out.len();
    out.extend_from_slice(b"0128A");
    out.extend_from_slice(file.kind.code().as_bytes());
    num(out, "a4 bank", file.bank.into(), 8)?;
    num(out, "a5 sender bank", file.sender_bank.into(), 8)?;
    if file.name.trim().is_empty() {
        return Err(Error::invalid("a6 name", "the sender's name is empty"));
    }
    text(out, "a6 name", &file.name, TEXT)?;
    out.extend_from_slice(file.created.format("%d%m%y").to_string().as_bytes());
    blanks(out, 4);
    num(out, "a9 account", file.account.into(), 10)?;
    num(out, "a10 reference", file.reference.into(), 10)?;
    blanks(out, 15);
    match file.execution {
        Some(d) => {
            if d < file.created || d > file.created + chrono::Days::new(MAX_DAYS_AHEAD) {
                return Err(Error::invalid("a11b execution date", format!("{d} is not within 15 days from the creation date {}", file.created)));
            }
            out.extend_from_slice(d.format("%d%m%Y").to_string().as_bytes());
        }
        None => blanks(out, 8),
    }
    blanks(out, 24);
    if file.currency == Currency::Dem && file.created.year() >= 2002 {
        return Err(Error::invalid("a12 currency", "Deutsche Mark files end with 2001"));
    }
    out.push(file.currency.byte());
    debug_assert_eq!(out.len() - start, 128);
    Ok(())
}

fn c_record(file: &File, k: usize, t: &Transaction, out: &mut Vec<u8>) -> Result<()> {
    let field = |name: &str| format!("c {k} {name}");
    if !file.kind.allows(t.key.key) {
        return Err(Error::invalid(field("c7 key"), format!("Textschlüssel {} does not belong in a {} file", t.key, file.kind.code())));
    }
    if t.amount == 0 {
        return Err(Error::invalid(field("c12 amount"), "the amount is zero"));
    }
    if t.currency != file.currency {
        return Err(Error::invalid(field("c17a currency"), "the currency differs from the file's (A12)"));
    }
    for (what, lines, max) in [("c14a name", &t.name, 2), ("c15 sender name", &t.sender_name, 2), ("c16 purpose", &t.purpose, MAX_PURPOSE_LINES)] {
        if lines.is_empty() || lines.len() > max {
            return Err(Error::invalid(field(what), format!("{} lines; 1 to {max} lines of {TEXT} characters fit", lines.len())));
        }
    }
    if t.name[0].trim().is_empty() {
        return Err(Error::invalid(field("c14a name"), "the name is empty"));
    }
    let n = t.extensions();
    if n > MAX_EXTENSIONS {
        return Err(Error::invalid(field("c18 extensions"), format!("{n} extension parts; at most {MAX_EXTENSIONS} fit")));
    }
    let start = out.len();
    num(out, &field("c1 length"), (187 + 29 * n) as u128, 4)?;
    out.push(b'C');
    num(out, &field("c3 first bank"), t.first_bank.into(), 8)?;
    num(out, &field("c4 bank"), t.bank.into(), 8)?;
    num(out, &field("c5 account"), t.account.into(), 10)?;
    out.push(b'0');
    num(out, &field("c6 customer"), t.customer.into(), 11)?;
    out.push(b'0');
    num(out, &field("c7a key"), t.key.key.into(), 2)?;
    num(out, &field("c7b key extension"), t.key.extension.into(), 3)?;
    blanks(out, 1);
    num(out, &field("c9 amount DM"), 0, 11)?;
    num(out, &field("c10 sender bank"), t.sender_bank.into(), 8)?;
    num(out, &field("c11 sender account"), t.sender_account.into(), 10)?;
    num(out, &field("c12 amount"), t.amount.into(), 11)?;
    blanks(out, 3);
    text(out, &field("c14a name"), &t.name[0], TEXT)?;
    blanks(out, 8);
    text(out, &field("c15 sender name"), &t.sender_name[0], TEXT)?;
    text(out, &field("c16 purpose"), &t.purpose[0], TEXT)?;
    out.push(t.currency.byte());
    blanks(out, 2);
    num(out, &field("c18 extensions"), n as u128, 2)?;
    // The extension parts: the name's continuation (01) first, the purpose lines (02), the sender's (03) last.
    let parts: Vec<(&str, &String)> =
        t.name[1..].iter().map(|l| ("01", l)).chain(t.purpose[1..].iter().map(|l| ("02", l))).chain(t.sender_name[1..].iter().map(|l| ("03", l))).collect();
    for (i, (kind, line)) in parts.iter().enumerate() {
        // Block 2 holds parts 1 and 2, then 11 blanks; each further block 4 parts, then 12 blanks.
        if i == 2 {
            blanks(out, 11);
        } else if i > 2 && (i - 2) % 4 == 0 {
            blanks(out, 12);
        }
        out.extend_from_slice(kind.as_bytes());
        text(out, &field(&format!("extension {}", i + 1)), line, TEXT)?;
    }
    let size = 128 * c_blocks(n);
    out.resize(start + size, b' ');
    Ok(())
}

fn e_record(file: &File, out: &mut Vec<u8>) -> Result<()> {
    let s = file.sums();
    out.extend_from_slice(b"0128E");
    blanks(out, 5);
    num(out, "e4 count", s.count.into(), 7)?;
    num(out, "e5 sum DM", 0, 13)?;
    num(out, "e6 sum of accounts", s.accounts, 17)?;
    num(out, "e7 sum of banks", s.banks, 17)?;
    num(out, "e8 sum of amounts", s.amounts, 13)?;
    blanks(out, 51);
    Ok(())
}
