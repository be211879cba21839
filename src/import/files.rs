//! Where `import` puts what it makes: `DIR/NAME.yaml` and
//! `DIR/templates/NAME.md.hbs`, next to each other, so the data file finds its
//! template without flags. Existing files are kept unless replacing is asked for.

use std::path::{Path, PathBuf};

use super::Imported;
use crate::error::{Error, Result};
use crate::output::{check_replaceable, write_atomic};
use crate::project::{TEMPLATES_DIR, TEMPLATE_EXTENSION};

/// The files written: (data, template), and what was made.
pub struct Written {
    pub data: PathBuf,
    pub template: PathBuf,
    pub imported: Imported,
}

/// Imports `file` into the project directory `dir`, naming the template and
/// the data `name` (default: the file's own name).
pub fn import_file(file: &Path, dir: &Path, name: Option<&str>, force: bool) -> Result<Written> {
    let bytes = crate::input::read_regular_file(file, "document")?;
    let name = match name {
        Some(n) => template_name(n),
        None => template_name(
            &file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    // The file's name as the comments of both files give it: one line, no braces
    // (the template's comment must not end early).
    let source: String = file
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| match c {
            '{' => '｛',
            '}' => '｝',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let imported = super::import(file, &bytes, &name, &source)?;
    let data = dir.join(format!("{name}.yaml"));
    let template = dir
        .join(TEMPLATES_DIR)
        .join(format!("{name}{TEMPLATE_EXTENSION}"));
    for path in [&data, &template] {
        check_replaceable(path)?;
        if path.exists() && !force {
            return Err(Error::new(format!("{} exists already", path.display()))
                .hint("pass --force to replace it, or --name to import under another name"));
        }
    }
    let template_dir = dir.join(TEMPLATES_DIR);
    std::fs::create_dir_all(&template_dir)
        .map_err(|e| Error::io("create directory", &template_dir, e))?;
    let template_existed = template.exists();
    write_atomic(&template, imported.template.as_bytes())?;
    if let Err(e) = write_atomic(&data, imported.data.as_bytes()) {
        // Leave nothing half made: a template without its data is of no use.
        if !template_existed {
            let _ = std::fs::remove_file(&template);
        }
        return Err(e);
    }
    Ok(Written {
        data,
        template,
        imported,
    })
}

/// A template name that is a plain name (no path, no dots), as `template:` wants it.
fn template_name(raw: &str) -> String {
    let n: String = crate::output::safe_stem(raw)
        .chars()
        .map(|c| {
            if c == '.' || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect();
    if n.is_empty() {
        "imported".into()
    } else {
        n
    }
}
