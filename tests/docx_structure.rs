//! The sample report's DOCX read back with a ZIP and XML reader: the things a
//! clerk opening it in Word would notice — title, styles, fonts, sizes,
//! margins, grid, footers, properties — and that every part is well formed
//! and in the order Word insists on.

mod docx_support;

use docx_support::{entries, parse, parts, sample, sample_docx, small_doc, visible, El};
use gongwen::model::{Block, Heading, Inline, Paragraph};
use gongwen::style::Style;

fn document(parts: &std::collections::BTreeMap<String, String>) -> El {
    parse(&parts["word/document.xml"])
}

fn paragraphs_with_style<'a>(body: &'a El, id: &str) -> Vec<&'a El> {
    body.all("w:p")
        .into_iter()
        .filter(|p| {
            p.child("w:pPr")
                .and_then(|ppr| ppr.child("w:pStyle"))
                .and_then(|s| s.attr("w:val"))
                == Some(id)
        })
        .collect()
}

fn val<'a>(e: &'a El, path: &[&str]) -> Option<&'a str> {
    let mut cur = e;
    for name in path {
        cur = cur.child(name)?;
    }
    cur.attr("w:val")
}

#[test]
fn every_part_is_well_formed_compressed_and_listed() {
    let docx = sample_docx();
    let entries = entries(&docx);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "[Content_Types].xml", "content types come first");
    for required in [
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(names.contains(&required), "{required} missing: {names:?}");
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.compression(),
            zip::CompressionMethod::Deflated,
            "{} not compressed",
            f.name()
        );
    }
    let parts = parts(&docx);
    for (name, xml) in &parts {
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""),
            "{name}: no XML declaration"
        );
        parse(xml); // panics with the position of any well-formedness error
    }
    // Every override names a stored part; every relationship targets one.
    let types = parse(&parts["[Content_Types].xml"]);
    for o in types.all("Override") {
        let p = o.attr("PartName").unwrap().trim_start_matches('/');
        assert!(parts.contains_key(p), "content type for missing part {p}");
    }
    for (rels, base) in [
        ("_rels/.rels", ""),
        ("word/_rels/document.xml.rels", "word/"),
    ] {
        for r in parse(&parts[rels]).all("Relationship") {
            let t = format!("{base}{}", r.attr("Target").unwrap());
            assert!(parts.contains_key(&t), "{rels} points at missing {t}");
        }
    }
    assert!(
        docx.len() < 60 * 1024,
        "sample DOCX is {} bytes",
        docx.len()
    );
}

/// The order of the children Word is strict about, as far as we write them.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:widowControl",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:outlineLvl",
    "w:rPr",
];
const RPR: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:color",
    "w:spacing",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:lang",
];
const SECT: &[&str] = &[
    "w:footerReference",
    "w:pgSz",
    "w:pgMar",
    "w:cols",
    "w:docGrid",
];
const STYLE: &[&str] = &[
    "w:name",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:qFormat",
    "w:pPr",
    "w:rPr",
];

fn assert_order(e: &El, seq: &[&str], part: &str) {
    let ranks: Vec<usize> = e
        .children
        .iter()
        .map(|c| {
            seq.iter()
                .position(|s| *s == c.name)
                .unwrap_or_else(|| panic!("{part}: unexpected {} in {}", c.name, e.name))
        })
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "{part}: {} children out of schema order: {:?}",
        e.name,
        e.child_names()
    );
}

#[test]
fn properties_are_in_schema_order() {
    let parts = parts(&sample_docx());
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        let root = parse(&parts[name]);
        for ppr in root.all("w:pPr") {
            assert_order(ppr, PPR, name);
        }
        for rpr in root.all("w:rPr") {
            assert_order(rpr, RPR, name);
        }
        for s in root.all("w:style") {
            assert_order(s, STYLE, name);
        }
        for s in root.all("w:sectPr") {
            assert_order(s, SECT, name);
        }
        for r in root.all("w:r") {
            if let Some(i) = r.children.iter().position(|c| c.name == "w:rPr") {
                assert_eq!(i, 0, "{name}: w:rPr must lead its run");
            }
        }
    }
}

