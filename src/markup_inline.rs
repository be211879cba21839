//! Inline text of the markup: runs of plain and bold text, soft breaks joined
//! the Chinese way, and 【待填:…】 placeholders lifted out as their own inlines.

use pulldown_cmark::CowStr;

use crate::model::{Inline, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};

/// Builds inline runs: joins soft breaks the CJK way and lifts placeholders out.
#[derive(Default)]
pub(crate) struct InlineAcc {
    out: Vec<Inline>,
    buf: String,
    pub(crate) strong: usize,
    buf_strong: bool,
    pub(crate) pending_break: bool,
}

impl InlineAcc {
    pub(crate) fn push(&mut self, text: &CowStr<'_>) {
        if text.is_empty() {
            return;
        }
        let strong = self.strong > 0;
        if self.pending_break {
            self.pending_break = false;
            let prev = self
                .buf
                .chars()
                .last()
                .or_else(|| self.out.last().and_then(|i| i.visible().chars().last()));
            let next = text.chars().next();
            // A soft break between CJK characters joins without a space (DESIGN.md).
            let joins = prev.is_none_or(is_cjk) || next.is_none_or(is_cjk);
            if !joins {
                self.buf.push(' ');
            }
        }
        if strong != self.buf_strong {
            self.flush();
            self.buf_strong = strong;
        }
        self.buf.push_str(text);
    }

    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.buf);
        let mut rest = text.as_str();
        while let Some(start) = rest.find(PLACEHOLDER_OPEN) {
            let after = &rest[start + PLACEHOLDER_OPEN.len()..];
            let Some(end) = after.find(PLACEHOLDER_CLOSE) else {
                break;
            };
            self.emit(&rest[..start]);
            self.out.push(Inline::Placeholder(after[..end].to_string()));
            rest = &after[end + PLACEHOLDER_CLOSE.len()..];
        }
        self.emit(rest);
    }

    fn emit(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let s = s.to_string();
        match (self.out.last_mut(), self.buf_strong) {
            (Some(Inline::Text(t)), false) | (Some(Inline::Strong(t)), true) => t.push_str(&s),
            (_, false) => self.out.push(Inline::Text(s)),
            (_, true) => self.out.push(Inline::Strong(s)),
        }
    }

    pub(crate) fn finish(mut self) -> Vec<Inline> {
        self.flush();
        self.out
    }
}

/// Han characters and the full-width marks that sit with them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}
