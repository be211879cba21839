//! The package's descriptive parts: `OFD.xml` (the entry, with the
//! document's metadata), `Doc_0/Document.xml` (page size, pages, resources)
//! and `Doc_0/PublicRes.xml` (colour space and fonts).

use std::fmt::Write;

use crate::layout::Layout;
use crate::model::Document;

use super::xml::{escape, mm, num, DECLARATION, NS};

/// Where the document's parts live in the package.
pub const DOC_DIR: &str = "Doc_0";
/// The resource directory of `PublicRes.xml` (its `BaseLoc`), inside `DOC_DIR`.
pub const RES_DIR: &str = "Res";

/// A font as `PublicRes.xml` lists it.
pub struct FontEntry {
    pub id: u32,
    /// The PostScript name.
    pub name: String,
    pub family: String,
    pub bold: bool,
    /// File name inside the resource directory.
    pub file: String,
}

/// `OFD.xml`: title, author (the issuer), the date of writing as the
/// creation date (never the clock), subject words, and the index block and
/// head fields as custom data.
pub fn ofd_xml(doc: &Document, doc_id: &str) -> String {
    let m = &doc.meta;
    let mut out = String::from(DECLARATION);
    let _ = write!(
        out,
        "<ofd:OFD xmlns:ofd=\"{NS}\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo>\
         <ofd:DocID>{doc_id}</ofd:DocID><ofd:Title>{}</ofd:Title>",
        escape(&m.title)
    );
    if !m.issuer.is_empty() {
        let _ = write!(out, "<ofd:Author>{}</ofd:Author>", escape(&m.issuer));
    }
    let _ = write!(out, "<ofd:CreationDate>{}</ofd:CreationDate>", m.date.iso());
    if !m.keywords.is_empty() {
        out.push_str("<ofd:Keywords>");
        for k in &m.keywords {
            let _ = write!(out, "<ofd:Keyword>{}</ofd:Keyword>", escape(k));
        }
        out.push_str("</ofd:Keywords>");
    }
    let _ = write!(
        out,
        "<ofd:Creator>gongwen</ofd:Creator><ofd:CreatorVersion>{}</ofd:CreatorVersion>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("<ofd:CustomDatas>");
    for (name, value) in custom_data(doc) {
        let _ = write!(
            out,
            "<ofd:CustomData Name=\"{}\">{}</ofd:CustomData>",
            escape(&name),
            escape(&value)
        );
    }
    let _ = writeln!(
        out,
        "</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>{DOC_DIR}/Document.xml</ofd:DocRoot>\
         </ofd:DocBody></ofd:OFD>"
    );
    out
}

/// The index block's fields in order (索引号, 公文目录, 发文日期, 主题词, 文号 …),
/// then the head fields it does not already carry: the issuer (发文机关),
/// the date of writing (成文日期) and the subject words (主题词).
pub fn custom_data(doc: &Document) -> Vec<(String, String)> {
    let m = &doc.meta;
    let mut fields: Vec<(String, String)> = m.index.clone();
    let mut add = |name: &str, value: String| {
        if !value.is_empty() && !fields.iter().any(|(n, _)| n == name) {
            fields.push((name.to_string(), value));
        }
    };
    add(
        "发文机关",
        m.issuers().cloned().collect::<Vec<_>>().join("、"),
    );
    add("成文日期", m.date.chinese());
    add("主题词", m.keywords.join(" "));
    // The head and closing block of a printed 公文 (7.2, 7.3.2, 7.4), as an
    // archive indexes them.
    let h = &m.head;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    add("文号", text(&h.number));
    add("份号", text(&h.copy));
    add("密级", text(&h.secrecy));
    add("紧急程度", text(&h.urgency));
    add("签发人", h.signers.join("、"));
    add("主送机关", m.addressees.join("、"));
    add("抄送机关", m.closing.cc.join("、"));
    add("印发机关", text(&m.closing.printer));
    add("印发日期", text(&m.closing.printed));
    fields
}

/// `Doc_0/Document.xml`: the largest object ID, an A4 page area, the
/// public resources, the default colour space, and the pages in order.
pub fn document_xml(
    max_id: u32,
    width_mm: f32,
    height_mm: f32,
    color_space: u32,
    pages: &[(u32, String)],
    outline: &str,
) -> String {
    let mut out = String::from(DECLARATION);
    let _ = write!(
        out,
        "<ofd:Document xmlns:ofd=\"{NS}\"><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>\
         <ofd:PageArea><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:PageArea>\
         <ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DefaultCS>{color_space}</ofd:DefaultCS>\
         </ofd:CommonData><ofd:Pages>",
        num(width_mm),
        num(height_mm)
    );
    for (id, loc) in pages {
        let _ = write!(out, "<ofd:Page ID=\"{id}\" BaseLoc=\"{loc}\"/>");
    }
    out.push_str("</ofd:Pages>");
    out.push_str(outline);
    out.push_str("</ofd:Document>\n");
    out
}

/// The numbered headings as the document's outline (`Outlines`), nested by
/// level, each going to its line: what the PDF's bookmarks show.
pub fn outlines_xml(layout: &Layout, page_ids: &[u32]) -> String {
    let mut out = String::new();
    let mut open: Vec<u8> = Vec::new();
    for (page, id) in layout.pages.iter().zip(page_ids) {
        for a in &page.anchors {
            while open.last().is_some_and(|l| *l >= a.level) {
                out.push_str("</ofd:OutlineElem>");
                open.pop();
            }
            if out.is_empty() {
                out.push_str("<ofd:Outlines>");
            }
            // Level-1 entries open, so the (一) headings show too.
            let _ = write!(
                out,
                "<ofd:OutlineElem Title=\"{}\" Expanded=\"{}\"><ofd:Actions><ofd:Action Event=\"CLICK\">\
                 <ofd:Goto><ofd:Dest Type=\"XYZ\" PageID=\"{id}\" Left=\"0\" Top=\"{}\"/></ofd:Goto>\
                 </ofd:Action></ofd:Actions>",
                escape(&a.title),
                a.level == 1,
                num(mm(a.y))
            );
            open.push(a.level);
        }
    }
    for _ in open {
        out.push_str("</ofd:OutlineElem>");
    }
    if !out.is_empty() {
        out.push_str("</ofd:Outlines>");
    }
    out
}

/// `Doc_0/PublicRes.xml`: the RGB colour space and the embedded fonts.
pub fn public_res_xml(color_space: u32, fonts: &[FontEntry]) -> String {
    let mut out = String::from(DECLARATION);
    let _ = write!(
        out,
        "<ofd:Res xmlns:ofd=\"{NS}\" BaseLoc=\"{RES_DIR}\"><ofd:ColorSpaces>\
         <ofd:ColorSpace ID=\"{color_space}\" Type=\"RGB\" BitsPerComponent=\"8\"/></ofd:ColorSpaces>"
    );
    if !fonts.is_empty() {
        out.push_str("<ofd:Fonts>");
        for f in fonts {
            let _ = write!(
                out,
                "<ofd:Font ID=\"{}\" FontName=\"{}\" FamilyName=\"{}\"{}>\
                 <ofd:FontFile>{}</ofd:FontFile></ofd:Font>",
                f.id,
                escape(&f.name),
                escape(&f.family),
                if f.bold { " Bold=\"true\"" } else { "" },
                f.file
            );
        }
        out.push_str("</ofd:Fonts>");
    }
    out.push_str("</ofd:Res>\n");
    out
}

/// A document identifier (32 hex digits, like a UUID without dashes) made
/// from the document's own text, so the same input gives the same ID.
pub fn doc_id(doc: &Document) -> String {
    let m = &doc.meta;
    let mut text = format!("{}\n{}\n{}\n", m.title, m.issuer, m.date.iso());
    for (k, v) in &m.index {
        let _ = writeln!(text, "{k}={v}");
    }
    let fnv = |seed: u64| {
        text.bytes().fold(seed, |h, b| {
            (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01B3)
        })
    };
    format!(
        "{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x6c62_272e_07bb_0142)
    )
}
