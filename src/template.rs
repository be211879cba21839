//! The template stage: Handlebars in strict mode, no HTML escaping.
//!
//! Templates ship compiled into the binary; a directory of `*.hbs` files
//! overrides them by name, as mdBook's themes do.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use handlebars::{Handlebars, RenderError, RenderErrorReason, TemplateError};
use serde_json::Value as Json;
use serde_yaml::Value;

use crate::data::{key_text, nearest, Data};
use crate::error::{Error, Result};
use crate::escape;
use crate::helpers;
use crate::model::placeholder_text;
use crate::template_scan::{check_includes, scan, Scan};

/// The templates shipped with gongwen: (name, file name, text).
const BUILTIN: &[(&str, &str, &str)] = &[(
    "work-report",
    "work-report.md.hbs",
    include_str!("../templates/work-report.md.hbs"),
)];

use crate::project::{template_name, TemplateSource, TEMPLATE_EXTENSION as EXTENSION};

/// The text of a built-in template, by name.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, t)| *t)
}

/// A registry of compiled templates, shared by every document of a batch.
pub struct Templates {
    registry: Handlebars<'static>,
    /// name → the file it came from (for messages).
    files: Vec<(String, PathBuf)>,
    /// name → what it nests and includes, checked before any render.
    scans: BTreeMap<String, (PathBuf, Scan)>,
    /// name → its text, for pointing a review finding at a template line.
    sources: BTreeMap<String, String>,
    /// name → why a template file of the directory could not be compiled: only
    /// the documents that use it fail, so one bad template cannot stop a batch.
    broken: BTreeMap<String, Error>,
}

