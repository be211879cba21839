//! The markup stage: YAML front matter + CommonMark (pulldown-cmark) → [`Document`].
//!
//! `#`…`####` are numbered headings (一、/(一)/1./(1)), numbered here and
//! restarted under each parent; a level-2 or deeper heading runs into the
//! paragraph after it unless it carries `{.standalone}` or no paragraph follows.

use std::ops::Range;
use std::path::Path;

use crate::error::{Error, Result};
use crate::helpers::chinese_numeral;
use crate::markup_front::parse_meta;
pub use crate::markup_inline::is_cjk;
use crate::markup_inline::InlineAcc;
use crate::model::{
    Align, Attachment, Block, Document, Heading, Inline, List, Paragraph, ParagraphKind, Table,
};
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Parses rendered markup. `origin` names the template it came from, for messages.
pub fn parse(text: &str, origin: &Path) -> Result<Document> {
    let (front, body, body_line) = split_front_matter(text).ok_or_else(|| {
        Error::new("the rendered markup has no front matter")
            .at(origin, 1, None)
            .hint("a template starts with `---`, the document's title, issuer and date, then `---`")
    })?;
    let mut meta = parse_meta(front, origin)?;
    let (blocks, attachments) = Body::new(body, body_line, origin)?.parse()?;
    let titles: Vec<String> = attachments.iter().map(|a| a.title.clone()).collect();
    if meta.attachments.is_empty() {
        meta.attachments = titles;
    } else if !titles.is_empty() && titles != meta.attachments {
        // 7.3.7: the attachment pages carry the numbers and names of the 附件说明.
        let line = attachments
            .iter()
            .zip(&meta.attachments)
            .find(|(a, name)| &a.title != *name)
            .map(|(a, _)| a.line)
            .or(attachments.get(meta.attachments.len()).map(|a| a.line))
            .unwrap_or(body_line);
        return Err(Error::new(format!(
            "the attachment pages ({}) do not match `attachments:` in the front matter ({})",
            titles.join("、"),
            meta.attachments.join("、")
        ))
        .at(origin, line, None)
        .hint("GB/T 9704 7.3.7: each attachment's title is its name in the 附件说明; give the same names, or leave `attachments:` out"));
    }
    Ok(Document {
        meta,
        blocks,
        attachments,
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

/// An attachment's title and the line of its heading.
type AttachmentHead = (String, usize);

/// A block before run-in headings are joined to their paragraphs.
enum Raw {
    Heading {
        heading: Heading,
        standalone: bool,
    },
    Block(Block),
    /// `# 标题 {.attachment}`: what follows is an attachment page (7.3.7).
    Attachment {
        title: String,
        line: usize,
    },
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

    /// The main body's blocks and the attachment pages after it.
    fn parse(mut self) -> Result<(Vec<Block>, Vec<Attachment>)> {
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
                    if classes.iter().any(|c| c.as_ref() == "attachment") {
                        if level != 1 {
                            return Err(self
                                .error(&range, "an attachment starts with a level-1 heading")
                                .hint("write `# 附件标题 {.attachment}`"));
                        }
                        let title = crate::model::plain(&self.inlines(&range)?);
                        // An attachment numbers its headings afresh (7.3.7: "与正文一致").
                        self.counters = [0; 4];
                        raw.push(Raw::Attachment { title, line });
                        continue;
                    }
                    let content = self.inlines(&range)?;
                    let number = self.number(level);
                    raw.push(Raw::Heading {
                        heading: Heading { level, number, content, line },
                        standalone,
                    });
                }
                Event::Start(Tag::Paragraph) => {
                    let kind = self.paragraph_kind(&range)?;
                    let mut content = self.inlines(&range)?;
                    if kind != ParagraphKind::Body {
                        strip_attribute(&mut content);
                    }
                    raw.push(Raw::Block(Block::Paragraph(Paragraph { heading: None, content, kind, line })));
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
        // Split at the attachment headings: the main body, then each attachment's.
        let mut parts: Vec<(Option<AttachmentHead>, Vec<Raw>)> = vec![(None, Vec::new())];
        for r in raw {
            match r {
                Raw::Attachment { title, line } => parts.push((Some((title, line)), Vec::new())),
                r => {
                    if let Some((_, part)) = parts.last_mut() {
                        part.push(r);
                    }
                }
            }
        }
        let mut parts = parts.into_iter();
        let body = parts
            .next()
            .map(|(_, raw)| join_run_in(raw))
            .unwrap_or_default();
        let attachments = parts
            .filter_map(|(head, raw)| {
                let (title, line) = head?;
                Some(Attachment {
                    title,
                    blocks: join_run_in(raw),
                    line,
                })
            })
            .collect();
        Ok((body, attachments))
    }

    /// The kind a paragraph asks for with a `{.name}` at its end; an attribute
    /// anywhere else, or an unknown one, is refused rather than printed.
    fn paragraph_kind(&self, range: &Range<usize>) -> Result<ParagraphKind> {
        let text = &self.text[range.clone()];
        let Some(a) = attribute_in_text(text) else {
            return Ok(ParagraphKind::Body);
        };
        let last = text.trim_end().lines().last().unwrap_or("").trim_end();
        let kind = ParagraphKind::ATTRIBUTES
            .iter()
            .find(|(name, _)| a.strip_prefix("{.").and_then(|r| r.strip_suffix('}')) == Some(*name))
            .map(|(_, k)| *k);
        match kind {
            Some(k) if last.ends_with(a) => Ok(k),
            Some(_) => Err(self
                .error(range, format!("the attribute `{a}` must end its paragraph"))
                .hint("write it after the paragraph's last word, on its last line")),
            None => Err(self.unknown_attribute(a, range)),
        }
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
        let known = |names: &mut dyn Iterator<Item = &str>| {
            names
                .map(|c| format!("{{.{c}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.error(range, format!("unknown block attribute `{attribute}`"))
            .hint(format!(
                "the attributes the markup knows: {} (after a heading); {} (at the end of a paragraph); to print braces, write `\\{{`",
                known(&mut KNOWN_CLASSES.iter().copied()),
                known(&mut ParagraphKind::ATTRIBUTES.iter().map(|(n, _)| *n)),
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
const KNOWN_CLASSES: &[&str] = &["standalone", "attachment"];

/// Removes a paragraph's trailing `{.name}` from its text.
fn strip_attribute(content: &mut Vec<Inline>) {
    if let Some(Inline::Text(t)) = content.last_mut() {
        if let Some(start) = t.rfind('{') {
            t.truncate(start);
            let kept = t.trim_end().len();
            t.truncate(kept);
        }
        if t.is_empty() {
            content.pop();
        }
    }
}

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
                    && matches!(it.peek(), Some(Raw::Block(Block::Paragraph(p)))
                        if p.heading.is_none() && p.kind == ParagraphKind::Body);
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
            // Split off before joining.
            Raw::Attachment { .. } => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
