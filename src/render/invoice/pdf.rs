//! An invoice as PDF (A4, PDF/A-3b, fonts embedded): a letter in the DIN 5008 layout — the seller's line
//! above the address window, the member's address, the invoice facts beside it, a table of lines with
//! right-aligned amounts, the totals per VAT rate, the VAT notes, how to pay, and a footer with the
//! seller's address, tax ids, bank and the `billing.legal` lines. Everything §14 Abs. 4 UStG asks for.
//! The layout is computed first (pages of drawing operations), so that each page can say "Seite 1 von 2".
use super::{
    Options, address, basis_label, date, euro, home, iban, line_vat, payment_text, period, quantity, seller_tax_ids, tax_label, title, vat_notes, wrap,
};
use crate::ledger::invoice::{Invoice, Line};
use crate::model::InvoiceKind;
use crate::{Error, Result};
use krilla::Document;
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

static REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Millimetres in PDF points.
const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

const PAGE_W: f32 = mm(210.0);
const PAGE_H: f32 = mm(297.0);
const LEFT: f32 = mm(25.0);
const RIGHT: f32 = mm(190.0);
/// The info block beside the address window.
const INFO_X: f32 = mm(117.0);
/// Where the body of a page ends at the latest (the footer is below).
const BODY_END: f32 = mm(258.0);

const INK: (u8, u8, u8) = (0x22, 0x22, 0x22);
const GREY: (u8, u8, u8) = (0x6b, 0x6b, 0x6b);
const ACCENT: (u8, u8, u8) = (0x1f, 0x5c, 0x7a);
const RULE: (u8, u8, u8) = (0xc8, 0xcf, 0xd4);
const SHADE: (u8, u8, u8) = (0xe9, 0xf0, 0xf4);

/// Table columns: position, description (left), quantity, unit price, VAT, amount (right edges).
const COL_POS: f32 = LEFT + mm(1.5);
const COL_DESC: f32 = LEFT + mm(11.0);
const COL_DESC_END: f32 = mm(110.0);
const COL_QTY: f32 = mm(131.0);
const COL_PRICE: f32 = mm(158.0);
const COL_VAT: f32 = mm(171.0);
const COL_AMOUNT: f32 = RIGHT - mm(1.5);

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// How a text looks: size in points, weight, colour.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    color: (u8, u8, u8),
}

const fn st(size: f32, bold: bool, color: (u8, u8, u8)) -> Style {
    Style { size, bold, color }
}

enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, color: (u8, u8, u8), align: Align, text: String },
    Line { x1: f32, x2: f32, y: f32, width: f32, color: (u8, u8, u8) },
    Rect { x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8) },
}

/// A font: krilla's handle for embedding and skrifa's view for measuring, of the same bytes.
struct Face {
    font: Font,
    data: skrifa::FontRef<'static>,
    upem: f32,
}

impl Face {
    fn new(bytes: &'static [u8]) -> Result<Self> {
        let font = Font::new(bytes.into(), 0).ok_or_else(|| Error::Failed("the embedded invoice font does not load".into()))?;
        let data = skrifa::FontRef::new(bytes).map_err(|e| Error::Failed(format!("the embedded invoice font does not load: {e}")))?;
        let upem = data.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
        Ok(Self { font, data, upem })
    }