#[test]
fn page_margins_and_grid_follow_the_standard() {
    let parts = parts(&sample_docx());
    let doc = document(&parts);
    let sect = doc.all("w:sectPr")[0];
    let sz = sect.child("w:pgSz").unwrap();
    assert_eq!(
        (sz.attr("w:w"), sz.attr("w:h")),
        (Some("11906"), Some("16838")),
        "A4"
    );
    let m = sect.child("w:pgMar").unwrap();
    // 37 mm top, 28 mm left, 26 mm right, 35 mm bottom, in twips.
    assert_eq!(m.attr("w:top"), Some("2098"));
    assert_eq!(m.attr("w:left"), Some("1587"));
    assert_eq!(m.attr("w:right"), Some("1474"));
    assert_eq!(m.attr("w:bottom"), Some("1984"));
    let grid = sect.child("w:docGrid").unwrap();
    assert_eq!(grid.attr("w:type"), Some("lines"));
    assert_eq!(grid.attr("w:linePitch"), Some("579"), "22 lines a page");
    assert_eq!(grid.attr("w:charSpace"), None);
}

#[test]
fn styles_carry_the_official_fonts_and_sizes() {
    let parts = parts(&sample_docx());
    let styles = parse(&parts["word/styles.xml"]);
    let defaults = styles.child("w:docDefaults").unwrap();
    let lang = defaults.all("w:lang")[0];
    assert_eq!(lang.attr("w:eastAsia"), Some("zh-CN"));

    let normal = styles.style("Normal");
    assert_eq!(normal.attr("w:default"), Some("1"));
    assert_eq!(val(normal, &["w:rPr", "w:sz"]), Some("32"), "3号 = 16 pt");
    assert_eq!(
        val(normal, &["w:rPr", "w:spacing"]),
        Some("-5"),
        "28 characters a line"
    );
    let fonts = normal.child("w:rPr").unwrap().child("w:rFonts").unwrap();
    assert_eq!(fonts.attr("w:eastAsia"), Some("仿宋_GB2312"));
    assert_eq!(fonts.attr("w:ascii"), Some("Times New Roman"));
    assert_eq!(fonts.attr("w:hAnsi"), Some("Times New Roman"));

    let title = styles.style("Title");
    assert_eq!(val(title, &["w:rPr", "w:sz"]), Some("44"), "2号 = 22 pt");
    assert_eq!(val(title, &["w:pPr", "w:jc"]), Some("center"));
    let east = |s: &El| {
        s.child("w:rPr")
            .unwrap()
            .child("w:rFonts")
            .unwrap()
            .attr("w:eastAsia")
            .map(str::to_string)
    };
    assert_eq!(east(title).as_deref(), Some("方正小标宋简体"));

    for (level, font) in [
        (1, "黑体"),
        (2, "楷体_GB2312"),
        (3, "仿宋_GB2312"),
        (4, "仿宋_GB2312"),
    ] {
        let h = styles.style(&format!("Heading{level}"));
        assert_eq!(
            val(h, &["w:name"]),
            Some(format!("heading {level}").as_str())
        );
        assert_eq!(
            val(h, &["w:pPr", "w:outlineLvl"]),
            Some((level - 1).to_string().as_str())
        );
        assert_eq!(east(h).as_deref(), Some(font), "heading {level} font");
        let c = styles.style(&format!("Heading{level}Char"));
        assert_eq!(c.attr("w:type"), Some("character"));
        assert_eq!(
            east(c).as_deref(),
            Some(font),
            "run-in heading {level} font"
        );
    }

    let body = styles.style("BodyText");
    let ind = body.child("w:pPr").unwrap().child("w:ind").unwrap();
    assert_eq!(
        ind.attr("w:firstLineChars"),
        Some("200"),
        "two characters in"
    );
    assert_eq!(ind.attr("w:firstLine"), Some("640"));

    let footer = styles.style("Footer");
    assert_eq!(
        val(footer, &["w:rPr", "w:sz"]),
        Some("28"),
        "4号 page numbers"
    );
    assert_eq!(east(footer).as_deref(), Some("宋体"));
    assert_eq!(
        val(styles.style("IndexText"), &["w:rPr", "w:sz"]),
        Some("28")
    );
}

