//! The data's values after loading: `--set` overrides (with a did-you-mean for
//! a key the data lacks), the check that every figure is one a report can
//! print, and finding the value behind a piece of rendered text.

use std::path::PathBuf;

use serde_yaml::{Mapping, Value};

use crate::data::{join, key_text, Data, SourceMap};
use crate::error::{Error, Result};

/// Applies `--set key.path=value`; the value is read as YAML, so numbers stay numbers.
/// A key the data does not have is an error naming the nearest one, unless
/// `add` says to create it (`--set-new`).
pub fn set(data: &mut Data, assignment: &str, add: bool) -> Result<()> {
    let (key, raw) = assignment.split_once('=').ok_or_else(|| {
        Error::new(format!("`--set {assignment}` has no `=`")).hint("write --set key.path=value")
    })?;
    let key = key.trim();
    if key.is_empty() || key.split('.').any(str::is_empty) {
        return Err(Error::new(format!(
            "`--set {assignment}`: `{key}` is not a key path"
        )));
    }
    let new: Value = serde_yaml::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()));
    let mut node = &mut data.value;
    let parts: Vec<&str> = key.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        node = match node {
            Value::Mapping(m) => {
                let k = Value::String(part.to_string());
                if !add && !m.contains_key(&k) {
                    return Err(unknown_key(&data.sources, key, &parts[..=i]));
                }
                if last {
                    m.insert(k, new);
                    return Ok(());
                }
                m.entry(k).or_insert_with(|| Value::Mapping(Mapping::new()))
            }
            Value::Sequence(s) => {
                let idx: usize = part.parse().map_err(|_| {
                    Error::new(format!(
                        "`--set {key}`: `{part}` indexes a list, so it must be a number"
                    ))
                })?;
                let len = s.len();
                let slot = s.get_mut(idx).ok_or_else(|| {
                    Error::new(format!(
                        "`--set {key}`: the list has {len} items, no item {idx}"
                    ))
                })?;
                if last {
                    *slot = new;
                    return Ok(());
                }
                slot
            }
            _ => {
                return Err(Error::new(format!(
                    "`--set {key}`: `{}` is a single value, not a map",
                    parts[..i].join(".")
                )))
            }
        };
    }
    Ok(())
}

/// `--set` on a key the data lacks: the nearest existing key, by edit distance.
fn unknown_key(sources: &SourceMap, assignment_key: &str, missing: &[&str]) -> Error {
    let missing = missing.join(".");
    let mut hint = String::new();
    if let Some(k) = nearest(assignment_key, sources.entries.keys().map(String::as_str)) {
        hint = format!("did you mean `{k}`? ");
    }
    hint.push_str("to add a key the data does not have, use --set-new");
    Error::new(format!(
        "`--set {assignment_key}`: the data has no key `{missing}`"
    ))
    .hint(hint)
}

/// The candidate nearest to `target` by edit distance, when near enough to be
/// a slip of the keyboard (a third of its length, at least two edits); the
/// first in order among equally near ones.
pub fn nearest<'a>(target: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let (d, k) = candidates
        .filter(|c| *c != target)
        .map(|c| (edit_distance(c, target), c))
        .min()?;
    (d <= (target.chars().count() / 3).max(2)).then_some(k)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The value at a dotted key path (`results.funds`, `plan.items.2`).
