//! Windows-1252 ("ANSI"), the encoding DATEV and Lexware read by default: the encoder (exact, never a `?`)
//! and the transliteration of names into it. `encoding_rs` is not in the dependency tree, and the text
//! these files carry is small and known: fixed German words and column names, invoice and account numbers,
//! VAT ids, and members' names. A name keeps every character Windows-1252 has (ä ö ü ß é ñ Š Œ …); other
//! Latin letters lose their accent (Dvořák → Dvorák, Łukasz → Lukasz, Ștefan → Stefan); anything else
//! (Cyrillic, Greek, CJK, emoji) has no faithful form here, and the caller leaves the name out.

/// Bytes 0x80–0x9F of Windows-1252 (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned). 0xA0–0xFF are
/// U+00A0–U+00FF, 0x20–0x7E are ASCII.
const HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// The Windows-1252 byte of a character, if it has one. Control characters have none: nothing in these
/// files may break a line or a field.
pub fn byte(c: char) -> Option<u8> {
    match c as u32 {
        0x20..=0x7E | 0xA0..=0xFF => Some(c as u32 as u8),
        _ => HIGH.iter().find(|(_, h)| *h == c).map(|(b, _)| *b),
    }
}

/// A whole file in Windows-1252 (CR and LF end its lines), or the first character it cannot hold.
pub fn encode(text: &str) -> Result<Vec<u8>, char> {
    text.chars().map(|c| if c == '\r' || c == '\n' { Ok(c as u8) } else { byte(c).ok_or(c) }).collect()
}

/// A Windows-1252 stand-in for a character it lacks: the Latin letter without its accent, a plain hyphen
/// for the other dashes.
fn stand_in(c: char) -> Option<&'static str> {
    match c {
        '\u{2010}'..='\u{2012}' | '\u{2015}' | '\u{2212}' => Some("-"),
        _ => crate::render::latin::base(c),
    }
}

/// A name as Windows-1252 can carry it: unchanged where it can, Latin letters without their accents
/// where it cannot, or the first character that has no stand-in at all.
pub fn transliterate(name: &str) -> Result<String, char> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match (byte(c), stand_in(c)) {
            (Some(_), _) => out.push(c),
            (None, Some(s)) => out.push_str(s),
            (None, None) => return Err(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_of_windows_1252() {
        assert_eq!(encode("Jürgen Müller-Lüdenscheidt, Straße").unwrap(), b"J\xfcrgen M\xfcller-L\xfcdenscheidt, Stra\xdfe");
        assert_eq!(encode("ÄÖÜäöüß").unwrap(), [0xC4, 0xD6, 0xDC, 0xE4, 0xF6, 0xFC, 0xDF]);
        assert_eq!(encode("€ „Šœ“ – Ÿ").unwrap(), [0x80, 0x20, 0x84, 0x8A, 0x9C, 0x93, 0x20, 0x96, 0x20, 0x9F]);
        assert_eq!(encode("Zoë Ñúñez"), Ok(b"Zo\xeb \xd1\xfa\xf1ez".to_vec()));
        assert_eq!(encode("a\r\nb").unwrap(), b"a\r\nb");
        assert_eq!(byte('\n'), None, "no line break inside a text");
        for bad in ["tab\t", "Dvořák", "Иван", "😀", "\u{81}"] {
            assert!(encode(bad).is_err(), "{bad:?}");
        }
        assert_eq!(encode("Łukasz"), Err('Ł'));
    }

    #[test]
    fn every_high_byte_round_trips() {
        for (b, c) in HIGH {
            assert_eq!(byte(c), Some(b));
        }
    }

    #[test]
    fn names_are_transliterated_only_where_needed() {
        assert_eq!(transliterate("Jürgen Müller").unwrap(), "Jürgen Müller", "umlauts stay");
        assert_eq!(transliterate("Antonín Dvořák").unwrap(), "Antonín Dvorák");
        assert_eq!(transliterate("Łukasz Żółć").unwrap(), "Lukasz Zólc");
        assert_eq!(transliterate("Ștefan Țiriac").unwrap(), "Stefan Tiriac");
        assert_eq!(transliterate("Mehmet Gündoğdu").unwrap(), "Mehmet Gündogdu");
        assert_eq!(transliterate("Ĳsbrand Œuvre Šimon").unwrap(), "IJsbrand Œuvre Šimon");
        assert_eq!(transliterate("Erzsébet Erdős").unwrap(), "Erzsébet Erdos");
        assert_eq!(transliterate("Иван Петров"), Err('И'));
        assert_eq!(transliterate("Zhang 张"), Err('张'));
        for name in ["Antonín Dvořák", "Łukasz Żółć", "Ștefan Țiriac", "Ĳsbrand"] {
            assert!(encode(&transliterate(name).unwrap()).is_ok(), "{name}");
        }
    }
}
