//! An invoice as plain text (UTF-8, 76 columns): for a mail body, a terminal, or a member who wants no PDF.
//! The same content as the PDF.
use super::{
    Options, address, basis_label, date, euro, home, line_vat, payment_text, period, quantity, seller_tax_ids, tax_label, title, unit_price, vat_notes, wrap,
};
use crate::ledger::invoice::Invoice;

const WIDTH: usize = 76;

fn width(s: &str) -> usize {
    s.chars().count()
}

/// `label` and `value` with the value right-aligned at the end of the line.
fn right(label: &str, value: &str, indent: usize) -> String {
    let gap = WIDTH.saturating_sub(indent + width(label) + width(value)).max(1);
    format!("{}{label}{}{value}\n", " ".repeat(indent), " ".repeat(gap))
}

fn wrapped(out: &mut String, text: &str, indent: usize) {
    for l in wrap(text, (WIDTH - indent) as f32, |s| width(s) as f32) {
        out.push_str(&format!("{}{l}\n", " ".repeat(indent)));
    }
}

/// The invoice as plain text.
pub fn render(inv: &Invoice, options: &Options) -> Vec<u8> {
    let s = &inv.seller;
    let mut out = String::new();
    out.push_str(&address(s, home(inv)).join(" · "));
    out.push_str("\n\n");
    for l in address(&inv.buyer, home(inv)) {
        out.push_str(&format!("{l}\n"));
    }
    out.push('\n');
    let t = format!("{} {}", title(inv), inv.number);
    out.push_str(&format!("{t}\n{}\n\n", "=".repeat(width(&t))));
    let mut facts = vec![
        ("Rechnungsnummer", inv.number.to_string()),
        ("Rechnungsdatum", date(&inv.issued)),
        ("Mitgliedsnummer", inv.member.to_string()),
        ("Leistungszeitraum", period(&inv.period.first_day().to_string(), &inv.period.last_day().to_string())),
    ];
    if let Some(original) = &inv.corrects {
        facts.push(("Storniert Rechnung", original.to_string()));
    } else {
        facts.push(("Fällig am", date(&inv.due)));
    }
    if let Some(v) = &inv.buyer.vat_id {
        facts.push(("Ihre USt-IdNr.", v.clone()));
    }
    for (k, v) in facts {
        out.push_str(&format!("{k:<20}{v}\n"));
    }
    out.push('\n');
    lines(&mut out, inv);
    totals(&mut out, inv);
    for n in vat_notes(inv) {
        wrapped(&mut out, &n, 0);
    }
    out.push('\n');
    wrapped(&mut out, &payment_text(inv, options), 0);
    out.push('\n');
    footer(&mut out, inv);
    out.into_bytes()
}

fn lines(out: &mut String, inv: &Invoice) {
    out.push_str(&right("Pos  Leistung", "Betrag", 0));
    out.push_str(&format!("{}\n", "-".repeat(WIDTH)));
    for l in &inv.lines {
        let amount = euro(l.net);
        let desc = wrap(&l.description, (WIDTH - 5 - width(&amount) - 2) as f32, |s| width(s) as f32);
        for (i, d) in desc.iter().enumerate() {
            if i == 0 {
                out.push_str(&right(&format!("{:>3}  {d}", l.pos), &amount, 0));
            } else {
                out.push_str(&format!("     {d}\n"));
            }
        }
        let detail = format!("{} · {} × {} · USt. {}", period(&l.service_from, &l.service_to), quantity(l.quantity, l.unit), unit_price(l), line_vat(l));
        wrapped(out, &detail, 5);
    }
    out.push_str(&format!("{}\n", "-".repeat(WIDTH)));
}

fn totals(out: &mut String, inv: &Invoice) {
    const AT: usize = 30;
    let breakdown = inv.breakdown();
    if breakdown.len() > 1 {
        out.push_str(&right("Summe netto", &euro(inv.net), AT));
    }
    for b in &breakdown {
        out.push_str(&right(&basis_label(b), &euro(b.basis), AT));
        if let Some(label) = tax_label(b) {
            out.push_str(&right(&label, &euro(b.tax), AT));
        }
    }
    out.push_str(&format!("{}{}\n", " ".repeat(AT), "-".repeat(WIDTH - AT)));
    out.push_str(&right("Gesamtbetrag", &euro(inv.gross), AT));
    out.push('\n');
}

fn footer(out: &mut String, inv: &Invoice) {
    let s = &inv.seller;
    out.push_str("-- \n");
    wrapped(out, &address(s, home(inv)).join(", "), 0);
    let contact: Vec<String> =
        [s.phone.as_ref().map(|p| format!("Telefon {p}")), s.email.as_ref().map(|e| format!("E-Mail {e}"))].into_iter().flatten().collect();
    if !contact.is_empty() {
        wrapped(out, &contact.join(" · "), 0);
    }
    let ids = seller_tax_ids(s);
    if !ids.is_empty() {
        wrapped(out, &ids.join(" · "), 0);
    }
    let bank: Vec<String> = [s.bank.clone(), s.iban.as_deref().map(|i| format!("IBAN {}", super::iban(i))), s.bic.as_ref().map(|b| format!("BIC {b}"))]
        .into_iter()
        .flatten()
        .collect();
    if !bank.is_empty() {
        wrapped(out, &bank.join(" · "), 0);
    }
    for l in &s.legal {
        wrapped(out, l, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn carries_the_amounts_and_the_facts() {
        let t = String::from_utf8(render(&sample(), &Options::default())).unwrap();
        // 14 DAY × 10.00 / 30 = 4.67, VAT 19 % of 4.67 = 0.89, fee 5.00 exempt: 10.56 gross.
        for part in [
            "Rechnung 2026-00001",
            "4,67 €",
            "0,89 €",
            "5,00 €",
            "10,56 €",
            "01.12.2026",
            "15.12.2026",
            "14 Tage × 10,00 € / 30 Tage",
            "Mitgliedsbeitrag, kein Leistungsaustausch",
            "USt-IdNr. DE123456789",
        ] {
            assert!(t.contains(part), "{part} missing in\n{t}");
        }
        assert!(t.lines().all(|l| width(l) <= WIDTH), "{t}");
        let gross = t.lines().find(|l| l.contains("Gesamtbetrag")).unwrap();
        assert!(gross.ends_with("10,56 €") && width(gross) == WIDTH, "{gross:?}");
    }
}
