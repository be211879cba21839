//! Message patterns and their matching. A pattern is written as a Rust format
//! string (`{}` for a variable part, `{{` and `}}` for braces); the English
//! side is matched against the formatted message, and the variable parts it
//! captured are put into the Chinese side (`{}` in order, or `{0}`, `{1}` … to
//! reorder or leave one out), each translated in turn when it is itself a
//! message (the kind of file in "the data file x.yaml …", say).

use std::collections::HashMap;

/// Captured parts translated in turn at most this deep: messages nest a
/// hint in a sentence in a line, no deeper.
const MAX_NESTING: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A variable part; on the Chinese side, which capture it takes.
    Hole(Option<usize>),
}

/// Parses a format string: `{{`/`}}` are braces, `{…}` a variable part
/// (`{N}` names capture N). A lone `}` or an unclosed `{` is an error.
pub fn parse_pattern(s: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return Err(format!("unclosed `{{` in {s:?}")),
                    }
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                let name = inner.split(':').next().unwrap_or("");
                pieces.push(Piece::Hole(name.parse().ok()));
            }
            '}' => return Err(format!("a lone `}}` in {s:?}")),
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// A pattern written back in the catalogue's form, every variable part as `{}`.
pub fn pattern_key(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(&t.replace('{', "{{").replace('}', "}}")),
            Piece::Hole(_) => out.push_str("{}"),
        }
    }
    out
}

struct Entry {
    english: Vec<Piece>,
    chinese: Vec<Piece>,
    /// How much fixed text the English has: the most specific pattern wins.
    weight: usize,
}

/// The messages of one language.
#[derive(Default)]
pub struct Catalogue {
    /// Messages without variable parts, by their text.
    exact: HashMap<String, String>,
    /// Patterns with variable parts, most fixed text first.
    patterns: Vec<Entry>,
    /// Every English pattern as written, in catalogue order.
    keys: Vec<String>,
}

/// `\n`, `\t` and `\\` in a catalogue field.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

