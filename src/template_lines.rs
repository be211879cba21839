//! Compiles a Handlebars template in pieces, so its cost grows with its length
//! rather than with the square of it.
//!
//! Handlebars asks pest for the line and column of every token, and pest
//! counts them by rescanning the source from its start (`Position::line_col`):
//! a template ten times longer compiles a hundred times slower. Cut at the line
//! boundaries that lie outside every block, tag and comment, each piece
//! compiles on its own, and the pieces joined — line numbers shifted, the raw
//! text on either side of a cut rejoined — are the very template compiling the
//! whole source gives (a test compares them). Where a cut could change the
//! meaning (whitespace control `~` reaching across it, raw blocks, escaped
//! braces) the source is not cut there, or not at all; a piece that fails to
//! compile sends the whole source to Handlebars, so errors read the same.

use handlebars::template::{Template, TemplateElement};
use handlebars::TemplateError;

/// Compiles `source` as the template `name`, piece by piece where that is safe.
pub fn compile(name: &str, source: &str) -> Result<Template, TemplateError> {
    let whole = || Template::compile_with_name(source, name.to_string());
    let Some(cuts) = cut_points(source) else {
        return whole();
    };
    if cuts.is_empty() {
        return whole();
    }
    let mut joined: Option<Template> = None;
    let mut start = 0;
    let mut line = 0;
    for end in cuts.into_iter().chain(std::iter::once(source.len())) {
        let piece = &source[start..end];
        let Ok(mut part) = Template::compile_with_name(piece, name.to_string()) else {
            return whole();
        };
        shift_lines(&mut part, line);
        if start > 0 {
            place_leading_text(&mut part, piece, line);
        }
        line += piece.matches('\n').count();
        start = end;
        joined = Some(match joined {
            None => part,
            Some(acc) => append(acc, part),
        });
    }
    joined.map_or_else(whole, Ok)
}

/// Appends `next` to `acc`, rejoining raw text that a cut split in two.
fn append(mut acc: Template, next: Template) -> Template {
    let (mut elements, mut mapping) = (next.elements, next.mapping);
    let both_text = matches!(acc.elements.last(), Some(TemplateElement::RawString(_)))
        && matches!(elements.first(), Some(TemplateElement::RawString(_)));
    if both_text {
        if let (Some(TemplateElement::RawString(tail)), TemplateElement::RawString(head)) =
            (acc.elements.last_mut(), elements.remove(0))
        {
            // Handlebars places text at its first non-blank character, so
            // text that was blank before the cut takes the place of the next.
            let blank = tail.trim_matches(BLANK).is_empty();
            tail.push_str(&head);
            if !mapping.is_empty() {
                let next_place = mapping.remove(0);
                if blank {
                    if let Some(place) = acc.mapping.last_mut() {
                        *place = next_place;
                    }
                }
            }
        }
    }
    acc.elements.extend(elements);
    acc.mapping.extend(mapping);
    acc
}

/// Places a piece's leading text where Handlebars places text inside a
/// template: at its first non-blank character (at a template's very start it
/// uses line 1, column 1 instead, so the first piece keeps its place).
/// `line` counts the lines before the piece.
fn place_leading_text(piece: &mut Template, source: &str, line: usize) {
    let (Some(TemplateElement::RawString(_)), Some(place)) =
        (piece.elements.first(), piece.mapping.first_mut())
    else {
        return;
    };
    // From the source, not the element: a standalone tag may have emptied
    // the text; blank text is placed at what follows it.
    let at = source.find(|c| !BLANK.contains(&c)).unwrap_or(source.len());
    let before = &source[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    place.0 = line + 1 + before.matches('\n').count();
    place.1 = before[line_start..].chars().count() + 1;
}

/// What pest skips between tokens.
const BLANK: [char; 4] = [' ', '\t', '\n', '\r'];

/// Adds `by` to every line number in `template` and the blocks inside it.
fn shift_lines(template: &mut Template, by: usize) {
    if by == 0 {
        return;
    }
    for mapping in &mut template.mapping {
        mapping.0 += by;
    }
    for element in &mut template.elements {
        match element {
            TemplateElement::HelperBlock(h)
            | TemplateElement::Expression(h)
            | TemplateElement::HtmlExpression(h) => {
                for t in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                    shift_lines(t, by);
                }
            }
            TemplateElement::DecoratorBlock(d)
            | TemplateElement::DecoratorExpression(d)
            | TemplateElement::PartialBlock(d)
            | TemplateElement::PartialExpression(d) => {
                if let Some(t) = &mut d.template {
                    shift_lines(t, by);
                }
            }
            // Text and comments hold no template; a kind added later would at
            // worst report a line counted from its piece.
            _ => {}
        }
    }
}

