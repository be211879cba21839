//! LibreOffice as the stand-in for Word: a DOCX converted to PDF with the
//! official fonts mapped to the shipped Fandol faces (as on a machine
//! without them), through a private fontconfig file; and the text lines of
//! a PDF, page by page, as `pdftotext` reads them.
//!
//! Needs `soffice` (Debian: libreoffice-writer-nogui) and `pdftotext`
//! (poppler-utils).
#![allow(dead_code)]

use gongwen::style::FontRole;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Fandol face standing in for each official family.
fn stand_in(role: FontRole) -> &'static str {
    match role {
        FontRole::Title | FontRole::PageNumber => "FandolSong",
        FontRole::Body => "FandolFang",
        FontRole::Heading1 => "FandolHei",
        FontRole::Heading2 => "FandolKai",
    }
}

fn fontconfig(dir: &Path) -> PathBuf {
    let mut aliases = String::new();
    for role in FontRole::ALL {
        for family in role.official_families() {
            aliases.push_str(&format!(
                "  <alias binding=\"same\"><family>{family}</family><prefer><family>{}</family></prefer></alias>\n",
                stand_in(role)
            ));
        }
    }
    let conf = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  \
         <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <dir>{}</dir>\n  \
         <cachedir>{}</cachedir>\n{aliases}</fontconfig>\n",
        root().join("fonts").display(),
        dir.join("fc-cache").display()
    );
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

pub fn require(tool: &str, arg: &str) {
    let ok = Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "`{tool}` is needed for this test: apt-get install libreoffice-writer-nogui poppler-utils"
    );
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-lo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Converts `docx` (bytes) to PDF with LibreOffice; returns the PDF's path.
pub fn libreoffice_pdf(docx: &[u8], dir: &Path, stem: &str) -> PathBuf {
    libreoffice_pdf_to(docx, dir, stem, "pdf")
}

/// [`libreoffice_pdf`] keeping the blank pages LibreOffice inserts to start
/// a section on an even or odd page (its PDF export leaves them out by
/// default; a printer does not).
pub fn libreoffice_pdf_with_blank_pages(docx: &[u8], dir: &Path, stem: &str) -> PathBuf {
    libreoffice_pdf_to(
        docx,
        dir,
        stem,
        r#"pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}"#,
    )
}

fn libreoffice_pdf_to(docx: &[u8], dir: &Path, stem: &str, target: &str) -> PathBuf {
    require("soffice", "--version");
    let path = dir.join(format!("{stem}.docx"));
    std::fs::write(&path, docx).unwrap();
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", fontconfig(dir))
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", target, "--outdir"])
        .arg(dir)
        .arg(&path)
        .output()
        .expect("run soffice");
    let pdf = dir.join(format!("{stem}.pdf"));
    assert!(
        out.status.success() && pdf.exists(),
        "LibreOffice could not convert the DOCX:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// The text lines of each page, as `pdftotext -layout` reads them, with
/// all white space (and the zero-width spaces of placeholders) removed and
/// empty lines dropped.
pub fn page_lines(pdf: &Path) -> Vec<Vec<String>> {
    require("pdftotext", "-v");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| {
                    l.chars()
                        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
                        .collect::<String>()
                })
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

/// A zero-width space after each closing mark that stands between a number
/// and a digit ("108.6%。1至9月"). LibreOffice's line breaker (ICU) reads
/// "108.6%。1" as one numeric chain and never breaks after the mark; Word,
/// like UAX #14 (and so the PDF), breaks after a full-width closing mark
/// whatever follows. The zero-width space gives LibreOffice that break.
fn break_after_closing_marks_between_numbers(xml: &str) -> String {
    let chars: Vec<char> = xml.chars().collect();
    let mut out = String::with_capacity(xml.len());
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let after_number = i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '%');
        let before_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if after_number && before_digit && "，。、；：！？）》”’」』】〕".contains(c)
        {
            out.push('\u{200B}');
        }
    }
    out
}

/// Converts `docx` to PDF with LibreOffice laid out as Word lays it out.
/// Two differences of LibreOffice 7.4 from Word are undone, in LibreOffice's
/// own ODF (the same import), and the result exported; nothing else changes:
/// - LibreOffice ignores `w:autoSpaceDE`/`w:autoSpaceDN` and always adds
///   space between Han characters and Latin letters or digits, which Word,
///   told not to, does not: that switch is turned off
///   (`style:text-autospace`).
/// - Its line breaker does not break after a closing mark between a number
///   and a digit, where Word does: a zero-width space marks that break
///   ([`break_after_closing_marks_between_numbers`]).
pub fn libreoffice_pdf_as_word(docx: &[u8], dir: &Path, stem: &str) -> PathBuf {
    use std::io::{Read, Write};
    require("soffice", "--version");
    let path = dir.join(format!("{stem}.docx"));
    std::fs::write(&path, docx).unwrap();
    let convert = |to: &str, input: &Path| {
        let out = Command::new("soffice")
            .env("FONTCONFIG_FILE", fontconfig(dir))
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.join("profile").display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(dir)
            .arg(input)
            .output()
            .expect("run soffice");
        assert!(
            out.status.success(),
            "LibreOffice could not convert {}:\n{}{}",
            input.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    convert("odt", &path);
    let odt = dir.join(format!("{stem}.odt"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&odt).unwrap()).unwrap();
    let patched = dir.join(format!("{stem}-as-word.odt"));
    let mut out = zip::ZipWriter::new(std::fs::File::create(&patched).unwrap());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "styles.xml" || name == "content.xml" {
            let text = String::from_utf8(bytes).unwrap().replace(
                "style:text-autospace=\"ideograph-alpha\"",
                "style:text-autospace=\"none\"",
            );
            bytes = break_after_closing_marks_between_numbers(&text).into_bytes();
        }
        // The mimetype entry stays first and uncompressed (ODF 1.2 §3.3).
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
    convert("pdf", &patched);
    dir.join(format!("{stem}-as-word.pdf"))
}
