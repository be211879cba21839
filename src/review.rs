//! `gongwen check` on one data file: every finding — an error that stops the
//! build, a lint, a character the fonts lack, a value still to fill in — at the
//! line a person edits: the data line of the value that produced it, else the
//! template line of the text, else the data file.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::batch::{self, Forms};
use crate::check::{lints, Lint};
use crate::data::Data;
use crate::error::Error;
use crate::i18n::tr;
use crate::model::{Document, Form};
use crate::pipeline::Pipeline;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document does not build.
    Error,
    /// It builds, but a reviewer would send it back.
    Warning,
    /// A value still to fill in (a 【待填:…】 placeholder).
    Todo,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based; 0 when only the file is known.
    pub line: usize,
    /// The data key behind it, when known.
    pub key: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// Further places involved (the template line that prints the value, say).
    pub also: Vec<(PathBuf, usize)>,
}

/// One finding a line (`FILE:LINE: KEY: 待填`, `FILE:LINE: warning: …`), with
/// further places and the hint indented under it.
pub fn write_text(findings: &[Finding], out: &mut impl std::io::Write) -> std::io::Result<()> {
    for f in findings {
        let at = if f.line > 0 {
            format!("{}:{}", f.file.display(), f.line)
        } else {
            f.file.display().to_string()
        };
        match (f.severity, &f.key) {
            (Severity::Todo, Some(key)) => writeln!(out, "{at}: {key}: 待填")?,
            (Severity::Error, _) => {
                writeln!(out, "{}", tr(&format!("{at}: error: {}", f.message)))?
            }
            _ => writeln!(out, "{}", tr(&format!("{at}: warning: {}", f.message)))?,
        }
        for (file, line) in &f.also {
            writeln!(out, "  --> {}:{line}", file.display())?;
        }
        if let Some(h) = &f.hint {
            writeln!(out, "{}", tr(&format!("  = hint: {h}")))?;
        }
    }
    Ok(())
}

/// The findings as a JSON array, for scripts.
pub fn write_json(findings: &[Finding], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(findings).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

/// Reviews one data file in every form it can be built in (what only the
/// printed 公文 shows — its 文号, 主送, 抄送 — is reviewed too); an empty list
/// means it is ready to go out.
pub fn review(pipeline: &Pipeline, path: &Path) -> Vec<Finding> {
    review_as(pipeline, path, Forms::Both)
}

/// Reviews one data file as the copies `forms` names: each finding once, in
/// the order the first copy that has it shows it.
pub fn review_as(pipeline: &Pipeline, path: &Path, forms: Forms) -> Vec<Finding> {
    let data = match pipeline.load(path) {
        Ok(d) => d,
        Err(e) => return vec![from_error(&e, path)],
    };
    let mut out: Vec<Finding> = Vec::new();
    let mut reviewed: Vec<Document> = Vec::new();
    for (form, _) in forms.copies() {
        let found = match pipeline.document_as(&data, form) {
            Ok(doc) => {
                // A template that writes both forms alike leaves nothing new to review.
                let mut alike = doc.clone();
                alike.meta.form = Form::default();
                if reviewed.contains(&alike) {
                    continue;
                }
                reviewed.push(alike);
                review_document(pipeline, path, &data, &doc)
            }
            Err(e) => vec![from_error(&e, path)],
        };
        for f in found {
            if !out.iter().any(|o| same_finding(o, &f)) {
                out.push(f);
            }
        }
    }
    out
}

fn same_finding(a: &Finding, b: &Finding) -> bool {
    a.severity == b.severity
        && a.file == b.file
        && a.line == b.line
        && a.key == b.key
        && a.message == b.message
}

/// Every finding about one document built from `data`.
fn review_document(pipeline: &Pipeline, path: &Path, data: &Data, doc: &Document) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let source = pipeline.template_source(data);
    let template = source.as_ref().map(|(p, t)| (p.as_path(), t.as_str()));
    for lint in lints(doc) {
        let f = locate_lint(&lint, data, template);
        // A value printed twice is one thing to fix.
        let repeat = out
            .iter()
            .any(|o| f.key.is_some() && o.key == f.key && o.line == f.line && o.hint == f.hint);
        if !repeat {
            out.push(f);
        }
    }
    // Font coverage: laying the document out finds every character a font lacks.
    let laid = pipeline
        .fonts()
        .and_then(|fonts| crate::layout::layout(doc, &pipeline.style, &fonts));
    match laid {
        Ok(laid) => {
            for w in &laid.warnings {
                out.push(locate_char(w, Severity::Warning, None, data, template));
            }
        }
        Err(e) => out.push(locate_char(
            &e.message,
            Severity::Error,
            e.hint.clone(),
            data,
            template,
        )),
    }
    for (key, at) in batch::placeholders(data, doc) {
        let (file, line) = at.unwrap_or_else(|| (path.to_path_buf(), 0));
        out.push(Finding {
            severity: Severity::Todo,
            file,
            line,
            message: format!("`{key}` is still to fill in"),
            key: Some(key),
            hint: None,
            also: Vec::new(),
        });
    }
    out
}

