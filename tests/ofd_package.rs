//! The OFD package as a reader receives it: every XML part valid against the
//! GB/T 33190-2016 schemas, every reference resolving (and the check that
//! says so failing on a planted break), metadata, page size, determinism,
//! and every run of the layout drawn where the PDF draws it.

mod ofd_support;

use std::collections::BTreeMap;

use ofd_support::{
    built, common, elements, expand_array, reference_errors, schema_errors, unzip, xsd_dir,
};

fn sample_parts() -> BTreeMap<String, Vec<u8>> {
    unzip(&std::fs::read(&built()[0].ofd).unwrap())
}

#[test]
fn every_xml_part_validates_against_the_ofd_schemas() {
    let Some(xsd) = xsd_dir() else {
        eprintln!("skipped: the OFD schemas are not at ../shared/ofd/xsd next to the checkout");
        return;
    };
    let mut checked = 0;
    for b in built() {
        let parts = unzip(&std::fs::read(&b.ofd).unwrap());
        let errors = schema_errors(&parts, &xsd, &b.name);
        assert!(errors.is_empty(), "{}: {errors:#?}", b.name);
        checked += parts.keys().filter(|k| k.ends_with(".xml")).count();
    }
    // OFD.xml, Document.xml, PublicRes.xml and a Content.xml per page, per document.
    assert!(checked >= 3 * 4, "only {checked} parts checked");
}

#[test]
fn every_reference_resolves_in_every_package() {
    for b in built() {
        let parts = unzip(&std::fs::read(&b.ofd).unwrap());
        let errors = reference_errors(&parts);
        assert!(errors.is_empty(), "{}: {errors:#?}", b.name);
    }
}

/// Replaces the first `from` in the named part.
fn plant(
    parts: &BTreeMap<String, Vec<u8>>,
    part: &str,
    from: &str,
    to: &str,
) -> BTreeMap<String, Vec<u8>> {
    let mut broken = parts.clone();
    let text = String::from_utf8(broken[part].clone()).unwrap();
    assert!(text.contains(from), "{part} has no {from:?}");
    broken.insert(part.into(), text.replacen(from, to, 1).into_bytes());
    broken
}

#[test]
fn the_reference_check_fails_on_planted_breaks() {
    let parts = sample_parts();
    let page = "Doc_0/Pages/Page_0/Content.xml";
    let content = String::from_utf8(parts[page].clone()).unwrap();
    let font_attr = content
        .split("Font=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|id| format!("Font=\"{id}\""))
        .expect("a text object on page 1");

    // A text object naming a font that is not there.
    let errors = reference_errors(&plant(&parts, page, &font_attr, "Font=\"9999\""));
    assert!(
        errors.iter().any(|e| e.contains("font 9999")),
        "{errors:#?}"
    );

    // A font file missing from the package.
    let mut missing = parts.clone();
    let font_file = parts.keys().find(|k| k.ends_with(".ttf")).unwrap().clone();
    missing.remove(&font_file);
    let errors = reference_errors(&missing);
    assert!(
        errors.iter().any(|e| e.contains("not in the package")),
        "{errors:#?}"
    );

    // One DeltaX value too few.
    let errors = reference_errors(&plant(&parts, page, "DeltaX=\"g ", "DeltaX=\"g 0 0 "));
    assert!(
        errors.iter().any(|e| e.contains("DeltaX values")),
        "{errors:#?}"
    );

    // An ID given twice, and one past MaxUnitID.
    let layer = content
        .split("<ofd:Layer ID=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let errors = reference_errors(&plant(
        &parts,
        page,
        "ID=\"18\"",
        &format!("ID=\"{layer}\""),
    ));
    assert!(
        errors.iter().any(|e| e.contains("given twice")),
        "{errors:#?}"
    );
    let errors = reference_errors(&plant(&parts, page, "ID=\"18\"", "ID=\"99999\""));
    assert!(
        errors.iter().any(|e| e.contains("MaxUnitID")),
        "{errors:#?}"
    );

    // An outline entry going to no page.
    let errors = reference_errors(&plant(
        &parts,
        "Doc_0/Document.xml",
        "PageID=\"",
        "PageID=\"7",
    ));
    assert!(errors.iter().any(|e| e.contains("no page")), "{errors:#?}");

    // A character the embedded subset does not have.
    let errors = reference_errors(&plant(&parts, page, "</ofd:TextCode>", "鑫</ofd:TextCode>"));
    assert!(errors.iter().any(|e| e.contains("cmap")), "{errors:#?}");
}

