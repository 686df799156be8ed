//! SEPA direct debits as pain.008 XML (CORE): `pain.008.001.08` as the DK GBIC_4 subset wants it, or the
//! 2009 version `pain.008.001.02` (DK schema of Anlage 3 V3.0). One message, one payment information block
//! per sequence type (FRST, then RCUR), control sums in each block and in the group header. Pure: the same
//! message renders the same bytes. Every name and text is converted to the SEPA character set and cut to
//! its length here ([`sepa_text`]); identifiers come validated from the model.
use crate::model::{DebitFormat, SequenceType};
use crate::render::xml::Writer;
use chrono::NaiveDate;

/// The most characters of a name (`Nm`: the DK subset allows 70) and of the remittance text (`Ustrd`).
pub const NAME_MAX: usize = 70;
pub const REMITTANCE_MAX: usize = 140;

/// The creditor: the cooperative, from `[billing]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creditor {
    pub name: String,
    pub iban: String,
    pub bic: Option<String>,
    pub creditor_id: String,
}

/// One debit of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub end_to_end_id: String,
    pub amount_cents: i64,
    pub sequence_type: SequenceType,
    pub mandate_reference: String,
    pub mandate_signed: NaiveDate,
    pub debtor_name: String,
    pub iban: String,
    pub bic: Option<String>,
    pub remittance: String,
}

/// A whole message: what one batch sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub format: DebitFormat,
    pub message_id: String,
    /// `YYYY-MM-DDTHH:MM:SS` (ISO 8601, the creation time).
    pub created_at: String,
    pub collection_date: NaiveDate,
    pub creditor: Creditor,
    pub transactions: Vec<Transaction>,
}

/// Text in the SEPA character set (`A-Z a-z 0-9 / - ? : ( ) . , ' +` and space): umlauts and ß spelt out
/// (ä → ae, ß → ss), accented letters without their accent, `&` as `+`, anything else a space; runs of
/// spaces become one, and the result is cut to `max` characters. Never empty: `NOTPROVIDED` then.
pub fn sepa_text(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mapped: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'Ä' => "Ae",
            'Ö' => "Oe",
            'Ü' => "Ue",
            'ß' => "ss",
            'ẞ' => "SS",
            '&' => "+",
            c if crate::model::is_sepa_char(c) => {
                out.push(c);
                continue;
            }
            _ => crate::render::latin::base(c).unwrap_or(" "),
        };
        out.push_str(mapped);
    }
    let words: Vec<&str> = out.split(' ').filter(|w| !w.is_empty()).collect();
    let mut text = words.join(" ");
    text.truncate(max);
    let text = text.trim_end().to_owned();
    if text.is_empty() { "NOTPROVIDED".into() } else { text }
}

/// Cents as the XML decimal: `12.34`.
pub fn amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn namespace(format: DebitFormat) -> &'static str {
    match format {
        DebitFormat::Pain02 => "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02",
        _ => "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08",
    }
}

