//! Unit tests of the DTAUS writer and reader, against bytes computed by hand from the layout (§1 of the
//! billing formats notes: A 128 bytes, C 187 + 29·n in 128-byte blocks, E 128 bytes).
use super::*;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn pad(s: &str, len: usize) -> String {
    assert!(s.len() <= len, "{s:?}");
    format!("{s:<len$}")
}

fn one_debit() -> File {
    let mut f = File::debits(37040044, 532013000, "Hostsharing eG", day(2026, 12, 1), Some(day(2026, 12, 3)));
    f.add_debit(12030000, 202051, "Jörg Weiß", 1234, 10001, "Rechnung 2026-00001");
    f
}

fn a_record() -> String {
    let a = [
        "0128A",
        "LK",
        "37040044",
        "00000000",
        &pad("HOSTSHARING EG", 27),
        "011226",
        "    ",
        "0532013000",
        "0000000000",
        &" ".repeat(15),
        "03122026",
        &" ".repeat(24),
        "1",
    ]
    .concat();
    assert_eq!(a.len(), 128);
    a
}

#[test]
fn one_debit_is_a_c_and_e_byte_for_byte() {
    let bytes = write(&one_debit()).unwrap();
    let c1 = [
        "0187C",
        "37040044",
        "12030000",
        "0000202051",
        "0",
        "00000010001",
        "0",
        "05",
        "000",
        " ",
        "00000000000",
        "37040044",
        "0532013000",
        "00000001234",
        "   ",
        // Ö is 0x5C (`\`), ß is 0x7E (`~`): DIN 66003.
        &pad("J\\RG WEI~", 27),
        &" ".repeat(8),
    ]
    .concat();
    let c2 = [&pad("HOSTSHARING EG", 27), &pad("RECHNUNG 2026-00001", 27), "1", "  ", "00", &" ".repeat(69)].concat();
    let e = ["0128E", "     ", "0000001", "0000000000000", "00000000000202051", "00000000012030000", "0000000001234", &" ".repeat(51)].concat();
    assert_eq!((c1.len(), c2.len(), e.len()), (128, 128, 128));
    let expected = [a_record(), c1, c2, e].concat();
    assert_eq!(String::from_utf8(bytes.clone()).unwrap(), expected);
    assert_eq!(bytes.len(), 512);
}

#[test]
fn extension_parts_go_to_their_slots_and_blocks() {
    let mut f = File::debits(37040044, 532013000, "Hostsharing eG", day(2026, 12, 1), None);
    // A name of 30 characters (one part of type 01) and a purpose of three lines (two of type 02).
    let purpose = format!("{}{}{}", "A".repeat(27), "B".repeat(27), "C".repeat(5));
    f.add_debit(12030000, 202051, "Maximiliane Mustermann-Schulz", 500, 0, &purpose);
    let bytes = write(&f).unwrap();
    let c = &bytes[128..128 + 384];
    assert_eq!(&c[..5], b"0274C", "187 + 3·29");
    assert_eq!(&c[93..120], pad("MAXIMILIANE MUSTERMANN-SCHU", 27).as_bytes());
    assert_eq!(&c[155..182], "A".repeat(27).as_bytes());
    assert_eq!(&c[185..187], b"03");
    assert_eq!(&c[187..216], format!("01{}", pad("LZ", 27)).as_bytes());
    assert_eq!(&c[216..245], format!("02{}", "B".repeat(27)).as_bytes());
    assert_eq!(&c[245..256], " ".repeat(11).as_bytes());
    assert_eq!(&c[256..285], format!("02{}", pad("CCCCC", 27)).as_bytes());
    assert_eq!(&c[285..384], " ".repeat(99).as_bytes());
    assert_eq!(bytes.len(), 128 + 384 + 128);
    assert_eq!(&read(&bytes).unwrap().files[0].file, &f_upper(f));
}

/// The file as the reader gives it back: texts upper case.
fn f_upper(mut f: File) -> File {
    f.name = f.name.to_uppercase();
    for t in &mut f.transactions {
        for l in t.name.iter_mut().chain(&mut t.sender_name).chain(&mut t.purpose) {
            *l = l.replace('ß', "\u{1}").to_uppercase().replace('\u{1}', "ß");
        }
    }
    f
}

