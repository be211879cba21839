//! `gongwen import FILE`: last year's document — its DOCX, or the plain text or
//! HTML of its disclosure page — becomes a template and a data file that
//! rebuild it, every figure of the prose lifted into the data.
//!
//! One stage a file: a reader per input format turns the file into
//! [`Source`] paragraphs and tables; [`structure`] recognises the parts of a
//! 公文 in them; [`figures`] lifts the figures out of the prose; [`write`]
//! prints the template and the data.

mod docx_reader;
pub mod figures;
mod files;
mod html_reader;
mod keys;
mod parts;
mod scan;
pub mod structure;
mod text_reader;
mod write;

use std::path::Path;

pub use files::{import_file, Written};

use crate::error::{Error, Result};

/// One block of the input as its reader saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Para(Para),
    /// Rows of cells, each cell's text.
    Table(Vec<Vec<String>>),
}

/// A paragraph's text and what its formatting tells about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub text: String,
    /// Styled as the title (DOCX `Title` style, an HTML `<h1>`).
    pub title: bool,
    /// Centred (a title typed as centred lines has no title style).
    pub centered: bool,
    /// Bytes at its start set as a run-in heading (their own character style).
    pub lead: Option<usize>,
}

impl Para {
    pub fn plain(text: impl Into<String>) -> Self {
        Para {
            text: text.into(),
            ..Para::default()
        }
    }
}

/// The template and data that rebuild an imported document.
#[derive(Debug)]
pub struct Imported {
    /// The template's text (`templates/<name>.md.hbs`).
    pub template: String,
    /// The data file's text (`<name>.yaml`), commented.
    pub data: String,
    /// What was left out as web-page furniture, one line each.
    pub dropped: Vec<String>,
    /// How many figures were lifted, and how many of them are derived by helpers.
    pub lifted: usize,
    pub derived: usize,
}

/// The input formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Html,
    Text,
}

impl Kind {
    /// By the file's name, then by its first bytes (a ZIP is a DOCX).
    pub fn of(path: &Path, bytes: &[u8]) -> Kind {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("docx") => Kind::Docx,
            Some("html" | "htm" | "xhtml") => Kind::Html,
            _ if bytes.starts_with(b"PK\x03\x04") => Kind::Docx,
            _ => {
                let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
                if head.contains("<html")
                    || head.contains("<!doctype html")
                    || head.contains("<body")
                {
                    Kind::Html
                } else {
                    Kind::Text
                }
            }
        }
    }
}

/// Reads `bytes` (the file at `path`) and makes the template named `name` and
/// its data; `source` names the file in their comments.
pub fn import(path: &Path, bytes: &[u8], name: &str, source: &str) -> Result<Imported> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    if let Some(ext @ ("doc" | "wps" | "rtf" | "odt" | "pdf" | "ofd")) = ext.as_deref() {
        return Err(Error::new(format!(
            "{} is a .{ext} file; gongwen imports .docx, .html and .txt",
            path.display()
        ))
        .hint("open it in Word, WPS or LibreOffice and save it as .docx (Word 文档), then import that"));
    }
    let sources = match Kind::of(path, bytes) {
        Kind::Docx => docx_reader::read(bytes).map_err(|e| e.in_file(path))?,
        Kind::Html => html_reader::read(&utf8(path, bytes)?),
        Kind::Text => text_reader::read(&utf8(path, bytes)?),
    };
    let outline = structure::recognise(sources).map_err(|e| e.in_file(path))?;
    Ok(write::write(&outline, name, source))
}

fn utf8(path: &Path, bytes: &[u8]) -> Result<String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(format!(
            "{} is not UTF-8 text (byte {} cannot be read)",
            path.display(),
            e.valid_up_to()
        ))
        .hint("save the page as UTF-8, or import the DOCX")
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n"))
}
