//! Text from the data into runs: XML specials are escaped by docx-rs; tabs and
//! line breaks become `w:tab` and `w:br`; characters XML 1.0 cannot hold are
//! rejected with a clear error instead of producing a file Word refuses.

use crate::error::{Error, Result};
use crate::model::{Block, Document, Inline};
use docx_rs::{BreakType, Run};

/// Checks every string the DOCX will contain.
pub(crate) fn validate(doc: &Document) -> Result<()> {
    let m = &doc.meta;
    check(&m.title, "the title", None)?;
    check(&m.issuer, "the issuer", None)?;
    for (label, value) in &m.index {
        check(label, "the index block", None)?;
        check(value, "the index block", None)?;
    }
    for a in &m.attachments {
        check(a, "an attachment name", None)?;
    }
    let h = &m.head;
    for v in [&h.copy, &h.secrecy, &h.urgency, &h.suffix, &h.number]
        .into_iter()
        .flatten()
    {
        check(v, "the head", None)?;
    }
    for v in h.organs.iter().chain(&h.signers) {
        check(v, "the head", None)?;
    }
    for k in &m.keywords {
        check(k, "the subject words", None)?;
    }
    let body_parts = [
        (&m.addressees, "the addressees"),
        (&m.co_issuers, "the issuers"),
        (&m.closing.cc, "the copies (抄送)"),
    ];
    for (texts, what) in body_parts {
        texts.iter().try_for_each(|t| check(t, what, None))?;
    }
    for (text, what) in [
        (&m.signer, "the signer"),
        (&m.note, "the note"),
        (&m.closing.printer, "the printing office"),
    ] {
        text.iter().try_for_each(|t| check(t, what, None))?;
    }
    for a in &m.attendance {
        check(&a.label, "the attendance", None)?;
        a.names
            .iter()
            .try_for_each(|n| check(n, "the attendance", None))?;
    }
    let inlines = |content: &[Inline], line: usize| -> Result<()> {
        content
            .iter()
            .try_for_each(|i| check(&i.visible(), "the body", Some(line)))
    };
    for a in &doc.attachments {
        check(&a.title, "an attachment's title", Some(a.line))?;
    }
    let blocks = doc
        .blocks
        .iter()
        .chain(doc.attachments.iter().flat_map(|a| &a.blocks));
    for block in blocks {
        match block {
            Block::Heading(h) => {
                check(&h.number, "a heading", Some(h.line))?;
                inlines(&h.content, h.line)?;
            }
            Block::Paragraph(p) => {
                if let Some(h) = &p.heading {
                    check(&h.number, "a heading", Some(h.line))?;
                    inlines(&h.content, h.line)?;
                }
                inlines(&p.content, p.line)?;
            }
            Block::List(l) => l.items.iter().try_for_each(|i| inlines(i, l.line))?,
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .try_for_each(|c| inlines(c, t.line))?,
        }
    }
    Ok(())
}

/// Whether XML 1.0 can hold `c` (its `Char` production, minus what Rust strings exclude).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn check(text: &str, what: &str, line: Option<usize>) -> Result<()> {
    match text.chars().find(|&c| !xml_char(c)) {
        None => Ok(()),
        Some(c) => {
            let at = line
                .map(|l| format!(" (markup line {l})"))
                .unwrap_or_default();
            Err(Error::new(format!(
                "{what} contains the control character U+{:04X}{at}, which a DOCX file cannot hold",
                c as u32
            ))
            .hint("remove it from the data; tabs and line breaks are fine"))
        }
    }
}

/// Adds `text` to `run`: tabs become `w:tab`, line breaks `w:br` (CR LF, CR
/// and LF alike), everything else a `w:t`.
pub(crate) fn add_text(mut run: Run, text: &str) -> Run {
    let mut rest = text;
    while let Some(i) = rest.find(['\t', '\n', '\r']) {
        if i > 0 {
            run = run.add_text(&rest[..i]);
        }
        let tail = &rest[i..];
        rest = if let Some(after) = tail.strip_prefix('\t') {
            run = run.add_tab();
            after
        } else {
            run = run.add_break(BreakType::TextWrapping);
            tail.strip_prefix("\r\n").unwrap_or(&tail[1..])
        };
    }
    if !rest.is_empty() {
        run = run.add_text(rest);
    }
    run
}

/// A break opportunity that takes no width (U+200B).
pub(crate) const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// A placeholder's text with a zero-width space between each two of its
/// Latin characters: the PDF breaks a placeholder anywhere, like Chinese text, so
/// a draft is never letter-spaced; Word would keep `results.rd.intensity`
/// whole as one Latin word, leave the line before it short and spread it.
/// With these break opportunities Word breaks the placeholder where the
/// PDF does. (The placeholder is replaced before the document is final.)
pub(crate) fn breakable_placeholder(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c.is_ascii() && chars.peek().is_some_and(char::is_ascii) {
            out.push(ZERO_WIDTH_SPACE);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::breakable_placeholder;

    #[test]
    fn placeholders_may_break_between_latin_letters_and_read_the_same() {
        let p = breakable_placeholder("【待填:results.rd】");
        assert_eq!(p.replace('\u{200B}', ""), "【待填:results.rd】");
        assert!(p.contains("r\u{200B}e\u{200B}s"));
        // Only inside the Latin: Chinese breaks anyway.
        assert!(p.starts_with("【待填:\u{200B}r"));
        assert!(p.ends_with("d】"));
    }
}