/// The message as pain.008 bytes (UTF-8, no BOM). DTAUS is not XML: for it, `None`.
pub fn render(m: &Message) -> Option<Vec<u8>> {
    if m.format == DebitFormat::Dtaus {
        return None;
    }
    let mut w = Writer::flat(2048 + 600 * m.transactions.len());
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let ns = namespace(m.format);
    w.open_with("Document", &[("xmlns", ns), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")]);
    w.open("CstmrDrctDbtInitn");
    group_header(&mut w, m);
    for seq in [SequenceType::First, SequenceType::Recurring] {
        let txs: Vec<&Transaction> = m.transactions.iter().filter(|t| t.sequence_type == seq).collect();
        if !txs.is_empty() {
            payment_info(&mut w, m, seq, &txs);
        }
    }
    w.close();
    w.close();
    Some(w.finish().into_bytes())
}

fn sum(txs: &[&Transaction]) -> i64 {
    txs.iter().map(|t| t.amount_cents).sum()
}

fn group_header(w: &mut Writer, m: &Message) {
    let all: Vec<&Transaction> = m.transactions.iter().collect();
    w.open("GrpHdr");
    w.text("MsgId", &m.message_id);
    w.text("CreDtTm", &m.created_at);
    w.text("NbOfTxs", &all.len().to_string());
    w.text("CtrlSum", &amount(sum(&all)));
    w.open("InitgPty");
    w.text("Nm", &sepa_text(&m.creditor.name, NAME_MAX));
    w.close();
    w.close();
}

/// A bank by its BIC, or `Othr/Id NOTPROVIDED` (IBAN-only).
fn agent(w: &mut Writer, tag: &str, format: DebitFormat, bic: Option<&str>) {
    w.open(tag);
    w.open("FinInstnId");
    match bic {
        Some(b) => w.text(if format == DebitFormat::Pain02 { "BIC" } else { "BICFI" }, b),
        None => {
            w.open("Othr");
            w.text("Id", "NOTPROVIDED");
            w.close();
        }
    }
    w.close();
    w.close();
}

fn account(w: &mut Writer, tag: &str, iban: &str) {
    w.open(tag);
    w.open("Id");
    w.text("IBAN", iban);
    w.close();
    w.close();
}

fn payment_info(w: &mut Writer, m: &Message, seq: SequenceType, txs: &[&Transaction]) {
    w.open("PmtInf");
    w.text("PmtInfId", &format!("{}-{}", m.message_id, seq.as_str()));
    w.text("PmtMtd", "DD");
    w.text("NbOfTxs", &txs.len().to_string());
    w.text("CtrlSum", &amount(sum(txs)));
    w.open("PmtTpInf");
    w.open("SvcLvl");
    w.text("Cd", "SEPA");
    w.close();
    w.open("LclInstrm");
    w.text("Cd", "CORE");
    w.close();
    w.text("SeqTp", seq.as_str());
    w.close();
    w.text("ReqdColltnDt", &m.collection_date.to_string());
    w.open("Cdtr");
    w.text("Nm", &sepa_text(&m.creditor.name, NAME_MAX));
    w.close();
    account(w, "CdtrAcct", &m.creditor.iban);
    agent(w, "CdtrAgt", m.format, m.creditor.bic.as_deref());
    w.text("ChrgBr", "SLEV");
    w.open("CdtrSchmeId");
    w.open("Id");
    w.open("PrvtId");
    w.open("Othr");
    w.text("Id", &m.creditor.creditor_id);
    w.open("SchmeNm");
    w.text("Prtry", "SEPA");
    w.close();
    w.close();
    w.close();
    w.close();
    w.close();
    for t in txs {
        transaction(w, m.format, t);
    }
    w.close();
}

fn transaction(w: &mut Writer, format: DebitFormat, t: &Transaction) {
    w.open("DrctDbtTxInf");
    w.open("PmtId");
    w.text("EndToEndId", &t.end_to_end_id);
    w.close();
    w.text_with("InstdAmt", &[("Ccy", "EUR")], &amount(t.amount_cents));
    w.open("DrctDbtTx");
    w.open("MndtRltdInf");
    w.text("MndtId", &t.mandate_reference);
    w.text("DtOfSgntr", &t.mandate_signed.to_string());
    w.close();
    w.close();
    agent(w, "DbtrAgt", format, t.bic.as_deref());
    w.open("Dbtr");
    w.text("Nm", &sepa_text(&t.debtor_name, NAME_MAX));
    w.close();
    account(w, "DbtrAcct", &t.iban);
    w.open("RmtInf");
    w.text("Ustrd", &sepa_text(&t.remittance, REMITTANCE_MAX));
    w.close();
    w.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sepa_text_spells_out_and_cuts() {
        assert_eq!(sepa_text("Jürgen Groß & Söhne", 70), "Juergen Gross + Soehne");
        assert_eq!(sepa_text("ÄÖÜ äöü ß", 70), "AeOeUe aeoeue ss");
        assert_eq!(sepa_text("Café  \"Zoë\" <b>", 70), "Cafe Zoe b");
        assert_eq!(sepa_text(&"x".repeat(80), 70).len(), 70);
        assert_eq!(sepa_text("abc def", 4), "abc");
        assert_eq!(sepa_text("日本", 70), "NOTPROVIDED");
        let s = sepa_text("Ärger mit Ümläuten über alles", 140);
        assert!(s.chars().all(crate::model::is_sepa_char), "{s}");
    }

    fn message(format: DebitFormat) -> Message {
        let tx = |e2e: &str, cents, seq| Transaction {
            end_to_end_id: e2e.into(),
            amount_cents: cents,
            sequence_type: seq,
            mandate_reference: "HS-10001".into(),
            mandate_signed: crate::model::date("d", "2026-01-01").unwrap(),
            debtor_name: "Erika Müller".into(),
            iban: "DE02120300000000202051".into(),
            bic: None,
            remittance: "Rechnung 2026-00001".into(),
        };
        Message {
            format,
            message_id: "HS-1".into(),
            created_at: "2026-12-01T10:00:00".into(),
            collection_date: crate::model::date("d", "2026-12-03").unwrap(),
            creditor: Creditor {
                name: "Hostsharing eG".into(),
                iban: "DE02120300000000202051".into(),
                bic: Some("GENODEM1GLS".into()),
                creditor_id: "DE98ZZZ09999999999".into(),
            },
            transactions: vec![tx("E1", 1190, SequenceType::First), tx("E2", 5, SequenceType::Recurring), tx("E3", 100_000, SequenceType::Recurring)],
        }
    }

    #[test]
    fn blocks_and_sums() {
        let x = String::from_utf8(render(&message(DebitFormat::Pain08)).unwrap()).unwrap();
        assert!(x.contains("<CtrlSum>1011.95</CtrlSum>"), "{x}");
        assert!(x.contains("<NbOfTxs>3</NbOfTxs>") && x.contains("<NbOfTxs>2</NbOfTxs>") && x.contains("<NbOfTxs>1</NbOfTxs>"));
        assert!(x.contains("<CtrlSum>1000.05</CtrlSum>") && x.contains("<CtrlSum>11.90</CtrlSum>"));
        assert!(x.find("<SeqTp>FRST</SeqTp>").unwrap() < x.find("<SeqTp>RCUR</SeqTp>").unwrap());
        assert!(x.contains("<BICFI>GENODEM1GLS</BICFI>") && x.contains("<Nm>Erika Mueller</Nm>"));
        let y = String::from_utf8(render(&message(DebitFormat::Pain02)).unwrap()).unwrap();
        assert!(y.contains("<BIC>GENODEM1GLS</BIC>") && y.contains("pain.008.001.02"));
        assert_eq!(render(&message(DebitFormat::Pain08)), render(&message(DebitFormat::Pain08)));
        assert_eq!(render(&message(DebitFormat::Dtaus)), None);
    }
}
