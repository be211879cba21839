//! Document → DOCX: an editable Word document in the official layout
//! (GB/T 9704-2012), with real styles, a document grid, official font names
//! and page-number footers.
//!
//! Phases: check the text ([`text`]), build with docx-rs ([`body`],
//! [`styles`], [`footer`]), post-process what docx-rs cannot write ([`post`],
//! [`props`]), and pack the parts ([`crate::package`]). Word lays the text out; we
//! declare the page, the grid and the styles.

mod addressees;
mod attachment;
mod attendance;
mod body;
mod closing;
mod font_table;
mod footer;
mod head;
mod head_geometry;
mod head_xml;
mod kinds;
mod letter;
mod line_rules;
mod post;
mod props;
mod schema;
mod signature;
mod styles;
mod table;
mod text;
mod units;
pub(crate) mod xml;

use crate::error::{Error, Result};
use crate::model::Document;
use crate::style::Style;
use docx_rs::{DocGrid, DocGridType, Docx, PageMargin, Settings};
use units::{body_char, Page};

/// The footers, odd pages first, then even, then a letter's first page:
/// the order docx-rs numbers them in.
const FOOTERS: [&str; 3] = ["word/footer1.xml", "word/footer2.xml", "word/footer3.xml"];

/// Writes `doc` as a DOCX file laid out per `style`; returns the file's bytes.
///
/// The same document and style always give the same bytes. Text that a DOCX
/// cannot hold (control characters other than tab and line breaks) is an error.
pub fn write(doc: &Document, style: &Style) -> Result<Vec<u8>> {
    text::validate(doc)?;
    let built = build(doc, style)?.build();
    let parts = post_process(built, doc, style)?;
    crate::package::zip(&parts, doc.meta.date, "DOCX")
}

/// The document as docx-rs models it.
fn build(doc: &Document, style: &Style) -> Result<Docx> {
    let page = Page::new(style);
    let mut docx = Docx::new()
        .styles(styles::styles(style))
        // Table rows keep to the line grid, as in Word's Chinese defaults.
        .settings(Settings::new().adjust_line_height_in_table())
        // A4 and the margins of the 156 × 225 mm text block [5.2, 5.2.1].
        .page_size(page.width, page.height)
        .page_margin(
            PageMargin::new()
                .top(page.top)
                .right(page.right)
                .bottom(page.bottom)
                .left(page.left)
                .header(twips_header(&page))
                .footer(page.footer)
                .gutter(0),
        )
        // Page numbers right on odd pages, left on even ones [7.5].
        .footer(footer::odd(style))
        .even_footer(footer::even(style));
    if head::unnumbered_first_page(doc) {
        // A letter's first page shows no page number [10.1].
        docx = docx.first_footer(footer::blank());
    }
    // 22 lines a page [5.2.3]: a lines-only grid of the official pitch.
    let section = std::mem::take(&mut docx.document.section_property);
    docx.document.section_property = section.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(page.line_pitch),
    );
    for part in body::body(doc, style)? {
        docx = match part {
            body::Part::P(p) => docx.add_paragraph(p),
            body::Part::T(t) => docx.add_table(t),
        };
    }
    Ok(docx)
}

/// No header is used; its distance only has to stay inside the top margin,
/// or Word would push the text block down.
fn twips_header(page: &Page) -> i32 {
    (page.top / 2).min(851)
}

/// Parses docx-rs's parts, fixes them, adds ours; returns the parts to store,
/// in storage order (content types first, as Word writes them).
fn post_process(
    built: docx_rs::XMLDocx,
    doc: &Document,
    style: &Style,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut parsed: Vec<(&str, xml::Element)> = vec![
        (
            "[Content_Types].xml",
            xml::parse(&built.content_type, "[Content_Types].xml")?,
        ),
        ("_rels/.rels", xml::parse(&built.rels, "_rels/.rels")?),
        ("docProps/core.xml", props::core(doc)),
        ("docProps/app.xml", props::app()),
        (
            "word/document.xml",
            xml::parse(&built.document, "word/document.xml")?,
        ),
        (
            "word/_rels/document.xml.rels",
            xml::parse(&built.document_rels, "word/_rels/document.xml.rels")?,
        ),
        (
            "word/styles.xml",
            xml::parse(&built.styles, "word/styles.xml")?,
        ),
        (
            "word/settings.xml",
            xml::parse(&built.settings, "word/settings.xml")?,
        ),
        ("word/fontTable.xml", font_table::font_table()),
    ];
    for (i, f) in built.footers.iter().enumerate() {
        let name = FOOTERS
            .get(i)
            .ok_or_else(|| Error::new("internal error: unexpected DOCX footer"))?;
        parsed.push((name, xml::parse(f, name)?));
    }
    let names: Vec<String> = parsed.iter().map(|(n, _)| n.to_string()).collect();
    let exists = |name: &str| names.iter().any(|n| n == name);
    let ch = body_char(style);
    let patches = styles::patches(style);
    for (name, root) in parsed.iter_mut() {
        post::tidy(root);
        match *name {
            "[Content_Types].xml" | "_rels/.rels" => post::prune(root, &exists, ""),
            "word/_rels/document.xml.rels" => post::prune(root, &exists, "word/"),
            "word/document.xml" => {
                head::insert(root, doc, style);
                post::char_units(root, ch);
                post::section(root);
                if doc.meta.duplex && closing::has_closing(doc, style) {
                    closing::even_page_section(root);
                }
                post::table_headers(root);
            }
            "word/settings.xml" => post::settings(root),
            "word/styles.xml" => {
                post::styles(root, &patches);
                post::char_units(root, ch);
            }
            name if FOOTERS.contains(&name) => post::zero_indents(root),
            _ => {}
        }
        post::order(root);
    }
    Ok(parsed
        .into_iter()
        .map(|(name, root)| (name.to_string(), root.to_part()))
        .collect())
}
