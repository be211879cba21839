//! Parts we write whole: the core and application properties (docx-rs has no
//! title, keywords or fixed modified date).

use super::xml::Element;
use crate::model::Document;

/// Title, issuer, subject words, dates — all from the data, never the clock.
pub(crate) fn core(doc: &Document) -> Element {
    let m = &doc.meta;
    let when = format!("{}T00:00:00Z", m.date.iso());
    let dated = |name: &str| {
        Element::new(name)
            .attr("xsi:type", "dcterms:W3CDTF")
            .text(&when)
    };
    Element::new("cp:coreProperties")
        .attr(
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        )
        .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        .child(Element::new("dc:title").text(&m.title))
        .child(Element::new("dc:creator").text(&m.issuer))
        // 主题词 as the reference prints them: 科、教、文.
        .child(Element::new("cp:keywords").text(&m.keywords.join("、")))
        .child(Element::new("cp:lastModifiedBy").text(&m.issuer))
        .child(Element::new("cp:revision").text("1"))
        .child(Element::new("dc:language").text("zh-CN"))
        .child(dated("dcterms:created"))
        .child(dated("dcterms:modified"))
}

pub(crate) fn app() -> Element {
    Element::new("Properties")
        .attr(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )
        .attr(
            "xmlns:vt",
            "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        )
        .child(Element::new("Application").text("gongwen"))
        .child(Element::new("DocSecurity").text("0"))
}
