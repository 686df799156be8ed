//! The DTAUS alphabet, DIN 66003 (ISO 646 German): `0-9 A-Z`, blank, `. , & - / + * $ %`, and
//! Ä = 0x5B, Ö = 0x5C, Ü = 0x5D, ß = 0x7E. Lower case is not part of it: text is upper-cased on the way in.
use crate::{Error, Result};

/// Whether `byte` is a character of the DTAUS alphabet.
pub fn allowed(byte: u8) -> bool {
    matches!(byte, b'0'..=b'9' | b'A'..=b'Z' | b' ' | b'.' | b',' | b'&' | b'-' | b'/' | b'+' | b'*' | b'$' | b'%' | 0x5B | 0x5C | 0x5D | 0x7E)
}

/// The DIN 66003 byte of one (already upper-cased) character, if the alphabet has it.
fn byte(c: char) -> Option<u8> {
    match c {
        'Ä' => Some(0x5B),
        'Ö' => Some(0x5C),
        'Ü' => Some(0x5D),
        'ß' | 'ẞ' => Some(0x7E),
        '[' | '\\' | ']' | '~' => None,
        c if c.is_ascii() && allowed(c as u8) => Some(c as u8),
        _ => None,
    }
}

/// `text` upper-cased (ß kept as ß, not "SS") in DIN 66003 bytes, or an error naming `field`, the first
/// character the alphabet has not and its position (1-based, in characters).
pub fn encode(field: &str, text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let upper = upper(c);
        match byte(upper) {
            Some(b) => out.push(b),
            None => {
                return Err(Error::invalid(
                    field,
                    format!(
                        "character {:?} (U+{:04X}) at position {} is not in the DTAUS character set (DIN 66003: A-Z 0-9 blank . , & - / + * $ % Ä Ö Ü ß); pass the text through din66003::fold to transliterate it",
                        c,
                        c as u32,
                        i + 1
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// The text of DIN 66003 bytes, umlauts as Ä Ö Ü ß; `None` when a byte is outside the alphabet.
pub fn decode(bytes: &[u8]) -> Option<String> {
    bytes
        .iter()
        .map(|&b| match b {
            0x5B => Some('Ä'),
            0x5C => Some('Ö'),
            0x5D => Some('Ü'),
            0x7E => Some('ß'),
            b if allowed(b) => Some(b as char),
            _ => None,
        })
        .collect()
}

/// One character upper-cased without growing: ß stays ß (Rust's `to_uppercase` gives "SS").
fn upper(c: char) -> char {
    if c == 'ß' {
        return c;
    }
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(one), None) => one,
        _ => c,
    }
}

/// Free text made to fit the alphabet: upper-cased, umlauts and ß kept, other Latin letters with
/// diacritics transliterated to their base letters (É → E, Ø → O, Æ → AE, Œ → OE, Ł → L), any other
/// character a blank. [`encode`] takes what this returns.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let u = upper(c);
        if byte(u).is_some() {
            out.push(if u == 'ẞ' { 'ß' } else { u });
            continue;
        }
        let base = crate::render::latin::base(u).map_or(" ".to_owned(), str::to_uppercase);
        out.push_str(&base);
    }
    out
}