/// Byte offsets just after a newline where the source may be cut: outside any
/// block, tag or comment, with no whitespace control reaching across. `None`
/// when the source uses a construct this scanner does not follow.
fn cut_points(source: &str) -> Option<Vec<usize>> {
    let bytes = source.as_bytes();
    let mut cuts = Vec::new();
    // Candidates since the last non-blank text: a `{{~` after them, or a
    // `~}}` before them, strips the blank text they sit in.
    let mut pending: Vec<usize> = Vec::new();
    let mut strips_after = false;
    let mut depth: usize = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes[i + 1..].starts_with(b"{{") => return None,
            b'{' if bytes[i + 1..].starts_with(b"{") => {
                if bytes[i..].starts_with(b"{{{{") {
                    return None; // raw blocks
                }
                let tag_start = i;
                let end = tag_end(bytes, i)?;
                let tag = &source[tag_start..end];
                let inner = tag.trim_start_matches('{');
                let strips_before = inner.starts_with('~');
                let body = inner.trim_start_matches('~').trim_start();
                if strips_before {
                    pending.clear();
                } else if !strips_after {
                    cuts.append(&mut pending);
                }
                pending.clear();
                strips_after = tag.trim_end_matches('}').ends_with('~');
                if !body.starts_with('!') {
                    match body.as_bytes().first() {
                        Some(b'#') => depth += 1,
                        Some(b'/') => depth = depth.checked_sub(1)?,
                        Some(b'^') => {
                            // `{{^}}` is `else`; `{{^name}}` opens an inverse block.
                            let rest = body[1..].trim_start_matches('~').trim();
                            if !rest.trim_end_matches('}').trim_end_matches('~').is_empty() {
                                depth += 1;
                            }
                        }
                        _ => {}
                    }
                }
                i = end;
                continue;
            }
            b'\n' => {
                if depth == 0 && i + 1 < bytes.len() {
                    pending.push(i + 1);
                }
            }
            b' ' | b'\t' | b'\r' => {}
            _ => {
                if !strips_after {
                    cuts.append(&mut pending);
                }
                pending.clear();
                strips_after = false;
            }
        }
        i += 1;
    }
    if !strips_after {
        cuts.append(&mut pending);
    }
    (depth == 0).then_some(cuts)
}

/// The offset just past the tag (or comment) starting at `start` (`{{`).
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start..];
    let comment_body = rest
        .strip_prefix(b"{{~")
        .or_else(|| rest.strip_prefix(b"{{"))
        .and_then(|r| r.strip_prefix(b"!--"));
    if let Some(body) = comment_body {
        // The comment ends at the first `--}}` or `--~}}` after its opening.
        let open = rest.len() - body.len();
        let mut at = open;
        while at < rest.len() {
            let here = &rest[at..];
            if here.starts_with(b"--}}") {
                return Some(start + at + 4);
            }
            if here.starts_with(b"--~}}") {
                return Some(start + at + 5);
            }
            at += 1;
        }
        return None;
    }
    let after_open = rest
        .strip_prefix(b"{{~")
        .or_else(|| rest.strip_prefix(b"{{"));
    if after_open.is_some_and(|r| r.starts_with(b"!")) {
        // A short comment ends at the first `}}`; quotes in it are just text.
        let close = rest.windows(2).position(|w| w == b"}}")?;
        return Some(start + close + 2);
    }
    let mut i = 2;
    let mut quote: Option<u8> = None;
    while i < rest.len() {
        let b = rest[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if rest[i..].starts_with(b"}}") => {
                let mut end = i + 2;
                while rest.get(end) == Some(&b'}') {
                    end += 1;
                }
                return Some(start + end);
            }
            None => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_whole(source: &str) {
        let whole = Template::compile_with_name(source, "t".to_string()).unwrap();
        let pieces = compile("t", source).unwrap();
        if pieces != whole {
            let (a, b) = (format!("{pieces:#?}"), format!("{whole:#?}"));
            let at = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let show = |s: &str| {
                s.lines()
                    .skip(at.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!("pieces differ from the whole at line {at}:\n{}\n---- whole:\n{}\nsource:\n{source}", show(&a), show(&b));
        }
    }

    #[test]
    fn the_shipped_template_compiles_to_the_same_template() {
        let source = include_str!("../templates/work-report.md.hbs");
        let cuts = cut_points(source).expect("the scanner follows the shipped template");
        assert!(
            cuts.len() > 20,
            "the shipped template is cut in pieces: {cuts:?}"
        );
        same_as_whole(source);
        // The body repeated, as a long template would be.
        let body = &source[source.find("{{!--").unwrap()..];
        same_as_whole(&format!("{source}{}", body.repeat(4)));
    }

    #[test]
    fn blocks_comments_and_whitespace_control_compile_the_same() {
        for source in [
            "a {{x}}\nb\n\n{{#if y}}\n  c {{y}}\n{{else}}\nd\n{{/if}}\ne {{z}}\n",
            "{{#each xs}}\n{{this}}\n{{/each}}\n{{#unless ys}}\nnone\n{{/unless}}\ntail",
            "{{!-- a\n{{#if}}\nb --}}\nx {{y}}\n{{! short }}\nz",
            "{{!-- a --}}\n{{#if x}}\nb\n{{!-- c --}}\n{{/if}}\nd\n",
            "{{! don't }}\n{{#if x}}\nit's\n{{/if}}\ne\n",
            "a {{x~}}\n\n   b\n{{y}}\n\n  {{~z}} c\n",
            "{{#if a}}x{{^}}y{{/if}}\n{{> part}}\n  {{> part}}\nend\n",
            "{{f \"{{#if y\" 1}}\nq\n{{{raw}}}\nr\n",
            "  {{#if a}}\n  in\n  {{/if}}\n  after\n",
        ] {
            same_as_whole(source);
        }
    }

    #[test]
    fn line_numbers_count_from_the_whole_source() {
        let source = "one\ntwo\n{{#if x}}\n{{y}}\n{{/if}}\n{{z}}\n";
        let t = compile("t", source).unwrap();
        let lines: Vec<usize> = t.mapping.iter().map(|m| m.0).collect();
        let whole = Template::compile(source).unwrap();
        assert_eq!(lines, whole.mapping.iter().map(|m| m.0).collect::<Vec<_>>());
        assert!(lines.contains(&6), "{{{{z}}}} is on line 6: {lines:?}");
    }

    #[test]
    fn a_broken_piece_reports_the_whole_source_error() {
        let source = "a\n{{#if x}}\nb\n";
        let err = compile("t", source).unwrap_err();
        let whole = Template::compile(source).unwrap_err();
        assert_eq!(err.pos(), whole.pos());
    }
}
