//! A value from the data is text, never markup (DESIGN.md, "Markup").
//!
//! Handlebars' escape function sees every `{{x}}` but not where it lands, so
//! it only marks the value: `MARK_OPEN value MARK_CLOSE`. Once the template is
//! rendered, [`finish`] knows the context of each mark: in the front matter a
//! value is quoted for YAML, in the body it is escaped for CommonMark, so the
//! reader sees exactly the value. `{{{x}}}` never passes the escape function
//! and inserts raw markup, as Handlebars' own convention has it.

/// Noncharacters (Unicode reserves them for internal use), so no text holds them;
/// the data's strings are stripped of them before rendering all the same.
pub const MARK_OPEN: char = '\u{FDD0}';
pub const MARK_CLOSE: char = '\u{FDD1}';

/// What Handlebars renders a map as; a value that reaches the text as this was a map.
pub const OBJECT_TEXT: &str = "[object]";

/// The escape function: marks the value for [`finish`].
pub fn mark(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 6);
    s.push(MARK_OPEN);
    s.push_str(value);
    s.push(MARK_CLOSE);
    s
}

/// Removes the marks, leaving the values as they are (inside the `yaml` helper,
/// which quotes the whole).
pub fn unmark(text: &str) -> String {
    text.chars()
        .filter(|&c| c != MARK_OPEN && c != MARK_CLOSE)
        .collect()
}

/// Removes the mark characters from data text, so a value cannot forge a mark.
pub fn clean(text: &str) -> String {
    if text.contains([MARK_OPEN, MARK_CLOSE]) {
        unmark(text)
    } else {
        text.to_string()
    }
}

/// A marked value that was a map: the caller names the key when it can.
#[derive(Debug, PartialEq)]
pub struct MapAsText {
    /// The 1-based line of the rendered markup.
    pub line: usize,
}

