//! DTAUS bytes → logical files, checked: the file length (a multiple of 128), the order A C… E, each
//! record's length and type, every numeric field (digits only), every text field (DIN 66003, upper case),
//! the dates (A7; A11b not before A7 and at most 15 days after it), the currency markers (A12 = C17a; DM only
//! before 2002), the Textschlüssel against the file's kind (A3), the extension parts (C1 = 187 + 29·C18,
//! at most 15: one of type 01, 13 of type 02, one of type 03), and E4, E6, E7, E8 against the C records.
//! The first problem is the error: it names the record (A, C number k, E), the field with its positions in
//! the record, and the byte in the file.
//!
//! Tolerated, with a warning: reserve fields padded with NUL bytes instead of blanks (jDTAUS writes them
//! in E9); unused extension slots holding type `00`. A10 may be blank (no reference).
use super::write::c_blocks;
use super::{Currency, File, Key, Kind, MAX_EXTENSIONS, Sums, TEXT, Transaction, din66003};
use crate::Error;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// What a DTAUS file holds: its logical files, and what was tolerated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dtaus {
    pub size: usize,
    pub files: Vec<LogicalFile>,
    pub warnings: Vec<String>,
}

/// One logical file (A C… E) and the control sums its E record carries (equal to the C records').
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogicalFile {
    /// Where its A record starts (0-based).
    pub offset: usize,
    #[serde(flatten)]
    pub file: File,
    pub sums: Sums,
}

/// Why a file is broken: the record, the field and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// `A record`, `C record 3`, `E record`, or `file`.
    pub record: String,
    /// The byte in the file where the problem is (0-based): the field's first byte, or, for a character
    /// outside the alphabet, that character's.
    pub offset: usize,
    /// The field, with its positions in the record (`C12 amount (positions 80-90)`), or empty.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{} at byte {}: {}", self.record, self.offset + 1, self.message)
        } else {
            write!(f, "{}, field {}, at byte {}: {}", self.record, self.field, self.offset + 1, self.message)
        }
    }
}

impl From<ReadError> for Error {
    fn from(e: ReadError) -> Error {
        Error::invalid("file", e.to_string())
    }
}

type R<T> = std::result::Result<T, ReadError>;

/// Parses and checks a whole DTAUS file.
pub fn read(bytes: &[u8]) -> R<Dtaus> {
    let fail = |offset: usize, message: String| ReadError { record: "file".into(), offset, field: String::new(), message };
    if bytes.is_empty() {
        return Err(fail(0, "the file is empty".into()));
    }
    if !bytes.len().is_multiple_of(128) {
        return Err(fail(
            bytes.len() - bytes.len() % 128,
            format!("the file has {} bytes, not a multiple of 128 (the last block is cut short; a tape file in EBCDIC is not the disk format)", bytes.len()),
        ));
    }
    let mut out = Dtaus { size: bytes.len(), files: Vec::new(), warnings: Vec::new() };
    let mut pos = 0;
    while pos < bytes.len() {
        let number = out.files.len() + 1;
        let suffix = if number > 1 { format!(" of logical file {number}") } else { String::new() };
        let at = |pos: usize| ReadError { record: "record".into(), offset: pos, field: String::new(), message: String::new() };
        let kind_of = |pos: usize| bytes.get(pos + 4).copied().unwrap_or(0);
        if kind_of(pos) != b'A' {
            let found = if bytes[pos..pos + 128].iter().all(|&b| b == 0) { "a block of NUL bytes (an empty file)".into() } else { describe(kind_of(pos)) };
            return Err(ReadError { message: format!("an A record (Datei-Vorsatz) was expected{suffix}, found {found}"), ..at(pos) });
        }
        let start = pos;
        let mut rec = Rec { bytes: &bytes[pos..pos + 128], start: pos, name: format!("A record{suffix}"), warnings: &mut out.warnings };
        let mut file = rec.a()?;
        pos += 128;
        let sums = loop {
            if pos >= bytes.len() {
                return Err(ReadError {
                    message: format!("the file ends after {} C record(s) without an E record (Datei-Nachsatz){suffix}", file.transactions.len()),
                    ..at(pos)
                });
            }
            match kind_of(pos) {
                b'C' => {
                    let k = file.transactions.len() + 1;
                    let name = format!("C record {k}{suffix}");
                    let size = c_size(bytes, pos, &name)?;
                    let mut rec = Rec { bytes: &bytes[pos..pos + size], start: pos, name, warnings: &mut out.warnings };
                    let t = rec.c(&file)?;
                    file.transactions.push(t);
                    pos += size;
                }
                b'E' => {
                    let mut rec = Rec { bytes: &bytes[pos..pos + 128], start: pos, name: format!("E record{suffix}"), warnings: &mut out.warnings };
                    let sums = rec.e(&file)?;
                    pos += 128;
                    break sums;
                }
                other => {
                    return Err(ReadError {
                        message: format!("a C record or the E record (Datei-Nachsatz){suffix} was expected, found {}", describe(other)),
                        ..at(pos)
                    });
                }
            }
        };
        out.files.push(LogicalFile { offset: start, file, sums });
    }
    Ok(out)
}

