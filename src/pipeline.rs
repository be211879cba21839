//! The stages joined: data → template → markup → Document → bytes.
//!
//! A [`Pipeline`] holds what documents of a batch share (compiled templates,
//! the style, command-line overrides) and is `Sync`, so a batch can run one
//! document per thread against one pipeline.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::data::{self, Data};
use crate::docx;
use crate::error::{Error, Result};
use crate::fonts::FontBook;
use crate::layout::{self, Layout};
use crate::markup;
use crate::model::{Document, Form};
use crate::ofd;
use crate::pdf;
use crate::project::{self, TemplateSource};
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
    Pdf,
    Txt,
    /// The national format for electronic official documents (GB/T 33190-2016).
    Ofd,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Docx, Format::Pdf, Format::Txt, Format::Ofd];
    /// What `build` writes when no `--format` is given: the editable and the printable copy.
    pub const DEFAULT: &'static [Format] = &[Format::Docx, Format::Pdf];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Txt => "txt",
            Format::Ofd => "ofd",
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

/// The word a form is written with, in front matter, in the data and on the
/// command line.
pub fn form_key(form: Form) -> &'static str {
    match form {
        Form::Printed => "printed",
        Form::Disclosure => "disclosure",
    }
}

/// Options that apply to every document of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A directory of `NAME.md.hbs` files overriding the built-in templates;
    /// without it, each data file's project `templates/` directory is used.
    pub templates: Option<PathBuf>,
    /// `key.path=value` overrides, applied after `extends` merging.
    pub sets: Vec<String>,
    /// `key.path=value` additions: like `sets`, but the key may be new.
    pub sets_new: Vec<String>,
    /// Directories of fonts to consider besides the installed and shipped ones.
    pub font_dirs: Vec<PathBuf>,
}

/// One output file's bytes, and what the writer had to say about it.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// One compiled template set, loaded the first time a document needs it.
type TemplateCell = Arc<OnceLock<Result<Arc<Templates>>>>;

pub struct Pipeline {
    /// `--templates DIR`, which wins over any project's `templates/`.
    templates_dir: Option<PathBuf>,
    /// Compiled template sets keyed by where they come from: documents of a
    /// batch from different projects each get their own project's templates.
    templates: Mutex<BTreeMap<TemplateSource, TemplateCell>>,
    sets: Vec<String>,
    sets_new: Vec<String>,
    font_dirs: Vec<PathBuf>,
    /// Loaded on first use, once per process, and shared by every document.
    fonts: OnceLock<Result<Arc<FontBook>>>,
    pub style: Style,
}

impl Pipeline {
    pub fn new(options: &Options) -> Result<Pipeline> {
        let pipeline = Pipeline {
            templates_dir: options.templates.clone(),
            templates: Mutex::new(BTreeMap::new()),
            sets: options.sets.clone(),
            sets_new: options.sets_new.clone(),
            font_dirs: options.font_dirs.clone(),
            fonts: OnceLock::new(),
            style: Style::default(),
        };
        // A broken `--templates` directory is reported before any document is read.
        if pipeline.templates_dir.is_some() {
            pipeline.templates_from(&TemplateSource {
                dir: pipeline.templates_dir.clone(),
                file: None,
            })?;
        }
        Ok(pipeline)
    }

    /// The compiled template set for one source, compiled once and shared.
    fn templates_from(&self, source: &TemplateSource) -> Result<Arc<Templates>> {
        let cell = {
            let mut map = self.templates.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(source.clone()).or_default().clone()
        };
        // Compiled outside the lock: documents of other projects need not wait.
        cell.get_or_init(|| Templates::load_from(source).map(Arc::new))
            .clone()
    }

