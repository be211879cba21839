//! Shared helpers for the OFD tests: the documents built to OFD (with their
//! PDF and text), the package's parts, schema validation with xmllint, and
//! a referential check of our own (what the schemas cannot see).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

#[path = "../common/mod.rs"]
pub mod common;

/// One document built through the CLI to OFD, PDF and text.
#[derive(Debug, Clone)]
pub struct Built {
    pub name: String,
    pub ofd: PathBuf,
    pub pdf: PathBuf,
    pub txt: PathBuf,
}

/// Every document the OFD tests cover: the sample, a county, and every
/// fixture directory holding a `data.yaml` (with its `templates/` when it
/// has one), so a fixture added later is covered without touching a test.
pub fn built() -> &'static [Built] {
    static BUILT: OnceLock<Vec<Built>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = common::root();
        let mut inputs: Vec<(String, PathBuf, Option<PathBuf>)> = vec![
            ("sample".into(), root.join("data/chuxiong-2020.yaml"), None),
            (
                "county".into(),
                root.join("data/counties/dayao-2020.yaml"),
                None,
            ),
        ];
        // The showcase, and every kind of 公文 under tests/fixtures/gongwen/.
        let mut fixtures: Vec<PathBuf> = ["tests/fixtures", "tests/fixtures/gongwen"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).expect("tests/fixtures"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("data.yaml").is_file())
            .collect();
        fixtures.sort();
        for dir in fixtures {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let templates = Some(dir.join("templates")).filter(|t| t.is_dir());
            inputs.push((name, dir.join("data.yaml"), templates));
        }
        let scratch = common::scratch("ofd-builds");
        inputs
            .into_iter()
            .map(|(name, input, templates)| {
                let out = scratch.join(&name);
                let mut extra = vec!["--format", "ofd,pdf,txt"];
                let t;
                if let Some(dir) = &templates {
                    t = dir.to_string_lossy().into_owned();
                    extra.extend(["--templates", t.as_str()]);
                }
                let cwd = input.parent().unwrap();
                let o = common::build(cwd, &input, &out, &extra);
                assert!(o.status.success(), "{name}: {}", common::stderr(&o));
                let find = |ext: &str| {
                    let f = common::files_below(&out)
                        .into_iter()
                        .find(|f| f.extension().is_some_and(|e| e == ext))
                        .unwrap_or_else(|| panic!("{name}: no .{ext} written"));
                    out.join(f)
                };
                Built {
                    ofd: find("ofd"),
                    pdf: find("pdf"),
                    txt: find("txt"),
                    name,
                }
            })
            .collect()
    })
}

/// The parts of an OFD package by name.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an OFD is a zip");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("zip entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read zip entry");
        parts.insert(f.name().to_string(), data);
    }
    parts
}

/// The schemas, `../shared/ofd/xsd` from the checkout, when present.
pub fn xsd_dir() -> Option<PathBuf> {
    let dir = common::root().join("../shared/ofd/xsd");
    dir.join("OFD.xsd").is_file().then_some(dir)
}

/// The schema file that governs a part, by its name.
pub fn schema_for(part: &str) -> Option<&'static str> {
    let file = part.rsplit('/').next().unwrap_or(part);
    match file {
        "OFD.xml" => Some("OFD.xsd"),
        "Document.xml" => Some("Document.xsd"),
        "PublicRes.xml" | "DocumentRes.xml" | "PageRes.xml" => Some("Res.xsd"),
        "Content.xml" => Some("Page.xsd"),
        "Annotations.xml" => Some("Annotations.xsd"),
        "Signatures.xml" => Some("Signatures.xsd"),
        "CustomTags.xml" => Some("CustomTags.xsd"),
        "Attachments.xml" => Some("Attachments.xsd"),
        "Extensions.xml" => Some("Extensions.xsd"),
        _ => None,
    }
}

/// Validates every XML part with `xmllint --noout --schema`; the failures.
pub fn schema_errors(parts: &BTreeMap<String, Vec<u8>>, xsd: &Path, label: &str) -> Vec<String> {
    let dir = common::scratch(&format!("ofd-xsd-{label}"));
    let mut errors = Vec::new();
    for (name, bytes) in parts.iter().filter(|(n, _)| n.ends_with(".xml")) {
        let Some(schema) = schema_for(name) else {
            errors.push(format!("{name}: no schema known for this part"));
            continue;
        };
        let path = dir.join(name.replace('/', "__"));
        std::fs::write(&path, bytes).unwrap();
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(xsd.join(schema))
            .arg(&path)
            .output()
            .expect("`xmllint` is needed by this test (apt-get install libxml2-utils)");
        if !out.status.success() {
            errors.push(format!("{name}: {}", String::from_utf8_lossy(&out.stderr)));
        }
    }
    errors
}

/// One element of a part: its local name, attributes and direct text.
#[derive(Debug, Clone)]
pub struct Elem {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
}