fn describe(b: u8) -> String {
    match b {
        b'A' | b'E' => format!("an {} record", b as char),
        b'C' => "a C record".into(),
        b if b.is_ascii_graphic() => format!("record type {:?}", b as char),
        b => format!("byte 0x{b:02X} as the record type (position 5)"),
    }
}

/// The physical size of the C record at `pos`, from its C1 length field.
fn c_size(bytes: &[u8], pos: usize, name: &str) -> R<usize> {
    let err = |message: String| ReadError { record: name.to_owned(), offset: pos, field: "C1 record length (positions 1-4)".into(), message };
    let field = &bytes[pos..pos + 4];
    let len: usize = std::str::from_utf8(field)
        .ok()
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| err(format!("{} is not a number", shown(field))))?;
    if len < 187 || !(len - 187).is_multiple_of(29) || (len - 187) / 29 > MAX_EXTENSIONS {
        return Err(err(format!("{len} is not 187 + 29·n for 0 to {MAX_EXTENSIONS} extension parts")));
    }
    let size = 128 * c_blocks((len - 187) / 29);
    if pos + size > bytes.len() {
        return Err(err(format!("the record needs {size} bytes, the file has {} left", bytes.len() - pos)));
    }
    Ok(size)
}

/// Bytes as text for a message (`"00#1"`), NUL and other control bytes escaped.
fn shown(bytes: &[u8]) -> String {
    let s: String = bytes.iter().map(|&b| if b.is_ascii_graphic() || b == b' ' { (b as char).to_string() } else { format!("\\x{b:02X}") }).collect();
    format!("{s:?}").replace("\\\\x", "\\x")
}

/// One record being read.
struct Rec<'a> {
    bytes: &'a [u8],
    start: usize,
    name: String,
    warnings: &'a mut Vec<String>,
}

