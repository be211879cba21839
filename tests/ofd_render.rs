//! Each OFD page, drawn from the package alone — its embedded subset fonts
//! (characters to glyphs through their cmap), its TextCode positions and
//! DeltaX advances, its paths and colours — looks like the PDF page drawn
//! from the same layout.
//!
//! The method: a small converter here reads the OFD package and draws every
//! object into a PDF (krilla) with nothing but what the package holds; both
//! PDFs are rendered by poppler and compared pixel by pixel.

mod ofd_support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use krilla::geom::{PathBuilder, Point, Size};
use krilla::paint::{Fill, Stroke};
use krilla::text::{GlyphId, KrillaGlyph};

use gongwen::fonts::FontBook;
use gongwen::model::Inline;
use ofd_support::{elements, expand_array, unzip, Elem};

/// Millimetres (OFD) to points (PDF).
fn pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

fn numbers(s: &str) -> Vec<f32> {
    s.split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect()
}

fn color(e: Option<&Elem>) -> Option<krilla::color::rgb::Color> {
    let v = numbers(e?.attr("Value")?);
    (v.len() == 3).then(|| krilla::color::rgb::Color::new(v[0] as u8, v[1] as u8, v[2] as u8))
}

/// Draws an OFD package as a PDF, from the package's own parts only.
fn ofd_to_pdf(parts: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let doc = elements(&parts["Doc_0/Document.xml"]);
    let bx = numbers(&doc.iter().find(|e| e.name == "PhysicalBox").unwrap().text);
    let res = elements(&parts["Doc_0/PublicRes.xml"]);
    let base = res[0].attr("BaseLoc").unwrap_or("");
    let mut fonts: BTreeMap<String, (krilla::text::Font, Vec<u8>)> = BTreeMap::new();
    for (i, e) in res.iter().enumerate() {
        if e.name == "Font" {
            let file = &res[i + 1];
            assert_eq!(file.name, "FontFile");
            let bytes = parts[&format!("Doc_0/{base}/{}", file.text)].clone();
            let font = krilla::text::Font::new(bytes.clone().into(), 0)
                .expect("an embedded font krilla reads");
            fonts.insert(e.attr("ID").unwrap().to_string(), (font, bytes));
        }
    }
    let mut pdf = krilla::Document::new();
    let size = Size::from_wh(pt(bx[2]), pt(bx[3])).unwrap();
    for page in doc.iter().filter(|e| e.name == "Page") {
        let content = elements(&parts[&format!("Doc_0/{}", page.attr("BaseLoc").unwrap())]);
        let mut p = pdf.start_page_with(krilla::page::PageSettings::new(size));
        let mut s = p.surface();
        for (i, e) in content.iter().enumerate() {
            let origin = e.attr("Boundary").map(numbers).unwrap_or_default();
            // The object's children, up to the next object.
            let children: Vec<&Elem> = content[i + 1..]
                .iter()
                .take_while(|c| c.name != "PathObject" && c.name != "TextObject")
                .collect();
            let child = |name: &str| children.iter().copied().find(|c| c.name == name);
            let line_width = e
                .attr("LineWidth")
                .map(|w| pt(w.parse().unwrap()))
                .unwrap_or(pt(0.353));
            match e.name.as_str() {
                "PathObject" => {
                    let mut path = PathBuilder::new();
                    let data: Vec<&str> = child("AbbreviatedData")
                        .unwrap()
                        .text
                        .split_whitespace()
                        .collect();
                    let at = |k: usize| {
                        let x: f32 = data[k].parse().unwrap();
                        let y: f32 = data[k + 1].parse().unwrap();
                        (pt(origin[0] + x), pt(origin[1] + y))
                    };
                    let mut k = 0;
                    while k < data.len() {
                        match data[k] {
                            "M" => {
                                let (x, y) = at(k + 1);
                                path.move_to(x, y);
                                k += 3;
                            }
                            "L" => {
                                let (x, y) = at(k + 1);
                                path.line_to(x, y);
                                k += 3;
                            }
                            "C" => {
                                path.close();
                                k += 1;
                            }
                            other => panic!("path operator {other} not drawn here"),
                        }
                    }
                    let fill = e.attr("Fill") == Some("true");
                    let stroke = e.attr("Stroke") != Some("false");
                    s.set_fill(fill.then(|| {
                        Fill {
                            paint: color(child("FillColor"))
                                .unwrap_or(krilla::color::rgb::Color::black())
                                .into(),
                            ..Fill::default()
                        }
                    }));
                    s.set_stroke(stroke.then(|| {
                        Stroke {
                            width: line_width,
                            paint: color(child("StrokeColor"))
                                .unwrap_or(krilla::color::rgb::Color::black())
                                .into(),
                            ..Stroke::default()
                        }
                    }));
                    if let Some(path) = path.finish() {
                        s.draw_path(&path);
                    }
                }
                "TextObject" => {
                    let (font, bytes) = &fonts[e.attr("Font").unwrap()];
                    let face = ttf_parser::Face::parse(bytes, 0).unwrap();
                    let size = pt(e.attr("Size").unwrap().parse().unwrap());
                    let code = child("TextCode").unwrap();
                    let mut x = pt(origin[0] + code.attr("X").unwrap().parse::<f32>().unwrap());
                    let mut y = pt(origin[1] + code.attr("Y").unwrap().parse::<f32>().unwrap());
                    // A CTM (a squeezed 标志) maps the object's inner space
                    // into its boundary (GB/T 33190-2016, 8.1).
                    let ctm = e.attr("CTM").map(numbers);
                    if let Some(m) = &ctm {
                        s.push_transform(&krilla::geom::Transform::from_row(
                            m[0],
                            m[1],
                            m[2],
                            m[3],
                            pt(origin[0] + m[4]),
                            pt(origin[1] + m[5]),
                        ));
                        x = pt(code.attr("X").unwrap().parse::<f32>().unwrap());
                        y = pt(code.attr("Y").unwrap().parse::<f32>().unwrap());
                    }
                    let deltas = expand_array(code.attr("DeltaX").unwrap_or(""));
                    let mut glyphs = Vec::new();
                    for (k, (at, c)) in code.text.char_indices().enumerate() {
                        let gid = face.glyph_index(c).expect("character in the embedded cmap");
                        let advance = match deltas.get(k) {
                            Some(d) => pt(*d) / size,
                            None => {
                                face.glyph_hor_advance(gid).unwrap_or(0) as f32
                                    / face.units_per_em() as f32
                            }
                        };
                        glyphs.push(KrillaGlyph::new(
                            GlyphId::new(gid.0 as u32),
                            advance,
                            0.0,
                            0.0,
                            0.0,
                            at..at + c.len_utf8(),
                            None,
                        ));
                    }
                    s.set_fill(Some(Fill {
                        paint: color(child("FillColor"))
                            .unwrap_or(krilla::color::rgb::Color::black())
                            .into(),
                        ..Fill::default()
                    }));
                    s.set_stroke((e.attr("Stroke") == Some("true")).then(|| {
                        Stroke {
                            width: line_width,
                            paint: color(child("StrokeColor"))
                                .unwrap_or(krilla::color::rgb::Color::black())
                                .into(),
                            ..Stroke::default()
                        }
                    }));
                    s.draw_glyphs(
                        Point::from_xy(x, y),
                        &glyphs,
                        font.clone(),
                        &code.text,
                        size,
                        false,
                    );
                    if ctm.is_some() {
                        s.pop();
                    }
                }
                _ => {}
            }
        }
        s.finish();
        p.finish();
    }
    pdf.finish().expect("the converted PDF")
}