impl Templates {
    /// The built-in templates, overridden by any `NAME.md.hbs` in `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        Templates::load_from(&TemplateSource {
            dir: dir.map(Path::to_path_buf),
            file: None,
        })
    }

    /// The built-in templates, overridden by the source's directory, and by the
    /// one file a data file names by path (under its file name without `.md.hbs`).
    pub fn load_from(source: &TemplateSource) -> Result<Templates> {
        let dir = source.dir.as_deref();
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        // `{{x}}` is text: marked here, escaped for where it lands once rendered.
        registry.register_escape_fn(escape::mark);
        helpers::register(&mut registry);
        let mut t = Templates {
            registry,
            files: Vec::new(),
            scans: BTreeMap::new(),
            sources: BTreeMap::new(),
            broken: BTreeMap::new(),
        };
        for (name, file, text) in BUILTIN {
            t.add(name, Path::new("templates").join(file), text)?;
        }
        if let Some(dir) = dir {
            let entries =
                std::fs::read_dir(dir).map_err(|e| Error::io("read template directory", dir, e))?;
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let Some(name) = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_suffix(EXTENSION))
                else {
                    continue;
                };
                let text = crate::data::read_source(&path, "template")?;
                t.add_or_mark_broken(name, path.clone(), &text);
            }
        }
        if let Some(path) = &source.file {
            let text = crate::data::read_source(path, "template")?;
            let file_name = path.file_name().map(|f| f.to_string_lossy().into_owned());
            let name = template_name(file_name.as_deref().unwrap_or_default()).to_string();
            t.add_or_mark_broken(&name, path.clone(), &text);
        }
        // A template that includes itself would recurse until the stack overflows.
        check_includes(&t.scans)?;
        Ok(t)
    }

    /// Adds a template that overrides by name; one that does not compile is
    /// kept as the error the documents using it will report (never replaced by
    /// the built-in template of that name).
    fn add_or_mark_broken(&mut self, name: &str, file: PathBuf, text: &str) {
        self.broken.remove(name);
        if let Err(e) = self.add(name, file.clone(), text) {
            self.registry.unregister_template(name);
            self.scans.remove(name);
            self.sources.remove(name);
            self.files.retain(|(n, _)| n != name);
            self.files.push((name.to_string(), file));
            self.broken.insert(name.to_string(), e);
        }
    }

    fn add(&mut self, name: &str, file: PathBuf, text: &str) -> Result<()> {
        // Before Handlebars' parser meets it: deep nesting must end in an error, not an abort.
        let scan = scan(text, &file)?;
        // Compiled piece by piece: Handlebars alone takes time growing with
        // the square of the template's length (see template_lines.rs).
        let compiled =
            crate::template_lines::compile(name, text).map_err(|e| template_error(&e, &file))?;
        self.scans.insert(name.to_string(), (file.clone(), scan));
        self.sources.insert(name.to_string(), text.to_string());
        self.registry.register_template(name, compiled);
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), file));
        Ok(())
    }

    /// The file a template came from.
    pub fn file(&self, name: &str) -> Option<&Path> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.as_path())
    }

    /// The template the data names: its file and text.
    pub fn source_for(&self, data: &Data) -> Option<(&Path, &str)> {
        let name = template_name(data.value.get("template")?.as_str()?);
        Some((self.file(name)?, self.sources.get(name)?.as_str()))
    }

    /// Renders the template the data names (`template:`) with the data.
    pub fn render(&self, data: &Data) -> Result<String> {
        self.render_as(data, None)
    }

    /// Renders as [`Templates::render`] does, for one form of the document:
    /// the template reads `form` as the copy being built (`printed` or
    /// `disclosure`: `form`, when given, replaces the data's own `form`), or
    /// as the data's `form`, or as empty when neither says, so a template can
    /// test `{{#if (eq form "printed")}}` for what only the printed 公文 shows.
    pub fn render_as(&self, data: &Data, form: Option<&str>) -> Result<String> {
        let name = match data.value.get("template") {
            Some(Value::String(s)) => template_name(s),
            None => {
                return Err(Error::new("the data names no template")
                    .in_file(&data.path)
                    .hint("add a line `template: work-report`"))
            }
            Some(_) => {
                let e = Error::new("`template` must be a template name")
                    .hint("write `template: work-report`");
                return Err(match data.sources.get("template") {
                    Some((f, line)) => e.at(f, line, None),
                    None => e.in_file(&data.path),
                });
            }
        };
        let file = self.file(name).ok_or_else(|| {
            let known: Vec<&str> = self.files.iter().map(|(n, _)| n.as_str()).collect();
            let mut hint = match nearest(name, known.iter().copied()) {
                Some(k) => format!("did you mean `{k}`? "),
                None => String::new(),
            };
            hint.push_str(&format!("known templates: {}", known.join(", ")));
            let mut e = Error::new(format!("no template named `{name}`")).hint(hint);
            if let Some((f, line)) = data.sources.get("template") {
                e = e.at(f, line, None);
            }
            e
        })?;
        if let Some(e) = self.broken.get(name) {
            return Err(e.clone());
        }
        crate::template_types::check(&self.registry, name, file, data)?;
        let mut context = context(&data.value);
        if let Json::Object(top) = &mut context {
            match form {
                Some(f) => {
                    top.insert("form".into(), Json::String(f.into()));
                }
                None => {
                    top.entry("form").or_insert(Json::String(String::new()));
                }
            }
        }
        let rendered = self.registry.render(name, &context).map_err(|e| {
            // A partial that did not compile is reported as its own error.
            match e.reason() {
                RenderErrorReason::PartialNotFound(p) if self.broken.contains_key(p) => {
                    self.broken[p].clone()
                }
                _ => render_error(&e, file, data),
            }
        })?;
        escape::finish(&rendered).map_err(|m| {
            Error::new("a map is printed as text (it would read `[object]`)")
                .at(file, 0, None)
                .hint(format!(
                    "line {} of the rendered markup; print one of the map's entries instead",
                    m.line
                ))
        })
    }
}