#[test]
fn body_has_title_headings_lists_index_and_signature() {
    let doc = sample();
    let parts = parts(&sample_docx());
    let body = document(&parts);

    let title = paragraphs_with_style(&body, "Title");
    assert_eq!(title.len(), 1);
    // Broken into balanced lines as the printed copy is [GB/T 9704 7.3.1],
    // never inside a word: a line break before 及.
    assert_eq!(
        visible(title[0]),
        "楚雄州科学技术局2020年科技创新工作情况\n及2021年工作要点"
    );
    assert_eq!(visible(title[0]).replace('\n', ""), doc.meta.title);

    // The index block: a bordered table of label/value pairs.
    let tbl = body.all("w:tbl")[0];
    assert!(tbl
        .child("w:tblPr")
        .unwrap()
        .child("w:tblBorders")
        .is_some());
    let rows: Vec<Vec<String>> = tbl
        .all("w:tr")
        .into_iter()
        .map(|r| r.all("w:tc").into_iter().map(visible).collect())
        .collect();
    let want: Vec<Vec<String>> = doc
        .meta
        .index
        .iter()
        .map(|(l, v)| vec![format!("{l}："), v.clone()])
        .collect();
    assert_eq!(rows, want, "one label/value pair a row, in order");

    let h1: Vec<String> = paragraphs_with_style(&body, "Heading1")
        .into_iter()
        .map(visible)
        .collect();
    assert!(
        h1.iter().any(|h| h == "一、2020年主要工作开展情况"),
        "{h1:?}"
    );

    // Run-in level-2 heading: 楷体 runs, then the body runs, in one paragraph.
    let run_in = paragraphs_with_style(&body, "BodyText")
        .into_iter()
        .find(|p| visible(p).starts_with("（一）提高政治站位"))
        .expect("run-in heading paragraph");
    let runs = run_in.all("w:r");
    let rstyle = |r: &El| val(r, &["w:rPr", "w:rStyle"]).map(str::to_string);
    assert_eq!(rstyle(runs[0]).as_deref(), Some("Heading2Char"));
    assert_eq!(rstyle(runs.last().unwrap()), None);
    assert!(visible(runs.last().unwrap()).starts_with("全州科技系统"));

    let items = paragraphs_with_style(&body, "ListDash");
    assert!(!items.is_empty());
    assert!(items.iter().all(|p| visible(p).starts_with("——")));

    let sig = paragraphs_with_style(&body, "Signature");
    assert_eq!(visible(sig[0]), doc.meta.issuer);
    let ind = sig[0].child("w:pPr").unwrap().child("w:ind").unwrap();
    assert_eq!(
        ind.attr("w:rightChars"),
        Some("200"),
        "issuer two characters in from the right"
    );
    let date = paragraphs_with_style(&body, "Date");
    assert_eq!(visible(date[0]), "2021年1月10日");
    // The blank line between the body and the issuer.
    let ps = body.all("w:p");
    let at = ps.iter().position(|p| std::ptr::eq(*p, sig[0])).unwrap();
    assert_eq!(visible(ps[at - 1]), "");
}

