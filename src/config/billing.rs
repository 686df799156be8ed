//! `[billing]` and `[billing.accounts]`: who issues the invoices, how they are numbered and paid, and the
//! accounts the bookings go to. Checked when the file is loaded; `invoice generate` refuses without a seller.
use crate::model::{self, NumberFormat};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BillingConfig {
    /// The seller: the cooperative's name and postal address (country as ISO 3166-1 alpha-2).
    pub name: String,
    pub street: String,
    pub zipcode: String,
    pub city: String,
    pub country: String,
    /// Where members reach the billing office (also the seller's electronic address, BT-34).
    pub email: String,
    pub phone: Option<String>,
    /// Steuernummer and USt-IdNr.; §14 UStG wants one of them, XRechnung the VAT id for reverse charge.
    pub tax_number: Option<String>,
    pub vat_id: Option<String>,
    /// The account members transfer to.
    pub bank: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// The SEPA creditor id (Gläubiger-Identifikationsnummer) for direct debits.
    pub creditor_id: Option<String>,
    /// TARGET2 business days between today and the earliest collection date of a direct debit (CORE: 1;
    /// many banks want 2 for their own cut-off).
    pub debit_lead_days: u32,
    /// Invoice numbers: `{year}` and `{seq}`/`{seq:05}`, one series per year.
    pub number_format: String,
    /// Days from the issue date to the due date.
    pub payment_terms_days: u32,
    /// Lines printed in the invoice footer: register court and number, board, …
    pub legal: Vec<String>,
    pub accounts: AccountsConfig,
}

impl Default for BillingConfig {
    fn default() -> Self {
        Self {
            name: String::new(),
            street: String::new(),
            zipcode: String::new(),
            city: String::new(),
            country: "DE".into(),
            email: String::new(),
            phone: None,
            tax_number: None,
            vat_id: None,
            bank: None,
            iban: None,
            bic: None,
            creditor_id: None,
            debit_lead_days: 1,
            number_format: "{year}-{seq:05}".into(),
            payment_terms_days: 14,
            legal: Vec::new(),
            accounts: AccountsConfig::default(),
        }
    }
}

/// The accounting export's accounts (DATEV and Lexware), by chart of accounts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountsConfig {
    /// `SKR03` or `SKR04`.
    pub chart: String,
    /// DATEV Beraternummer (1001–9999999) and Mandantennummer (1–99999).
    pub consultant_number: u32,
    pub client_number: u32,
    /// Digits of a general ledger account (DATEV Sachkontenlänge, 4–8); debtor accounts have one more.
    pub account_length: u8,
    /// The first day of the fiscal year, `MM-DD`.
    pub fiscal_year_start: String,
    /// The debtor account of every booking; without it, each member's number is its debtor account
    /// (five digits, a personal account for a Sachkontenlänge of 4).
    pub receivables: Option<u32>,
    /// Revenue accounts per VAT case: domestic 19 %, EU reverse charge, outside the EU, and the membership
    /// fee (no supply).
    pub revenue_domestic: u32,
    pub revenue_reverse_charge: u32,
    pub revenue_non_eu: u32,
    pub revenue_fee: u32,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        Self {
            chart: "SKR03".into(),
            consultant_number: 1001,
            client_number: 1,
            account_length: 4,
            fiscal_year_start: "01-01".into(),
            receivables: None,
            revenue_domestic: 8400,
            revenue_reverse_charge: 8336,
            revenue_non_eu: 8338,
            revenue_fee: 8200,
        }
    }
}

impl BillingConfig {
    /// The number format (checked on load, so this does not fail for a loaded config).
    pub fn numbers(&self) -> NumberFormat {
        NumberFormat::parse("billing.number_format", &self.number_format).unwrap_or_default()
    }