    /// One glyph per character, with its advance in em (no shaping: Latin text needs none).
    fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        let (map, metrics) = (self.data.charmap(), self.data.glyph_metrics(Size::unscaled(), LocationRef::default()));
        text.char_indices()
            .map(|(i, c)| {
                let gid = map.map(c).unwrap_or_default();
                let advance = metrics.advance_width(gid).unwrap_or(0.0) / self.upem;
                KrillaGlyph::new(GlyphId::new(gid.to_u32()), advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect()
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        self.glyphs(text).iter().map(|g| g.x_advance).sum::<f32>() * size
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

/// The pages as drawing operations, and where the next thing goes on the current one.
struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// The line at the top of every page after the first.
    continued: String,
}

impl Layout<'_> {
    fn op(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    fn text(&mut self, x: f32, y: f32, style: Style, align: Align, text: &str) {
        let Style { size, bold, color } = style;
        self.op(Op::Text { x, y, size, bold, color, align, text: text.to_owned() });
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: (u8, u8, u8)) {
        self.op(Op::Line { x1, x2, y, width, color });
    }

    /// `text` wrapped to `width`, from `x` at the current height; returns the lines' count.
    fn paragraph(&mut self, x: f32, width: f32, style: Style, text: &str) -> usize {
        let size = style.size;
        let face = self.fonts.face(style.bold);
        let lines = wrap(text, width, |s| face.width(s, size));
        for l in &lines {
            self.ensure(size * 1.45);
            self.y += size * 1.45;
            let y = self.y;
            self.text(x, y, style, Align::Left, l);
        }
        lines.len()
    }

    /// Starts a new page when `height` does not fit on this one.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y + height <= BODY_END {
            return false;
        }
        self.pages.push(Vec::new());
        let head = self.continued.clone();
        self.text(LEFT, mm(18.0), st(8.0, false, GREY), Align::Left, &head);
        self.rule(LEFT, RIGHT, mm(21.0), 0.4, RULE);
        self.y = mm(28.0);
        true
    }
}

/// The invoice as a PDF/A-3b document.
pub fn render(inv: &Invoice, options: &Options) -> Result<Vec<u8>> {
    let fonts = Fonts { regular: Face::new(REGULAR)?, bold: Face::new(BOLD)? };
    let continued = format!("{} · {} {} · Mitglied {} (Fortsetzung)", inv.seller.name, title(inv), inv.number, inv.member);
    let mut l = Layout { fonts: &fonts, pages: vec![Vec::new()], y: 0.0, continued };
    letterhead(&mut l, inv);
    heading(&mut l, inv);
    table(&mut l, inv);
    totals(&mut l, inv);
    closing(&mut l, inv, options);
    let count = l.pages.len();
    for n in 0..count {
        l.pages.swap(n, count - 1);
        footer(&mut l, inv, n + 1, count);
        l.pages.swap(n, count - 1);
    }
    write(inv, &fonts, l.pages)
}

fn letterhead(l: &mut Layout, inv: &Invoice) {
    let s = &inv.seller;
    l.text(LEFT, mm(22.0), st(17.0, true, ACCENT), Align::Left, &s.name);
    let contact: Vec<String> = [s.phone.as_ref().map(|p| format!("Telefon {p}")), s.email.clone()].into_iter().flatten().collect();
    let mut y = mm(22.0);
    for (i, line) in address(s, home(inv)).iter().skip(1).chain(contact.iter()).enumerate() {
        y = mm(14.0) + i as f32 * 10.5;
        l.text(RIGHT, y, st(8.0, false, GREY), Align::Right, line);
    }
    l.rule(LEFT, RIGHT, mm(30.0).max(y + 6.0), 0.6, ACCENT);
    // The seller's line above the address window (DIN 5008 form B: window at 45 mm), then the member.
    let sender = address(s, home(inv)).join(" · ");
    l.text(LEFT, mm(50.0), st(7.0, false, GREY), Align::Left, &sender);
    let w = l.fonts.regular.width(&sender, 7.0);
    l.rule(LEFT, LEFT + w, mm(51.0), 0.3, GREY);
    for (i, line) in address(&inv.buyer, home(inv)).iter().enumerate() {
        l.text(LEFT, mm(60.0) + i as f32 * 13.5, st(10.5, false, INK), Align::Left, line);
    }
    info_block(l, inv);
    // Fold marks and the hole mark in the left margin.
    for (y, len) in [(105.0, 5.0), (148.5, 7.0), (210.0, 5.0)] {
        l.rule(mm(3.0), mm(3.0 + len), mm(y), 0.4, RULE);
    }
}

fn info_block(l: &mut Layout, inv: &Invoice) {
    let mut facts: Vec<(&str, String)> = vec![
        (if inv.kind == InvoiceKind::CreditNote { "Stornorechnung Nr." } else { "Rechnung Nr." }, inv.number.to_string()),
        (if inv.kind == InvoiceKind::CreditNote { "Datum" } else { "Rechnungsdatum" }, date(&inv.issued)),
        ("Mitgliedsnummer", inv.member.to_string()),
        ("Leistungszeitraum", period(&inv.period.first_day().to_string(), &inv.period.last_day().to_string())),
    ];
    match &inv.corrects {
        Some(original) => facts.push(("Storno zu Rechnung", original.to_string())),
        None => facts.push(("Fällig am", date(&inv.due))),
    }
    if let Some(v) = &inv.buyer.vat_id {
        facts.push(("Ihre USt-IdNr.", v.clone()));
    }
    for (i, (k, v)) in facts.iter().enumerate() {
        let y = mm(56.0) + i as f32 * 13.0;
        l.text(INFO_X, y, st(8.0, false, GREY), Align::Left, k);
        l.text(RIGHT, y, st(9.0, i == 0, INK), Align::Right, v);
    }
}

fn month_name(inv: &Invoice) -> String {
    const MONTHS: [&str; 12] = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
    let first = inv.period.first_day().to_string();
    let m: usize = first[5..7].parse().unwrap_or(1);
    format!("{} {}", MONTHS[m.clamp(1, 12) - 1], &first[..4])
}

fn heading(l: &mut Layout, inv: &Invoice) {
    l.text(LEFT, mm(104.0), st(18.0, true, INK), Align::Left, &format!("{} {}", title(inv), inv.number));
    l.y = mm(107.0);
    let intro = match &inv.corrects {
        Some(original) => format!("mit dieser Stornorechnung heben wir die Rechnung {original} für {} vollständig auf.", month_name(inv)),
        None => format!("für Ihre Mitgliedschaft und Ihre Leistungen im {} berechnen wir Ihnen:", month_name(inv)),
    };
    l.paragraph(LEFT, RIGHT - LEFT, st(10.0, false, INK), "Guten Tag,");
    l.y += 5.0;
    l.paragraph(LEFT, RIGHT - LEFT, st(10.0, false, INK), &intro);
    l.y += mm(5.0);
}

fn table_header(l: &mut Layout) {
    let y = l.y;
    l.op(Op::Rect { x: LEFT, y, w: RIGHT - LEFT, h: 17.0, color: SHADE });
    let base = y + 11.5;
    for (x, align, label) in [
        (COL_POS, Align::Left, "Pos."),
        (COL_DESC, Align::Left, "Leistung"),
        (COL_QTY, Align::Right, "Menge"),
        (COL_PRICE, Align::Right, "Einzelpreis"),
        (COL_VAT, Align::Right, "USt."),
        (COL_AMOUNT, Align::Right, "Betrag"),
    ] {
        l.text(x, base, st(8.0, true, ACCENT), align, label);
    }
    l.y = y + 17.0;
}

fn table(l: &mut Layout, inv: &Invoice) {
    table_header(l);
    for line in &inv.lines {
        row(l, line);
    }
}

fn row(l: &mut Layout, line: &Line) {
    const SIZE: f32 = 9.0;
    const LEAD: f32 = 12.0;
    let face = &l.fonts.regular;
    let desc = wrap(&line.description, COL_DESC_END - COL_DESC, |s| face.width(s, SIZE));
    let mut price = vec![euro(line.unit_price)];
    if line.base_quantity != 1 {
        price.push(format!("je {}", quantity(line.base_quantity, line.unit)));
    }
    let lines = (desc.len() + 1).max(price.len());
    let height = lines as f32 * LEAD + 8.0;
    if l.ensure(height) {
        table_header(l);
    }
    let top = l.y + 4.0 + SIZE;
    l.text(COL_POS, top, st(SIZE, false, GREY), Align::Left, &line.pos.to_string());
    for (i, d) in desc.iter().enumerate() {
        l.text(COL_DESC, top + i as f32 * LEAD, st(SIZE, false, INK), Align::Left, d);
    }
    let when = period(&line.service_from, &line.service_to);
    l.text(COL_DESC, top + desc.len() as f32 * LEAD, st(7.5, false, GREY), Align::Left, &when);
    l.text(COL_QTY, top, st(SIZE, false, INK), Align::Right, &quantity(line.quantity, line.unit));
    for (i, p) in price.iter().enumerate() {
        let (size, color) = if i == 0 { (SIZE, INK) } else { (7.5, GREY) };
        l.text(COL_PRICE, top + i as f32 * LEAD, st(size, false, color), Align::Right, p);
    }
    l.text(COL_VAT, top, st(SIZE, false, INK), Align::Right, &line_vat(line));
    l.text(COL_AMOUNT, top, st(SIZE, false, INK), Align::Right, &euro(line.net));
    l.y += height;
    let y = l.y;
    l.rule(LEFT, RIGHT, y, 0.4, RULE);
}

fn totals(l: &mut Layout, inv: &Invoice) {
    const LABEL: f32 = mm(112.0);
    let breakdown = inv.breakdown();
    let mut rows: Vec<(String, String)> = Vec::new();
    if breakdown.len() > 1 {
        rows.push(("Summe netto".into(), euro(inv.net)));
    }
    for b in &breakdown {
        rows.push((basis_label(b), euro(b.basis)));
        if let Some(label) = tax_label(b) {
            rows.push((label, euro(b.tax)));
        }
    }
    l.ensure(rows.len() as f32 * 13.0 + 40.0);
    l.y += 6.0;
    for (k, v) in rows {
        l.y += 13.0;
        let y = l.y;
        l.text(LABEL, y, st(9.0, false, INK), Align::Left, &k);
        l.text(COL_AMOUNT, y, st(9.0, false, INK), Align::Right, &v);
    }
    l.y += 8.0;
    let y = l.y;
    l.op(Op::Rect { x: LABEL - mm(2.0), y, w: RIGHT - LABEL + mm(2.0), h: 21.0, color: SHADE });
    l.text(LABEL, y + 14.5, st(11.0, true, ACCENT), Align::Left, "Gesamtbetrag");
    l.text(COL_AMOUNT, y + 14.5, st(11.0, true, ACCENT), Align::Right, &euro(inv.gross));
    l.y = y + 21.0 + mm(4.0);
}

fn closing(l: &mut Layout, inv: &Invoice, options: &Options) {
    for note in vat_notes(inv) {
        l.paragraph(LEFT, RIGHT - LEFT, st(8.5, false, GREY), &note);
        l.y += 2.0;
    }
    l.y += mm(3.0);
    l.paragraph(LEFT, RIGHT - LEFT, st(9.5, false, INK), &payment_text(inv, options));
    l.y += mm(3.0);
    let thanks = match inv.kind {
        InvoiceKind::Invoice => "Vielen Dank für Ihr Vertrauen!",
        InvoiceKind::CreditNote => "Bei Fragen sind wir gern für Sie da.",
    };
    l.paragraph(LEFT, RIGHT - LEFT, st(9.5, false, INK), thanks);
}

/// The footer of page `n` of `count` (on the last page of `l`): three columns of the seller's data, the
/// legal lines, the page number.
fn footer(l: &mut Layout, inv: &Invoice, n: usize, count: usize) {
    let s = &inv.seller;
    let legal = s.legal.len() as f32 * 9.0;
    let top = PAGE_H - mm(26.0) - legal;
    l.rule(LEFT, RIGHT, top, 0.4, RULE);
    let mut col2: Vec<String> =
        [s.phone.as_ref().map(|p| format!("Telefon {p}")), s.email.as_ref().map(|e| format!("E-Mail {e}"))].into_iter().flatten().collect();
    col2.extend(seller_tax_ids(s));
    let col3: Vec<String> =
        [s.bank.clone(), s.iban.as_deref().map(|i| format!("IBAN {}", iban(i))), s.bic.as_ref().map(|b| format!("BIC {b}"))].into_iter().flatten().collect();
    let columns = [(LEFT, address(s, home(inv))), (mm(84.0), col2), (mm(143.0), col3)];
    let mut bottom = top;
    for (x, lines) in columns {
        for (i, text) in lines.iter().enumerate() {
            let y = top + 10.0 + i as f32 * 9.0;
            bottom = bottom.max(y);
            l.text(x, y, st(7.0, false, GREY), Align::Left, text);
        }
    }
    for (i, text) in s.legal.iter().enumerate() {
        l.text(LEFT, bottom + 11.0 + i as f32 * 9.0, st(6.5, false, GREY), Align::Left, text);
    }
    let page = format!("{} {} · Seite {n} von {count}", title(inv), inv.number);
    l.text(RIGHT, PAGE_H - mm(8.0), st(7.0, false, GREY), Align::Right, &page);
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill { paint: rgb::Color::new(color.0, color.1, color.2).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn metadata(inv: &Invoice) -> Metadata {
    let d = &inv.issued;
    let (y, m, day) = (d[..4].parse().unwrap_or(2000), d[5..7].parse().unwrap_or(1), d[8..10].parse().unwrap_or(1));
    let date = DateTime::new(y).month(m).day(day).hour(0).minute(0).second(0).utc_offset_hour(0).utc_offset_minute(0);
    Metadata::new()
        .title(format!("{} {}", title(inv), inv.number))
        .authors(vec![inv.seller.name.clone()])
        .description(format!("{} {} für Mitglied {}, {}", title(inv), inv.number, inv.member, inv.period))
        .language("de-DE".into())
        .creator("hsadmin".into())
        .creation_date(date)
}

fn write(inv: &Invoice, fonts: &Fonts, pages: Vec<Vec<Op>>) -> Result<Vec<u8>> {
    let failed = |e: String| Error::Failed(format!("the PDF of {} could not be written: {e}", inv.number));
    let configuration = ConfigurationBuilder::new().with_archival_validator(Archival::A3_B).finish().map_err(|e| failed(format!("{e:?}")))?;
    let settings = krilla::SerializeSettings { configuration, ..Default::default() };
    let mut doc = Document::new_with(settings);
    doc.set_metadata(metadata(inv));
    for ops in pages {
        let mut page = doc.start_page_with(PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4"));
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text { x, y, size, bold, color, align, text } => {
                    let face = fonts.face(bold);
                    let x = if align == Align::Right { x - face.width(&text, size) } else { x };
                    surface.set_fill(Some(fill(color)));
                    surface.draw_glyphs(Point::from_xy(x, y), &face.glyphs(&text), face.font.clone(), &text, size, false);
                }
                Op::Line { x1, x2, y, width, color } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1, y);
                    pb.line_to(x2, y);
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke { paint: rgb::Color::new(color.0, color.1, color.2).into(), width, ..Default::default() }));
                    if let Some(path) = pb.finish() {
                        surface.draw_path(&path);
                    }
                    surface.set_stroke(None);
                }
                Op::Rect { x, y, w, h, color } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = Rect::from_xywh(x, y, w, h) {
                        pb.push_rect(r);
                    }
                    surface.set_fill(Some(fill(color)));
                    if let Some(path) = pb.finish() {
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| failed(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn is_a_pdf_with_embedded_fonts() {
        let pdf = render(&sample(), &Options::default()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "no PDF header");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("FontFile2"), "the fonts are not embedded");
        assert!(text.contains("pdfaid:part"), "no PDF/A identification");
        // The same invoice renders the same bytes.
        assert_eq!(pdf, render(&sample(), &Options::default()).unwrap());
    }

    #[test]
    fn many_lines_flow_onto_more_pages() {
        let mut inv = sample();
        let one = inv.lines[0].clone();
        inv.lines = (1..=60).map(|pos| Line { pos, ..one.clone() }).collect();
        let pdf = render(&inv, &Options::default()).unwrap();
        let pages = String::from_utf8_lossy(&pdf).matches("/Type /Page\n").count() + String::from_utf8_lossy(&pdf).matches("/Type /Page/").count();
        assert!(pdf.len() > 1000 && pages != 1, "{pages}");
    }

    #[test]
    fn measures_text() {
        let f = Face::new(REGULAR).unwrap();
        let (a, b) = (f.width("1", 10.0), f.width("11", 10.0));
        assert!(a > 4.0 && (b - 2.0 * a).abs() < 0.01, "{a} {b}");
    }
}
