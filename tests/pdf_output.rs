//! The PDF as a reader and a print shop see it: fonts embedded as subsets,
//! the text extractable and equal to the document's, a valid file, the same
//! bytes for the same input, metadata from the data.
mod pdf_support;

use pdf_support::*;

#[test]
fn every_font_is_embedded_as_a_subset() {
    let pdf = temp_file("fonts.pdf", &build_pdf(&sample_document()));
    let out = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let listing = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(
        rows.len() >= 4,
        "expected the title, body and heading fonts:\n{listing}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // ... emb sub uni object ID
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded+subset+unicode: {row}"
        );
        assert!(
            cols[0].chars().nth(6) == Some('+'),
            "subset fonts carry a tag: {row}"
        );
    }
}

#[test]
fn extracted_text_equals_the_document_text() {
    for (name, doc) in [
        ("sample", sample_document()),
        ("showcase", showcase_document()),
    ] {
        let pdf = temp_file(&format!("text-{name}.pdf"), &build_pdf(&doc));
        let out = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        let text = String::from_utf8_lossy(&out.stdout);
        // Page numbers ("— 3 —") are page furniture, not document text.
        let body: String = text
            .lines()
            .filter(|l| {
                !(l.trim().starts_with('—') && l.trim().ends_with('—') && l.trim().len() < 16)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let got = comparable(&body);
        let want = comparable(&gongwen::text::write(&doc));
        if got != want {
            let at = got
                .chars()
                .zip(want.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let ctx = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(20))
                    .take(50)
                    .collect::<String>()
            };
            panic!(
                "{name}: text differs at char {at}:\n pdf: {}\n doc: {}",
                ctx(&got),
                ctx(&want)
            );
        }
    }
}

#[test]
fn qpdf_finds_no_errors() {
    let pdf = temp_file("check.pdf", &build_pdf(&showcase_document()));
    let out = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "qpdf --check failed:\n{report}");
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

#[test]
fn same_input_gives_identical_bytes() {
    let doc = showcase_document();
    assert_eq!(build_pdf(&doc), build_pdf(&doc));
    let doc = sample_document();
    assert!(
        build_pdf(&doc) == build_pdf(&doc),
        "the reference PDF differs between two builds"
    );
}

#[test]
fn metadata_comes_from_the_document() {
    let doc = sample_document();
    let pdf = temp_file("meta.pdf", &build_pdf(&doc));
    let out = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let info = String::from_utf8_lossy(&out.stdout);
    assert!(info.contains(&doc.meta.title), "{info}");
    assert!(
        info.contains("楚雄州科学技术局"),
        "author is the issuer: {info}"
    );
    assert!(
        info.contains("科, 教, 文, 卫, 体") || info.contains("科,教,文,卫,体"),
        "keywords: {info}"
    );
    assert!(info.contains("2021"), "creation date from the data: {info}");
    let out = tool("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
    let xmp = String::from_utf8_lossy(&out.stdout);
    assert!(xmp.contains("zh-CN"), "language: {xmp}");
}

#[test]
fn outline_nests_the_numbered_headings() {
    let doc = showcase_document();
    let pdf = temp_file("outline.pdf", &build_pdf(&doc));
    let out = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let json = String::from_utf8_lossy(&out.stdout);
    for title in ["一、主要指标完成情况", "1.科技项目", "(1)生物医药"] {
        let title = full_width(title);
        assert!(json.contains(&title), "outline lacks {title}: {json}");
    }
    // (一) sits under 一、: the level-1 node has kids.
    assert!(json.contains("\"kids\": [\n"), "outline is flat: {json}");
    // Level 1 opens on its (一) entries; run-in headings are listed as
    // titles, without the full stop that ends them in the text.
    let outline: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    let top = outline["outlines"].as_array().expect("outline entries");
    assert!(!top.is_empty());
    for entry in top {
        assert_eq!(entry["open"], true, "{entry}");
    }
    assert!(
        json.contains(&full_width("\"(一)科技投入稳步增长\"")),
        "{json}"
    );
    assert!(
        !json.contains("。\""),
        "an outline title ends with 。: {json}"
    );
}

#[test]
fn tagged_text_reads_in_order_without_the_page_numbers() {
    let doc = sample_document();
    let layout = lay_out(&doc);
    let pdf = temp_file(
        "tagged.pdf",
        &gongwen::pdf::write(&layout, &doc, &fonts()).unwrap(),
    );
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&info.stdout).contains("Tagged:          yes"));
    // The structure tree's text, in its order: every line of the text
    // block as laid out, and no page number (an artifact).
    let out = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let tree = String::from_utf8_lossy(&out.stdout);
    let tagged: String = tree
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
        .collect();
    let laid_out: String = layout_lines(&layout)
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(without_whitespace(&tagged), without_whitespace(&laid_out));
    assert!(!tagged.contains("— 1 —"));
    // Headings are heading elements: 一、 at level 1.
    let h1 = tree
        .lines()
        .position(|l| l.trim_start().starts_with("H1"))
        .expect("an H1");
    assert!(tree.lines().nth(h1 + 1).unwrap().contains("一、"), "{tree}");
}

#[test]
fn the_sample_report_is_under_420_kb() {
    // Nine pages of subset CJK fonts; the structure tags and the digits'
    // Times-metric face add some 16 KB to what an untagged file needs.
    let bytes = build_pdf(&sample_document());
    assert!(bytes.len() < 420_000, "{} bytes", bytes.len());
}

#[test]
fn odd_input_lays_out_without_panicking() {
    let mut doc = paragraphs(&[""]);
    doc.meta.title = "长".repeat(300);
    doc.meta.issuer = String::new();
    doc.meta.date = gongwen::model::Date {
        year: -5,
        month: 13,
        day: 0,
    };
    doc.blocks
        .push(gongwen::model::Block::Table(gongwen::model::Table {
            header: Vec::new(),
            rows: vec![vec![text("甲"); 40]],
            align: Vec::new(),
            line: 1,
        }));
    let bytes = build_pdf(&doc);
    assert!(bytes.starts_with(b"%PDF"));
}

#[test]
fn one_font_book_serves_a_batch_on_several_threads() {
    let doc = showcase_document();
    let book = fonts();
    let outputs: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let book = book.clone();
                let doc = &doc;
                s.spawn(move || {
                    let (bytes, _) =
                        gongwen::pdf::render(doc, &gongwen::style::Style::default(), &book)
                            .expect("render");
                    bytes
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "threads gave different PDFs"
    );
}
