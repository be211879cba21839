//! The data stage: a YAML file, merged over the files it `extends`, with a map
//! from every key back to the file and line that set it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::error::{Error, Result};

pub use crate::data_values::{edit_distance, get_path, is_year_key, nearest, set, validate};

/// A loaded data file: the merged value and where each key came from.
#[derive(Debug, Clone)]
pub struct Data {
    /// The file that was asked for (the top of the `extends` chain).
    pub path: PathBuf,
    pub value: Value,
    pub sources: SourceMap,
}

/// Dotted key path (`results.funds`, `plan.items.2`) → the file and line that set it.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    pub(crate) entries: BTreeMap<String, (PathBuf, usize)>,
}

impl SourceMap {
    pub fn get(&self, path: &str) -> Option<(&Path, usize)> {
        self.entries.get(path).map(|(p, l)| (p.as_path(), *l))
    }

    /// Where a key was set, or failing that its nearest parent.
    pub fn locate(&self, path: &str) -> Option<(&Path, usize)> {
        let mut p = path;
        loop {
            if let Some(found) = self.get(p) {
                return Some(found);
            }
            p = &p[..p.rfind('.')?];
        }
    }
}

/// Loads `path`, following `extends` chains (relative to each file), deep-merging
/// each file over its base: maps merge, scalars and lists replace.
pub fn load(path: &Path) -> Result<Data> {
    let mut chain = Vec::new();
    let (value, sources) = load_chain(path, &mut chain)?;
    Ok(Data {
        path: path.to_path_buf(),
        value,
        sources,
    })
}

/// Reads a text source (data or template) as UTF-8, without the byte-order
/// mark Windows editors put in front, which would hide the first line.
pub fn read_source(path: &Path, what: &str) -> Result<String> {
    let bytes = crate::input::read_regular_file(path, what)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        Error::new(format!("the {what} is not UTF-8 text"))
            .at(path, line, None)
            .hint("save it as UTF-8 (GBK and GB18030 files are not read)")
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Parses data already in memory (the built-in sample), with no `extends`.
pub fn parse_str(text: &str, name: &Path) -> Result<Data> {
    let value = parse_yaml(text, name)?;
    if extends_of(&value, name)?.is_some() {
        return Err(Error::new("built-in data cannot use `extends`").in_file(name));
    }
    let mut sources = SourceMap::default();
    scan_keys(text, name, &mut sources);
    Ok(Data {
        path: name.to_path_buf(),
        value,
        sources,
    })
}

fn load_chain(path: &Path, chain: &mut Vec<PathBuf>) -> Result<(Value, SourceMap)> {
    let canonical = path
        .canonicalize()
        .map_err(|e| Error::io("read data file", path, e))?;
    if let Some(start) = chain.iter().position(|p| p == &canonical) {
        let cycle: Vec<String> = chain[start..]
            .iter()
            .chain(std::iter::once(&canonical))
            .map(|p| p.display().to_string())
            .collect();
        return Err(
            Error::new(format!("`extends` cycle: {}", cycle.join(" -> ")))
                .in_file(path)
                .hint("a data file may extend a base, but no file may end up extending itself"),
        );
    }
    chain.push(canonical);
    let text = read_source(path, "data file")?;
    let mut value = parse_yaml(&text, path)?;
    let mut sources = SourceMap::default();

    if let Some(base) = extends_of(&value, path)? {
        let base_path = path.parent().unwrap_or(Path::new(".")).join(&base);
        if !base_path.exists() {
            let line = find_line(&text, "extends").unwrap_or(1);
            return Err(Error::new(format!(
                "`extends` names {}, which does not exist",
                base_path.display()
            ))
            .at(path, line, None)
            .hint("the path is relative to the file that says `extends`"));
        }
        let (base_value, base_sources) = load_chain(&base_path, chain)?;
        if let Value::Mapping(m) = &mut value {
            m.remove("extends");
        }
        value = merge(base_value, value);
        sources = base_sources;
    }
    scan_keys(&text, path, &mut sources);
    sources.entries.remove("extends");
    chain.pop();
    Ok((value, sources))
}

fn parse_yaml(text: &str, path: &Path) -> Result<Value> {
    if let Some((line, column, c)) = control_character(text) {
        return Err(Error::new(format!(
            "a control character (U+{:04X}) in the data file",
            c as u32
        ))
        .at(path, line, Some(column))
        .hint("delete it: it is invisible in most editors, and no printed text holds one"));
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(
            Error::new(format!("brackets nested more than {MAX_FLOW_DEPTH} deep"))
                .at(path, line, Some(column))
                .hint("a report's data nests a few levels; close the brackets you opened"),
        );
    }
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let msg = format!("malformed YAML: {}", strip_location(&e.to_string()));
        match e.location() {
            Some(loc) => {
                // serde_yaml points at the mapping; the line to edit is the repeated key's.
                let line = duplicate_key(&msg)
                    .and_then(|k| second_occurrence(text, loc.line(), loc.column(), &k))
                    .unwrap_or(loc.line());
                Error::new(msg).at(path, line, Some(loc.column()))
            }
            None => Error::new(msg).in_file(path),
        }
    })?;
    match value {
        Value::Mapping(_) => Ok(value),
        Value::Null => Ok(Value::Mapping(Mapping::new())),
        _ => Err(
            Error::new("a data file must be a mapping of keys to values")
                .at(path, 1, Some(1))
                .hint("start with lines like `template: work-report`"),
        ),
    }
}

