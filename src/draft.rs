//! `gongwen draft`: next year's data skeleton from this year's file.
//!
//! Years and dates move on by one; last year's plan becomes this year's
//! targets; this year's results, the new plan and anything that must be
//! rewritten become explicit nulls (placeholders in the built report), each
//! with a comment saying what to fill in. Key order and the file's comments
//! on keys are kept.

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::data::{is_year_key, key_text, scan_keys, SourceMap};
use crate::error::{Error, Result};
use crate::helpers::parse_date;

/// Keys outside `results` and `plan` that a new year must rewrite: the index
/// number and the 发文字号 (each year's serials start afresh), and the dates
/// not decided yet (a guess would go out unnoticed).
const REWRITE: &[&str] = &[
    "disclosure.index_no",
    "disclosure.published",
    "disclosure.written",
    "printed_copy.number",
];

/// The YAML tag that marks a counter (`edition: !counter 4`, the 4th 科技入楚):
/// next year's draft moves it on by one instead of leaving it to fill in.
pub const COUNTER_TAG: &str = "counter";

/// A counter moved on by one, or `None` when `v` is not a counter.
fn next_counter(v: &Value) -> Option<Node> {
    let Value::Tagged(t) = v else { return None };
    if t.tag != COUNTER_TAG {
        return None;
    }
    let n = t.value.as_i64()?;
    Some(Node::Value(Value::Tagged(Box::new(
        serde_yaml::value::TaggedValue {
            tag: t.tag.clone(),
            value: Value::from(n + 1),
        },
    ))))
}

/// The drafted file: its path and text.
pub struct Draft {
    pub path: PathBuf,
    pub text: String,
}

/// Drafts next year's data from `path`; `out` defaults to the same name with the year moved on.
pub fn draft(path: &Path, out: Option<&Path>) -> Result<Draft> {
    let text = crate::data::read_source(path, "data file")?;
    let value: Value = serde_yaml::from_str(&text).map_err(|e| {
        let err = Error::new(format!("malformed YAML: {e}"));
        match e.location() {
            Some(l) => err.at(path, l.line(), Some(l.column())),
            None => err.in_file(path),
        }
    })?;
    let Value::Mapping(map) = value else {
        return Err(
            Error::new("a data file must be a mapping of keys to values").at(path, 1, Some(1)),
        );
    };
    let mut sources = SourceMap::default();
    scan_keys(&text, path, &mut sources);
    let comments = Comments {
        lines: text.lines().collect(),
        sources,
    };

    // An overlay may leave `year` to its base; failing that, the file name may say it.
    let year = map
        .get("year")
        .and_then(Value::as_i64)
        .or_else(|| crate::data::load(path).ok()?.value.get("year")?.as_i64())
        .or_else(|| year_in_name(path));
    let drafted = next_year(&map, year);
    let mut w = Writer {
        out: String::new(),
        comments: &comments,
    };
    w.out.push_str(&format!(
        "# Drafted by `gongwen draft` from {}.\n# Fill in every `~` (each says what it wants), then `gongwen check` this file.\n",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("the previous year's data")
    ));
    w.mapping(&drafted, "", 0);
    let out_path = match out {
        Some(p) => p.to_path_buf(),
        None => next_path(path, year),
    };
    Ok(Draft {
        path: out_path,
        text: w.out,
    })
}

/// `chuxiong-2020.yaml` → `chuxiong-2021.yaml`; without a year, `NAME-next.yaml`.
pub fn next_path(path: &Path, year: Option<i64>) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("data.yaml");
    let renamed = year
        .map(|y| (y.to_string(), (y + 1).to_string()))
        .filter(|(y, _)| name.contains(y.as_str()))
        .map(|(y, next)| name.replacen(&y, &next, 1))
        .unwrap_or_else(|| {
            let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
            format!("{stem}-next.yaml")
        });
    path.with_file_name(renamed)
}

/// What the drafted document holds for each top-level key, with why.
#[derive(Clone)]
enum Node {
    Value(Value),
    /// To fill in; the string says what it was (last year's value, for reference).
    Fill(String),
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
}

/// A year (19xx or 20xx) in a file name: `shuangbai-2020.yaml` → 2020.
fn year_in_name(path: &Path) -> Option<i64> {
    let name = path.file_name()?.to_str()?;
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = bytes.get(i..i + 4)?;
        let boundary = |j: Option<&u8>| !j.is_some_and(u8::is_ascii_digit);
        let clean =
            boundary(i.checked_sub(1).and_then(|j| bytes.get(j))) && boundary(bytes.get(i + 4));
        let y: i64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        (clean && (1900..2100).contains(&y)).then_some(y)
    })
}

