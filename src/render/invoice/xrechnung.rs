//! XRechnung 3.0 in the CII syntax (UN/CEFACT Cross Industry Invoice D16B, EN 16931): the invoice as the
//! members' e-invoice tools read it. The same totals as on the PDF (the ledger's, rounded once per VAT
//! category). The Factur-X variant differs only in the guideline id (BT-24). Every text is escaped by the
//! writer; only validated codes and numbers go into attributes.
use super::{DirectDebit, Options, exemption_reason, payment_terms};
use crate::ledger::invoice::{Invoice, Line, Party, VatBreakdown};
use crate::model::{InvoiceKind, Money, VatCategory};
use crate::{Error, Result};

/// BT-24 of XRechnung 3.0.
pub const XRECHNUNG_3_0: &str = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
/// BT-24 of the Factur-X/ZUGFeRD EN 16931 ("Comfort") profile.
pub const FACTUR_X_EN16931: &str = "urn:cen.eu:en16931:2017";
/// BT-23: the Peppol billing process, which XRechnung 3.0 requires (PEPPOL-EN16931-R001).
pub const BUSINESS_PROCESS: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const NS: &[(&str, &str)] = &[
    ("rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"),
    ("ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"),
    ("qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"),
    ("udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"),
];

/// The invoice as XRechnung 3.0 CII.
pub fn render(inv: &Invoice, options: &Options) -> Result<Vec<u8>> {
    render_with(inv, options, XRECHNUNG_3_0)
}

/// The invoice as CII with the given guideline id (XRechnung or Factur-X EN 16931).
pub fn render_with(inv: &Invoice, options: &Options, guideline: &str) -> Result<Vec<u8>> {
    check(inv, options)?;
    let mut w = Writer::default();
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let ns: Vec<(String, &str)> = NS.iter().map(|(p, u)| (format!("xmlns:{p}"), *u)).collect();
    let attrs: Vec<(&str, &str)> = ns.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    w.open_with("rsm:CrossIndustryInvoice", &attrs);
    w.open("rsm:ExchangedDocumentContext");
    w.open("ram:BusinessProcessSpecifiedDocumentContextParameter");
    w.text("ram:ID", BUSINESS_PROCESS);
    w.close();
    w.open("ram:GuidelineSpecifiedDocumentContextParameter");
    w.text("ram:ID", guideline);
    w.close();
    w.close();
    document(&mut w, inv);
    w.open("rsm:SupplyChainTradeTransaction");
    for l in &inv.lines {
        line(&mut w, l);
    }
    agreement(&mut w, inv);
    w.empty("ram:ApplicableHeaderTradeDelivery");
    settlement(&mut w, inv, options);
    w.close();
    w.close();
    Ok(w.finish().into_bytes())
}

/// What XRechnung needs beyond what every issued invoice has; each error names the key or field to fill.
fn check(inv: &Invoice, options: &Options) -> Result<()> {
    let s = &inv.seller;
    if s.phone.as_deref().is_none_or(str::is_empty) {
        return Err(Error::invalid(
            "billing.phone",
            "XRechnung needs the seller's phone number (seller contact, BR-DE-2/BR-DE-6); set billing.phone in hsadmin.toml",
        ));
    }
    if s.email.as_deref().is_none_or(str::is_empty) {
        return Err(Error::invalid("billing.email", "XRechnung needs the seller's e-mail address (BT-34, BT-43); set billing.email"));
    }
    if inv.buyer.email.as_deref().is_none_or(str::is_empty) {
        return Err(Error::invalid("member e-mail", format!("XRechnung needs the buyer's electronic address (BT-49); member {} has no e-mail", inv.member)));
    }
    for (what, value) in [("street", &s.street), ("zipcode", &s.zipcode), ("city", &s.city)] {
        if value.as_deref().is_none_or(str::is_empty) {
            return Err(Error::invalid(format!("billing.{what}"), "XRechnung needs the seller's postal address (BR-DE-3, BR-DE-4)"));
        }
    }
    let cats: Vec<VatCategory> = inv.lines.iter().map(|l| l.vat_category).collect();
    if cats.contains(&VatCategory::ReverseCharge) && (s.vat_id.is_none() || inv.buyer.vat_id.is_none()) {
        return Err(Error::invalid("billing.vat_id", "a reverse-charge invoice needs the seller's and the buyer's VAT id (BR-AE-02)"));
    }
    if cats.contains(&VatCategory::OutOfScope) && s.tax_number.is_none() {
        return Err(Error::invalid("billing.tax_number", "an invoice not taxable in Germany carries no VAT id (BR-O-02), so it needs the seller's tax number"));
    }
    if inv.kind == InvoiceKind::Invoice && options.direct_debit.is_none() && s.iban.as_deref().is_none_or(str::is_empty) {
        return Err(Error::invalid("billing.iban", "XRechnung needs the account to transfer to (BR-DE-23); set billing.iban"));
    }
    Ok(())
}