impl Elem {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every element of an XML part in document order.
pub fn elements(xml: &[u8]) -> Vec<Elem> {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(xml).expect("XML parts are UTF-8");
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut out: Vec<Elem> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let full = String::from_utf8_lossy(s.name().as_ref()).into_owned();
                let name = full.rsplit(':').next().unwrap_or(&full).to_string();
                let attrs = s
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            unescape(&String::from_utf8_lossy(&a.value)),
                        )
                    })
                    .collect();
                out.push(Elem {
                    name,
                    attrs,
                    text: String::new(),
                });
                if matches!(event, Event::Start(_)) {
                    open.push(out.len() - 1);
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(i) = open.last() {
                    out[*i].text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(i) = open.last() {
                    let raw = format!("&{};", String::from_utf8_lossy(&r));
                    out[*i].text.push_str(&unescape(&raw));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The numbers of an `ST_Array`, with `g COUNT VALUE` expanded.
pub fn expand_array(s: &str) -> Vec<f32> {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "g" && i + 2 < tokens.len() {
            let n: usize = tokens[i + 1].parse().expect("g count");
            let v: f32 = tokens[i + 2].parse().expect("g value");
            out.extend(std::iter::repeat_n(v, n));
            i += 3;
        } else {
            out.push(tokens[i].parse().expect("a number"));
            i += 1;
        }
    }
    out
}

/// A location in the package: absolute from its root, or relative to `base`.
fn resolve(base: &str, loc: &str) -> String {
    let joined = if let Some(abs) = loc.strip_prefix('/') {
        abs.to_string()
    } else if base.is_empty() {
        loc.to_string()
    } else {
        format!("{base}/{loc}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn dir_of(part: &str) -> String {
    part.rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default()
}

/// The tables an office reader needs in an embedded font.
pub const FONT_TABLES: [&[u8; 4]; 10] = [
    b"name", b"OS/2", b"post", b"hhea", b"hmtx", b"head", b"maxp", b"loca", b"glyf", b"cmap",
];

/// What the schemas cannot check: IDs unique and at most `MaxUnitID`, every
/// location and reference resolving, every font file present with TrueType
/// outlines and a cmap, `DeltaX` counts matching the text, every character
/// of a `TextCode` in its font's cmap. The problems found.
pub fn reference_errors(parts: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(ofd) = parts.get("OFD.xml") else {
        return vec!["no OFD.xml".into()];
    };
    let roots: Vec<String> = elements(ofd)
        .into_iter()
        .filter(|e| e.name == "DocRoot")
        .map(|e| resolve("", e.text.trim()))
        .collect();
    if roots.is_empty() {
        errors.push("OFD.xml names no DocRoot".into());
    }
    for root in roots {
        let Some(doc) = parts.get(&root) else {
            errors.push(format!("DocRoot {root} is not in the package"));
            continue;
        };
        let doc_dir = dir_of(&root);
        let doc_elems = elements(doc);
        let max: u64 = doc_elems
            .iter()
            .find(|e| e.name == "MaxUnitID")
            .and_then(|e| e.text.trim().parse().ok())
            .unwrap_or(0);
        // (id, where) of every object and resource.
        let mut ids: Vec<(u64, String)> = Vec::new();
        let mut fonts: BTreeMap<u64, String> = BTreeMap::new(); // id -> font file part
        let mut resources: BTreeSet<u64> = BTreeSet::new();
        let mut refs: Vec<(u64, String)> = Vec::new();
        let mut pages: Vec<String> = Vec::new();
        let mut res_parts: Vec<String> = Vec::new();
        for e in &doc_elems {
            match e.name.as_str() {
                "PublicRes" | "DocumentRes" => res_parts.push(resolve(&doc_dir, e.text.trim())),
                "DefaultCS" => refs.push((
                    e.text.trim().parse().unwrap_or(0),
                    format!("{root} DefaultCS"),
                )),
                "Page" => {
                    if let Some(id) = e.attr("ID") {
                        ids.push((id.parse().unwrap_or(0), format!("{root} Page")));
                    }
                    pages.push(resolve(&doc_dir, e.attr("BaseLoc").unwrap_or("")));
                }
                _ => {}
            }
        }
        let page_ids: BTreeSet<u64> = doc_elems
            .iter()
            .filter(|e| e.name == "Page")
            .filter_map(|e| e.attr("ID")?.parse().ok())
            .collect();
        for e in doc_elems.iter().filter(|e| e.name == "Dest") {
            let target: u64 = e.attr("PageID").and_then(|p| p.parse().ok()).unwrap_or(0);
            if !page_ids.contains(&target) {
                errors.push(format!(
                    "{root}: an outline entry goes to {target}, which is no page"
                ));
            }
        }
        for res in &res_parts {
            let Some(bytes) = parts.get(res) else {
                errors.push(format!("resource part {res} is not in the package"));
                continue;
            };
            let elems = elements(bytes);
            let base = elems
                .first()
                .and_then(|r| r.attr("BaseLoc"))
                .map(|b| resolve(&dir_of(res), b))
                .unwrap_or_else(|| dir_of(res));
            let mut font: Option<u64> = None;
            for e in &elems {
                if let Some(id) = e.attr("ID") {
                    let id: u64 = id.parse().unwrap_or(0);
                    ids.push((id, format!("{res} {}", e.name)));
                    resources.insert(id);
                    font = (e.name == "Font").then_some(id);
                }
                if e.name == "FontFile" {
                    if let Some(id) = font {
                        fonts.insert(id, resolve(&base, e.text.trim()));
                    }
                }
            }
        }
        for (id, file) in &fonts {
            match parts.get(file) {
                None => errors.push(format!("font {id}: file {file} is not in the package")),
                Some(bytes) => match ttf_parser::RawFace::parse(bytes, 0) {
                    Err(e) => errors.push(format!("font {id}: {file} is not a font ({e})")),
                    Ok(raw) => {
                        for tag in FONT_TABLES {
                            if raw.table(ttf_parser::Tag::from_bytes(tag)).is_none() {
                                errors.push(format!(
                                    "font {id}: {file} has no `{}` table",
                                    String::from_utf8_lossy(tag)
                                ));
                            }
                        }
                    }
                },
            }
        }
        let faces: BTreeMap<u64, ttf_parser::Face> = fonts
            .iter()
            .filter_map(|(id, f)| {
                let face = ttf_parser::Face::parse(parts.get(f)?, 0).ok()?;
                Some((*id, face))
            })
            .collect();
        for page in &pages {
            let Some(bytes) = parts.get(page) else {
                errors.push(format!("page {page} is not in the package"));
                continue;
            };
            let mut text_font: Option<u64> = None;
            for e in elements(bytes) {
                if let Some(id) = e.attr("ID") {
                    ids.push((id.parse().unwrap_or(0), format!("{page} {}", e.name)));
                }
                for key in ["DrawParam", "ColorSpace", "ResourceID"] {
                    if let Some(r) = e.attr(key) {
                        refs.push((r.parse().unwrap_or(0), format!("{page} {} {key}", e.name)));
                    }
                }
                if e.name == "TextObject" {
                    let f: u64 = e.attr("Font").and_then(|f| f.parse().ok()).unwrap_or(0);
                    refs.push((f, format!("{page} TextObject Font")));
                    if !fonts.contains_key(&f) {
                        errors.push(format!(
                            "{page}: TextObject {:?} uses font {f}, which is no font",
                            e.attr("ID")
                        ));
                    }
                    text_font = Some(f);
                }
                if e.name == "TextCode" {
                    let chars: Vec<char> = e.text.chars().collect();
                    if chars.first().is_some_and(|c| c.is_whitespace())
                        || chars.last().is_some_and(|c| c.is_whitespace())
                    {
                        errors.push(format!(
                            "{page}: TextCode {:?} starts or ends with a space",
                            e.text
                        ));
                    }
                    if let Some(d) = e.attr("DeltaX") {
                        let n = expand_array(d).len();
                        if n + 1 != chars.len() {
                            errors.push(format!(
                                "{page}: TextCode {:?} has {} characters but {n} DeltaX values",
                                e.text,
                                chars.len()
                            ));
                        }
                    } else if chars.len() > 1 {
                        errors.push(format!("{page}: TextCode {:?} has no DeltaX", e.text));
                    }
                    if let Some(face) = text_font.and_then(|f| faces.get(&f)) {
                        for c in &chars {
                            if face.glyph_index(*c).is_none_or(|g| g.0 == 0) {
                                errors.push(format!(
                                    "{page}: {c:?} of {:?} is not in font {}'s cmap",
                                    e.text,
                                    text_font.unwrap_or(0)
                                ));
                            }
                        }
                    }
                }
            }
        }
        let mut seen = BTreeMap::new();
        for (id, at) in &ids {
            if *id == 0 || *id > max {
                errors.push(format!(
                    "ID {id} ({at}) is not within 1..={max} (MaxUnitID)"
                ));
            }
            if let Some(first) = seen.insert(*id, at.clone()) {
                errors.push(format!("ID {id} is given twice: {first} and {at}"));
            }
        }
        for (r, at) in refs {
            if !resources.contains(&r) {
                errors.push(format!("{at} refers to {r}, which is no resource"));
            }
        }
    }
    errors
}

/// `python3` when installed; `None` (and a note on stderr) when not.
pub fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "skipped: python3 is not installed (the OFD readers ofdkit and easyofd run on it)"
        );
    }
    ok.then_some("python3")
}

/// Text without whitespace, for comparing what readers extract.
pub fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