fn next_year(map: &Mapping, year: Option<i64>) -> Vec<(String, Node)> {
    let plan = map.get("plan");
    let mut out = Vec::new();
    for (k, v) in map {
        let key = key_text(k);
        match key.as_str() {
            "results" => out.push((key, to_fill(v, "results"))),
            "targets" => {
                // Last year's plan is this year's target.
                let node = match plan {
                    Some(p) => moved(p, "plan"),
                    None => to_fill(v, "targets"),
                };
                out.push((key, node));
            }
            "plan" => {
                if map.get("targets").is_none() {
                    out.push(("targets".into(), moved(v, "plan")));
                }
                out.push((key, to_fill(v, "plan")));
            }
            "extends" => out.push((key, Node::Value(v.clone()))),
            _ => out.push((key.clone(), moved(v, &key))),
        }
    }
    // An `extends` of last year's base points at next year's.
    for (k, node) in &mut out {
        if k == "extends" {
            if let Node::Value(Value::String(s)) = node {
                if let Some(y) = year {
                    *s = s.replacen(&y.to_string(), &(y + 1).to_string(), 1);
                }
            }
        }
    }
    out
}

/// Carries a value into next year: years +1, dates +1 year, rewrite keys nulled.
fn moved(v: &Value, path: &str) -> Node {
    if REWRITE.contains(&path) {
        return Node::Fill(describe(v));
    }
    if let Some(counter) = next_counter(v) {
        return counter;
    }
    match v {
        Value::Mapping(m) => Node::Map(
            m.iter()
                .map(|(k, v)| {
                    let k = key_text(k);
                    let child = format!("{path}.{k}");
                    let node = if is_year_key(&k) {
                        match v.as_i64() {
                            Some(y) => Node::Value(Value::from(y + 1)),
                            None => moved(v, &child),
                        }
                    } else {
                        moved(v, &child)
                    };
                    (k, node)
                })
                .collect(),
        ),
        Value::Sequence(items) => Node::List(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| moved(v, &format!("{path}.{i}")))
                .collect(),
        ),
        Value::String(s) => match parse_date(s) {
            Some(d) => Node::Value(Value::String(shift_year(d.year + 1, d.month, d.day))),
            None => Node::Value(v.clone()),
        },
        Value::Number(_) if is_year_key(path.rsplit('.').next().unwrap_or("")) => {
            Node::Value(Value::from(v.as_i64().unwrap_or(0) + 1))
        }
        _ => Node::Value(v.clone()),
    }
}

/// Feb 29 has no twin in a common year; it becomes Feb 28.
fn shift_year(year: i32, month: u32, day: u32) -> String {
    let day = if month == 2 && day == 29 && parse_date(&format!("{year}-02-29")).is_none() {
        28
    } else {
        day
    };
    format!("{year:04}-{month:02}-{day:02}")
}

/// The same shape with every value to fill in; a year moves on instead; a
/// list keeps one item to fill so a template's `#each` still shows it.
fn to_fill(v: &Value, path: &str) -> Node {
    if let Some(counter) = next_counter(v) {
        return counter;
    }
    match v {
        Value::Mapping(m) => Node::Map(
            m.iter()
                .map(|(k, v)| {
                    let k = key_text(k);
                    let node = match v.as_i64() {
                        Some(y) if is_year_key(&k) => Node::Value(Value::from(y + 1)),
                        _ => to_fill(v, &format!("{path}.{k}")),
                    };
                    (k, node)
                })
                .collect(),
        ),
        Value::Sequence(s) if s.iter().all(|i| !i.is_mapping()) => {
            Node::List(vec![Node::Fill(format!(
                "{} item{} last year",
                s.len(),
                if s.len() == 1 { "" } else { "s" }
            ))])
        }
        Value::Sequence(s) => Node::List(s.iter().map(|i| to_fill(i, path)).collect()),
        other => Node::Fill(describe(other)),
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "not given last year".into(),
        Value::String(s) if s.chars().count() > 24 => {
            format!("last year: {}…", s.chars().take(24).collect::<String>())
        }
        Value::String(s) => format!("last year: {s}"),
        other => format!("last year: {}", scalar(other)),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Mapping(m) if m.is_empty() => "{}".into(),
        Value::Sequence(s) if s.is_empty() => "[]".into(),
        _ => serde_yaml::to_string(v)
            .unwrap_or_default()
            .trim_end()
            .to_string(),
    }
}