fn document(w: &mut Writer, inv: &Invoice) {
    w.open("rsm:ExchangedDocument");
    w.text("ram:ID", inv.number.as_str());
    w.text("ram:TypeCode", if inv.kind == InvoiceKind::CreditNote { "381" } else { "380" });
    date_time(w, "ram:IssueDateTime", &inv.issued);
    if !inv.seller.legal.is_empty() {
        w.open("ram:IncludedNote");
        w.text("ram:Content", &inv.seller.legal.join("; "));
        w.text("ram:SubjectCode", "REG");
        w.close();
    }
    w.close();
}

fn line(w: &mut Writer, l: &Line) {
    w.open("ram:IncludedSupplyChainTradeLineItem");
    w.open("ram:AssociatedDocumentLineDocument");
    w.text("ram:LineID", &l.pos.to_string());
    w.close();
    w.open("ram:SpecifiedTradeProduct");
    w.text("ram:SellerAssignedID", &l.product);
    w.text("ram:Name", &l.description);
    w.close();
    w.open("ram:SpecifiedLineTradeAgreement");
    w.open("ram:NetPriceProductTradePrice");
    w.text("ram:ChargeAmount", &decimal(l.unit_price));
    w.text_with("ram:BasisQuantity", &[("unitCode", l.unit.as_str())], &l.base_quantity.to_string());
    w.close();
    w.close();
    w.open("ram:SpecifiedLineTradeDelivery");
    w.text_with("ram:BilledQuantity", &[("unitCode", l.unit.as_str())], &l.quantity.to_string());
    w.close();
    w.open("ram:SpecifiedLineTradeSettlement");
    w.open("ram:ApplicableTradeTax");
    w.text("ram:TypeCode", "VAT");
    w.text("ram:CategoryCode", l.vat_category.as_str());
    if l.vat_category != VatCategory::OutOfScope {
        w.text("ram:RateApplicablePercent", &percent(l.vat_rate_bp));
    }
    w.close();
    billing_period(w, &l.service_from, &l.service_to);
    w.open("ram:SpecifiedTradeSettlementLineMonetarySummation");
    w.text("ram:LineTotalAmount", &decimal(l.net));
    w.close();
    w.close();
    w.close();
}

fn agreement(w: &mut Writer, inv: &Invoice) {
    let out_of_scope = inv.lines.iter().any(|l| l.vat_category == VatCategory::OutOfScope);
    w.open("ram:ApplicableHeaderTradeAgreement");
    w.text("ram:BuyerReference", &inv.member.to_string());
    let s = &inv.seller;
    w.open("ram:SellerTradeParty");
    if out_of_scope {
        // Without a VAT id (BR-O-02) the seller is identified by its tax number (BR-CO-26).
        w.opt_text("ram:ID", s.tax_number.as_deref());
    }
    w.text("ram:Name", &s.name);
    w.open("ram:DefinedTradeContact");
    w.text("ram:PersonName", "Buchhaltung");
    w.open("ram:TelephoneUniversalCommunication");
    w.opt_text("ram:CompleteNumber", s.phone.as_deref());
    w.close();
    w.open("ram:EmailURIUniversalCommunication");
    w.opt_text("ram:URIID", s.email.as_deref());
    w.close();
    w.close();
    postal(w, s, super::home(inv));
    electronic_address(w, s);
    tax_registration(w, "FC", s.tax_number.as_deref());
    tax_registration(w, "VA", s.vat_id.as_deref().filter(|_| !out_of_scope));
    w.close();
    let b = &inv.buyer;
    w.open("ram:BuyerTradeParty");
    w.text("ram:ID", &inv.member.to_string());
    w.text("ram:Name", &b.name);
    postal(w, b, super::home(inv));
    electronic_address(w, b);
    tax_registration(w, "VA", b.vat_id.as_deref().filter(|_| !out_of_scope));
    w.close();
    w.close();
}