/// YAML's own parser refuses nesting past 128 levels, but only after scanning it
/// all, in time that grows with the square of the depth (20,000 `[` took
/// seconds); brackets are counted first.
const MAX_FLOW_DEPTH: usize = 100;

/// Where `[` / `{` first nest past [`MAX_FLOW_DEPTH`] (outside quotes and
/// comments): (line, column).
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1, 0);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = '\n';
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            comment = false;
            if quote == Some('\'') && depth == 0 {
                quote = None;
            }
        } else if comment {
        } else if let Some(q) = quote {
            if c == q && prev != '\\' {
                quote = None;
            }
        } else {
            match c {
                '#' if prev == ' ' || prev == '\t' || prev == '\n' => comment = true,
                '"' | '\'' if depth > 0 || matches!(prev, ' ' | ':' | '\n') => quote = Some(c),
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((line, column));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = c;
    }
    None
}

/// The first control character other than tab, line feed and carriage return:
/// (line, column in characters, the character). Templates are checked alike.
pub(crate) fn control_character(text: &str) -> Option<(usize, usize, char)> {
    let (i, c) = text.char_indices().find(|&(_, c)| is_bad_control(c))?;
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |j| j + 1)..]
        .chars()
        .count()
        + 1;
    Some((line, column, c))
}

fn is_bad_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `duplicate entry with key "name"` → `name`.
fn duplicate_key(msg: &str) -> Option<String> {
    let rest = msg.split("duplicate entry with key \"").nth(1)?;
    Some(rest[..rest.find('"')?].to_string())
}

/// The line of the second `key:` at the mapping's indentation, from its first line on.
fn second_occurrence(text: &str, from: usize, column: usize, key: &str) -> Option<usize> {
    let indent = column.saturating_sub(1);
    let mut seen = 0;
    for (n, l) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let own = l.len() - l.trim_start().len();
        if l.trim().is_empty() || l.trim_start().starts_with('#') || own > indent {
            continue;
        }
        // A line at a lesser indentation ends the mapping (the first line may be `- key:`).
        let body = l.get(indent..).unwrap_or("");
        if own < indent && !(seen == 0 && l.trim_start().starts_with("- ")) {
            break;
        }
        let body = body.trim_start_matches("- ");
        let named = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|k| {
                body.strip_prefix(k.as_str())
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            });
        if named {
            seen += 1;
            if seen == 2 {
                return Some(n + 1);
            }
        }
    }
    None
}

/// serde_yaml appends " at line L column C"; we print the location ourselves.
fn strip_location(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn extends_of(value: &Value, path: &Path) -> Result<Option<String>> {
    match value.get("extends") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::new("`extends` must be a file path").in_file(path)),
    }
}

/// Deep merge: maps merge key by key, anything else in `over` replaces `base`.
pub fn merge(base: Value, over: Value) -> Value {
    match (base, over) {
        (Value::Mapping(mut b), Value::Mapping(o)) => {
            for (k, v) in o {
                let merged = match b.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                b.insert(k, merged);
            }
            Value::Mapping(b)
        }
        (_, over) => over,
    }
}

/// Every key path whose value is null, in key order.
pub fn nulls(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk_nulls(value, String::new(), &mut out);
    out
}

fn walk_nulls(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Null if !path.is_empty() => out.push(path),
        Value::Mapping(m) => {
            for (k, v) in m {
                walk_nulls(v, join(&path, &key_text(k)), out);
            }
        }
        Value::Sequence(s) => {
            for (i, v) in s.iter().enumerate() {
                walk_nulls(v, join(&path, &i.to_string()), out);
            }
        }
        _ => {}
    }
}

pub fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => serde_yaml::to_string(k)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

pub(crate) fn join(parent: &str, seg: &str) -> String {
    if parent.is_empty() {
        seg.to_string()
    } else {
        format!("{parent}.{seg}")
    }
}

fn find_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .map(|i| i + 1)
}

