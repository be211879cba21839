//! The markup stage: YAML front matter + CommonMark (pulldown-cmark) → [`Document`].
//!
//! `#`…`####` are numbered headings (一、/(一)/1./(1)), numbered here and
//! restarted under each parent; a level-2 or deeper heading runs into the
//! paragraph after it unless it carries `{.standalone}` or no paragraph follows.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::data::key_text;
use crate::error::{Error, Result};
use crate::helpers::{chinese_numeral, parse_date};
pub use crate::markup_inline::is_cjk;
use crate::markup_inline::InlineAcc;
use crate::model::{Align, Block, Document, Heading, Inline, List, Meta, Paragraph, Table};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    index: serde_yaml::Mapping,
    issuer: String,
    date: String,
    #[serde(default)]
    attachments: Vec<String>,
    #[serde(default)]
    keywords: Option<Vec<String>>,
}

/// Parses rendered markup. `origin` names the template it came from, for messages.
pub fn parse(text: &str, origin: &Path) -> Result<Document> {
    let (front, body, body_line) = split_front_matter(text).ok_or_else(|| {
        Error::new("the rendered markup has no front matter")
            .at(origin, 1, None)
            .hint("a template starts with `---`, the document's title, issuer and date, then `---`")
    })?;
    let meta = parse_meta(front, origin)?;
    let blocks = Body::new(body, body_line, origin)?.parse()?;
    Ok(Document {
        meta,
        blocks,
        attachments: Vec::new(),
    })
}

/// (front matter, body, 1-based line where the body starts).
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + front.lines().count() + 1;
            return Some((front, body, body_line));
        }
        offset += line.len();
    }
    None
}