/// The comments a key had in the original file.
struct Comments<'a> {
    lines: Vec<&'a str>,
    sources: SourceMap,
}

impl Comments<'_> {
    /// (full-line comments just above, the comment at the end of its line).
    fn of(&self, path: &str) -> (Vec<String>, Option<String>) {
        let Some((_, line)) = self.sources.get(path) else {
            return (Vec::new(), None);
        };
        let idx = line - 1;
        let trailing = self.lines.get(idx).and_then(|l| inline_comment(l));
        let mut leading = Vec::new();
        let mut i = idx;
        while i > 0 {
            let l = self.lines[i - 1].trim();
            if !l.starts_with('#') {
                break;
            }
            leading.push(l.to_string());
            i -= 1;
        }
        leading.reverse();
        (leading, trailing)
    }
}

/// The text after ` #` outside quotes.
fn inline_comment(line: &str) -> Option<String> {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' && !line[..i].trim().is_empty() => {
                return Some(line[i + 1..].trim().to_string())
            }
            _ => {}
        }
        prev = c;
    }
    None
}

struct Writer<'a> {
    out: String,
    comments: &'a Comments<'a>,
}

impl Writer<'_> {
    fn mapping(&mut self, entries: &[(String, Node)], path: &str, indent: usize) {
        for (k, node) in entries {
            let child = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            // targets.* were plan.* last year; their comments still describe them.
            let source = child
                .strip_prefix("targets")
                .filter(|_| self.comments.sources.get(&child).is_none())
                .map(|rest| format!("plan{rest}"))
                .unwrap_or_else(|| child.clone());
            let (leading, trailing) = self.comments.of(&source);
            let pad = " ".repeat(indent);
            if indent == 0 && !self.out.ends_with("\n\n") && matches!(node, Node::Map(_)) {
                self.out.push('\n');
            }
            for c in &leading {
                self.out.push_str(&format!("{pad}{c}\n"));
            }
            let key = scalar(&Value::String(k.clone()));
            match node {
                Node::Map(m) if !m.is_empty() => {
                    self.out.push_str(&format!(
                        "{pad}{key}:{}\n",
                        comment(trailing.as_deref(), None)
                    ));
                    self.mapping(m, &child, indent + 2);
                }
                Node::List(items) if !items.is_empty() => {
                    self.out.push_str(&format!(
                        "{pad}{key}:{}\n",
                        comment(trailing.as_deref(), None)
                    ));
                    self.list(items, &child, indent + 2);
                }
                Node::Map(_) => self.out.push_str(&format!("{pad}{key}: {{}}\n")),
                Node::List(_) => self.out.push_str(&format!("{pad}{key}: []\n")),
                Node::Value(v) => {
                    let c = comment(trailing.as_deref(), None);
                    self.out
                        .push_str(&format!("{pad}{key}: {}{c}\n", scalar(v)));
                }
                Node::Fill(why) => {
                    let c = comment(trailing.as_deref(), Some(why));
                    self.out.push_str(&format!("{pad}{key}: ~{c}\n"));
                }
            }
        }
    }

    fn list(&mut self, items: &[Node], path: &str, indent: usize) {
        let pad = " ".repeat(indent);
        for (i, node) in items.iter().enumerate() {
            match node {
                Node::Value(v) => self.out.push_str(&format!("{pad}- {}\n", scalar(v))),
                Node::Fill(why) => self
                    .out
                    .push_str(&format!("{pad}- ~{}\n", comment(None, Some(why)))),
                Node::Map(m) => {
                    // The first key sits on the dash line.
                    let mut sub = Writer {
                        out: String::new(),
                        comments: self.comments,
                    };
                    sub.mapping(m, &format!("{path}.{i}"), indent + 2);
                    let text = sub.out.trim_start_matches('\n');
                    let text = text.replacen(&format!("{pad}  "), &format!("{pad}- "), 1);
                    self.out.push_str(&text);
                }
                Node::List(l) => {
                    self.out.push_str(&format!("{pad}-\n"));
                    self.list(l, &format!("{path}.{i}"), indent + 2);
                }
            }
        }
    }
}

/// `  # comment`, with `待填` and last year's value for a value to fill in.
fn comment(original: Option<&str>, fill: Option<&str>) -> String {
    match (original, fill) {
        (None, None) => String::new(),
        (Some(c), None) => format!("  # {c}"),
        (None, Some(f)) => format!("  # 待填 ({f})"),
        (Some(c), Some(f)) => format!("  # 待填: {c} ({f})"),
    }
}