#[test]
fn footers_number_odd_pages_right_and_even_pages_left() {
    let parts = parts(&sample_docx());
    let settings = parse(&parts["word/settings.xml"]);
    assert!(settings.child("w:evenAndOddHeaders").is_some());
    let body = document(&parts);
    let rels = parse(&parts["word/_rels/document.xml.rels"]);
    let target = |id: &str| {
        rels.all("Relationship")
            .into_iter()
            .find(|r| r.attr("Id") == Some(id))
            .and_then(|r| r.attr("Target"))
            .map(|t| format!("word/{t}"))
            .unwrap()
    };
    let refs = body.all("w:footerReference");
    for (kind, jc, side) in [("default", "right", "w:right"), ("even", "left", "w:left")] {
        let r = refs
            .iter()
            .find(|r| r.attr("w:type") == Some(kind))
            .expect(kind);
        let footer = parse(&parts[&target(r.attr("r:id").unwrap())]);
        let p = footer.all("w:p")[0];
        assert_eq!(val(p, &["w:pPr", "w:pStyle"]), Some("Footer"));
        assert_eq!(val(p, &["w:pPr", "w:jc"]), Some(jc), "{kind} footer");
        let ind = p.child("w:pPr").unwrap().child("w:ind").unwrap();
        assert_eq!(ind.attr(side), Some("280"), "one character in");
        assert_eq!(visible(p), "— 1 —");
        assert!(footer
            .all("w:instrText")
            .iter()
            .any(|i| i.text.trim() == "PAGE"));
    }
}

#[test]
fn core_properties_come_from_the_data() {
    let doc = sample();
    let parts = parts(&sample_docx());
    let core = parse(&parts["docProps/core.xml"]);
    let text = |n: &str| core.child(n).map(|e| e.text.clone()).unwrap_or_default();
    assert_eq!(text("dc:title"), doc.meta.title);
    assert_eq!(text("dc:creator"), doc.meta.issuer);
    assert_eq!(text("cp:keywords"), doc.meta.keywords.join("、"));
    assert_eq!(text("dcterms:created"), "2021-01-10T00:00:00Z");
    assert_eq!(text("dcterms:modified"), "2021-01-10T00:00:00Z");
}

#[test]
fn placeholders_and_strong_text_stand_out() {
    let doc = small_doc(vec![docx_support::para(vec![
        Inline::Text("经费".into()),
        Inline::Placeholder("results.funds".into()),
        Inline::Strong("万元".into()),
    ])]);
    let parts = parts(&gongwen::docx::write(&doc, &Style::default()).unwrap());
    let body = document(&parts);
    let runs = body.all("w:r");
    // The placeholder is all in yellow: its runs, read in order, are the
    // placeholder, with zero-width spaces that let Word break it as the PDF
    // does.
    let marked: Vec<_> = runs
        .iter()
        .filter(|r| val(r, &["w:rPr", "w:highlight"]) == Some("yellow"))
        .collect();
    let text: String = marked.iter().map(|r| visible(r)).collect();
    assert_eq!(text.replace('\u{200B}', ""), "【待填:results.funds】");
    assert!(text.contains("r\u{200B}e"), "{text:?}");
    // Each zero-width space sits in a run without the body's character
    // spacing, so it takes no width in Word.
    for r in marked.iter().filter(|r| visible(r).contains('\u{200B}')) {
        assert_eq!(visible(r), "\u{200B}");
        assert_eq!(val(r, &["w:rPr", "w:spacing"]), Some("0"));
    }
    let strong = runs.iter().find(|r| visible(r) == "万元").unwrap();
    assert!(strong.child("w:rPr").unwrap().child("w:b").is_some());
}