fn from_error(e: &Error, path: &Path) -> Finding {
    let (file, line) = e
        .location
        .as_ref()
        .map_or((path.to_path_buf(), 0), |l| (l.file.clone(), l.line));
    Finding {
        severity: Severity::Error,
        file,
        line,
        key: None,
        message: e.message.clone(),
        hint: e.hint.clone(),
        also: e.also.iter().map(|l| (l.file.clone(), l.line)).collect(),
    }
}

type Template<'a> = Option<(&'a Path, &'a str)>;

fn locate_lint(lint: &Lint, data: &Data, template: Template<'_>) -> Finding {
    let (file, line, key) = lint
        .snippets
        .iter()
        .find_map(|s| data.value_containing(s))
        .map(|(k, f, l)| (f, l, Some(k)))
        .or_else(|| {
            let label = lint.index_label.as_deref()?;
            let (k, f, l) = index_key(label, data, template?.1)?;
            Some((f, l, Some(k)))
        })
        .or_else(|| {
            let (file, text) = template?;
            let line = lint.snippets.iter().find_map(|s| line_of(text, s))?;
            Some((file.to_path_buf(), line, None))
        })
        .unwrap_or_else(|| (data.path.clone(), 0, None));
    let mut message = lint.message.clone();
    if line == 0 && lint.rendered_line > 0 {
        message.push_str(&format!(
            " (line {} of the rendered markup)",
            lint.rendered_line
        ));
    }
    Finding {
        severity: Severity::Warning,
        file,
        line,
        key,
        message,
        hint: Some(lint.hint.to_string()),
        also: Vec::new(),
    }
}

/// For an error that names a character as `(U+XXXX)` (one no font has, one a
/// DOCX cannot hold): the data value that holds it, as (key, file, line).
pub fn character_source(
    pipeline: &Pipeline,
    path: &Path,
    message: &str,
) -> Option<(String, PathBuf, usize)> {
    let c = named_char(message)?;
    let data = pipeline.load(path).ok()?;
    data.value_containing(&c.to_string())
}

fn named_char(message: &str) -> Option<char> {
    let rest = message.split("U+").nth(1)?;
    let hex: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
}

/// A font finding names its character as `(U+XXXX)`: find the value that holds it.
fn locate_char(
    message: &str,
    severity: Severity,
    hint: Option<String>,
    data: &Data,
    template: Template<'_>,
) -> Finding {
    let c = named_char(message);
    let found = c.and_then(|c| {
        let s = c.to_string();
        if let Some((k, f, l)) = data.value_containing(&s) {
            return Some((f, l, Some(k)));
        }
        let (file, text) = template?;
        Some((file.to_path_buf(), line_of(text, &s)?, None))
    });
    let (file, line, key) = found.unwrap_or_else(|| (data.path.clone(), 0, None));
    Finding {
        severity,
        file,
        line,
        key,
        message: message.to_string(),
        hint,
        also: Vec::new(),
    }
}

/// The first template line holding `snippet`.
fn line_of(text: &str, snippet: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.contains(snippet))
        .map(|i| i + 1)
}

/// The data key an index entry prints: the template line `label: {{… key}}`
/// names it.
fn index_key(label: &str, data: &Data, template: &str) -> Option<(String, PathBuf, usize)> {
    let line = template
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{label}:")))?;
    line.split("{{")
        .skip(1)
        .flat_map(|t| t.split("}}").next().unwrap_or("").split_whitespace())
        .map(|w| w.trim_matches(['(', ')', '#', '/']))
        .find_map(|k| {
            let (f, l) = data.sources.get(k)?;
            Some((k.to_string(), f.to_path_buf(), l))
        })
}
