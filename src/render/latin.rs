//! Latin letters with diacritics and the base letters they stand on (É → E, Ł → L, Æ → AE), for the
//! character sets the documents are written in that lack them: SEPA's, DIN 66003 (DTAUS) and
//! Windows-1252 (DATEV, Lexware). Each of those decides what it keeps; this says what a letter becomes.

/// The base letters of U+00C0–U+00FF, one entry per character; `*` for × and ÷, which are no letters.
const LATIN_1: [&str; 64] = [
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I", // À … Ï
    "D", "N", "O", "O", "O", "O", "O", "*", "O", "U", "U", "U", "U", "Y", "TH", "ss", // Ð … ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // à … ï
    "d", "n", "o", "o", "o", "o", "o", "*", "o", "u", "u", "u", "u", "y", "th", "y", // ð … ÿ
];

/// The base letter of each character of Latin Extended-A (U+0100–U+017F), row by row; `*` for Ĳ ĳ Œ œ,
/// which are two letters (see [`base`]).
const LATIN_EXTENDED_A: &str = concat!(
    "AaAaAaCcCcCcCcDd", // Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "DdEeEeEeEeEeGgGg", // Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "GgGgHhHhIiIiIiIi", // Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "Ii**JjKkkLlLlLlL", // İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "lLlNnNnNnnNnOoOo", // ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "Oo**RrRrRrSsSsSs", // Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "SsTtTtTtUuUuUuUu", // Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "UuUuWwYyYZzZzZzs", // Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
);

/// What a Latin letter with a diacritic (or a ligature) is without it; `None` for every other character,
/// plain ASCII letters included. Umlauts give their vowel (Ä → A): a caller that spells them out (ae)
/// does so before asking.
pub fn base(c: char) -> Option<&'static str> {
    let n = c as u32;
    match n {
        0xC0..=0xFF => Some(LATIN_1[(n - 0xC0) as usize]).filter(|b| *b != "*"),
        0x100..=0x17F => Some(match n {
            0x132 => "IJ",
            0x133 => "ij",
            0x152 => "OE",
            0x153 => "oe",
            _ => &LATIN_EXTENDED_A[(n - 0x100) as usize..=(n - 0x100) as usize],
        }),
        _ => Some(match c {
            'Ș' => "S",
            'ș' => "s",
            'Ț' => "T",
            'ț' => "t",
            'ẞ' => "SS",
            _ => return None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_lose_their_diacritics() {
        let folded: String = "Dvořák Łukasz Ștefan Ærø Œuvre Ĳssel Ğ".chars().map(|c| base(c).map_or(c.to_string(), str::to_owned)).collect();
        assert_eq!(folded, "Dvorak Lukasz Stefan AEro OEuvre IJssel G");
        for c in ['a', 'Z', '1', ' ', '×', '÷', 'Ж', '€'] {
            assert_eq!(base(c), None, "{c}");
        }
        assert_eq!(LATIN_EXTENDED_A.len(), 128);
    }
}