fn postal(w: &mut Writer, p: &Party, home: &str) {
    w.open("ram:PostalTradeAddress");
    w.opt_text("ram:PostcodeCode", p.zipcode.as_deref());
    w.opt_text("ram:LineOne", p.street.as_deref());
    w.opt_text("ram:CityName", p.city.as_deref());
    w.text("ram:CountryID", &p.country.as_deref().unwrap_or(home).to_uppercase());
    w.close();
}

fn electronic_address(w: &mut Writer, p: &Party) {
    if let Some(email) = &p.email {
        w.open("ram:URIUniversalCommunication");
        w.text_with("ram:URIID", &[("schemeID", "EM")], email);
        w.close();
    }
}

fn tax_registration(w: &mut Writer, scheme: &str, id: Option<&str>) {
    if let Some(id) = id {
        w.open("ram:SpecifiedTaxRegistration");
        w.text_with("ram:ID", &[("schemeID", scheme)], id);
        w.close();
    }
}

fn settlement(w: &mut Writer, inv: &Invoice, options: &Options) {
    let debit = options.direct_debit.as_ref().filter(|_| inv.kind == InvoiceKind::Invoice);
    w.open("ram:ApplicableHeaderTradeSettlement");
    if let Some(dd) = debit {
        w.text("ram:CreditorReferenceID", &dd.creditor_id);
    }
    w.text("ram:PaymentReference", inv.number.as_str());
    w.text("ram:InvoiceCurrencyCode", "EUR");
    payment_means(w, inv, debit);
    for b in inv.breakdown() {
        trade_tax(w, &b);
    }
    billing_period(w, &inv.period.first_day().to_string(), &inv.period.last_day().to_string());
    w.open("ram:SpecifiedTradePaymentTerms");
    w.text("ram:Description", &payment_terms(inv, options));
    if inv.kind == InvoiceKind::Invoice {
        date_time(w, "ram:DueDateDateTime", &inv.due);
    }
    if let Some(dd) = debit {
        w.text("ram:DirectDebitMandateID", &dd.mandate_reference);
    }
    w.close();
    w.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
    w.text("ram:LineTotalAmount", &decimal(inv.net));
    w.text("ram:TaxBasisTotalAmount", &decimal(inv.net));
    w.text_with("ram:TaxTotalAmount", &[("currencyID", "EUR")], &decimal(inv.vat));
    w.text("ram:GrandTotalAmount", &decimal(inv.gross));
    w.text("ram:DuePayableAmount", &decimal(inv.gross));
    w.close();
    if let Some(original) = &inv.corrects {
        w.open("ram:InvoiceReferencedDocument");
        w.text("ram:IssuerAssignedID", original.as_str());
        w.close();
    }
    w.close();
}

/// BG-16: credit transfer (58) to the seller's account, SEPA direct debit (59) from the member's, or, for
/// a credit note, clearing between the partners (97: set off against the cancelled invoice).
fn payment_means(w: &mut Writer, inv: &Invoice, debit: Option<&DirectDebit>) {
    w.open("ram:SpecifiedTradeSettlementPaymentMeans");
    if inv.kind == InvoiceKind::CreditNote {
        w.text("ram:TypeCode", "97");
        w.text("ram:Information", "Verrechnung mit der stornierten Rechnung");
    } else if let Some(dd) = debit {
        w.text("ram:TypeCode", "59");
        w.text("ram:Information", "SEPA-Lastschrift");
        w.open("ram:PayerPartyDebtorFinancialAccount");
        w.text("ram:IBANID", &compact(&dd.iban));
        w.close();
    } else {
        let s = &inv.seller;
        w.text("ram:TypeCode", "58");
        w.text("ram:Information", "SEPA-Überweisung");
        w.open("ram:PayeePartyCreditorFinancialAccount");
        w.text("ram:IBANID", &compact(s.iban.as_deref().unwrap_or_default()));
        w.text("ram:AccountName", &s.name);
        w.close();
        if let Some(bic) = &s.bic {
            w.open("ram:PayeeSpecifiedCreditorFinancialInstitution");
            w.text("ram:BICID", bic);
            w.close();
        }
    }
    w.close();
}

fn trade_tax(w: &mut Writer, b: &VatBreakdown) {
    w.open("ram:ApplicableTradeTax");
    w.text("ram:CalculatedAmount", &decimal(b.tax));
    w.text("ram:TypeCode", "VAT");
    w.opt_text("ram:ExemptionReason", exemption_reason(b.category));
    w.text("ram:BasisAmount", &decimal(b.basis));
    w.text("ram:CategoryCode", b.category.as_str());
    match b.category {
        VatCategory::ReverseCharge => w.text("ram:ExemptionReasonCode", "VATEX-EU-AE"),
        VatCategory::OutOfScope => w.text("ram:ExemptionReasonCode", "VATEX-EU-O"),
        _ => {}
    }
    // BT-119 even for O (XRechnung's BR-DE-14), where EN 16931 keeps it off the lines (BR-O-05).
    w.text("ram:RateApplicablePercent", &percent(b.rate_bp));
    w.close();
}