/// Records the line of every key of block-style YAML, by indentation.
/// Flow collections (`{…}`, `[…]`) are recorded as their key's line.
pub(crate) fn scan_keys(text: &str, file: &Path, map: &mut SourceMap) {
    // (indent, path) of the open keys, innermost last.
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut seq_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut in_block_scalar: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = raw.trim_start();
        let mut indent = raw.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(ind) = in_block_scalar {
            if indent > ind {
                continue;
            }
            in_block_scalar = None;
        }
        if trimmed == "---" || trimmed == "..." {
            stack.clear();
            continue;
        }
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let mut rest = trimmed;
        // A sequence item: `- value` or `- key: value`.
        while let Some(after) = rest
            .strip_prefix("- ")
            .or_else(|| (rest == "-").then_some(""))
        {
            let parent = stack.last().map(|(_, p)| p.clone()).unwrap_or_default();
            let idx = seq_counts.entry(parent.clone()).or_insert(0);
            let path = join(&parent, &idx.to_string());
            *idx += 1;
            map.entries
                .insert(path.clone(), (file.to_path_buf(), line_no));
            stack.push((indent, path));
            indent += rest.len() - after.len() + (after.len() - after.trim_start().len());
            rest = after.trim_start();
        }
        if let Some((key, value)) = split_key(rest) {
            let parent = stack.last().map(|(_, p)| p.clone()).unwrap_or_default();
            let path = join(&parent, &key);
            map.entries
                .insert(path.clone(), (file.to_path_buf(), line_no));
            seq_counts.remove(&path);
            let v = value.trim();
            if v.starts_with('|') || v.starts_with('>') {
                in_block_scalar = Some(indent);
            }
            stack.push((indent, path));
        }
    }
}

/// `key: value` → (key, value); quotes around the key are removed.
fn split_key(s: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(q) = s.strip_prefix('"').or_else(|| s.strip_prefix('\'')) {
        let quote = s.as_bytes()[0] as char;
        let end = q.find(quote)?;
        let after = q[end + 1..].strip_prefix(':')?;
        (q[..end].to_string(), after)
    } else {
        let mut idx = None;
        for (i, c) in s.char_indices() {
            if c == '#' || c == '{' || c == '[' {
                break;
            }
            if c == ':'
                && s[i + 1..]
                    .chars()
                    .next()
                    .is_none_or(|n| n == ' ' || n == '\t')
            {
                idx = Some(i);
                break;
            }
        }
        let i = idx?;
        (s[..i].trim().to_string(), &s[i + 1..])
    };
    (!key.is_empty()).then_some((key, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_nested_and_listed_keys() {
        let text =
            "a: 1\nb:\n  c: ~   # to fill\n  d:\n    - x\n    - e: 2\n      f: 3\n\"g h\": 4\n";
        let mut map = SourceMap::default();
        scan_keys(text, Path::new("t.yaml"), &mut map);
        let line = |k| map.get(k).map(|(_, l)| l);
        assert_eq!(line("a"), Some(1));
        assert_eq!(line("b.c"), Some(3));
        assert_eq!(line("b.d.0"), Some(5));
        assert_eq!(line("b.d.1.e"), Some(6));
        assert_eq!(line("b.d.1.f"), Some(7));
        assert_eq!(line("g h"), Some(8));
    }

    #[test]
    fn deep_brackets_are_refused_before_the_yaml_parser_sees_them() {
        let deep = format!("a: 1\nb: {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
        let e = parse_str(&deep, Path::new("t.yaml")).unwrap_err();
        assert!(e.message.contains("nested more than"), "{e}");
        assert_eq!(e.location.map(|l| (l.line, l.column)), Some((2, Some(104))));
        let fine = "a: [[1, 2], {b: \"[[[[\"}]  # [[[[\nc: '{{{'\n";
        assert!(parse_str(fine, Path::new("t.yaml")).is_ok());
    }

    #[test]
    fn a_duplicate_key_and_a_control_character_are_found_at_their_own_line() {
        let e = parse_str(
            "a: 1\nregion:\n  name: x\n  short: y\n\n  name: z\nb: 2\n",
            Path::new("t.yaml"),
        )
        .unwrap_err();
        assert!(e.message.contains("duplicate"), "{e}");
        assert_eq!(e.location.map(|l| (l.line, l.column)), Some((6, Some(3))));
        let e = parse_str("a: 1\nb: x\ny: 2\nb: 3\n", Path::new("t.yaml")).unwrap_err();
        assert_eq!(e.location.map(|l| l.line), Some(4), "top level");
        let e = parse_str("a: 1\norg: 楚雄\u{1}局\n", Path::new("t.yaml")).unwrap_err();
        assert!(e.message.contains("U+0001"), "{e}");
        assert_eq!(e.location.map(|l| (l.line, l.column)), Some((2, Some(8))));
    }

    #[test]
    fn merge_maps_deeply_and_replaces_lists() {
        let base: Value = serde_yaml::from_str("a: {x: 1, y: 2}\nl: [1, 2]\ns: base").unwrap();
        let over: Value = serde_yaml::from_str("a: {y: 3}\nl: [9]").unwrap();
        let m = merge(base, over);
        let expect: Value = serde_yaml::from_str("a: {x: 1, y: 3}\nl: [9]\ns: base").unwrap();
        assert_eq!(m, expect);
    }
}