impl Catalogue {
    /// Reads `English<TAB>Chinese` lines (`#` starts a comment line). On a
    /// malformed line, the errors and the catalogue of the good lines.
    pub fn parse(text: &str) -> Result<Catalogue, (Vec<String>, Catalogue)> {
        let mut cat = Catalogue::default();
        let mut errors = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let n = n + 1;
            let Some((en, zh)) = line.split_once('\t') else {
                errors.push(format!(
                    "line {n}: no tab between the English and the Chinese"
                ));
                continue;
            };
            let (en, zh) = (unescape(en), unescape(zh));
            match cat.add(&en, &zh) {
                Ok(()) => {}
                Err(e) => errors.push(format!("line {n}: {e}")),
            }
        }
        if errors.is_empty() {
            Ok(cat)
        } else {
            Err((errors, cat))
        }
    }

    fn add(&mut self, en: &str, zh: &str) -> Result<(), String> {
        let english = parse_pattern(en)?;
        let chinese = parse_pattern(zh)?;
        let holes = english
            .iter()
            .filter(|p| matches!(p, Piece::Hole(_)))
            .count();
        let mut next = 0;
        for p in &chinese {
            if let Piece::Hole(i) = p {
                let i = i.unwrap_or(next);
                next = i + 1;
                if i >= holes {
                    return Err(format!(
                        "the Chinese uses part {i}, the English has {holes}"
                    ));
                }
            }
        }
        let key = pattern_key(&english);
        if self.keys.contains(&key) {
            return Err(format!("`{key}` is in the catalogue twice"));
        }
        self.keys.push(key);
        let weight = english
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.chars().count(),
                Piece::Hole(_) => 0,
            })
            .sum();
        if holes == 0 {
            let text = match english.first() {
                Some(Piece::Text(t)) => t.clone(),
                _ => String::new(),
            };
            self.exact.insert(text, render(&chinese, &[]));
        } else if weight > 0 {
            self.add_pattern(english.clone(), chinese.clone(), weight);
        }
        // A fragment (" (the value of `{}`)", "did you mean `{}`? ") is also
        // matched where it is joined to another message: after it, or before it.
        let explicit = numbered(&chinese);
        if en.starts_with(' ') && en.trim() != "" {
            let mut e = vec![Piece::Hole(None)];
            e.extend(english.iter().cloned());
            let mut c = vec![Piece::Hole(Some(0))];
            c.extend(explicit.iter().map(|p| match p {
                Piece::Hole(i) => Piece::Hole(i.map(|i| i + 1)),
                text => text.clone(),
            }));
            self.add_pattern(e, c, weight);
        }
        if en.ends_with(' ') && en.trim() != "" {
            let mut e = english;
            e.push(Piece::Hole(None));
            let mut c = explicit;
            c.push(Piece::Hole(Some(holes)));
            self.add_pattern(e, c, weight);
        }
        Ok(())
    }

    fn add_pattern(&mut self, english: Vec<Piece>, chinese: Vec<Piece>, weight: usize) {
        let at = self.patterns.partition_point(|e| e.weight >= weight);
        self.patterns.insert(
            at,
            Entry {
                english,
                chinese,
                weight,
            },
        );
    }

    /// Every English pattern, as written in the catalogue.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The message in this catalogue's language, or as it is when no pattern matches.
    pub fn translate(&self, message: &str) -> String {
        self.translate_nested(message, 0)
            .map_or_else(|| message.to_string(), |(t, _)| t)
    }

    /// Whether a pattern matches the whole message.
    pub fn knows(&self, message: &str) -> bool {
        self.translate_nested(message, 0).is_some()
    }

    /// The translation, and how much of the English the catalogue's fixed
    /// text covered (to choose between ways of cutting a message into parts).
    fn translate_nested(&self, message: &str, depth: usize) -> Option<(String, usize)> {
        if let Some(zh) = self.exact.get(message) {
            return Some((zh.clone(), message.chars().count()));
        }
        if depth >= MAX_NESTING || message.is_empty() {
            return None;
        }
        // The pattern whose fixed text, with its parts', covers the most of
        // the message; the heavier pattern on a tie.
        let mut best: Option<(String, usize)> = None;
        for found in self.patterns.iter().filter_map(|entry| {
            let mut found = Vec::new();
            all_matches(&entry.english, message, &mut Vec::new(), &mut found);
            let quoted = quoted_holes(&entry.english);
            // Where the parts could be cut in several ways, the cut whose
            // parts the catalogue covers best reads as meant ("the data
            // file a b.yaml is …": `data file`, then `a b.yaml`).
            found
                .into_iter()
                .map(|caps| {
                    let mut covered = entry.weight;
                    let parts: Vec<String> = caps
                        .iter()
                        .zip(&quoted)
                        .map(|(c, quoted)| {
                            let nested = (!quoted)
                                .then(|| self.translate_nested(c, depth + 1))
                                .flatten();
                            match nested {
                                Some((t, n)) => {
                                    covered += n;
                                    t
                                }
                                None => c.to_string(),
                            }
                        })
                        .collect();
                    (covered, parts)
                })
                .rev()
                .max_by_key(|(covered, _)| *covered)
                .map(|(covered, parts)| (render(&entry.chinese, &parts), covered))
        }) {
            if best.as_ref().is_none_or(|(_, covered)| found.1 > *covered) {
                best = Some(found);
            }
        }
        best
    }
}

/// For each variable part, whether it stands in quotes or backticks: a key,
/// a name or a value quoted is kept as it is, even when it reads like a message.
fn quoted_holes(pieces: &[Piece]) -> Vec<bool> {
    let mut before = None;
    let mut out = Vec::new();
    for p in pieces {
        match p {
            Piece::Text(t) => before = t.chars().last(),
            Piece::Hole(_) => {
                out.push(matches!(before, Some('`' | '“' | '"' | '\'')));
                before = None;
            }
        }
    }
    out
}

/// How many ways of cutting one message into its parts are weighed at most.
const MAX_CUTS: usize = 32;

