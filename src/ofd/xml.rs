//! Small pieces of XML text: escaped strings and numbers in millimetres.

/// The namespace of every OFD part (GB/T 33190-2016, 7.1).
pub const NS: &str = "http://www.ofdspec.org/2016";

/// The XML declaration every part starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Text safe inside an element or a quoted attribute. Characters XML 1.0
/// cannot carry at all (C0 controls but tab and newlines) are left out.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Points (the layout's unit) to millimetres (OFD's unit, 7.3).
pub fn mm(pt: f32) -> f32 {
    pt * 25.4 / 72.0
}

/// A length in millimetres to 0.001 mm, without trailing zeros: the same
/// value always gives the same text.
pub fn num(v: f32) -> String {
    let mut s = format!("{:.3}", v);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(210.0), "210");
        assert_eq!(num(5.5555), "5.556");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(0.25), "0.25");
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("R&D <a> \"b\" 'c'\u{1}"),
            "R&amp;D &lt;a&gt; &quot;b&quot; &apos;c&apos;"
        );
    }
}