pub fn get_path<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, seg| match v {
        Value::Mapping(m) => m.get(seg),
        Value::Sequence(s) => s.get(seg.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Figures a report can print: every number finite, every year a whole year.
/// Checked once the data is merged, so the error names the key and its line.
pub fn validate(data: &Data) -> Result<()> {
    fn walk(v: &Value, path: String, data: &Data) -> Result<()> {
        let at = |e: Error| match data.sources.locate(&path) {
            Some((f, l)) => e.at(f, l, None),
            None => e.in_file(&data.path),
        };
        match v {
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if !x.is_finite() {
                    let what = if x.is_nan() {
                        ".nan (not a number)"
                    } else {
                        "infinite"
                    };
                    return Err(at(Error::new(format!(
                        "`{path}` is {what}, not a figure a report can print"
                    )))
                    .hint("write the figure, or `~` if it is not known yet"));
                }
                let last = path.rsplit('.').next().unwrap_or("");
                if is_year_key(last) && (x.fract() != 0.0 || !(1000.0..=9999.0).contains(&x)) {
                    return Err(at(Error::new(format!("`{path}` is {n}, not a year")))
                        .hint("a year is a whole number such as 2020"));
                }
            }
            Value::Mapping(m) => {
                for (k, v) in m {
                    walk(v, join(&path, &key_text(k)), data)?;
                }
            }
            Value::Sequence(s) => {
                for (i, v) in s.iter().enumerate() {
                    walk(v, join(&path, &i.to_string()), data)?;
                }
            }
            Value::Tagged(t) => walk(&t.value, path, data)?,
            _ => {}
        }
        Ok(())
    }
    walk(&data.value, String::new(), data)
}

/// `year`, `rd_year`: keys whose value is a year (drafting moves them on by one).
pub fn is_year_key(k: &str) -> bool {
    k == "year" || k.ends_with("_year")
}

impl Data {
    /// The data value that most likely put `snippet` into the rendered text: of
    /// the values `accept` admits, the longest (of two characters or more) that
    /// the snippet contains, or failing that the shortest that contains the
    /// snippet. Returns its key, file and line.
    pub fn value_behind(
        &self,
        snippet: &str,
        accept: impl Fn(&str) -> bool,
    ) -> Option<(String, PathBuf, usize)> {
        let mut leaves = Vec::new();
        leaf_texts(&self.value, String::new(), &mut leaves);
        leaves.retain(|(_, t)| accept(t));
        let inside = leaves
            .iter()
            .filter(|(_, t)| t.chars().count() >= 2 && snippet.contains(t.as_str()))
            .max_by_key(|(_, t)| t.chars().count());
        match inside {
            Some((key, _)) => {
                let (file, line) = self.sources.locate(key)?;
                Some((key.clone(), file.to_path_buf(), line))
            }
            None => leaves
                .iter()
                .filter(|(_, t)| !snippet.is_empty() && t.contains(snippet))
                .min_by_key(|(_, t)| t.len())
                .and_then(|(key, _)| {
                    let (file, line) = self.sources.locate(key)?;
                    Some((key.clone(), file.to_path_buf(), line))
                }),
        }
    }

    /// The shortest data value holding `snippet`: its key, file and line.
    pub fn value_containing(&self, snippet: &str) -> Option<(String, PathBuf, usize)> {
        if snippet.is_empty() {
            return None;
        }
        let mut leaves = Vec::new();
        leaf_texts(&self.value, String::new(), &mut leaves);
        let (key, _) = leaves
            .iter()
            .filter(|(_, t)| t.contains(snippet))
            .min_by_key(|(_, t)| t.len())?;
        let (file, line) = self.sources.locate(key)?;
        Some((key.clone(), file.to_path_buf(), line))
    }
}

/// Every scalar of the data as a template prints it, with its key path.
fn leaf_texts(v: &Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((path, s.clone())),
        Value::Number(n) => out.push((path, n.to_string())),
        Value::Mapping(m) => {
            for (k, v) in m {
                leaf_texts(v, join(&path, &key_text(k)), out);
            }
        }
        Value::Sequence(s) => {
            for (i, v) in s.iter().enumerate() {
                leaf_texts(v, join(&path, &i.to_string()), out);
            }
        }
        Value::Tagged(t) => leaf_texts(&t.value, path, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::parse_str;
    use std::path::Path;

    #[test]
    fn set_overrides_keys_lists_and_refuses_to_walk_through_a_value() {
        let mut d = parse_str("a: {b: 1}\nl: [x, y]\ns: text\n", Path::new("t.yaml")).unwrap();
        set(&mut d, "a.b=2.5", false).unwrap();
        set(&mut d, "a.new.deep=是", true).unwrap();
        set(&mut d, "l.1=z", false).unwrap();
        assert_eq!(
            d.value["a"]["b"].as_f64(),
            Some(2.5),
            "numbers stay numbers"
        );
        assert_eq!(d.value["a"]["new"]["deep"].as_str(), Some("是"));
        assert_eq!(d.value["l"][1].as_str(), Some("z"));
        for bad in ["s.x=1", "l.9=1", "l.x=1", "novalue", "a..b=1"] {
            let e = set(&mut d, bad, true).unwrap_err();
            assert!(e.message.contains("--set"), "{bad}: {e}");
        }
    }

    #[test]
    fn set_on_a_key_the_data_lacks_suggests_the_nearest() {
        let text = "results:\n  funds: 1\n  herbs: 2\n";
        let mut d = parse_str(text, Path::new("t.yaml")).unwrap();
        let e = set(&mut d, "results.fundz=1", false).unwrap_err();
        assert!(e.message.contains("no key `results.fundz`"), "{e}");
        assert!(
            e.to_string().contains("did you mean `results.funds`?"),
            "{e}"
        );
        assert!(d.value["results"].get("fundz").is_none(), "nothing added");
        let e = set(&mut d, "zzzzzzzz.q=1", false).unwrap_err();
        assert!(!e.to_string().contains("did you mean"), "{e}");
        set(&mut d, "results.fundz=1", true).unwrap();
        assert_eq!(d.value["results"]["fundz"].as_i64(), Some(1));
    }
}