/// Turns the marked rendering into markup: values in the front matter quoted for
/// YAML, in the body escaped for CommonMark.
pub fn finish(rendered: &str) -> Result<String, MapAsText> {
    if !rendered.contains(MARK_OPEN) {
        return Ok(rendered.to_string());
    }
    let mut out = String::with_capacity(rendered.len() + rendered.len() / 8);
    let body_start = front_matter_end(rendered);
    let (front, body) = rendered.split_at(body_start);
    let mut line = 1;
    for l in front.split_inclusive('\n') {
        check_maps(l, line)?;
        out.push_str(&front_matter_line(l));
        line += 1;
    }
    let mut rest = body;
    // What the current output line holds so far, kept as text is added, so that a
    // long line costs one pass rather than one per value.
    let mut row = LineState::default();
    while let Some(start) = rest.find(MARK_OPEN) {
        let before = &rest[..start];
        line += before.matches('\n').count();
        out.push_str(before);
        row.add(before);
        let after = &rest[start + MARK_OPEN.len_utf8()..];
        let end = after.find(MARK_CLOSE).unwrap_or(after.len());
        let value = &after[..end];
        if value == OBJECT_TEXT {
            return Err(MapAsText { line });
        }
        // In a table row a line break would end the row: the value stays on it.
        let value = if row.table_row {
            std::borrow::Cow::Owned(value.replace(['\r', '\n'], " "))
        } else {
            std::borrow::Cow::Borrowed(value)
        };
        let escaped = commonmark(&value, !row.has_text);
        out.push_str(&escaped);
        row.add(&escaped);
        line += value.matches('\n').count();
        rest = after.get(end + MARK_CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(out)
}

fn check_maps(line_text: &str, line: usize) -> Result<(), MapAsText> {
    let needle = format!("{MARK_OPEN}{OBJECT_TEXT}{MARK_CLOSE}");
    if line_text.contains(&needle) {
        return Err(MapAsText { line });
    }
    Ok(())
}

/// The byte offset where the body starts (0 when there is no front matter).
fn front_matter_end(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("---\n") else {
        return 0;
    };
    let mut offset = 4;
    for l in rest.split_inclusive('\n') {
        offset += l.len();
        if l.trim_end() == "---" {
            return offset;
        }
    }
    0
}

/// `key: text with {{values}}` → `key: "the whole as one YAML string"`, so a value
/// can neither end the scalar nor start a structure. A value placed anywhere else
/// in the front matter (inside quotes or a flow collection) is left as written.
fn front_matter_line(l: &str) -> String {
    if !l.contains(MARK_OPEN) {
        return l.to_string();
    }
    let (content, newline) = match l.strip_suffix('\n') {
        Some(c) => (c, "\n"),
        None => (l, ""),
    };
    let item = content.trim_start();
    if let Some(rest) = item.strip_prefix("- ") {
        // `  - {{x}}`: a list item, quoted whole the same way.
        let plain = !rest
            .trim()
            .starts_with(['"', '\'', '{', '[', '|', '>', '&', '*', '!']);
        if plain && !outside_marks(rest).contains(": ") {
            let indent = &content[..content.len() - item.len()];
            let quoted = serde_json::to_string(&unmark(rest.trim())).unwrap_or_default();
            return format!("{indent}- {quoted}{newline}");
        }
    }
    if let Some(colon) = outside_marks(content).find(": ") {
        let (key, value) = (&content[..colon], content[colon + 2..].trim());
        let plain = !value.starts_with(['"', '\'', '{', '[', '|', '>', '&', '*', '!']);
        if plain && !key.contains(MARK_OPEN) {
            let quoted = serde_json::to_string(&unmark(value)).unwrap_or_default();
            return format!("{key}: {quoted}{newline}");
        }
    }
    format!("{}{newline}", unmark(content))
}

/// The text with every marked value blanked out (same length, so offsets hold).
fn outside_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            MARK_OPEN => inside = true,
            MARK_CLOSE => inside = false,
            _ => {}
        }
        if inside || c == MARK_CLOSE {
            out.extend(std::iter::repeat_n('\u{1}', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// The output line being written: whether it holds text yet, and whether that
/// text starts a table row (`|`).
#[derive(Default)]
struct LineState {
    has_text: bool,
    table_row: bool,
}

impl LineState {
    fn add(&mut self, text: &str) {
        let last = match text.rfind('\n') {
            Some(i) => {
                *self = LineState::default();
                &text[i + 1..]
            }
            None => text,
        };
        if !self.has_text {
            let t = last.trim_start();
            if !t.is_empty() {
                self.has_text = true;
                self.table_row = t.starts_with('|');
            }
        }
    }
}

/// Escapes what CommonMark would read in a value: every ASCII punctuation mark is
/// preceded by a backslash (which CommonMark defines to stand for the mark
/// itself), and leading spaces of each line are dropped so none becomes a code block.
pub fn commonmark(value: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(value.len() + value.len() / 4);
    let mut start = line_start;
    for c in value.chars() {
        if start && (c == ' ' || c == '\t') {
            continue;
        }
        start = c == '\n';
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_values_are_escaped_and_front_matter_values_quoted() {
        let r = format!(
            "---\ntitle: {}年\n---\n正文{}。\n",
            mark("甲: #乙"),
            mark("x\n# 注入 &amp; [a](b)")
        );
        let out = finish(&r).unwrap();
        assert_eq!(
            out,
            "---\ntitle: \"甲: #乙年\"\n---\n正文x\n\\# 注入 \\&amp\\; \\[a\\]\\(b\\)。\n"
        );
    }

    #[test]
    fn front_matter_list_items_are_quoted_whole() {
        let r = format!("---\nattachments:\n  - {}名单\n---\n", mark("甲: 乙"));
        assert_eq!(
            finish(&r).unwrap(),
            "---\nattachments:\n  - \"甲: 乙名单\"\n---\n"
        );
    }

    #[test]
    fn a_value_in_a_table_row_stays_in_its_cell() {
        let r = format!(
            "---\ntitle: t\n---\n| a | b |\n|---|---|\n| {} | 2 |\n",
            mark("甲\n乙|丙")
        );
        assert_eq!(
            finish(&r).unwrap(),
            "---\ntitle: t\n---\n| a | b |\n|---|---|\n| 甲 乙\\|丙 | 2 |\n"
        );
    }

    #[test]
    fn a_map_printed_as_text_is_caught_with_its_line() {
        let r = format!("---\ntitle: t\n---\n\n甲{}\n", mark(OBJECT_TEXT));
        assert_eq!(finish(&r), Err(MapAsText { line: 5 }));
    }
}