#[test]
fn metadata_names_title_issuer_date_and_the_index_fields() {
    let ofd = elements(&sample_parts()["OFD.xml"]);
    let text = |name: &str| ofd.iter().find(|e| e.name == name).map(|e| e.text.clone());
    assert_eq!(
        text("Title").as_deref(),
        Some("楚雄州科学技术局2020年科技创新工作情况及2021年工作要点")
    );
    assert_eq!(text("Author").as_deref(), Some("楚雄州科学技术局"));
    // The date of writing under the signature, not the day of the build.
    assert_eq!(text("CreationDate").as_deref(), Some("2021-01-10"));
    let custom: BTreeMap<String, String> = ofd
        .iter()
        .filter(|e| e.name == "CustomData")
        .map(|e| (e.attr("Name").unwrap().to_string(), e.text.clone()))
        .collect();
    assert_eq!(custom["索引号"], "11532300015167356F-/2021-0414002");
    assert_eq!(custom["公文目录"], "规划总结");
    assert_eq!(custom["发文日期"], "2021年04月14日");
    assert_eq!(custom["主题词"], "科、教、文、卫、体");
    assert!(
        custom.contains_key("文号") && custom.contains_key("成文日期"),
        "{custom:?}"
    );
    assert_eq!(custom["发文机关"], "楚雄州科学技术局");
}

#[test]
fn a_printed_notice_carries_its_head_and_closing_block_as_custom_data() {
    let notice = built()
        .iter()
        .find(|b| b.name == "notice")
        .expect("the notice fixture");
    let ofd = elements(&unzip(&std::fs::read(&notice.ofd).unwrap())["OFD.xml"]);
    let custom: BTreeMap<String, String> = ofd
        .iter()
        .filter(|e| e.name == "CustomData")
        .map(|e| (e.attr("Name").unwrap().to_string(), e.text.clone()))
        .collect();
    assert_eq!(custom["文号"], "楚科发〔2021〕3号");
    assert_eq!(custom["份号"], "000001");
    assert_eq!(custom["密级"], "秘密★1年");
    assert_eq!(custom["紧急程度"], "特急");
    assert!(
        custom["主送机关"].starts_with("楚雄市科技局、双柏县科技局"),
        "{custom:?}"
    );
    assert!(
        custom["抄送机关"].starts_with("云南省科学技术厅、"),
        "{custom:?}"
    );
    assert_eq!(custom["印发机关"], "楚雄州科学技术局办公室");
    assert_eq!(custom["印发日期"], "2021年1月11日");
}

#[test]
fn the_outline_lists_the_numbered_headings_in_order() {
    let doc = elements(&sample_parts()["Doc_0/Document.xml"]);
    let titles: Vec<&str> = doc
        .iter()
        .filter(|e| e.name == "OutlineElem")
        .map(|e| e.attr("Title").unwrap())
        .collect();
    assert!(titles.len() >= 4, "{titles:?}");
    assert!(titles[0].starts_with("一、"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("二、")), "{titles:?}");
}

#[test]
fn pages_are_a4_and_as_many_as_the_pdfs() {
    for b in built() {
        let parts = unzip(&std::fs::read(&b.ofd).unwrap());
        let doc = elements(&parts["Doc_0/Document.xml"]);
        let bx = doc.iter().find(|e| e.name == "PhysicalBox").unwrap();
        assert_eq!(bx.text, "0 0 210 297", "{}", b.name);
        let pages = doc.iter().filter(|e| e.name == "Page").count();
        let info = std::process::Command::new("pdfinfo")
            .arg(&b.pdf)
            .output()
            .expect("`pdfinfo` is needed by this test (apt-get install poppler-utils)");
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        let pdf_pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        assert_eq!(pages, pdf_pages, "{}", b.name);
    }
}

#[test]
fn two_builds_give_the_same_bytes() {
    use gongwen::pipeline::{Format, Options, Pipeline};
    let p = Pipeline::new(&Options::default()).unwrap();
    let data = p
        .load(&ofd_support::common::root().join("data/chuxiong-2020.yaml"))
        .unwrap();
    let doc = p.document(&data).unwrap();
    let first = p.write(&doc, Format::Ofd).unwrap().bytes;
    let second = p.write(&doc, Format::Ofd).unwrap().bytes;
    assert!(first == second, "two OFDs of one document differ");
    // And the CLI, another process, wrote the same bytes.
    let cli = std::fs::read(&built()[0].ofd).unwrap();
    assert!(first == cli, "the CLI's OFD differs from the library's");
}

