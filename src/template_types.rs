//! Before rendering: every `{{path}}` the template prints must be text or a
//! number in this data, not a map or a list (which Handlebars would print as
//! `[object]` or `[a, b]`). The template is walked with the data, following
//! `#each` and `#with` into the values they open, so the error names the key,
//! the data line that set it, and the template line that prints it.

use std::path::Path;

use handlebars::template::{HelperTemplate, Parameter, TemplateElement};
use handlebars::{Handlebars, Template};
use serde_yaml::Value;

use crate::data::{key_text, Data};
use crate::error::{Error, Result};

/// One open context: its value and its key path.
type Scope<'a> = (&'a Value, String);

pub fn check(registry: &Handlebars<'_>, name: &str, file: &Path, data: &Data) -> Result<()> {
    let Some(template) = registry.get_template(name) else {
        return Ok(());
    };
    let mut walker = Walker {
        file,
        data,
        budget: 100_000,
    };
    walker.template(template, &mut vec![(&data.value, String::new())])
}

struct Walker<'a> {
    file: &'a Path,
    data: &'a Data,
    /// Elements left to visit: a long list times a long body stops the walk, not the build.
    budget: usize,
}

impl<'a> Walker<'a> {
    fn template(&mut self, t: &'a Template, scopes: &mut Vec<Scope<'a>>) -> Result<()> {
        for (i, element) in t.elements.iter().enumerate() {
            if self.budget == 0 {
                return Ok(());
            }
            self.budget -= 1;
            let line = t.mapping.get(i).map(|m| m.0).unwrap_or(0);
            match element {
                TemplateElement::Expression(ht) | TemplateElement::HtmlExpression(ht) => {
                    self.printed(ht, scopes, line)?
                }
                TemplateElement::HelperBlock(ht) => {
                    self.misread(ht, scopes, line)?;
                    self.block(ht, scopes)?
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A path that reads a named entry of a list (`results.funds` where
    /// `results` is a list): the data has the wrong shape.
    fn misread(&self, ht: &HelperTemplate, scopes: &[Scope<'a>], line: usize) -> Result<()> {
        let paths = std::iter::once(&ht.name)
            .chain(&ht.params)
            .filter_map(|p| match p {
                Parameter::Path(p) => Some(p),
                _ => None,
            });
        for path in paths {
            let Some((_, key)) = resolve(path, scopes) else {
                continue;
            };
            let Some((list, entry)) = key.split_once('\u{0}') else {
                continue;
            };
            let e = Error::new(format!(
                "`{list}` is a list, but the template reads `{list}.{entry}` (`{}`)",
                raw(path)
            ))
            .hint(format!(
                "write `{list}` as a map, with a line `{entry}: …` under it"
            ));
            return Err(match self.data.sources.locate(list) {
                Some((f, l)) => e.at(f, l, None).also(self.file, line),
                None => e.at(self.file, line, None),
            });
        }
        Ok(())
    }

    /// `{{path}}` with no helper: what it resolves to must be text.
    fn printed(&self, ht: &HelperTemplate, scopes: &[Scope<'a>], line: usize) -> Result<()> {
        self.misread(ht, scopes, line)?;
        if !ht.params.is_empty() || !ht.hash.is_empty() {
            return Ok(());
        }
        let Parameter::Path(path) = &ht.name else {
            return Ok(());
        };
        let Some((value, key)) = resolve(path, scopes) else {
            return Ok(());
        };
        if key.contains('\u{0}') {
            return Ok(());
        }
        let what = match value {
            Value::Mapping(_) => "a map",
            Value::Sequence(_) => "a list",
            _ => return Ok(()),
        };
        let mut e = Error::new(format!(
            "`{key}` is {what}, but the template prints it as text (`{{{{{}}}}}`)",
            raw(path)
        ))
        .hint(format!(
            "give `{key}` a single value, or print one of its entries{}",
            if what == "a list" {
                " (or `{{#each}}` over it)"
            } else {
                ""
            }
        ));
        e = match self.data.sources.locate(&key) {
            Some((f, l)) => e.at(f, l, None).also(self.file, line),
            None => e.at(self.file, line, None),
        };
        Err(e)
    }

    /// A block helper: `#each` and `#with` open a value; others keep the context.
    fn block(&mut self, ht: &'a HelperTemplate, scopes: &mut Vec<Scope<'a>>) -> Result<()> {
        let name = match &ht.name {
            Parameter::Name(n) => n.as_str(),
            Parameter::Path(p) => raw(p),
            _ => "",
        };
        let opened = match ht.params.first() {
            Some(Parameter::Path(p)) if name == "each" || name == "with" => resolve(p, scopes),
            _ => None,
        };
        if let Some(body) = &ht.template {
            match (name, opened) {
                ("each", Some((Value::Sequence(items), ref key))) => {
                    for (i, item) in items.iter().enumerate() {
                        scopes.push((item, join(key, &i.to_string())));
                        let r = self.template(body, scopes);
                        scopes.pop();
                        r?;
                    }
                }
                ("each", Some((Value::Mapping(m), ref key))) => {
                    for (k, item) in m {
                        scopes.push((item, join(key, &key_text(k))));
                        let r = self.template(body, scopes);
                        scopes.pop();
                        r?;
                    }
                }
                ("with", Some((v, key))) => {
                    scopes.push((v, key));
                    let r = self.template(body, scopes);
                    scopes.pop();
                    r?;
                }
                ("each" | "with", _) => {}
                _ => self.template(body, scopes)?,
            }
        }
        if let Some(inverse) = &ht.inverse {
            self.template(inverse, scopes)?;
        }
        Ok(())
    }
}

fn raw(path: &handlebars::Path) -> &str {
    match path {
        handlebars::Path::Relative((_, raw)) | handlebars::Path::Local((_, _, raw)) => raw,
    }
}

/// A relative path (`a.b`, `this`, `../x`) against the open scopes.
fn resolve<'a>(path: &handlebars::Path, scopes: &[Scope<'a>]) -> Option<(&'a Value, String)> {
    let handlebars::Path::Relative((segs, _)) = path else {
        return None;
    };
    let mut level = scopes.len().checked_sub(1)?;
    let mut names = Vec::new();
    for seg in segs {
        match seg {
            handlebars::PathSeg::Named(n) => names.push(n.as_str()),
            handlebars::PathSeg::Ruled(rule) => match format!("{rule:?}").as_str() {
                "path_up" => level = level.checked_sub(1)?,
                "path_root" => level = 0,
                _ => return None,
            },
            _ => return None,
        }
    }
    let (mut value, mut key) = (scopes[level].0, scopes[level].1.clone());
    for n in names {
        if n == "this" {
            continue;
        }
        value = match value {
            Value::Mapping(m) => m.get(n)?,
            Value::Sequence(s) => match n.parse::<usize>() {
                Ok(i) => s.get(i)?,
                // `results.funds` where `results` is a list: reported by `misread`.
                Err(_) => return Some((value, format!("{key}\u{0}{n}"))),
            },
            _ => return None,
        };
        key = join(&key, n);
    }
    Some((value, key))
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}