#[test]
fn attachments_and_long_dates_follow_the_standard() {
    let mut doc = small_doc(vec![Block::Paragraph(Paragraph {
        heading: Some(Heading {
            level: 2,
            number: "（一）".into(),
            content: vec![Inline::Text("标题。".into())],
            line: 1,
        }),
        content: vec![Inline::Text("正文。".into())],
        kind: Default::default(),
        line: 1,
    })]);
    doc.meta.attachments = vec!["甲表".into(), "乙表".into()];
    doc.meta.issuer = "某局".into(); // shorter than its date
    let parts = parts(&gongwen::docx::write(&doc, &Style::default()).unwrap());
    let body = document(&parts);
    let notes: Vec<String> = paragraphs_with_style(&body, "AttachmentNote")
        .into_iter()
        .map(visible)
        .collect();
    assert_eq!(notes, ["附件：1.甲表", "2.乙表"]);
    // The date is the longer: it sits two characters in, the issuer centred over it.
    let date = paragraphs_with_style(&body, "Date")[0];
    assert_eq!(val(date, &["w:pPr", "w:jc"]), Some("right"));
    let ind = date.child("w:pPr").unwrap().child("w:ind").unwrap();
    assert_eq!(ind.attr("w:rightChars"), Some("200"));
    let sig = paragraphs_with_style(&body, "Signature")[0];
    let ind = sig.child("w:pPr").unwrap().child("w:ind").unwrap();
    // (6.5 − 2) / 2 = 2.25 characters more than the date's 2.
    assert_eq!(ind.attr("w:rightChars"), Some("425"));
}

#[test]
fn tables_are_bordered_with_a_heiti_header() {
    use gongwen::model::{Align, Table};
    let t = |s: &str| vec![Inline::Text(s.into())];
    let doc = small_doc(vec![Block::Table(Table {
        header: vec![t("项目"), t("金额")],
        rows: vec![vec![t("研发"), t("6040")]],
        align: vec![Align::Left, Align::Right],
        line: 1,
    })]);
    let parts = parts(&gongwen::docx::write(&doc, &Style::default()).unwrap());
    let body = document(&parts);
    // The second table: the first is the index block.
    let tbl = body.all("w:tbl")[1];
    let borders = tbl.child("w:tblPr").unwrap().child("w:tblBorders").unwrap();
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        assert_eq!(
            borders.child(side).and_then(|b| b.attr("w:val")),
            Some("single"),
            "{side}"
        );
    }
    let rows = tbl.all("w:tr");
    // The header as the PDF sets it: 黑体 (a style), not a bold 仿宋.
    for p in rows[0].all("w:p") {
        assert_eq!(val(p, &["w:pPr", "w:pStyle"]), Some("TableHeader"));
    }
    for r in rows[0].all("w:r") {
        assert!(
            r.child("w:rPr")
                .is_none_or(|rpr| rpr.child("w:b").is_none()),
            "header set in bold"
        );
    }
    let styles = parse(&parts["word/styles.xml"]);
    let header = styles.style("TableHeader");
    assert_eq!(
        header
            .child("w:rPr")
            .and_then(|r| r.child("w:rFonts"))
            .and_then(|f| f.attr("w:eastAsia")),
        Some("黑体")
    );
    let cells = rows[1].all("w:p");
    assert_eq!(
        val(cells[1], &["w:pPr", "w:jc"]),
        Some("right"),
        "column alignment"
    );
    assert_eq!(visible(cells[1]), "6040");
}

#[test]
fn with_a_seal_the_date_sits_four_characters_in() {
    let doc = small_doc(vec![]);
    let style = Style {
        seal: true,
        ..Style::default()
    };
    let parts = parts(&gongwen::docx::write(&doc, &style).unwrap());
    let body = document(&parts);
    let ind = |id: &str| {
        paragraphs_with_style(&body, id)[0]
            .child("w:pPr")
            .unwrap()
            .child("w:ind")
            .unwrap()
            .attr("w:rightChars")
            .map(str::to_string)
    };
    assert_eq!(ind("Date").as_deref(), Some("400"));
    // "某某局" (3) centred over "2021年1月10日" (6.5): 4 + 1.75 characters in.
    assert_eq!(ind("Signature").as_deref(), Some("575"));
}

#[test]
fn an_empty_table_is_left_out() {
    use gongwen::model::Table;
    let doc = small_doc(vec![Block::Table(Table {
        header: vec![],
        rows: vec![],
        align: vec![],
        line: 1,
    })]);
    let parts = parts(&gongwen::docx::write(&doc, &Style::default()).unwrap());
    let body = document(&parts);
    for tbl in body.all("w:tbl") {
        assert!(!tbl.all("w:tr").is_empty(), "a table without rows");
    }
}
