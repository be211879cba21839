//! Errors that read like rustc's: `error: …`, `--> file:line:col`, `= hint: …`.
//!
//! Every failure on user input becomes an [`Error`]; nothing in the pipeline
//! panics on bad data, and the CLI turns an error into a non-zero exit.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::tr;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in a source file something happened (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub location: Option<Location>,
    /// Further places involved (the template line that uses a data value, say).
    pub also: Vec<Location>,
    pub hint: Option<String>,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            location: None,
            also: Vec::new(),
            hint: None,
        }
    }

    /// Adds a further place involved, printed after the main one.
    pub fn also(mut self, file: impl AsRef<Path>, line: usize) -> Self {
        self.also.push(Location {
            file: file.as_ref().to_path_buf(),
            line,
            column: None,
        });
        self
    }

    /// Moves the error to `file:line`, keeping where it was found as a further place.
    pub fn relocate(mut self, file: impl AsRef<Path>, line: usize) -> Self {
        if let Some(old) = self.location.take() {
            self.also.insert(0, old);
        }
        self.at(file, line, None)
    }

    /// Attaches a file and line (and column, when known).
    pub fn at(mut self, file: impl AsRef<Path>, line: usize, column: Option<usize>) -> Self {
        self.location = Some(Location {
            file: file.as_ref().to_path_buf(),
            line,
            column,
        });
        self
    }

    /// Attaches a file without a line, unless a location is already known.
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        if self.location.is_none() {
            self.location = Some(Location {
                file: file.as_ref().to_path_buf(),
                line: 0,
                column: None,
            });
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// An I/O failure on a path.
    pub fn io(what: &str, path: &Path, err: std::io::Error) -> Self {
        Error::new(format!("cannot {what} {}: {err}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The words are translated here, where every error is printed (see i18n).
        write!(f, "{}{}", tr("error: "), tr(&self.message))?;
        for loc in self.location.iter().chain(&self.also) {
            write!(f, "\n  --> {}", loc.file.display())?;
            if loc.line > 0 {
                write!(f, ":{}", loc.line)?;
                if let Some(c) = loc.column {
                    write!(f, ":{c}")?;
                }
            }
        }
        if let Some(h) = &self.hint {
            write!(f, "\n{}{}", tr("  = hint: "), tr(h))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let e = Error::new("unknown helper `foo`")
            .at("templates/work-report.md.hbs", 12, Some(5))
            .hint("helpers are listed in the README");
        assert_eq!(
            e.to_string(),
            "error: unknown helper `foo`\n  --> templates/work-report.md.hbs:12:5\n  = hint: helpers are listed in the README"
        );
    }
}