fn billing_period(w: &mut Writer, from: &str, to: &str) {
    w.open("ram:BillingSpecifiedPeriod");
    date_time(w, "ram:StartDateTime", from);
    date_time(w, "ram:EndDateTime", to);
    w.close();
}

/// A date as CII wants it: `<udt:DateTimeString format="102">20261130</…>`.
fn date_time(w: &mut Writer, name: &str, iso: &str) {
    w.open(name);
    w.text_with("udt:DateTimeString", &[("format", "102")], &iso.replace('-', ""));
    w.close();
}

/// An amount as XML decimal: `1234.50`.
fn decimal(m: Money) -> String {
    m.to_string()
}

/// A rate in basis points as a percentage: `19.00`.
fn percent(bp: i64) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

fn compact(iban: &str) -> String {
    iban.chars().filter(|c| !c.is_whitespace()).collect()
}

use crate::render::xml::Writer;
pub use crate::render::xml::escape;

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    fn xml(inv: &Invoice, o: &Options) -> String {
        String::from_utf8(render(inv, o).unwrap()).unwrap()
    }

    #[test]
    fn escapes_every_text() {
        assert_eq!(escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}");
        let x = xml(&sample(), &Options::default());
        assert!(x.contains("<ram:Name>Erika &lt;Mustermann&gt; &amp; Co</ram:Name>"), "{x}");
        assert!(x.contains("(xyz00) &lt;&amp;&gt; &quot;Ä&quot;</ram:Name>"), "{x}");
        assert!(!x.contains("<Mustermann>"));
    }

    #[test]
    fn amounts_and_lines() {
        let x = xml(&sample(), &Options::default());
        // 14 DAY × 10.00 / 30 = 4.666… → 4.67; VAT 19 % of 4.67 = 0.8873 → 0.89; fee 5.00 exempt.
        for part in [
            "<ram:ChargeAmount>10.00</ram:ChargeAmount>",
            "<ram:BasisQuantity unitCode=\"DAY\">30</ram:BasisQuantity>",
            "<ram:BilledQuantity unitCode=\"DAY\">14</ram:BilledQuantity>",
            "<ram:LineTotalAmount>4.67</ram:LineTotalAmount>",
            "<ram:CalculatedAmount>0.89</ram:CalculatedAmount>",
            "<ram:ExemptionReason>Mitgliedsbeitrag, kein Leistungsaustausch</ram:ExemptionReason>",
            "<ram:TaxTotalAmount currencyID=\"EUR\">0.89</ram:TaxTotalAmount>",
            "<ram:GrandTotalAmount>10.56</ram:GrandTotalAmount>",
            "<ram:TypeCode>58</ram:TypeCode>",
            "<ram:IBANID>DE89370400440532013000</ram:IBANID>",
            "<ram:BuyerReference>10001</ram:BuyerReference>",
            "<udt:DateTimeString format=\"102\">20261215</udt:DateTimeString>",
        ] {
            assert!(x.contains(part), "{part} missing in\n{x}");
        }
    }

    #[test]
    fn direct_debit_and_missing_phone() {
        let dd = DirectDebit { mandate_reference: "M-10001".into(), creditor_id: "DE98ZZZ09999999999".into(), iban: "DE02 1203 0000 0000 2020 51".into() };
        let x = xml(&sample(), &Options { direct_debit: Some(dd) });
        for part in [
            "<ram:CreditorReferenceID>DE98ZZZ09999999999</ram:CreditorReferenceID>",
            "<ram:TypeCode>59</ram:TypeCode>",
            "<ram:IBANID>DE02120300000000202051</ram:IBANID>",
            "<ram:DirectDebitMandateID>M-10001</ram:DirectDebitMandateID>",
        ] {
            assert!(x.contains(part), "{part} missing in\n{x}");
        }
        assert!(!x.contains("PayeePartyCreditorFinancialAccount"));
        let mut inv = sample();
        inv.seller.phone = None;
        let e = render(&inv, &Options::default()).unwrap_err().to_string();
        assert!(e.contains("billing.phone"), "{e}");
    }
}
