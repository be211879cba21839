//! The stages joined: data → template → markup → Document → bytes.
//!
//! A [`Pipeline`] holds what documents of a batch share (compiled templates,
//! the style, command-line overrides) and is `Sync`, so a batch can run one
//! document per thread against one pipeline.

use std::path::{Path, PathBuf};

use crate::data::{self, Data};
use crate::docx;
use crate::error::{Error, Result};
use crate::markup;
use crate::model::Document;
use crate::style::Style;
use crate::template::Templates;
use crate::text;

/// The sample shipped inside the binary, for `gongwen build` outside a checkout.
pub const SAMPLE_PATH: &str = "data/chuxiong-2020.yaml";
pub const SAMPLE_DATA: &str = include_str!("../data/chuxiong-2020.yaml");

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Docx,
    Txt,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Docx, Format::Txt];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Txt => "txt",
        }
    }

    pub fn parse(s: &str) -> Result<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.extension().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let known: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
                Error::new(format!("unknown format `{s}`"))
                    .hint(format!("formats: {}", known.join(", ")))
            })
    }
}

/// Options that apply to every document of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A directory of `NAME.md.hbs` files overriding the built-in templates.
    pub templates: Option<PathBuf>,
    /// `key.path=value` overrides, applied after `extends` merging.
    pub sets: Vec<String>,
}

pub struct Pipeline {
    templates: Templates,
    sets: Vec<String>,
    pub style: Style,
}

impl Pipeline {
    pub fn new(options: &Options) -> Result<Pipeline> {
        Ok(Pipeline {
            templates: Templates::load(options.templates.as_deref())?,
            sets: options.sets.clone(),
            style: Style::default(),
        })
    }

    /// Loads a data file (or the built-in sample when `path` is the sample's and
    /// no such file exists), applying `--set` overrides.
    pub fn load(&self, path: &Path) -> Result<Data> {
        let mut data = if path == Path::new(SAMPLE_PATH) && !path.exists() {
            data::parse_str(SAMPLE_DATA, path)?
        } else {
            data::load(path)?
        };
        for s in &self.sets {
            data::set(&mut data, s)?;
        }
        Ok(data)
    }

    /// Data → Document.
    pub fn document(&self, data: &Data) -> Result<Document> {
        let markup = self.templates.render(data)?;
        let origin = data
            .value
            .get("template")
            .and_then(|t| t.as_str())
            .and_then(|t| self.templates.file(t))
            .unwrap_or(Path::new("template"));
        markup::parse(&markup, origin).map_err(|mut e| {
            // Markup lines are lines of the rendered text; say so.
            e.message = format!(
                "in the markup rendered from {}: {}",
                origin.display(),
                e.message
            );
            e
        })
    }

    /// Document → the bytes of one output format.
    pub fn write(&self, doc: &Document, format: Format) -> Result<Vec<u8>> {
        match format {
            Format::Docx => docx::write(doc, &self.style),
            Format::Txt => Ok(text::write(doc).into_bytes()),
        }
    }
}
