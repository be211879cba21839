//! Pages to OFD (GB/T 33190-2016), the format Chinese offices store and
//! exchange electronic documents in: the same pages the PDF writer draws —
//! every glyph run, rule, highlight band and page number at the same place —
//! with TrueType subsets of the faces embedded, the text as characters (so
//! search and copy need nothing more), and the document's metadata.
//!
//! The writer only draws: it reads the layout and returns bytes. Nothing
//! here reads the clock or the environment, and object IDs are given in
//! drawing order, so the same layout gives the same bytes.

mod document;
mod fonts;
mod page;
mod sfnt;
pub mod subset;
mod xml;

use std::collections::BTreeMap;

use crate::error::Result;
use crate::fonts::FontBook;
use crate::layout::Layout;
use crate::model::Document;

use document::{FontEntry, DOC_DIR, RES_DIR};

/// Object IDs of one document, handed out in order from 1 (7.4: IDs are
/// unique in the document and none exceeds `MaxUnitID`).
#[derive(Default)]
pub(crate) struct Ids {
    last: u32,
}

impl Ids {
    pub fn next(&mut self) -> u32 {
        self.last += 1;
        self.last
    }
}

/// Writes the layout as the bytes of an OFD package.
pub fn write(layout: &Layout, doc: &Document, fonts: &FontBook) -> Result<Vec<u8>> {
    let mut ids = Ids::default();
    let color_space = ids.next();

    let mut font_ids = BTreeMap::new();
    let mut entries = Vec::new();
    let mut files = Vec::new();
    for (font, chars) in fonts::characters(layout) {
        let bytes = fonts::embed(fonts, font, &chars)?;
        let id = ids.next();
        let file = format!("font_{id}.ttf");
        font_ids.insert(font, id);
        files.push((format!("{DOC_DIR}/{RES_DIR}/{file}"), bytes));
        let (name, family, bold) = fonts::names(fonts, font);
        entries.push(FontEntry {
            id,
            name,
            family,
            bold,
            file,
        });
    }

    let pages: Vec<(u32, String)> = (0..layout.pages.len())
        .map(|k| (ids.next(), format!("Pages/Page_{k}/Content.xml")))
        .collect();
    let page_ids: Vec<u32> = pages.iter().map(|(id, _)| *id).collect();
    let contents: Vec<String> = layout
        .pages
        .iter()
        .map(|p| page::content(p, &font_ids, &mut ids))
        .collect();

    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(4 + pages.len() + files.len());
    parts.push((
        "OFD.xml".into(),
        document::ofd_xml(doc, &document::doc_id(doc)).into_bytes(),
    ));
    parts.push((
        format!("{DOC_DIR}/Document.xml"),
        document::document_xml(
            ids.last,
            xml::mm(layout.page_width),
            xml::mm(layout.page_height),
            color_space,
            &pages,
            &document::outlines_xml(layout, &page_ids),
        )
        .into_bytes(),
    ));
    parts.push((
        format!("{DOC_DIR}/PublicRes.xml"),
        document::public_res_xml(color_space, &entries).into_bytes(),
    ));
    for ((_, loc), content) in pages.iter().zip(contents) {
        parts.push((format!("{DOC_DIR}/{loc}"), content.into_bytes()));
    }
    parts.extend(files);
    crate::package::zip(&parts, doc.meta.date, "OFD")
}