/// A page rendered by poppler at `dpi`: (width, RGB pixels).
fn render(pdf: &std::path::Path, page: usize, dpi: u32) -> (usize, Vec<u8>) {
    let n = page.to_string();
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-f", &n, "-l", &n])
        .arg(pdf)
        .output()
        .expect("`pdftoppm` is needed by this test (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftoppm failed");
    let b = out.stdout;
    // "P6\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&b[start..i]).into_owned());
    }
    (fields[1].parse().unwrap(), b[i + 1..].to_vec())
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = ofd_support::common::scratch(&format!("ofd-render-{name}"));
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn is_yellow(p: &[u8]) -> bool {
    p[0] > 240 && p[1] > 225 && p[1] < 250 && p[2] > 120 && p[2] < 180
}

fn is_reddish(p: &[u8]) -> bool {
    p[0] > 150 && p[1] < 100 && p[2] < 100
}

/// The sample with a value still to be filled in, so a highlight band shows.
fn sample_with_placeholder() -> gongwen::model::Document {
    let p = gongwen::pipeline::Pipeline::new(&Default::default()).unwrap();
    let data = p
        .load(&ofd_support::common::root().join("data/chuxiong-2020.yaml"))
        .unwrap();
    let mut doc = p.document(&data).unwrap();
    for block in &mut doc.blocks {
        if let gongwen::model::Block::Paragraph(para) = block {
            para.content
                .insert(0, Inline::Placeholder("资金.总额".into()));
            break;
        }
    }
    doc
}

