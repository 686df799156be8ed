//! DTAUS (DTAUS0, the disk format of the DFÜ-Abkommen, Anlage 3): the legacy German direct-debit and
//! transfer file. Pure: [`write`] turns a [`File`] into bytes, [`read`] parses any DTAUS bytes back into
//! files, checking structure, lengths, record types, numeric fields, the character set, the Textschlüssel
//! against the file's kind and the control sums of E against the C records.
//!
//! Character set (DIN 66003, ISO 646 German): `0-9 A-Z`, blank, `. , & - / + * $ %` and the umlauts
//! Ä Ö Ü ß as the bytes 0x5B 0x5C 0x5D 0x7E. Texts are held here as Unicode; [`din66003::encode`] upper-cases
//! them (ß first, so that it stays one letter and is not turned into "SS") and **refuses** any character the
//! alphabet cannot hold, naming the field, the character and its position. Nothing is silently
//! dropped or changed in the writer; a caller that wants free text to fit (an invoice's purpose, a name
//! with an accent) passes it through [`din66003::fold`] first, which transliterates letters with other
//! diacritics to their base letter (é → E, ø → O, æ → AE) and turns any other character into a blank.
pub mod din66003;
pub mod read;
pub mod write;

pub use read::{Dtaus, LogicalFile, read};
pub use write::write;

use chrono::NaiveDate;
use serde::Serialize;

/// The length of a text field (names, purpose lines, extension texts).
pub const TEXT: usize = 27;
/// At most this many extension parts per C record.
pub const MAX_EXTENSIONS: usize = 15;
/// At most this many purpose lines: C16 and 13 extension parts of type 02.
pub const MAX_PURPOSE_LINES: usize = 14;
/// A11b: the execution date is at most this many days after the creation date.
pub const MAX_DAYS_AHEAD: u64 = 15;

/// A3: what a logical file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Kind {
    /// Lastschriften (debits) of a customer.
    #[serde(rename = "LK")]
    Lk,
    /// Gutschriften (credit transfers) of a customer.
    #[serde(rename = "GK")]
    Gk,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Lk => "LK",
            Kind::Gk => "GK",
        }
    }

    /// Whether a Textschlüssel (C7a) belongs in a file of this kind: debit keys 04/05 in LK, credit keys
    /// 51/53/54/56/67/68/69 in GK.
    pub fn allows(self, key: u8) -> bool {
        match self {
            Kind::Lk => matches!(key, 4 | 5),
            Kind::Gk => matches!(key, 51 | 53 | 54 | 56 | 67 | 68 | 69),
        }
    }
}

/// A12 and C17a: `1` is euro; a blank meant Deutsche Mark, before 2002.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Currency {
    #[serde(rename = "EUR")]
    Eur,
    #[serde(rename = "DEM")]
    Dem,
}

impl Currency {
    pub fn byte(self) -> u8 {
        match self {
            Currency::Eur => b'1',
            Currency::Dem => b' ',
        }
    }
}

/// C7a + C7b: the Textschlüssel and its Ergänzung, e.g. 05 000 (Lastschrift, Einzugsermächtigung); in JSON
/// the five digits, `"05000"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub key: u8,
    pub extension: u16,
}

impl Key {
    /// 05000: Lastschrift, Einzugsermächtigungsverfahren, the key of hsadmin's debits.
    pub const DEBIT: Key = Key { key: 5, extension: 0 };
}

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}{:03}", self.key, self.extension)
    }
}

/// One logical file: the A record's fields and its C records (E is computed by the writer, checked by
/// the reader).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct File {
    pub kind: Kind,
    /// A4: the BLZ of the bank that receives the file (the bank of the sender's account).
    pub bank: u32,
    /// A5: only when the sender is a bank, else 0.
    pub sender_bank: u32,
    /// A6: the sender's (Auftraggeber's) name.
    pub name: String,
    /// A7: the creation date (TTMMJJ).
    pub created: NaiveDate,
    /// A9: the sender's account number.
    pub account: u64,
    /// A10: the sender's reference number (0: none).
    pub reference: u64,
    /// A11b: the execution date, at most 15 days after the creation date.
    pub execution: Option<NaiveDate>,
    /// A12.
    pub currency: Currency,
    pub transactions: Vec<Transaction>,
}

