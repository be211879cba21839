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
    // Closing marks hang: the standard's default, which nothing may turn off
    // (the element is left out, see src/docx/line_rules.rs).
    for part in ["word/styles.xml", "word/document.xml"] {
        let root = parse(&parts[part]);
        for e in root.all("w:overflowPunct") {
            assert!(
                !matches!(e.attr("w:val"), Some("0" | "false" | "off")),
                "{part}: hanging punctuation turned off"
            );
        }
    }
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

#[test]
fn run_in_headings_are_listed_with_the_headings() {
    let parts = parts(&sample_docx());
    let body = parse(&parts["word/document.xml"]);
    let mut run_in = 0;
    for p in body.all("w:p") {
        let first_style = p
            .all("w:r")
            .first()
            .and_then(|r| r.child("w:rPr"))
            .and_then(|r| r.child("w:rStyle"))
            .and_then(|s| s.attr("w:val"))
            .map(str::to_string);
        let Some(level) = first_style
            .as_deref()
            .and_then(|s| s.strip_prefix("Heading"))
            .and_then(|s| s.strip_suffix("Char"))
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        run_in += 1;
        let ppr = p.child("w:pPr").unwrap();
        assert_eq!(
            ppr.child("w:outlineLvl").and_then(|o| o.attr("w:val")),
            Some((level - 1).to_string().as_str()),
            "a run-in heading missing from the navigation pane: {}",
            docx_support::visible(p)
        );
        // Heading and text stay one paragraph: one line in any word processor.
        assert!(p.all("w:r").len() > 2, "{}", docx_support::visible(p));
    }
    assert!(run_in > 3, "the sample has run-in headings");
}