/// Pixel counts of one page in two renders.
struct Comparison {
    /// Dark pixels in the PDF's page.
    ink: usize,
    /// Pixels where any channel differs by more than 96 of 255.
    differing: usize,
    yellow: (usize, usize),
    red: (usize, usize),
}

fn compare(pdf: &std::path::Path, drawn: &std::path::Path, page: usize) -> Comparison {
    let (w, a) = render(pdf, page, 100);
    let (w2, b) = render(drawn, page, 100);
    assert_eq!((w, a.len()), (w2, b.len()), "page {page}: sizes differ");
    let dark = |p: &[u8]| p.iter().map(|v| *v as u32).sum::<u32>() < 3 * 128;
    let count = |img: &[u8], f: fn(&[u8]) -> bool| img.chunks(3).filter(|p| f(p)).count();
    Comparison {
        ink: a.chunks(3).filter(|p| dark(p)).count(),
        differing: a
            .chunks(3)
            .zip(b.chunks(3))
            .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 96))
            .count(),
        yellow: (count(&a, is_yellow), count(&b, is_yellow)),
        red: (count(&a, is_reddish), count(&b, is_reddish)),
    }
}

#[test]
fn each_page_drawn_from_the_embedded_fonts_matches_the_pdf_page() {
    let doc = sample_with_placeholder();
    let fonts = FontBook::load_shipped(&[]).unwrap();
    let layout = gongwen::layout::layout(&doc, &gongwen::style::Style::default(), &fonts).unwrap();
    let pdf = write(
        "layout.pdf",
        &gongwen::pdf::write(&layout, &doc, &fonts).unwrap(),
    );
    let ofd = unzip(&gongwen::ofd::write(&layout, &doc, &fonts).unwrap());
    let drawn = write("from-ofd.pdf", &ofd_to_pdf(&ofd));
    let mut yellow = 0;
    for page in 1..=layout.pages.len() {
        let c = compare(&pdf, &drawn, page);
        eprintln!(
            "page {page}: {} inked pixels, {} differ; yellow {:?}, red {:?}",
            c.ink, c.differing, c.yellow, c.red
        );
        assert!(c.ink > 1000, "page {page} of the PDF is blank");
        // The same glyphs at the same places: only anti-aliasing may differ.
        assert!(
            c.differing * 100 < c.ink,
            "page {page}: {} pixels differ, {} inked (see {} and {})",
            c.differing,
            c.ink,
            pdf.display(),
            drawn.display()
        );
        // Colours come through as the PDF draws them.
        assert!(
            c.yellow.0.abs_diff(c.yellow.1) <= c.yellow.0 / 50 + 1,
            "page {page}: yellow {:?}",
            c.yellow
        );
        assert_eq!(c.red.0 > 0, c.red.1 > 0, "page {page}: red {:?}", c.red);
        yellow += c.yellow.1;
    }
    assert!(
        yellow > 100,
        "the placeholder's band is not drawn yellow from the OFD"
    );

    // The comparison sees a misplaced line: the first page's text objects
    // moved 0.5 mm right no longer match.
    let mut moved = ofd.clone();
    let page = "Doc_0/Pages/Page_0/Content.xml";
    let text = String::from_utf8(moved[page].clone()).unwrap();
    let mut pieces = text.split("<ofd:TextCode X=\"");
    let mut shifted = pieces.next().unwrap().to_string();
    for piece in pieces {
        let (x, rest) = piece.split_once('"').unwrap();
        let x: f32 = x.parse().unwrap();
        shifted.push_str(&format!("<ofd:TextCode X=\"{}\"{rest}", x + 0.5));
    }
    moved.insert(page.into(), shifted.into_bytes());
    let drawn = write("moved.pdf", &ofd_to_pdf(&moved));
    let c = compare(&pdf, &drawn, 1);
    assert!(
        c.differing * 100 >= c.ink,
        "a 0.5 mm shift went unseen: {} of {}",
        c.differing,
        c.ink
    );
}