/// The data as Handlebars sees it: nulls become visible placeholders naming their key.
pub fn context(value: &Value) -> Json {
    fn walk(v: &Value, path: &str) -> Json {
        let child = |seg: String| {
            if path.is_empty() {
                seg
            } else {
                format!("{path}.{seg}")
            }
        };
        match v {
            Value::Null => Json::String(placeholder_text(path)),
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => serde_json::to_value(n).unwrap_or(Json::Null),
            Value::String(s) => Json::String(escape::clean(s)),
            Value::Sequence(s) => Json::Array(
                s.iter()
                    .enumerate()
                    .map(|(i, v)| walk(v, &child(i.to_string())))
                    .collect(),
            ),
            Value::Mapping(m) => Json::Object(
                m.iter()
                    .map(|(k, v)| {
                        let k = key_text(k);
                        let j = walk(v, &child(k.clone()));
                        (k, j)
                    })
                    .collect(),
            ),
            Value::Tagged(t) => walk(&t.value, path),
        }
    }
    walk(value, "")
}

fn template_error(e: &TemplateError, file: &Path) -> Error {
    let reason = e.reason().to_string();
    let err = Error::new(format!("template syntax error: {reason}"));
    match e.pos() {
        Some((line, col)) => err.at(file, line, Some(col)),
        None => err.in_file(file),
    }
}

fn render_error(e: &RenderError, file: &Path, data: &Data) -> Error {
    let (message, hint) = match e.reason() {
        RenderErrorReason::MissingVariable(Some(key))
            if crate::data::get_path(&data.value, key).is_some_and(Value::is_null) =>
        {
            (
                format!(
                    "`{key}` is not known yet (`~`), but the template goes through it as a list"
                ),
                Some(format!("fill in `{key}` as a list, one `- item` a line")),
            )
        }
        RenderErrorReason::MissingVariable(Some(key)) => (
            format!("the template uses `{key}`, which the data does not have"),
            Some(format!(
                "{}add `{key}` to {} (write `{key}: ~` if it is not known yet)",
                nearest_key(&data.value, key)
                    .map(|k| format!("did you mean `{k}`? If not, "))
                    .unwrap_or_default(),
                data.path.display()
            )),
        ),
        RenderErrorReason::HelperNotFound(name) => (
            format!("unknown helper `{name}`"),
            Some(format!(
                "{}the helpers are: {}",
                nearest(name, helpers::NAMES.iter().copied())
                    .map(|h| format!("did you mean `{h}`? "))
                    .unwrap_or_default(),
                helpers::NAMES.join(", ")
            )),
        ),
        RenderErrorReason::PartialNotFound(name) => {
            (format!("no partial template named `{name}`"), None)
        }
        other => (other.to_string(), None),
    };
    let mut err = Error::new(message);
    if let Some(h) = hint {
        err = err.hint(h);
    }
    err = match e.line_no {
        Some(line) => err.at(file, line, e.column_no),
        None => err.in_file(file),
    };
    // The line a person edits is the data's, when the message names a value it has;
    // for a key the data lacks, the map it belongs in.
    if let RenderErrorReason::MissingVariable(Some(key)) = e.reason() {
        let parent = key.rsplit_once('.').map(|(p, _)| p);
        let own = data.sources.get(key);
        return match own.or_else(|| parent.and_then(|p| data.sources.get(p))) {
            Some((f, line)) => err.relocate(f, line),
            None => err.relocate(&data.path, 0),
        };
    }
    match data_key_in(&err.message, data) {
        Some((f, line)) => err.relocate(f, line),
        None => err,
    }
}

/// The key path the data likely meant, for one it lacks: the first segment the
/// data does not have, replaced by the nearest key at that level.
fn nearest_key(value: &Value, key: &str) -> Option<String> {
    let parts: Vec<&str> = key.split('.').collect();
    let mut node = value;
    for (i, part) in parts.iter().enumerate() {
        let Value::Mapping(m) = node else { return None };
        match m.get(*part) {
            Some(next) => node = next,
            None => {
                let keys: Vec<String> = m.keys().map(key_text).collect();
                let near = nearest(part, keys.iter().map(String::as_str))?;
                let mut fixed: Vec<&str> = parts.clone();
                fixed[i] = near;
                return Some(fixed.join("."));
            }
        }
    }
    None
}

/// The data line of the first `key` quoted in a message that the data sets.
fn data_key_in(message: &str, data: &Data) -> Option<(PathBuf, usize)> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .find_map(|k| data.sources.get(k))
        .map(|(f, l)| (f.to_path_buf(), l))
}
