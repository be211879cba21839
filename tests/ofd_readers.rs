//! The OFD as readers that are not ours see it: `ofdkit` (text, page size,
//! metadata) and `easyofd` (objects, colours, positions), both from PyPI
//! (`.ci/run` installs them). Skipped, with a note, only without python3.

mod ofd_support;

use std::process::Command;

use ofd_support::{built, python, without_whitespace};

/// Runs a python reader; fails clearly when the package is missing.
fn run(python: &str, args: &[&str]) -> String {
    let out = Command::new(python)
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python3 {args:?} failed (pip install ofdkit easyofd):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text as the txt output has it, page numbers of the OFD aside.
fn comparable(s: &str) -> String {
    let kept: Vec<&str> = s
        .lines()
        // "— 3 —": a page number, not part of the text (GB/T 9704 7.5).
        .filter(|l| {
            let t = l.trim();
            !(t.starts_with('—')
                && t.ends_with('—')
                && t.trim_matches('—').trim().parse::<u32>().is_ok())
        })
        .collect();
    without_whitespace(&kept.join("\n"))
}

#[test]
fn ofdkit_extracts_the_same_text_as_the_txt_output() {
    let Some(py) = python() else { return };
    for b in built() {
        let ofd = b.ofd.to_str().unwrap();
        let extracted = run(py, &["-m", "ofdkit", "text", ofd]);
        let txt = std::fs::read_to_string(&b.txt).unwrap();
        let (got, want) = (comparable(&extracted), without_whitespace(&txt));
        if got != want {
            let at = got
                .chars()
                .zip(want.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let from = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(20))
                    .take(60)
                    .collect::<String>()
            };
            panic!(
                "{}: text differs at character {at}:\n ofd: {}\n txt: {}",
                b.name,
                from(&got),
                from(&want)
            );
        }
    }
}

#[test]
fn ofdkit_info_shows_a4_the_title_and_the_issuer() {
    let Some(py) = python() else { return };
    let b = &built()[0];
    let info = run(py, &["-m", "ofdkit", "info", b.ofd.to_str().unwrap()]);
    assert!(info.contains("210 x 297 mm"), "{info}");
    assert!(
        info.contains("楚雄州科学技术局2020年科技创新工作情况及2021年工作要点"),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.contains("楚雄州科学技术局") && !l.contains("2020年")),
        "no issuer line: {info}"
    );
}

/// easyofd reads every package: its pages, text objects with their fonts,
/// and lines; the text it finds is the document's.
#[test]
fn easyofd_parses_every_package() {
    let Some(py) = python() else { return };
    let script = r#"
import sys, base64, json, logging, warnings, io, contextlib
warnings.filterwarnings("ignore")
try:
    from loguru import logger
    logger.remove()
except Exception:
    pass
with contextlib.redirect_stdout(io.StringIO()):
    from easyofd.ofd import OFD
    ofd = OFD()
    ofd.read(base64.b64encode(open(sys.argv[1], "rb").read()).decode(), save_xml=False, xml_name="x")
doc = ofd.data[0]
pages = doc["page_info"]
texts = []
lines = 0
for k in sorted(pages, key=int):
    for t in pages[k]["text_list"]:
        assert t["font"] in doc["fonts"], t
        texts.append(t["text"])
    lines += len(pages[k]["line_list"])
print(json.dumps({"pages": len(pages), "fonts": len(doc["fonts"]), "text": "".join(texts), "lines": lines}, ensure_ascii=False))
"#;
    for b in built() {
        let out = run(py, &["-c", script, b.ofd.to_str().unwrap()]);
        let json = out.lines().last().unwrap_or("");
        let v: serde_json::Value = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{}: easyofd said {out:?} ({e})", b.name));
        assert!(v["pages"].as_u64().unwrap() >= 1, "{}: {v}", b.name);
        assert!(v["fonts"].as_u64().unwrap() >= 2, "{}: {v}", b.name);
        let txt = std::fs::read_to_string(&b.txt).unwrap();
        let title_line = txt.lines().next().unwrap();
        assert!(
            without_whitespace(v["text"].as_str().unwrap())
                .contains(&without_whitespace(title_line)),
            "{}: easyofd's text lacks the title {title_line:?}",
            b.name
        );
    }
}

/// fontTools (which easyofd brings) reads every embedded font whole: table
/// checksums and the file's checksum adjustment verified, every table
/// decompiled, every glyph the cmap names present.
#[test]
fn fonttools_reads_every_embedded_font() {
    let Some(py) = python() else { return };
    let script = r#"
import sys, zipfile, io
from fontTools.ttLib import TTFont
z = zipfile.ZipFile(sys.argv[1])
n = 0
for name in z.namelist():
    if name.endswith(".ttf"):
        t = TTFont(io.BytesIO(z.read(name)), checkChecksums=2)
        for tag in t.keys():
            t[tag]
        order = set(t.getGlyphOrder())
        cmap = t.getBestCmap()
        assert cmap and all(g in order for g in cmap.values()), name
        n += 1
print(n)
"#;
    for b in built() {
        let out = run(py, &["-c", script, b.ofd.to_str().unwrap()]);
        let fonts: usize = out.trim().parse().unwrap_or(0);
        assert!(fonts >= 2, "{}: {out}", b.name);
    }
}