/// The printed form's head: a red 标志 squeezed to the block (its CTM), a
/// red rule; drawn from the OFD, it matches the PDF page.
#[test]
fn a_red_squeezed_head_drawn_from_the_ofd_matches_the_pdf() {
    use gongwen::model::{Form, Format, Head};
    let fonts = FontBook::load_shipped(&[]).unwrap();
    for format in [Format::Order, Format::Document] {
        let mut doc = sample_with_placeholder();
        doc.meta.form = Form::Printed;
        doc.meta.format = format;
        doc.meta.head = Head {
            organs: vec!["楚雄彝族自治州科学技术局".into()],
            suffix: Some("文件".into()),
            number: Some("楚科发〔2021〕3号".into()),
            ..Head::default()
        };
        let layout =
            gongwen::layout::layout(&doc, &gongwen::style::Style::default(), &fonts).unwrap();
        let pdf = write(
            "head.pdf",
            &gongwen::pdf::write(&layout, &doc, &fonts).unwrap(),
        );
        let ofd = unzip(&gongwen::ofd::write(&layout, &doc, &fonts).unwrap());
        let drawn = write("head-from-ofd.pdf", &ofd_to_pdf(&ofd));
        let c = compare(&pdf, &drawn, 1);
        assert!(
            c.differing * 100 < c.ink,
            "{format:?}: {} pixels differ, {} inked (see {} and {})",
            c.differing,
            c.ink,
            pdf.display(),
            drawn.display()
        );
        assert!(c.red.0 > 1000, "{format:?}: the 标志 is red: {:?}", c.red);
        assert!(
            c.red.0.abs_diff(c.red.1) <= c.red.0 / 50,
            "{format:?}: red {:?}",
            c.red
        );
    }
}

/// Every page of every kind of 公文 (tests/fixtures/gongwen/): heads, double
/// rules of a letter, signatures, attachment pages and the 版记 drawn from
/// the OFD match the PDF page; red where the PDF is red.
#[test]
fn every_page_of_every_gongwen_fixture_drawn_from_the_ofd_matches_the_pdf() {
    use gongwen::pipeline::{Options, Pipeline};
    let fonts = FontBook::load_shipped(&[]).unwrap();
    let root = ofd_support::common::root().join("tests/fixtures/gongwen");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("data.yaml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 7, "{cases:?}");
    for dir in cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let p = Pipeline::new(&Options::default()).unwrap();
        let data = p.load(&dir.join("data.yaml")).unwrap();
        let doc = p.document(&data).unwrap();
        let layout =
            gongwen::layout::layout(&doc, &gongwen::style::Style::default(), &fonts).unwrap();
        let pdf = write(
            &format!("{name}.pdf"),
            &gongwen::pdf::write(&layout, &doc, &fonts).unwrap(),
        );
        let ofd = unzip(&gongwen::ofd::write(&layout, &doc, &fonts).unwrap());
        let drawn = write(&format!("{name}-from-ofd.pdf"), &ofd_to_pdf(&ofd));
        for page in 1..=layout.pages.len() {
            let c = compare(&pdf, &drawn, page);
            eprintln!(
                "{name} page {page}: {} inked, {} differ; red {:?}",
                c.ink, c.differing, c.red
            );
            // Same places to the thousandth of a millimetre; poppler rasterises
            // the two subsets of a large 小标宋 title a pixel apart at some
            // edges, so up to 2% of the ink may differ (a 0.5 mm shift makes
            // most of it differ).
            assert!(
                c.differing * 50 < c.ink.max(100),
                "{name} page {page}: {} pixels differ, {} inked (see {} and {})",
                c.differing,
                c.ink,
                pdf.display(),
                drawn.display()
            );
            assert!(
                c.red.0.abs_diff(c.red.1) <= c.red.0 / 50 + 1,
                "{name} page {page}: red {:?}",
                c.red
            );
        }
    }
}