/// One C record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transaction {
    /// C3: the first bank involved (0 or the file's BLZ).
    pub first_bank: u32,
    /// C4: the payer's (LK) or payee's (GK) BLZ.
    pub bank: u32,
    /// C5: that party's account number.
    pub account: u64,
    /// C6: the internal customer number (11 digits, 0: none).
    pub customer: u64,
    /// C7a, C7b.
    pub key: Key,
    /// C10: the sender's bank.
    pub sender_bank: u32,
    /// C11: the sender's account number.
    pub sender_account: u64,
    /// C12: the amount in cents, above zero.
    pub amount: u64,
    /// C14a, continued by an extension part of type 01: the payer's or payee's name.
    pub name: Vec<String>,
    /// C15, continued by an extension part of type 03: the sender's name.
    pub sender_name: Vec<String>,
    /// C16, continued by extension parts of type 02: the purpose (Verwendungszweck), at most 14 lines.
    pub purpose: Vec<String>,
    /// C17a.
    pub currency: Currency,
}

impl File {
    /// An LK file (Textschlüssel 05000 in its C records) in euro, without reference.
    pub fn debits(bank: u32, account: u64, name: &str, created: NaiveDate, execution: Option<NaiveDate>) -> File {
        File {
            kind: Kind::Lk,
            bank,
            sender_bank: 0,
            name: name.to_owned(),
            created,
            account,
            reference: 0,
            execution,
            currency: Currency::Eur,
            transactions: Vec::new(),
        }
    }

    /// Adds a debit (05000) from the payer's account; the sender's fields come from the A record. A name
    /// longer than 27 characters is continued in an extension part (type 01), a purpose is cut into lines of
    /// 27 characters (C16, then type 02). The writer refuses what does not fit.
    pub fn add_debit(&mut self, bank: u32, account: u64, name: &str, amount: u64, customer: u64, purpose: &str) -> &mut Self {
        self.push_debit(bank, account, lines(name, 2), amount, customer, lines(purpose, usize::MAX))
    }

    /// Adds a debit (05000) whose name and purpose are already cut into lines (see [`wrap`]).
    pub fn push_debit(&mut self, bank: u32, account: u64, name: Vec<String>, amount: u64, customer: u64, purpose: Vec<String>) -> &mut Self {
        let t = Transaction {
            first_bank: self.bank,
            bank,
            account,
            customer,
            key: Key::DEBIT,
            sender_bank: self.bank,
            sender_account: self.account,
            amount,
            name,
            sender_name: lines(&self.name, 2),
            purpose,
            currency: self.currency,
        };
        self.transactions.push(t);
        self
    }

    /// The control sums the E record carries for these C records.
    pub fn sums(&self) -> Sums {
        Sums::of(&self.transactions)
    }
}

/// E4, E6, E7, E8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sums {
    pub count: u64,
    pub accounts: u128,
    pub banks: u128,
    pub amounts: u128,
}

impl Sums {
    pub fn of(transactions: &[Transaction]) -> Sums {
        transactions.iter().fold(Sums::default(), |s, t| Sums {
            count: s.count + 1,
            accounts: s.accounts + u128::from(t.account),
            banks: s.banks + u128::from(t.bank),
            amounts: s.amounts + u128::from(t.amount),
        })
    }
}

impl Transaction {
    /// The number of extension parts this record needs.
    pub fn extensions(&self) -> usize {
        self.name.len().saturating_sub(1) + self.sender_name.len().saturating_sub(1) + self.purpose.len().saturating_sub(1)
    }
}

/// A text cut into lines of 27 characters (at least one line, at most `max`: the rest stays in the last
/// line, for the writer to refuse).
fn lines(text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut rest = &chars[..];
    while !rest.is_empty() {
        let take = if out.len() + 1 == max { rest.len() } else { rest.len().min(TEXT) };
        out.push(rest[..take].iter().collect::<String>().trim().to_owned());
        rest = &rest[take..];
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Free text in the alphabet: folded to DIN 66003 ([`din66003::fold`]), runs of blanks made one.
fn squeeze(text: &str) -> String {
    din66003::fold(text).split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A name in the alphabet as C14a and its continuation (type 01), cut after 54 characters: readers join
/// the two, so the cut falls where the 27 characters end, not at a blank. No line for a name with nothing
/// the alphabet can hold.
pub fn name_lines(text: &str) -> Vec<String> {
    let name: String = squeeze(text).chars().take(2 * TEXT).collect();
    if name.is_empty() { Vec::new() } else { lines(&name, 2) }
}

/// Free text in the alphabet ([`din66003::fold`], runs of blanks made one), wrapped at blanks into lines of
/// at most 27 characters (a longer word is cut): a purpose. No line for a text with nothing the alphabet
/// can hold.
pub fn wrap(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in squeeze(text).split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        while !word.is_empty() {
            let room = if line.is_empty() { TEXT } else { TEXT.saturating_sub(line.chars().count() + 1) };
            if word.len() <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.extend(word.drain(..));
            } else if line.is_empty() {
                out.push(word.drain(..TEXT).collect());
            } else {
                out.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests;