#[test]
fn the_physical_size_follows_the_number_of_parts() {
    let sizes: Vec<usize> = (0..=15).map(|n| 128 * write::c_blocks(n)).collect();
    assert_eq!(sizes, [256, 256, 256, 384, 384, 384, 384, 512, 512, 512, 512, 640, 640, 640, 640, 768]);
}

#[test]
fn fifteen_parts_fit_and_a_sixteenth_is_refused() {
    let mut f = File::debits(37040044, 532013000, "Hostsharing eG", day(2026, 12, 1), None);
    let purpose = "X".repeat(27 * 14);
    f.add_debit(12030000, 202051, "Maximiliane Mustermann-Schulz", 500, 0, &purpose);
    f.transactions[0].sender_name = vec!["Hostsharing eG".into(), "Genossenschaft".into()];
    assert_eq!(f.transactions[0].extensions(), 15);
    let bytes = write(&f).unwrap();
    assert_eq!(bytes.len(), 128 + 768 + 128);
    assert_eq!(&bytes[128..132], b"0622");
    // The last part, of type 03 (the sender's name continued), alone in block 6.
    assert_eq!(&bytes[128 + 640..128 + 640 + 29], format!("03{}", pad("GENOSSENSCHAFT", 27)).as_bytes());
    let back = read(&bytes).unwrap();
    assert_eq!(back.files[0].file, f_upper(f.clone()));

    f.transactions[0].purpose.push("Y".into());
    let e = write(&f).unwrap_err().to_string();
    assert!(e.contains("c 1 c16 purpose") && e.contains("15 lines"), "{e}");
}

#[test]
fn din66003_umlauts_upper_case_and_what_is_refused() {
    assert_eq!(din66003::encode("x", "Ärger Öl Über süß").unwrap(), b"[RGER \\L ]BER S]~");
    assert_eq!(din66003::encode("x", "a.b,c&d-e/f+g*h$i%j 0").unwrap(), b"A.B,C&D-E/F+G*H$I%J 0");
    let e = din66003::encode("c 1 c14a name", "José").unwrap_err().to_string();
    assert!(e.contains("c 1 c14a name") && e.contains("'é'") && e.contains("position 4"), "{e}");
    // `[` is Ä's byte: as a character of its own it has no place in the alphabet.
    assert!(din66003::encode("x", "[").is_err());
    assert!(din66003::encode("x", "O'Brien").is_err());
    assert_eq!(din66003::fold("José O'Brien, Łódź ẞ æ"), "JOSE O BRIEN, LODZ ß AE");
    assert_eq!(din66003::decode(b"M]LLER ~").unwrap(), "MÜLLER ß");
    assert_eq!(din66003::decode(b"m"), None);
}

#[test]
fn the_writer_refuses_what_does_not_fit() {
    let mut f = one_debit();
    f.transactions[0].key = Key { key: 51, extension: 0 };
    assert!(write(&f).unwrap_err().to_string().contains("51000 does not belong in a LK file"));
    let mut f = one_debit();
    f.transactions[0].amount = 0;
    assert!(write(&f).is_err());
    let mut f = one_debit();
    f.transactions[0].account = 12345678901;
    assert!(write(&f).unwrap_err().to_string().contains("c 1 c5 account"));
    let mut f = one_debit();
    f.execution = Some(day(2026, 12, 17));
    assert!(write(&f).unwrap_err().to_string().contains("a11b"));
    let mut f = one_debit();
    f.name = "Ørsted".into();
    assert!(write(&f).unwrap_err().to_string().contains("a6 name"));
}

#[test]
fn read_gives_back_what_was_written() {
    let mut f = one_debit();
    f.add_debit(50010517, 5432109876, "Änne Groß", 99_999, 10002, "Rechnung 2026-00002");
    f.add_debit(12030000, 1, "Ulf Über", 1, 10003, "");
    let bytes = write(&f).unwrap();
    let back = read(&bytes).unwrap();
    assert!(back.warnings.is_empty());
    assert_eq!(back.files.len(), 1);
    let lf = &back.files[0];
    assert_eq!(lf.sums, Sums { count: 3, accounts: 202051 + 5432109876 + 1, banks: 12030000 + 50010517 + 12030000, amounts: 1234 + 99_999 + 1 });
    assert_eq!(lf.file, f_upper(f));
    assert_eq!(lf.file.transactions[1].name, ["ÄNNE GROß"]);
}