    /// Whether the seller is set up enough to issue an invoice (§14 Abs. 4 UStG): name, address, a tax id.
    pub fn missing(&self) -> Option<&'static str> {
        if self.name.is_empty() || self.street.is_empty() || self.zipcode.is_empty() || self.city.is_empty() {
            return Some("billing.name, street, zipcode and city (the seller on every invoice)");
        }
        if self.email.is_empty() {
            return Some("billing.email (where members reach the billing office)");
        }
        if self.tax_number.is_none() && self.vat_id.is_none() {
            return Some("billing.tax_number or billing.vat_id (§14 Abs. 4 Nr. 2 UStG)");
        }
        None
    }

    pub fn check(&self) -> std::result::Result<(), (String, String)> {
        let fail = |key: &str, rule: &str| Err((format!("billing.{key}"), rule.to_owned()));
        if NumberFormat::parse("number_format", &self.number_format).is_err() {
            return fail("number_format", "must contain {year} and {seq} (or {seq:05}) once each, besides letters, digits, - and /");
        }
        if !model::is_country(&self.country) {
            return fail("country", "must be an ISO 3166-1 country code like DE");
        }
        if !(1..=365).contains(&self.payment_terms_days) {
            return fail("payment_terms_days", "must be between 1 and 365");
        }
        if !(1..=30).contains(&self.debit_lead_days) {
            return fail("debit_lead_days", "must be between 1 and 30 TARGET2 business days");
        }
        if !self.email.is_empty() && model::Email::parse("email", &self.email).is_err() {
            return fail("email", "must be an e-mail address");
        }
        if let Some(v) = &self.vat_id
            && model::VatId::parse("vat_id", v).is_err()
        {
            return fail("vat_id", "must be a VAT id like DE123456789");
        }
        if let Some(iban) = &self.iban
            && model::Iban::parse("iban", iban).is_err()
        {
            return fail("iban", "must be an IBAN with valid check digits, like DE89370400440532013000 (no spaces)");
        }
        if let Some(bic) = &self.bic
            && model::Bic::parse("bic", bic).is_err()
        {
            return fail("bic", "must be a BIC of 8 or 11 characters, like GENODEM1GLS");
        }
        if let Some(id) = &self.creditor_id
            && model::CreditorId::parse("creditor_id", id).is_err()
        {
            return fail("creditor_id", "must be a SEPA creditor id with valid check digits, like DE98ZZZ09999999999 (18 characters in Germany)");
        }
        for (key, value) in [("name", &self.name), ("street", &self.street), ("zipcode", &self.zipcode), ("city", &self.city)] {
            if value.chars().count() > 128 || value.chars().any(char::is_control) {
                return fail(key, "must be one line of at most 128 characters");
            }
        }
        self.accounts.check().or_else(|(k, r)| fail(&format!("accounts.{k}"), &r))
    }
}

impl AccountsConfig {
    fn check(&self) -> std::result::Result<(), (String, String)> {
        let fail = |key: &str, rule: &str| Err((key.to_owned(), rule.to_owned()));
        if self.chart != "SKR03" && self.chart != "SKR04" {
            return fail("chart", "must be \"SKR03\" or \"SKR04\"");
        }
        if !(1001..=9_999_999).contains(&self.consultant_number) {
            return fail("consultant_number", "must be a DATEV Beraternummer from 1001 to 9999999");
        }
        if !(1..=99_999).contains(&self.client_number) {
            return fail("client_number", "must be a DATEV Mandantennummer from 1 to 99999");
        }
        if !(4..=8).contains(&self.account_length) {
            return fail("account_length", "must be from 4 to 8 digits");
        }
        let md = self.fiscal_year_start.as_bytes();
        if md.len() != 5 || md[2] != b'-' || model::date("fiscal_year_start", &format!("2024-{}", self.fiscal_year_start)).is_err() {
            return fail("fiscal_year_start", "must be a day of the year as MM-DD, like 01-01");
        }
        let max = 10u32.pow(self.account_length as u32);
        for (key, value) in [
            ("revenue_domestic", self.revenue_domestic),
            ("revenue_reverse_charge", self.revenue_reverse_charge),
            ("revenue_non_eu", self.revenue_non_eu),
            ("revenue_fee", self.revenue_fee),
        ] {
            if value == 0 || value >= max {
                return fail(key, &format!("must be a general ledger account of at most {} digits", self.account_length));
            }
        }
        if let Some(r) = self.receivables
            && (r == 0 || r >= max * 10)
        {
            return fail("receivables", &format!("must be an account of at most {} digits", self.account_length + 1));
        }
        Ok(())
    }
}