impl Rec<'_> {
    fn err(&self, pos: usize, len: usize, field: &str, message: String) -> ReadError {
        let at = if len == 1 { format!("position {pos}") } else { format!("positions {pos}-{}", pos + len - 1) };
        ReadError { record: self.name.clone(), offset: self.start + pos - 1, field: format!("{field} ({at})"), message }
    }

    fn raw(&self, pos: usize, len: usize) -> &[u8] {
        &self.bytes[pos - 1..pos - 1 + len]
    }

    /// A numeric field (1-based position): digits only.
    fn num(&self, pos: usize, len: usize, field: &str) -> R<u128> {
        let raw = self.raw(pos, len);
        if !raw.iter().all(u8::is_ascii_digit) {
            return Err(self.err(pos, len, field, format!("{} is not a number (numeric fields are zero-filled digits)", shown(raw))));
        }
        Ok(std::str::from_utf8(raw).expect("digits").parse().expect("digits fit"))
    }

    /// An alphanumeric field: DIN 66003, upper case; trailing blanks dropped.
    fn text(&self, pos: usize, len: usize, field: &str) -> R<String> {
        let raw = self.raw(pos, len);
        match din66003::decode(raw) {
            Some(s) => Ok(s.trim_end().to_owned()),
            None => {
                let (i, b) = raw.iter().enumerate().find(|(_, b)| !din66003::allowed(**b)).expect("a byte outside the alphabet");
                let why = if b.is_ascii_lowercase() { "lower case is not allowed" } else { "not in the DTAUS character set (DIN 66003)" };
                Err(ReadError { offset: self.start + pos - 1 + i, ..self.err(pos, len, field, format!("{} at position {}: {why}", shown(&[*b]), pos + i)) })
            }
        }
    }

    /// A reserve field: blanks; NUL bytes are tolerated with a warning.
    fn reserve(&mut self, pos: usize, len: usize, field: &str) -> R<()> {
        let raw = self.raw(pos, len);
        if raw.iter().all(|&b| b == b' ') {
            return Ok(());
        }
        if raw.iter().all(|&b| b == b' ' || b == 0) {
            self.warnings.push(format!("{}: reserve field {field} (positions {pos}-{}) is padded with NUL bytes instead of blanks", self.name, pos + len - 1));
            return Ok(());
        }
        Err(self.err(pos, len, field, format!("{} is not blank (reserve fields hold blanks)", shown(raw))))
    }

    fn byte(&self, pos: usize) -> u8 {
        self.bytes[pos - 1]
    }

    fn expect(&self, pos: usize, want: &[u8], field: &str) -> R<()> {
        let raw = self.raw(pos, want.len());
        if raw != want {
            return Err(self.err(pos, want.len(), field, format!("{} was expected, found {}", shown(want), shown(raw))));
        }
        Ok(())
    }

    fn a(&mut self) -> R<File> {
        self.expect(1, b"0128", "A1 record length")?;
        self.expect(5, b"A", "A2 record type")?;
        let kind = match self.raw(6, 2) {
            b"LK" => Kind::Lk,
            b"GK" => Kind::Gk,
            b"LB" | b"GB" => return Err(self.err(6, 2, "A3 file kind", "bank-generated files (LB, GB) are not supported; LK or GK was expected".into())),
            raw => return Err(self.err(6, 2, "A3 file kind", format!("{} is not LK (debits) or GK (credit transfers)", shown(raw)))),
        };
        let bank = self.num(8, 8, "A4 bank code")? as u32;
        let sender_bank = self.num(16, 8, "A5 sender's bank code")? as u32;
        let name = self.text(24, 27, "A6 sender's name")?;
        let created = self.date6(51, "A7 creation date")?;
        self.text(57, 4, "A8 bank-internal field")?;
        let account = self.num(61, 10, "A9 account")? as u64;
        let reference = if self.raw(71, 10).iter().all(|&b| b == b' ') { 0 } else { self.num(71, 10, "A10 reference")? as u64 };
        self.reserve(81, 15, "A11a reserve")?;
        let execution = if self.raw(96, 8).iter().all(|&b| b == b' ') {
            None
        } else {
            let d = self.date8(96, "A11b execution date")?;
            if d < created || d > created + chrono::Days::new(super::MAX_DAYS_AHEAD) {
                return Err(self.err(96, 8, "A11b execution date", format!("{d} is not within 15 days from the creation date {created} (A7)")));
            }
            Some(d)
        };
        self.reserve(104, 24, "A11c reserve")?;
        let currency = self.currency(128, "A12 currency marker", created)?;
        Ok(File { kind, bank, sender_bank, name, created, account, reference, execution, currency, transactions: Vec::new() })
    }

    fn currency(&self, pos: usize, field: &str, created: NaiveDate) -> R<Currency> {
        match self.byte(pos) {
            b'1' => Ok(Currency::Eur),
            b' ' if created.year() < 2002 => Ok(Currency::Dem),
            b' ' => Err(self.err(
                pos,
                1,
                field,
                format!("blank (Deutsche Mark), but the file was created on {created}, after DM ended (2001); 1 (euro) was expected"),
            )),
            b => Err(self.err(pos, 1, field, format!("{} is not 1 (euro) or blank (DM)", shown(&[b])))),
        }
    }

    fn date6(&self, pos: usize, field: &str) -> R<NaiveDate> {
        let v = self.num(pos, 6, field)? as u32;
        let (d, m, y) = (v / 10000, v / 100 % 100, v % 100);
        let year = if y >= 70 { 1900 + y } else { 2000 + y };
        NaiveDate::from_ymd_opt(year as i32, m, d).ok_or_else(|| self.err(pos, 6, field, format!("{v:06} is not a date (TTMMJJ)")))
    }

    fn date8(&self, pos: usize, field: &str) -> R<NaiveDate> {
        let v = self.num(pos, 8, field)? as u32;
        let (d, m, y) = (v / 1_000_000, v / 10000 % 100, v % 10000);
        NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| self.err(pos, 8, field, format!("{v:08} is not a date (TTMMJJJJ)")))
    }

    fn c(&mut self, file: &File) -> R<Transaction> {
        let len = self.num(1, 4, "C1 record length")? as usize;
        let n = (len - 187) / 29;
        self.expect(5, b"C", "C2 record type")?;
        let first_bank = self.num(6, 8, "C3 first bank's code")? as u32;
        let bank = self.num(14, 8, "C4 bank code")? as u32;
        let account = self.num(22, 10, "C5 account")? as u64;
        let customer = (self.num(32, 13, "C6 internal customer number")? / 10 % 100_000_000_000) as u64;
        let key = Key { key: self.num(45, 2, "C7a Textschlüssel")? as u8, extension: self.num(47, 3, "C7b Textschlüsselergänzung")? as u16 };
        if !file.kind.allows(key.key) {
            let allowed = match file.kind {
                Kind::Lk => "debit keys 04 and 05",
                Kind::Gk => "credit keys 51, 53, 54, 56, 67, 68, 69",
            };
            return Err(self.err(45, 5, "C7 Textschlüssel", format!("{key} does not belong in a {} file (A3), which takes {allowed}", file.kind.code())));
        }
        self.text(50, 1, "C8 bank-internal field")?;
        self.num(51, 11, "C9 amount in DM")?;
        let sender_bank = self.num(62, 8, "C10 sender's bank code")? as u32;
        let sender_account = self.num(70, 10, "C11 sender's account")? as u64;
        let amount = self.num(80, 11, "C12 amount in cents")? as u64;
        if amount == 0 && file.currency == Currency::Eur {
            return Err(self.err(80, 11, "C12 amount in cents", "the amount is zero".into()));
        }
        self.reserve(91, 3, "C13 reserve")?;
        let name = self.text(94, 27, "C14a name")?;
        self.reserve(121, 8, "C14b reserve")?;
        let sender_name = self.text(129, 27, "C15 sender's name")?;
        let purpose = self.text(156, 27, "C16 purpose")?;
        let currency = self.currency(183, "C17a currency marker", file.created)?;
        if currency != file.currency {
            return Err(self.err(183, 1, "C17a currency marker", "differs from the file's currency marker (A12)".into()));
        }
        self.reserve(184, 2, "C17b reserve")?;
        let count = self.num(186, 2, "C18 number of extension parts")? as usize;
        if count != n {
            return Err(self.err(186, 2, "C18 number of extension parts", format!("{count}, but the record length (C1) {len} is for {n}")));
        }
        let mut t = Transaction {
            first_bank,
            bank,
            account,
            customer,
            key,
            sender_bank,
            sender_account,
            amount,
            name: vec![name],
            sender_name: vec![sender_name],
            purpose: vec![purpose],
            currency,
        };
        let slots = 2 + 4 * (c_blocks(n) - 2);
        for i in 0..slots {
            let pos = if i < 2 { 188 + 29 * i } else { 128 * (2 + (i - 2) / 4) + 29 * ((i - 2) % 4) + 1 };
            let field = format!("extension part {}", i + 1);
            if i >= n {
                let kind = self.raw(pos, 2);
                if kind == b"00" {
                    self.reserve(pos + 2, 27, &format!("{field} (unused)"))?;
                } else {
                    self.reserve(pos, 29, &format!("{field} (unused)"))?;
                }
                continue;
            }
            let kind = self.num(pos, 2, &format!("{field} type"))?;
            let text = self.text(pos + 2, TEXT, &format!("{field} text"))?;
            let (lines, max, what) = match kind {
                1 => (&mut t.name, 2, "type 01 (name continued) may appear once"),
                2 => (&mut t.purpose, 14, "type 02 (purpose) may appear at most 13 times"),
                3 => (&mut t.sender_name, 2, "type 03 (sender's name continued) may appear once"),
                _ => return Err(self.err(pos, 2, &format!("{field} type"), format!("{kind:02} is not 01 (name), 02 (purpose) or 03 (sender's name)"))),
            };
            if lines.len() == max {
                return Err(self.err(pos, 2, &format!("{field} type"), what.into()));
            }
            lines.push(text);
        }
        self.reserve(246, 11, "C23 reserve")?;
        for block in 3..=c_blocks(n) {
            self.reserve(128 * (block - 1) + 117, 12, &format!("reserve of block {block}"))?;
        }
        Ok(t)
    }

    fn e(&mut self, file: &File) -> R<Sums> {
        self.expect(1, b"0128", "E1 record length")?;
        self.expect(5, b"E", "E2 record type")?;
        self.reserve(6, 5, "E3 reserve")?;
        let read = Sums {
            count: self.num(11, 7, "E4 number of C records")? as u64,
            accounts: self.num(31, 17, "E6 sum of account numbers")?,
            banks: self.num(48, 17, "E7 sum of bank codes")?,
            amounts: self.num(65, 13, "E8 sum of amounts")?,
        };
        self.num(18, 13, "E5 sum of DM amounts")?;
        self.reserve(78, 51, "E9 reserve")?;
        let want = file.sums();
        let checks: [(usize, usize, &str, u128, u128); 4] = [
            (11, 7, "E4 number of C records", read.count.into(), want.count.into()),
            (31, 17, "E6 sum of account numbers", read.accounts, want.accounts),
            (48, 17, "E7 sum of bank codes", read.banks, want.banks),
            (65, 13, "E8 sum of amounts", read.amounts, want.amounts),
        ];
        for (pos, len, field, got, expected) in checks {
            if got != expected {
                return Err(self.err(pos, len, field, format!("{got}, but the C records give {expected}")));
            }
        }
        Ok(read)
    }
}