fn broken(bytes: &[u8], at: usize, b: u8) -> String {
    let mut v = bytes.to_vec();
    v[at] = b;
    read(&v).unwrap_err().to_string()
}

#[test]
fn a_broken_file_names_record_field_and_byte() {
    let bytes = write(&one_debit()).unwrap();
    // E8 at positions 65-77 of E, which starts at byte 385 (A 128, C 256).
    let e = broken(&bytes, 384 + 76, b'5');
    assert_eq!(e, "E record, field E8 sum of amounts (positions 65-77), at byte 449: 1235, but the C records give 1234");
    let e = broken(&bytes, 384 + 30, b'1');
    assert!(e.starts_with("E record, field E6 sum of account numbers (positions 31-47), at byte 415"), "{e}");
    let e = broken(&bytes, 384 + 16, b'2');
    assert!(e.starts_with("E record, field E4 number of C records"), "{e}");
    // A digit of C12 (positions 80-90) of C record 1.
    let e = broken(&bytes, 128 + 85, b'#');
    assert!(e.starts_with("C record 1, field C12 amount in cents (positions 80-90), at byte 208"), "{e}");
    // Lower case in the payer's name.
    let e = broken(&bytes, 128 + 94, b'r');
    assert!(e.starts_with("C record 1, field C14a name (positions 94-120), at byte 223") && e.contains("lower case"), "{e}");
    // The Textschlüssel of a credit transfer in an LK file.
    let e = {
        let mut v = bytes.clone();
        v[128 + 44] = b'5';
        v[128 + 45] = b'1';
        read(&v).unwrap_err().to_string()
    };
    assert!(e.contains("C record 1, field C7 Textschlüssel") && e.contains("51000 does not belong in a LK file"), "{e}");
    let e = broken(&bytes, 5, b'X');
    assert!(e.starts_with("A record, field A3 file kind (positions 6-7), at byte 6"), "{e}");
    let e = broken(&bytes, 127, b'2');
    assert!(e.starts_with("A record, field A12 currency marker (position 128), at byte 128"), "{e}");
    let e = broken(&bytes, 384 + 4, b'C');
    assert!(e.starts_with("C record 2, field C1"), "{e}");
    let e = read(&bytes[..384]).unwrap_err().to_string();
    assert_eq!(e, "record at byte 385: the file ends after 1 C record(s) without an E record (Datei-Nachsatz)");
    let e = read(&bytes[128..]).unwrap_err().to_string();
    assert!(e.contains("an A record (Datei-Vorsatz) was expected, found a C record"), "{e}");
    let e = read(&bytes[..500]).unwrap_err().to_string();
    assert!(e.contains("500 bytes, not a multiple of 128"), "{e}");
    assert!(read(b"").unwrap_err().to_string().contains("empty"));
}

#[test]
fn nul_padding_in_reserves_is_tolerated_with_a_warning() {
    let mut bytes = write(&one_debit()).unwrap();
    for b in &mut bytes[384 + 77..512] {
        *b = 0;
    }
    let back = read(&bytes).unwrap();
    assert_eq!(back.warnings, ["E record: reserve field E9 reserve (positions 78-128) is padded with NUL bytes instead of blanks"]);
    // NUL in a text field is not a reserve: refused.
    let e = broken(&write(&one_debit()).unwrap(), 128 + 100, 0);
    assert!(e.contains("C14a name"), "{e}");
}

#[test]
fn several_logical_files_in_one() {
    let one = write(&one_debit()).unwrap();
    let two = [one.clone(), one.clone()].concat();
    let back = read(&two).unwrap();
    assert_eq!(back.files.len(), 2);
    assert_eq!(back.files[1].offset, 512);
    let mut broken = two.clone();
    broken[512 + 384 + 76] = b'9';
    assert!(read(&broken).unwrap_err().to_string().starts_with("E record of logical file 2, field E8"));
}