/// Every run the layout sets is a text object at the same place: its left
/// edge, its baseline, its size and the advance of every glyph.
#[test]
fn every_run_is_drawn_where_the_layout_puts_it() {
    use gongwen::fonts::FontBook;
    use gongwen::style::Style;
    let p = gongwen::pipeline::Pipeline::new(&Default::default()).unwrap();
    let data = p
        .load(&ofd_support::common::root().join("data/chuxiong-2020.yaml"))
        .unwrap();
    let doc = p.document(&data).unwrap();
    let fonts = FontBook::load_shipped(&[]).unwrap();
    let layout = gongwen::layout::layout(&doc, &Style::default(), &fonts).unwrap();
    let bytes = gongwen::ofd::write(&layout, &doc, &fonts).unwrap();
    let parts = unzip(&bytes);
    let mm = |pt: f32| pt * 25.4 / 72.0;
    let close = |a: f32, b: f32| (a - b).abs() < 0.002;
    for (k, page) in layout.pages.iter().enumerate() {
        let content = elements(&parts[&format!("Doc_0/Pages/Page_{k}/Content.xml")]);
        let objects: Vec<_> = content
            .iter()
            .enumerate()
            .filter(|(_, e)| e.name == "TextObject")
            .collect();
        let runs: Vec<_> = page
            .runs
            .iter()
            .filter(|r| !r.text.trim().is_empty())
            .collect();
        assert_eq!(objects.len(), runs.len(), "page {}", k + 1);
        for ((i, obj), run) in objects.iter().zip(&runs) {
            let code = content[i + 1..]
                .iter()
                .find(|e| e.name == "TextCode")
                .unwrap();
            let bx: Vec<f32> = obj
                .attr("Boundary")
                .unwrap()
                .split(' ')
                .map(|v| v.parse().unwrap())
                .collect();
            let x = bx[0] + code.attr("X").unwrap().parse::<f32>().unwrap();
            let y = bx[1] + code.attr("Y").unwrap().parse::<f32>().unwrap();
            let first = run
                .glyphs
                .iter()
                .find(|g| !run.text[g.text.clone()].trim().is_empty())
                .unwrap();
            assert!(
                close(x, mm(first.x)) && close(y, mm(run.baseline)),
                "page {}: {:?} at {x},{y}",
                k + 1,
                run.text
            );
            let size: f32 = obj.attr("Size").unwrap().parse().unwrap();
            assert!(close(size, mm(run.size)), "{:?}", run.text);
            assert_eq!(code.text, run.text.trim(), "page {}", k + 1);
            let deltas = expand_array(code.attr("DeltaX").unwrap_or(""));
            let glyphs: Vec<_> = run
                .glyphs
                .iter()
                .filter(|g| g.x >= first.x)
                .take(deltas.len() + 1)
                .collect();
            for (d, pair) in deltas.iter().zip(glyphs.windows(2)) {
                assert!(close(*d, mm(pair[1].x - pair[0].x)), "{:?}: {d}", run.text);
            }
        }
        let paths = content.iter().filter(|e| e.name == "PathObject").count();
        let bands = page.runs.iter().filter(|r| r.highlight).count();
        assert_eq!(paths, page.rules.len() + bands, "page {}", k + 1);
    }
}

#[test]
fn the_samples_ofd_is_no_larger_than_its_pdf() {
    let b = &built()[0];
    let (ofd, pdf) = (
        std::fs::metadata(&b.ofd).unwrap().len(),
        std::fs::metadata(&b.pdf).unwrap().len(),
    );
    assert!(ofd <= pdf, "OFD {ofd} bytes, PDF {pdf} bytes");
}

/// An OFD that cannot be written takes the other formats of the document
/// with it: nothing half-built is left beside an old copy.
#[test]
fn a_failed_ofd_write_leaves_no_other_output() {
    let out = common::scratch("ofd-blocked");
    let stem = "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点";
    std::fs::create_dir_all(out.join(format!("{stem}.ofd"))).unwrap();
    let o = common::build(
        &common::root(),
        &common::root().join("data/chuxiong-2020.yaml"),
        &out,
        &["--format", "pdf,ofd"],
    );
    assert!(!o.status.success());
    assert!(
        common::stderr(&o).contains(".ofd"),
        "{}",
        common::stderr(&o)
    );
    assert!(
        !out.join(format!("{stem}.pdf")).exists(),
        "the PDF was written alone"
    );
}