    /// The templates a data file is rendered with (see [`project`]).
    pub fn templates_for(&self, data: &Data) -> Result<Arc<Templates>> {
        self.templates_from(&project::template_source(
            data,
            self.templates_dir.as_deref(),
        )?)
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
            data::set(&mut data, s, false)?;
        }
        for s in &self.sets_new {
            data::set(&mut data, s, true)?;
        }
        data::validate(&data)?;
        Ok(data)
    }

    /// Data → Document, in the form its front matter gives.
    pub fn document(&self, data: &Data) -> Result<Document> {
        self.document_as(data, None)
    }

    /// Data → Document in one form: `Some` overrides the front matter's
    /// `form:` (the `--form` flag), and the template sees it as `form`.
    pub fn document_as(&self, data: &Data, form: Option<Form>) -> Result<Document> {
        let mut doc = self.parse_rendered(data, form)?;
        if let Some(form) = form {
            doc.meta.form = form;
        }
        Ok(doc)
    }

    fn parse_rendered(&self, data: &Data, form: Option<Form>) -> Result<Document> {
        let templates = self.templates_for(data)?;
        let markup = templates.render_as(data, form.map(form_key))?;
        let origin = data
            .value
            .get("template")
            .and_then(|t| t.as_str())
            .and_then(|t| templates.file(project::template_name(t)))
            .unwrap_or(Path::new("template"));
        markup::parse(&markup, origin).map_err(|mut e| {
            // Markup lines are lines of the rendered text; say so.
            e.message = format!(
                "in the markup rendered from {}: {}",
                origin.display(),
                e.message
            );
            // When a data value made that line, the line to edit is the value's.
            let line = e.location.as_ref().map_or(0, |l| l.line);
            let text = line.checked_sub(1).and_then(|i| markup.lines().nth(i));
            let value_part = text.map(|t| t.split_once(": ").map_or(t, |(_, v)| v));
            // In the body `{{x}}` is escaped, so only a value holding markup marks
            // (inserted raw with `{{{x}}}`) can be the cause there.
            let in_front = e.message.contains("front matter");
            let behind = value_part.and_then(|t| {
                data.value_behind(t.trim(), |v| {
                    in_front || v.contains(|c: char| c.is_ascii_punctuation())
                })
            });
            match behind {
                Some((key, file, at)) => {
                    e.message.push_str(&format!(" (the value of `{key}`)"));
                    e.also.clear();
                    e.at(file, at, None)
                }
                None => e,
            }
        })
    }

    /// The template a data file names: its file and text.
    pub fn template_source(&self, data: &Data) -> Option<(PathBuf, String)> {
        let templates = self.templates_for(data).ok()?;
        templates
            .source_for(data)
            .map(|(p, t)| (p.to_path_buf(), t.to_string()))
    }

    /// The font book, loaded the first time a document needs it.
    pub fn fonts(&self) -> Result<Arc<FontBook>> {
        self.fonts
            .get_or_init(|| FontBook::load(&self.font_dirs).map(Arc::new))
            .clone()
    }

    /// Document → the bytes of one output format.
    pub fn write(&self, doc: &Document, format: Format) -> Result<Rendered> {
        let (mut all, warnings) = self.write_formats(doc, &[format])?;
        Ok(Rendered {
            bytes: all.pop().unwrap_or_default(),
            warnings,
        })
    }

    /// Document → the bytes of each format, in order, and the layout's
    /// warnings. The PDF and the OFD are drawn from one layout, made once.
    pub fn write_formats(
        &self,
        doc: &Document,
        formats: &[Format],
    ) -> Result<(Vec<Vec<u8>>, Vec<String>)> {
        let mut laid: Option<(Layout, Arc<FontBook>)> = None;
        let mut all = Vec::with_capacity(formats.len());
        for &format in formats {
            let bytes = match format {
                Format::Docx => docx::write(doc, &self.style)?,
                Format::Txt => text::write(doc).into_bytes(),
                Format::Pdf | Format::Ofd => {
                    let (layout, fonts) = match &laid {
                        Some(l) => l,
                        None => {
                            let fonts = self.fonts()?;
                            let layout = layout::layout(doc, &self.style, &fonts)?;
                            laid.insert((layout, fonts))
                        }
                    };
                    if format == Format::Pdf {
                        pdf::write(layout, doc, fonts)?
                    } else {
                        ofd::write(layout, doc, fonts)?
                    }
                }
            };
            all.push(bytes);
        }
        let warnings = laid.map(|(l, _)| l.warnings).unwrap_or_default();
        Ok((all, warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_loaded_once_and_shared_by_every_thread() {
        let p = Pipeline::new(&Options::default()).expect("pipeline");
        let first = p.fonts().expect("fonts");
        let others: Vec<Arc<FontBook>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| p.fonts().expect("fonts")))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        assert!(others.iter().all(|f| Arc::ptr_eq(f, &first)));
    }

    #[test]
    fn formats_parse_by_extension() {
        assert_eq!(Format::parse("PDF").ok(), Some(Format::Pdf));
        let err = Format::parse("odt").unwrap_err();
        assert!(
            err.to_string().contains("formats: docx, pdf, txt, ofd"),
            "{err}"
        );
    }
}
