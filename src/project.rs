//! A project on disk: where a data file's templates are found without flags.
//!
//! A `templates/` directory beside the data file, or in any directory above it
//! up to the project root (the first directory holding `.git`), overrides the
//! built-in templates by name, as `--templates DIR` does. `template:` in the
//! data may also name a template file by a path relative to the data file.

use std::path::{Component, Path, PathBuf};

use crate::data::Data;
use crate::error::{Error, Result};

/// The directory a project keeps its templates in.
pub const TEMPLATES_DIR: &str = "templates";

/// The extension a template file carries; the name is what comes before it.
pub const TEMPLATE_EXTENSION: &str = ".md.hbs";

/// Which templates a data file is rendered with: the overriding directory (if
/// any) and a template file its `template:` names by path (if any).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TemplateSource {
    pub dir: Option<PathBuf>,
    pub file: Option<PathBuf>,
}

/// The `templates/` directory nearest above `data_file`, stopping at the
/// project root (the first directory holding `.git`) or the filesystem root.
/// Returned as a path relative to the working directory when it lies below it,
/// so that messages name it as the user would.
pub fn find_templates_dir(data_file: &Path) -> Option<PathBuf> {
    let parent = data_file.parent().filter(|p| !p.as_os_str().is_empty());
    let start = parent.unwrap_or(Path::new(".")).canonicalize().ok()?;
    let found = start.ancestors().find_map(|dir| {
        let candidate = dir.join(TEMPLATES_DIR);
        if candidate.is_dir() {
            return Some(Some(candidate));
        }
        // The project root ends the search: templates above it belong to another project.
        dir.join(".git").exists().then_some(None)
    })??;
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    match cwd.as_deref().and_then(|c| found.strip_prefix(c).ok()) {
        Some(rel) => Some(rel.to_path_buf()),
        None => Some(found),
    }
}

/// Whether a `template:` value names a file rather than a template by name.
pub fn is_template_path(value: &str) -> bool {
    value.contains(['/', '\\']) || value.ends_with(".hbs")
}

/// The template name a `template:` value stands for: a path's file name
/// without `.md.hbs`, or the value itself.
pub fn template_name(value: &str) -> &str {
    if !is_template_path(value) {
        return value;
    }
    let file = value.rsplit(['/', '\\']).next().unwrap_or(value);
    file.strip_suffix(TEMPLATE_EXTENSION)
        .or_else(|| file.strip_suffix(".hbs"))
        .unwrap_or(file)
}

/// The templates a data file is rendered with: `--templates DIR` when given,
/// else the project's `templates/`; plus the file `template:` names by path.
pub fn template_source(data: &Data, flag: Option<&Path>) -> Result<TemplateSource> {
    let dir = match flag {
        Some(d) => Some(d.to_path_buf()),
        None => find_templates_dir(&data.path),
    };
    let file = match data.value.get("template").and_then(|t| t.as_str()) {
        Some(value) if is_template_path(value) => Some(template_file(data, value)?),
        _ => None,
    };
    Ok(TemplateSource { dir, file })
}

/// A `template:` path, relative to the file that set it.
fn template_file(data: &Data, value: &str) -> Result<PathBuf> {
    let (set_in, line) = data
        .sources
        .get("template")
        .map_or((data.path.as_path(), 0), |(f, l)| (f, l));
    let base = set_in.parent().unwrap_or(Path::new(""));
    let path = tidy(&base.join(value));
    if !path.is_file() {
        let mut hint = String::new();
        if let Some(near) = nearest_file(&path) {
            hint = format!("did you mean `{near}`? ");
        }
        hint.push_str("a path in `template:` is relative to the data file that names it");
        return Err(Error::new(format!(
            "the template file `{value}` does not exist ({})",
            path.display()
        ))
        .at(set_in, line, None)
        .hint(hint));
    }
    Ok(path)
}

/// The template file beside a missing one whose name is nearest to it.
fn nearest_file(missing: &Path) -> Option<String> {
    let wanted = missing.file_name()?.to_str()?;
    let names: Vec<String> = std::fs::read_dir(missing.parent()?)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".hbs"))
        .collect();
    crate::data::nearest(wanted, names.iter().map(String::as_str)).map(str::to_string)
}

/// `a/b/../c` → `a/c`, without touching the file system (for messages).
fn tidy(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_value_stands_for_its_file_name() {
        assert_eq!(template_name("work-report"), "work-report");
        assert_eq!(template_name("../tpl/notice.md.hbs"), "notice");
        assert_eq!(template_name("tpl/notice"), "notice");
        assert!(!is_template_path("notice-report"));
    }

    #[test]
    fn parent_steps_are_folded_for_messages() {
        assert_eq!(tidy(Path::new("a/b/../tpl/x")), PathBuf::from("a/tpl/x"));
        assert_eq!(tidy(Path::new("../x")), PathBuf::from("../x"));
    }
}