fn parse_meta(front: &str, origin: &Path) -> Result<Meta> {
    let fm: FrontMatter = serde_yaml::from_str(front).map_err(|e| {
        let err = Error::new(format!("front matter: {e}"));
        match e.location() {
            Some(l) => err.at(origin, l.line() + 1, Some(l.column())),
            None => err.in_file(origin),
        }
    })?;
    let date = parse_date(&fm.date).ok_or_else(|| {
        let line = front
            .lines()
            .position(|l| l.starts_with("date:"))
            .map_or(1, |i| i + 2);
        Error::new(format!(
            "front matter: `date` must be YYYY-MM-DD, not \"{}\"",
            fm.date
        ))
        .at(origin, line, None)
    })?;
    let index: Vec<(String, String)> = fm
        .index
        .iter()
        .map(|(k, v)| {
            let v = match v {
                serde_yaml::Value::Null => String::new(),
                v => key_text(v),
            };
            (key_text(k), v)
        })
        .collect();
    let keywords = fm.keywords.unwrap_or_else(|| {
        index
            .iter()
            .find(|(k, _)| k == "主题词")
            .map(|(_, v)| {
                v.split(['、', ',', ',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    });
    Ok(Meta {
        title: fm.title,
        name: fm.name.filter(|n| !n.trim().is_empty()),
        index,
        issuer: fm.issuer,
        date,
        attachments: fm.attachments,
        keywords,
        ..Meta::default()
    })
}

/// A block before run-in headings are joined to their paragraphs.
enum Raw {
    Heading { heading: Heading, standalone: bool },
    Block(Block),
}

struct Body<'a> {
    events: std::iter::Peekable<pulldown_cmark::OffsetIter<'a>>,
    text: &'a str,
    /// Byte offsets where each line of `text` starts.
    line_starts: Vec<usize>,
    first_line: usize,
    origin: &'a Path,
    counters: [u32; 4],
}

impl<'a> Body<'a> {
    /// Footnotes are parsed only to be refused: unparsed, `[^1]: …` would vanish
    /// as a link definition.
    fn new(text: &'a str, first_line: usize, origin: &'a Path) -> Result<Self> {
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_FOOTNOTES;
        let parser = Parser::new_ext(text, opts);
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let body = |events| Body {
            events,
            text,
            line_starts: line_starts.clone(),
            first_line,
            origin,
            counters: [0; 4],
        };
        // A link definition (`[x]: url`) would vanish from the text without a word.
        if let Some((_, def)) = parser
            .reference_definitions()
            .iter()
            .min_by_key(|(_, d)| d.span.start)
        {
            let span = def.span.clone();
            let b = body(Parser::new_ext("", opts).into_offset_iter().peekable());
            return Err(b
                .error(
                    &span,
                    "a link definition (`[label]: address`) is not part of a 公文's markup",
                )
                .hint("write the address as text; to start a line with `[`, write `\\[`"));
        }
        Ok(body(parser.into_offset_iter().peekable()))
    }

    fn line(&self, range: &Range<usize>) -> usize {
        // Binary search over the line starts: a long body costs one pass, not one per event.
        self.first_line + self.line_starts.partition_point(|&s| s <= range.start) - 1
    }

    fn error(&self, range: &Range<usize>, msg: impl Into<String>) -> Error {
        Error::new(msg).at(self.origin, self.line(range), None)
    }

    fn parse(mut self) -> Result<Vec<Block>> {
        let mut raw = Vec::new();
        while let Some((event, range)) = self.events.next() {
            let line = self.line(&range);
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let level = heading_level(level);
                    let unknown = id
                        .map(|i| format!("#{i}"))
                        .into_iter()
                        .chain(classes.iter().filter(|c| !KNOWN_CLASSES.contains(&c.as_ref())).map(|c| format!(".{c}")))
                        .chain(attrs.iter().map(|(k, _)| k.to_string()))
                        .next();
                    if let Some(a) = unknown {
                        return Err(self.unknown_attribute(&a, &range));
                    }
                    if level > 4 {
                        return Err(self
                            .error(&range, format!("a level-{level} heading: a 公文 has four levels"))
                            .hint("use # to #### (一、, (一), 1., (1))"));
                    }
                    let standalone = classes.iter().any(|c| c.as_ref() == "standalone");
                    let content = self.inlines(&range)?;
                    let number = self.number(level);
                    raw.push(Raw::Heading {
                        heading: Heading { level, number, content, line },
                        standalone,
                    });
                }
                Event::Start(Tag::Paragraph) => {
                    if let Some(a) = attribute_in_text(&self.text[range.clone()]) {
                        return Err(self.unknown_attribute(a, &range));
                    }
                    let content = self.inlines(&range)?;
                    raw.push(Raw::Block(Block::Paragraph(Paragraph { heading: None, content, kind: Default::default(), line })));
                }
                Event::Start(Tag::List(None)) => {
                    let items = self.list_items(&range)?;
                    raw.push(Raw::Block(Block::List(List { items, line })));
                }
                Event::Start(Tag::List(Some(_))) => {
                    return Err(self
                        .error(&range, "numbered lists are not part of a 公文's markup")
                        .hint("numbers come from headings (### gives 1., #### gives (1)); use `- ` for a dash list"))
                }
                Event::Start(Tag::Table(align)) => {
                    let table = self.table(align, line)?;
                    raw.push(Raw::Block(Block::Table(table)));
                }
                Event::Start(tag) => return Err(self.unsupported(&tag, &range)),
                Event::Rule => {
                    return Err(self.error(&range, "a thematic break (---) has no place in a 公文"))
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    return Err(self
                        .error(&range, "HTML is not part of a 公文's markup")
                        .hint("write plain text; to show < or & write them as they are, outside a tag"))
                }
                _ => {}
            }
        }
        Ok(join_run_in(raw))
    }

    /// Generates the number of a heading and restarts the deeper counters.
    fn number(&mut self, level: u8) -> String {
        let i = (level - 1) as usize;
        self.counters[i] += 1;
        for c in &mut self.counters[i + 1..] {
            *c = 0;
        }
        let n = self.counters[i];
        // GB/T 9704 7.3.3: 一、 (一) 1. (1); the brackets full-width, "1." a
        // half-width digit and full stop as in the 附件说明 (7.3.4, gbt9704.md).
        match level {
            1 => format!("{}、", chinese_numeral(n as u64)),
            2 => format!("（{}）", chinese_numeral(n as u64)),
            3 => format!("{n}."),
            _ => format!("（{n}）"),
        }
    }

    fn unknown_attribute(&self, attribute: &str, range: &Range<usize>) -> Error {
        let known: Vec<String> = KNOWN_CLASSES.iter().map(|c| format!("{{.{c}}}")).collect();
        self.error(range, format!("unknown block attribute `{attribute}`"))
            .hint(format!(
                "the attributes the markup knows: {} (after a `##` heading); to print braces, write `\\{{`",
                known.join(", ")
            ))
    }

    fn unsupported(&self, tag: &Tag<'_>, range: &Range<usize>) -> Error {
        let what = match tag {
            Tag::BlockQuote(_) => "a block quote (>)",
            Tag::CodeBlock(_) => "a code block",
            Tag::Image { .. } => "an image",
            Tag::HtmlBlock => "an HTML block",
            Tag::Link { .. } => "a link (its address would be lost)",
            Tag::Emphasis => "emphasis (*…* or _…_)",
            Tag::Strikethrough => "strikethrough",
            Tag::FootnoteDefinition(_) => "a footnote",
            _ => "this construct",
        };
        self.error(range, format!("{what} is not part of a 公文's markup"))
            .hint("a 公文 body holds headings, paragraphs, dash lists (- ) and tables")
    }

    /// Collects inline content up to the end of the current element.
    fn inlines(&mut self, start: &Range<usize>) -> Result<Vec<Inline>> {
        let mut acc = InlineAcc::default();
        loop {
            let Some((event, range)) = self.events.next() else {
                return Err(self.error(start, "unterminated element"));
            };
            match event {
                Event::Start(Tag::Strong) => acc.strong += 1,
                Event::End(TagEnd::Strong) => acc.strong = acc.strong.saturating_sub(1),
                Event::Text(t) => acc.push(&t),
                Event::Code(_) => {
                    return Err(self
                        .error(&range, "a code span (`…`) is not part of a 公文's markup")
                        .hint("write the text without backticks; to print one, write \\`"))
                }
                Event::FootnoteReference(_) => {
                    return Err(self
                        .error(&range, "a footnote is not part of a 公文's markup")
                        .hint("write the note in the text, or as an 附注"))
                }
                Event::SoftBreak | Event::HardBreak => acc.pending_break = true,
                Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
                ) => return Ok(acc.finish()),
                Event::InlineHtml(_) | Event::Html(_) => {
                    return Err(self
                        .error(&range, "HTML is not part of a 公文's markup")
                        .hint("write plain text; a lone < or & is fine"))
                }
                Event::Start(tag) => return Err(self.unsupported(&tag, &range)),
                _ => {}
            }
        }
    }

    fn list_items(&mut self, start: &Range<usize>) -> Result<Vec<Vec<Inline>>> {
        let mut items = Vec::new();
        loop {
            let Some((event, range)) = self.events.next() else {
                return Err(self.error(start, "unterminated list"));
            };
            match event {
                Event::Start(Tag::Item) => items.push(self.item(&range)?),
                Event::End(TagEnd::List(_)) => return Ok(items),
                _ => {}
            }
        }
    }

    /// One list item: its paragraphs joined; a nested list is refused.
    fn item(&mut self, start: &Range<usize>) -> Result<Vec<Inline>> {
        let mut content = Vec::new();
        loop {
            match self.events.peek() {
                None => return Err(self.error(start, "unterminated list item")),
                Some((Event::End(TagEnd::Item), _)) => {
                    self.events.next();
                    return Ok(content);
                }
                Some((Event::Start(Tag::Paragraph), r)) => {
                    let r = r.clone();
                    self.events.next();
                    content.extend(self.inlines(&r)?);
                }
                Some((Event::Start(Tag::List(_)), r)) => {
                    let r = r.clone();
                    return Err(self
                        .error(&r, "a list inside a list item")
                        .hint("an official dash list has one level; use headings for structure"));
                }
                Some(_) => {
                    // A tight item: inline events straight away, ended by End(Item).
                    let r = start.clone();
                    content.extend(self.inlines(&r)?);
                    return Ok(content);
                }
            }
        }
    }

    fn table(&mut self, align: Vec<Alignment>, line: usize) -> Result<Table> {
        let mut header = Vec::new();
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut in_head = false;
        loop {
            let Some((event, range)) = self.events.next() else {
                return Err(Error::new("unterminated table").at(self.origin, line, None));
            };
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => {
                    // Cells past the header's would be dropped by the table parser.
                    let cells = row_cells(&self.text[range.clone()]);
                    if cells > header.len() {
                        return Err(self
                            .error(&range, format!(
                                "a table row with {cells} cells under a header of {}",
                                header.len()
                            ))
                            .hint("give every row as many cells as the header; to print a `|`, write `\\|`"));
                    }
                    rows.push(Vec::new())
                }
                Event::Start(Tag::TableCell) => {
                    let cell = self.inlines(&range)?;
                    match (in_head, rows.last_mut()) {
                        (true, _) | (false, None) => header.push(cell),
                        (false, Some(row)) => row.push(cell),
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        let align = align
            .into_iter()
            .map(|a| match a {
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
                _ => Align::Left,
            })
            .collect();
        Ok(Table {
            header,
            rows,
            align,
            line,
        })
    }
}

/// The block attributes the markup knows (`## 标题 {.standalone}`).
const KNOWN_CLASSES: &[&str] = &["standalone"];

/// A `{.name}` or `{#name}` at the end of a line of a paragraph: an attribute
/// that only headings take, which would otherwise print literally.
fn attribute_in_text(text: &str) -> Option<&str> {
    text.lines().find_map(|l| {
        let l = l.trim_end();
        let start = l.rfind('{')?;
        let a = l[start..].strip_suffix('}')?;
        let inner = &a[1..];
        let looks = inner.starts_with(['.', '#'])
            && inner.len() > 1
            && inner[1..]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && !l[..start].ends_with('\\');
        looks.then_some(&l[start..])
    })
}

/// The cells of a table row as written: `|`s outside backslash escapes, less a
/// leading and a trailing one.
fn row_cells(row: &str) -> usize {
    let row = row.trim();
    let mut pipes = 0;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => pipes += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    let lead = usize::from(row.starts_with('|'));
    let trail = usize::from(row.ends_with('|') && !row.ends_with("\\|") && row.len() > 1);
    pipes + 1 - lead - trail
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A level-2 or deeper heading runs into the paragraph that follows it.
fn join_run_in(raw: Vec<Raw>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut it = raw.into_iter().peekable();
    while let Some(r) = it.next() {
        match r {
            Raw::Heading {
                heading,
                standalone,
            } => {
                let runs_in = heading.level >= 2
                    && !standalone
                    && matches!(it.peek(), Some(Raw::Block(Block::Paragraph(p))) if p.heading.is_none());
                if runs_in {
                    if let Some(Raw::Block(Block::Paragraph(mut p))) = it.next() {
                        p.line = heading.line;
                        p.heading = Some(heading);
                        out.push(Block::Paragraph(p));
                    }
                } else {
                    out.push(Block::Heading(heading));
                }
            }
            Raw::Block(b) => out.push(b),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Document {
        let text = format!("---\ntitle: T\nissuer: 局\ndate: 2021-01-10\n---\n{body}");
        parse(&text, Path::new("t.md.hbs")).unwrap()
    }

    #[test]
    fn headings_are_numbered_and_restart_under_their_parent() {
        let d = doc("# 甲\n\n## 乙\n\n### 丙\n\n#### 丁\n\n## 戊\n\n### 己\n\n# 庚\n\n## 辛\n");
        let numbers: Vec<&str> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.number.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers,
            [
                "一、",
                "（一）",
                "1.",
                "（1）",
                "（二）",
                "1.",
                "二、",
                "（一）"
            ]
        );
    }

    #[test]
    fn level_two_runs_into_its_paragraph_unless_standalone() {
        let d = doc("## 甲。\n正文\n继续。\n\n## 乙:{.standalone}\n\n段落\n\n## 丙\n\n- 项\n");
        match &d.blocks[0] {
            Block::Paragraph(p) => {
                assert_eq!(
                    p.heading.as_ref().map(|h| crate::model::plain(&h.content)),
                    Some("甲。".into())
                );
                assert_eq!(crate::model::plain(&p.content), "正文继续。");
            }
            other => panic!("expected a run-in paragraph, got {other:?}"),
        }
        assert!(matches!(&d.blocks[1], Block::Heading(h) if h.number == "（二）"));
        assert!(matches!(&d.blocks[2], Block::Paragraph(p) if p.heading.is_none()));
        assert!(matches!(&d.blocks[3], Block::Heading(h) if h.number == "（三）"));
        assert!(matches!(&d.blocks[4], Block::List(l) if l.items.len() == 1));
    }

    #[test]
    fn placeholders_are_lifted_out_of_text() {
        let d = doc("经费【待填:results.funds】万元。\n");
        assert_eq!(d.placeholders(), ["results.funds"]);
    }

    fn refused(body: &str) -> Error {
        let text = format!("---\ntitle: T\nissuer: 局\ndate: 2021-01-10\n---\n\n{body}");
        parse(&text, Path::new("t.md.hbs")).expect_err(body)
    }

    #[test]
    fn markup_that_would_vanish_is_refused_at_its_line() {
        for (body, what) in [
            ("甲[注释](http://x.cn)乙\n", "link"),
            ("甲[^1]乙\n\n[^1]: 注\n", "footnote"),
            ("甲\n\n[a]: http://x.cn\n", "link definition"),
            ("![图](a.png)\n", "image"),
            ("甲<b>乙</b>\n", "HTML"),
            ("甲*乙*\n", "emphasis"),
            (
                "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n",
                "3 cells under a header of 2",
            ),
            (
                "## 甲 {.noindent}\n\n乙\n",
                "unknown block attribute `.noindent`",
            ),
            (
                "正文 {.noindent}\n",
                "unknown block attribute `{.noindent}`",
            ),
        ] {
            let e = refused(body);
            assert!(e.message.contains(what), "{body:?}: {e}");
            let line = e.location.as_ref().map(|l| l.line).unwrap_or(0);
            assert!(line >= 7, "{body:?}: {e}");
        }
        assert!(refused("正文 {.noindent}\n")
            .to_string()
            .contains("{.standalone}"));
    }

    #[test]
    fn escaped_marks_and_short_rows_are_fine() {
        let d = doc(
            "甲\\[a\\](b) \\{.x} \\<b\\> \\&amp;\n\n| a | b |\n|---|---|\n| 1 \\| 2 | 3 |\n| 4 |\n",
        );
        assert!(
            matches!(&d.blocks[0], Block::Paragraph(p) if crate::model::plain(&p.content) == "甲[a](b) {.x} <b> &amp;")
        );
    }

    #[test]
    fn latin_words_keep_their_space_across_a_soft_break() {
        let d = doc("R&D\ninput 中\n文\n");
        match &d.blocks[0] {
            Block::Paragraph(p) => assert_eq!(crate::model::plain(&p.content), "R&D input 中文"),
            other => panic!("{other:?}"),
        }
    }
}
