//! What a template nests and includes, read before Handlebars compiles or
//! renders it: blocks nested deeper than a report needs, and partials that
//! end up including themselves, would otherwise overflow the stack.
//!
//! The scan reads only the `{{…}}` tags, with their lines; it does not
//! judge the rest of the syntax (Handlebars does that when it compiles).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Blocks nested deeper than this are refused. A report template nests a
/// handful (`#each` inside `#if`); the limit keeps rendering far from the
/// stack's end on any thread.
pub const MAX_BLOCK_DEPTH: usize = 64;

/// Parentheses (sub-expressions) nested deeper than this within one tag are refused.
pub const MAX_PAREN_DEPTH: usize = 16;

/// One `{{…}}` tag: its text between the braces, and where it starts.
struct Tag<'a> {
    body: &'a str,
    line: usize,
    column: usize,
}

/// The tags of a template, comments skipped.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    // Lines are counted on from the last tag, so a long template costs one pass,
    // not one pass per tag.
    let (mut counted, mut line, mut column) = (0, 1, 1);
    while let Some(start) = rest.find("{{") {
        let at = offset + start;
        let after = &rest[start..];
        let (open, close) = if after.starts_with("{{!--") {
            ("{{!--", "--}}")
        } else if after.starts_with("{{{{") {
            ("{{{{", "}}}}")
        } else if after.starts_with("{{{") {
            ("{{{", "}}}")
        } else {
            ("{{", "}}")
        };
        // Handlebars reads an unclosed `{{!--` as `{{!…}}`, and an unclosed `{{{` as
        // `{{` + `{`: fall back to the plain close, as its grammar does, so that no
        // text it parses goes unscanned.
        let (open, close) = if after[open.len()..].contains(close) {
            (open, close)
        } else if open == "{{!--" {
            ("{{!", "}}")
        } else {
            ("{{", "}}")
        };
        let inner = &after[open.len()..];
        let Some(end) = inner.find(close) else { break };
        let body = &inner[..end];
        for c in text[counted..at].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        counted = at;
        if open != "{{!--" && open != "{{!" && !body.starts_with('!') {
            out.push(Tag { body, line, column });
        }
        let consumed = start + open.len() + end + close.len();
        offset += consumed;
        rest = &rest[consumed..];
    }
    out
}

/// A partial included from a template (or from an inline partial within it).
#[derive(Debug, Clone)]
struct Include {
    /// The inline partial it sits in, if any (`*inline "name"`).
    from_inline: Option<String>,
    name: String,
    line: usize,
    column: usize,
}

/// What one template includes, and the inline partials it defines.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    includes: Vec<Include>,
    inlines: Vec<String>,
}

/// Reads a template's tags: refuses nesting past the limits and partials named
/// by an expression, and returns what it includes.
pub fn scan(text: &str, file: &Path) -> Result<Scan> {
    if let Some((line, column, c)) = crate::data::control_character(text) {
        return Err(Error::new(format!(
            "a control character (U+{:04X}) in the template",
            c as u32
        ))
        .at(file, line, Some(column))
        .hint("delete it: it is invisible in most editors, and no printed text holds one"));
    }
    let mut open: Vec<(String, Option<String>)> = Vec::new();
    let mut result = Scan::default();
    for tag in tags(text) {
        let body = tag
            .body
            .trim_start_matches('~')
            .trim_end_matches('~')
            .trim();
        let at = |e: Error| e.at(file, tag.line, Some(tag.column));
        let parens = paren_depth(body);
        if parens > MAX_PAREN_DEPTH {
            return Err(at(Error::new(format!(
                "expressions nested {parens} deep in one tag (at most {MAX_PAREN_DEPTH})"
            ))
            .hint("compute the value in steps, or put it in the data")));
        }
        let inline = open.iter().rev().find_map(|(_, i)| i.clone());
        if let Some(rest) = body.strip_prefix('#').or_else(|| body.strip_prefix('^')) {
            if rest.trim().is_empty() {
                continue; // `{{^}}` is an `else`
            }
            let rest = rest.trim_start();
            let (name, defines) = if let Some(r) = rest.strip_prefix("*inline") {
                (
                    "*inline".to_string(),
                    Some(first_word(r).trim_matches(['"', '\'']).to_string()),
                )
            } else if let Some(r) = rest.strip_prefix('>') {
                result
                    .includes
                    .push(include(r, inline.clone(), &tag, file)?);
                (first_word(r).to_string(), None)
            } else {
                (first_word(rest).to_string(), None)
            };
            if let Some(d) = &defines {
                result.inlines.push(d.clone());
            }
            open.push((name, defines));
            if open.len() > MAX_BLOCK_DEPTH {
                return Err(at(Error::new(format!(
                    "blocks nested more than {MAX_BLOCK_DEPTH} deep"
                ))
                .hint("a report needs a few levels (`#each` inside `#if`); close the blocks you opened")));
            }
        } else if body.starts_with('/') {
            open.pop();
        } else if let Some(r) = body.strip_prefix('>') {
            result.includes.push(include(r, inline, &tag, file)?);
        }
    }
    // A second, cruder count that reads every `{{#` as a block, comments included:
    // should the tag reader above ever part ways with Handlebars' grammar, this
    // still stops nesting long before the stack does.
    if let Some(at) = crude_depth(text) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        return Err(Error::new(format!(
            "blocks nested more than {MAX_BLOCK_DEPTH} deep"
        ))
        .at(file, line, None)
        .hint("a report needs a few levels (`#each` inside `#if`); close the blocks you opened"));
    }
    Ok(result)
}

