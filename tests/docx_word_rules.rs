//! What the DOCX asks of Word so that Word lays it out like the PDF: the line
//! rules in settings.xml and the paragraph defaults (gbt9704.md, "How Word
//! lays out a line"), and a font table that lets an office PC without the
//! official fonts substitute the stock Windows ones.

mod docx_support;

use docx_support::{parse, parts, sample_docx, El};

fn styles_default_ppr(parts: &std::collections::BTreeMap<String, String>) -> El {
    let styles = parse(&parts["word/styles.xml"]);
    styles
        .child("w:docDefaults")
        .and_then(|d| d.child("w:pPrDefault"))
        .and_then(|d| d.child("w:pPr"))
        .cloned()
        .expect("paragraph defaults")
}

#[test]
fn word_is_told_not_to_compress_and_to_hang_closing_marks() {
    let parts = parts(&sample_docx());
    let settings = parse(&parts["word/settings.xml"]);
    let val = |name: &str| settings.child(name).and_then(|e| e.attr("w:val"));
    assert_eq!(val("w:characterSpacingControl"), Some("doNotCompress"));
    // The kinsoku lists are stated for Chinese, not left to Word's defaults.
    let before = settings
        .child("w:noLineBreaksBefore")
        .expect("line-start list");
    let after = settings
        .child("w:noLineBreaksAfter")
        .expect("line-end list");
    assert_eq!(before.attr("w:lang"), Some("zh-CN"));
    assert_eq!(after.attr("w:lang"), Some("zh-CN"));
    for c in "，。、；：？！）》”’…—".chars() {
        assert!(
            before.attr("w:val").unwrap().contains(c),
            "{c} may start a line"
        );
    }
    for c in "（《“‘【".chars() {
        assert!(
            after.attr("w:val").unwrap().contains(c),
            "{c} may end a line"
        );
    }
    let ppr = styles_default_ppr(&parts);
    let on = |name: &str| ppr.child(name).and_then(|e| e.attr("w:val"));
    assert_eq!(on("w:kinsoku"), Some("1"));
    assert_eq!(on("w:overflowPunct"), Some("1"), "closing marks hang");
    assert_eq!(
        on("w:topLinePunct"),
        Some("0"),
        "no compression at a line's start"
    );
    assert_eq!(on("w:wordWrap"), Some("1"));
}

#[test]
fn font_table_names_alternates_a_stock_windows_has() {
    let parts = parts(&sample_docx());
    let fonts = parse(&parts["word/fontTable.xml"]);
    let font = |name: &str| {
        fonts
            .all("w:font")
            .into_iter()
            .find(|f| f.attr("w:name") == Some(name))
            .cloned()
            .unwrap_or_else(|| panic!("{name} missing from the font table"))
    };
    for (official, alt) in [
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ] {
        let f = font(official);
        let v = |n: &str| f.child(n).and_then(|e| e.attr("w:val")).map(str::to_string);
        assert_eq!(v("w:altName").as_deref(), Some(alt), "{official}");
        assert_eq!(v("w:charset").as_deref(), Some("86"), "{official}: GB2312");
        assert_eq!(
            v("w:panose1").map(|p| p.len()),
            Some(20),
            "{official}: PANOSE"
        );
        assert!(f.child("w:sig").is_some(), "{official}: signature");
    }
    let tnr = font("Times New Roman");
    assert_eq!(
        tnr.child("w:panose1").and_then(|e| e.attr("w:val")),
        Some("02020603050405020304")
    );
}