/// Every way (up to [`MAX_CUTS`], shortest first parts first) that `pieces`
/// match the whole of `text`; each is the list of variable parts.
fn all_matches<'t>(
    pieces: &[Piece],
    text: &'t str,
    caps: &mut Vec<&'t str>,
    found: &mut Vec<Vec<&'t str>>,
) {
    if found.len() >= MAX_CUTS {
        return;
    }
    match pieces.split_first() {
        None => {
            if text.is_empty() {
                found.push(caps.clone());
            }
        }
        Some((Piece::Text(t), rest)) => {
            if let Some(r) = text.strip_prefix(t.as_str()) {
                all_matches(rest, r, caps, found);
            }
        }
        Some((Piece::Hole(_), rest)) => match rest.first() {
            None => {
                caps.push(text);
                found.push(caps.clone());
                caps.pop();
            }
            Some(Piece::Hole(_)) => {
                caps.push("");
                all_matches(rest, text, caps, found);
                caps.pop();
            }
            Some(Piece::Text(next)) => {
                for (at, _) in text.match_indices(next.as_str()) {
                    caps.push(&text[..at]);
                    all_matches(rest, &text[at..], caps, found);
                    caps.pop();
                }
            }
        },
    }
}

/// The Chinese side with every variable part numbered, `{}` as the next in turn.
fn numbered(pieces: &[Piece]) -> Vec<Piece> {
    let mut next = 0;
    pieces
        .iter()
        .map(|p| match p {
            Piece::Hole(i) => {
                let i = i.unwrap_or(next);
                next = i + 1;
                Piece::Hole(Some(i))
            }
            text => text.clone(),
        })
        .collect()
}

fn render(pieces: &[Piece], parts: &[String]) -> String {
    let mut out = String::new();
    let mut next = 0;
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Hole(i) => {
                let i = i.unwrap_or(next);
                next = i + 1;
                out.push_str(parts.get(i).map(String::as_str).unwrap_or(""));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(lines: &str) -> Catalogue {
        Catalogue::parse(lines).unwrap_or_else(|(e, _)| panic!("{e:?}"))
    }

    #[test]
    fn fills_the_chinese_with_the_parts_it_captured() {
        let c = cat(
            "the {} {} is {}, not a regular file\t{0}{1}是{2}，不是普通文件\ndata file\t数据文件\n",
        );
        assert_eq!(
            c.translate("the data file a b.yaml is a directory, not a regular file"),
            "数据文件a b.yaml是a directory，不是普通文件"
        );
    }

    #[test]
    fn reorders_and_drops_parts() {
        let c = cat("{} value{} still to fill in\t还有{0}处待填\n");
        assert_eq!(c.translate("3 values still to fill in"), "还有3处待填");
        assert_eq!(c.translate("1 value still to fill in"), "还有1处待填");
    }

    #[test]
    fn the_most_specific_pattern_wins_and_unknown_text_stays() {
        let c = cat("error: {}\t错误：{}\nerror: no {}\t错误：没有{}\n");
        assert_eq!(c.translate("error: no x"), "错误：没有x");
        assert_eq!(c.translate("error: y"), "错误：y");
        assert_eq!(c.translate("something else"), "something else");
        assert!(!c.knows("something else"));
    }

    #[test]
    fn a_fragment_is_matched_joined_to_another_message() {
        let c = cat("a map\t映射\n (the value of `{}`)\t（`{}` 的值）\ndid you mean `{}`? \t是否想写 `{}`？\n");
        assert_eq!(c.translate("a map (the value of `k`)"), "映射（`k` 的值）");
        assert_eq!(c.translate("did you mean `k`? a map"), "是否想写 `k`？映射");
    }

    #[test]
    fn a_quoted_part_is_kept_as_it_is() {
        let c = cat("the data has no key `{}`: {}\t数据中没有键 `{}`：{}\ntitle\t标题\n");
        assert_eq!(
            c.translate("the data has no key `title`: title"),
            "数据中没有键 `title`：标题"
        );
    }

    #[test]
    fn braces_and_escapes() {
        let c = cat("write `{{> name}}`\\n{}\t写成 `{{> name}}`\\n{}\n");
        assert_eq!(c.translate("write `{> name}`\nx"), "写成 `{> name}`\nx");
        assert_eq!(
            pattern_key(&parse_pattern("a {x:04X} {{b}} {}").unwrap()),
            "a {} {{b}} {}"
        );
    }

    #[test]
    fn refuses_a_chinese_part_the_english_lacks() {
        assert!(Catalogue::parse("a {}\t甲{1}\n").is_err());
        assert!(Catalogue::parse("a {}\n").is_err());
        assert!(Catalogue::parse("a\t甲\na\t乙\n").is_err());
    }
}