/// The byte offset where `{{#`/`{{^` opened past four times the limit, counting
/// every opening and `{{/` closing in the text, whatever surrounds them.
fn crude_depth(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, _) in text.match_indices("{{") {
        let rest = text[i + 2..].trim_start_matches(['{', '~']);
        if rest.starts_with('#')
            || (rest.starts_with('^') && !rest[1..].trim_start().starts_with("}}"))
        {
            depth += 1;
            if depth > 4 * MAX_BLOCK_DEPTH {
                return Some(i);
            }
        } else if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

fn include(rest: &str, from_inline: Option<String>, tag: &Tag<'_>, file: &Path) -> Result<Include> {
    let rest = rest.trim_start();
    if rest.starts_with('(') {
        return Err(
            Error::new("a partial's name must be written out, not computed")
                .at(file, tag.line, Some(tag.column))
                .hint("write `{{> name}}`, so gongwen can see that no template includes itself"),
        );
    }
    Ok(Include {
        from_inline,
        name: first_word(rest).trim_matches(['"', '\'']).to_string(),
        line: tag.line,
        column: tag.column,
    })
}

fn first_word(s: &str) -> &str {
    let s = s.trim_start();
    let end = s.find(|c: char| c.is_whitespace()).unwrap_or(s.len());
    &s[..end]
}

fn paren_depth(s: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Refuses a set of templates in which some template, following its partials,
/// includes itself. `templates` maps a name to its file and scan.
pub fn check_includes(templates: &BTreeMap<String, (PathBuf, Scan)>) -> Result<()> {
    // A node is a template, or an inline partial within one: (template, inline name).
    type Node = (String, Option<String>);
    let edges = |node: &Node| -> Vec<(Node, &Include, &Path)> {
        let Some((file, scan)) = templates.get(&node.0) else {
            return Vec::new();
        };
        scan.includes
            .iter()
            .filter(|i| i.from_inline == node.1)
            .map(|i| {
                // An inline partial of the same template wins over a template of that name.
                let target = if scan.inlines.contains(&i.name) {
                    (node.0.clone(), Some(i.name.clone()))
                } else {
                    (i.name.clone(), None)
                };
                (target, i, file.as_path())
            })
            .collect()
    };
    let starts = templates.iter().flat_map(|(name, (_, scan))| {
        std::iter::once((name.clone(), None))
            .chain(scan.inlines.iter().map(|i| (name.clone(), Some(i.clone()))))
    });
    for start in starts {
        // Depth-first, with the path so far, iteratively (a long chain must not recurse).
        let mut stack: Vec<(Node, Vec<String>)> = vec![(start.clone(), vec![label(&start)])];
        let mut seen: Vec<Node> = Vec::new();
        while let Some((node, path)) = stack.pop() {
            for (target, inc, file) in edges(&node) {
                let mut next_path = path.clone();
                next_path.push(label(&target));
                if target == start {
                    return Err(Error::new(format!(
                        "the template `{}` includes itself: {}",
                        label(&start),
                        next_path.join(" → ")
                    ))
                    .at(file, inc.line, Some(inc.column))
                    .hint("a partial may not include, directly or through others, the template it is part of"));
                }
                if !seen.contains(&target) {
                    seen.push(target.clone());
                    stack.push((target, next_path));
                }
            }
        }
    }
    Ok(())
}

fn label(node: &(String, Option<String>)) -> String {
    match &node.1 {
        Some(inline) => format!("{} (inline `{inline}`)", node.0),
        None => node.0.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(list: &[(&str, &str)]) -> Result<()> {
        let mut map = BTreeMap::new();
        for (name, text) in list {
            let file = PathBuf::from(format!("{name}.md.hbs"));
            let scan = scan(text, &file)?;
            map.insert(name.to_string(), (file, scan));
        }
        check_includes(&map)
    }

    #[test]
    fn a_template_including_itself_in_a_block_is_named_with_its_line() {
        let e = set(&[("work-report", "a\n{{#if org}}x{{> work-report}}{{/if}}\n")]).unwrap_err();
        assert!(e.message.contains("`work-report` includes itself"), "{e}");
        assert_eq!(
            e.location.map(|l| (l.file, l.line)),
            Some(("work-report.md.hbs".into(), 2))
        );
    }

    #[test]
    fn two_templates_including_each_other_are_refused() {
        let e = set(&[("a", "{{> b}}"), ("b", "\n\n{{#each x}}{{> a}}{{/each}}")]).unwrap_err();
        assert!(e.message.contains("a → b → a"), "{e}");
        let inline = "{{#*inline \"x\"}}{{> x}}{{/inline}}{{> x}}";
        assert!(set(&[("c", inline)]).is_err());
    }

    #[test]
    fn shared_partials_without_a_cycle_are_fine() {
        set(&[
            ("a", "{{> p}}{{> p}}{{> q}}"),
            ("p", "{{> q}}"),
            ("q", "leaf {{!-- {{> a}} --}}"),
        ])
        .unwrap();
    }

    #[test]
    fn an_unclosed_comment_hides_nothing() {
        // `{{!--` without `--}}` is a short comment to the next `}}`, as Handlebars reads it.
        let text = "{{!-- 说明 }}".to_string() + &"{{#if a}}".repeat(100) + &"{{/if}}".repeat(100);
        assert!(scan(&text, Path::new("t")).is_err());
        let fine = "{{!-- {{#if a}} --}}{{! x }}{{#if a}}{{/if}}";
        assert!(scan(fine, Path::new("t")).is_ok());
    }

    #[test]
    fn the_crude_count_sees_blocks_wherever_they_are() {
        let hidden = "{{!-- ".to_string() + &"{{#if a}}".repeat(300) + " --}}";
        assert_eq!(crude_depth(&hidden), Some(6 + 9 * 4 * MAX_BLOCK_DEPTH));
        assert_eq!(
            crude_depth(&("{{#if a}}{{/if}}".repeat(1000) + "{{^}}")),
            None
        );
    }

    #[test]
    fn a_control_character_is_found_at_its_line_and_column() {
        let e = scan("甲\n乙丙\u{7}", Path::new("t")).unwrap_err();
        assert_eq!(e.location.map(|l| (l.line, l.column)), Some((2, Some(3))));
    }

    #[test]
    fn nesting_is_limited_but_a_deep_legal_template_passes() {
        let deep = |n| "{{#if a}}".repeat(n) + "x" + &"{{/if}}".repeat(n);
        assert!(scan(&deep(MAX_BLOCK_DEPTH), Path::new("t")).is_ok());
        let e = scan(&deep(10_000), Path::new("t")).unwrap_err();
        assert!(e.message.contains("nested more than"), "{e}");
        let parens = format!("{{{{cn {}1{}}}}}", "(add ".repeat(100), " 1)".repeat(100));
        assert!(scan(&parens, Path::new("t")).is_err());
    }
}

#[cfg(test)]
mod depth_tests {
    use crate::data::parse_str;
    use crate::template::Templates;
    use std::path::Path;

    /// The deepest template the limits allow renders on a thread with half of
    /// Rust's default 2 MiB stack, in a debug build: the limit keeps rendering
    /// far from the end of any worker's stack.
    #[test]
    fn the_deepest_legal_template_renders_on_a_small_stack() {
        let dir = std::env::temp_dir().join(format!("gongwen-depth-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let n = super::MAX_BLOCK_DEPTH / 2;
        let body = "{{#each @root.list}}{{#if this}}".repeat(n)
            + "{{cn (add (add (add (add 1 1) 1) 1) 1)}}"
            + &"{{/if}}{{/each}}".repeat(n);
        let text = format!("---\ntitle: t\nissuer: i\ndate: 2021-01-10\n---\n{body}\n");
        std::fs::write(dir.join("deep.md.hbs"), text).unwrap();
        // Each level goes through the same one-item list, found from the root.
        let data = parse_str("template: deep\nlist: [1]\n", Path::new("d.yaml")).unwrap();
        let rendered = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                let t = Templates::load(Some(&dir)).expect("templates");
                t.render(&data).map_err(|e| e.to_string())
            })
            .unwrap()
            .join()
            .expect("no overflow");
        let _ = std::fs::remove_dir_all(
            std::env::temp_dir().join(format!("gongwen-depth-{}", std::process::id())),
        );
        assert!(
            rendered.as_deref().is_ok_and(|r| r.contains('五')),
            "{rendered:?}"
        );
    }
}
