//! Where a line of Chinese text may break.
//!
//! Unicode line breaking (UAX #14, via `unicode-linebreak`) gives the
//! opportunities; the rules of W3C clreq §3.1.7 and GB/T 15834 then take some
//! away: closing marks never start a line, opening marks never end one, a
//! two-em dash or ellipsis is never split. That is all Word keeps together
//! (gbt9704.md "How Word lays out a line"): a number stays whole as one
//! Latin word and keeps its % (which may not start a line), but a line may
//! break between its last digit and a Han unit (2780|万元), as between any
//! Latin word and a Han character.

/// Marks that must not start a line (clreq §3.1.7 "行首禁则"; gbt9704.md).
pub fn is_no_start(c: char) -> bool {
    matches!(
        c,
        // Full-width , 。 、 ; : ? ! ) % .
        '\u{FF0C}' | '。' | '、' | '\u{FF1B}' | '\u{FF1A}' | '\u{FF1F}' | '\u{FF01}' | '\u{FF09}'
            | '\u{FF05}' | '\u{FF0E}'
            | '》' | '〉' | '」' | '』' | '】' | '〕' | '〗' | '”' | '’' | '…' | '—' | '·'
            // Their half-width kin.
            | ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '}' | '%' | '‰'
    )
}

/// Marks that must not end a line (clreq §3.1.7 "行尾禁则"; gbt9704.md).
pub fn is_no_end(c: char) -> bool {
    is_opening(c) || matches!(c, '(' | '[' | '{')
}

/// Full-width opening punctuation.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        // Full-width (
        '\u{FF08}' | '《' | '〈' | '「' | '『' | '【' | '〔' | '〖' | '“' | '‘'
    )
}

/// A closing mark that may hang one cell past the right edge when it would
/// otherwise start a line (Word's `w:overflowPunct`, ISO/IEC 29500-1
/// 17.3.1.21; gbt9704.md "How Word lays out a line"). Only full-width marks:
/// a two-em dash or an ellipsis is not one cell, and a half-width mark after
/// Latin text is not Chinese punctuation.
pub fn may_hang(c: char) -> bool {
    matches!(
        c,
        // Full-width , ; : ? ! ) % .
        '\u{FF0C}'
            | '。'
            | '、'
            | '\u{FF1B}'
            | '\u{FF1A}'
            | '\u{FF1F}'
            | '\u{FF01}'
            | '\u{FF09}'
            | '\u{FF0E}'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '”'
            | '’'
    )
}

fn is_digit_like(c: char) -> bool {
    // ASCII or full-width digits.
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// For each position `i` in `chars` (except the last), whether a line may
/// break between `chars[i]` and `chars[i + 1]`. The result has `chars.len()`
/// entries; the last is always `true` (the end of the text).
pub fn break_opportunities(chars: &[char]) -> Vec<bool> {
    let text: String = chars.iter().collect();
    // Byte offset of each char, to map UAX #14's byte positions back.
    let mut char_at_byte = std::collections::HashMap::new();
    for (i, (b, _)) in text.char_indices().enumerate() {
        char_at_byte.insert(b, i);
    }
    let mut allowed = vec![false; chars.len()];
    for (byte, _) in unicode_linebreak::linebreaks(&text) {
        // A break at `byte` means a line may start at the char at `byte`.
        if let Some(&i) = char_at_byte.get(&byte) {
            if i > 0 {
                allowed[i - 1] = true;
            }
        }
    }
    if let Some(last) = allowed.last_mut() {
        *last = true;
    }
    for i in 0..chars.len().saturating_sub(1) {
        let (a, b) = (chars[i], chars[i + 1]);
        allowed[i] = may_break_between(a, b, allowed[i]);
    }
    allowed
}

/// Whether the prohibitions alone (no closing mark first, no opening mark
/// last, —— and …… whole) allow a break between `a` and `b`. Text that must
/// break like Chinese even inside Latin (a placeholder's key path, as Word's
/// "allow Latin text to wrap in the middle of a word") asks only this.
pub fn kinsoku_allows(a: char, b: char) -> bool {
    !(is_no_start(b) || is_no_end(a) || (a == '—' && b == '—') || (a == '…' && b == '…'))
}

/// The clreq adjustments to a UAX #14 verdict for the pair `a`|`b`.
fn may_break_between(a: char, b: char, uax14: bool) -> bool {
    // —— and …… are one mark of two ems (GB/T 15834 4.9, 4.11).
    if !kinsoku_allows(a, b) {
        return false;
    }
    // A number never splits (UAX #14 agrees for ASCII; this covers full-width digits).
    if is_digit_like(a) && (is_digit_like(b) || b == '.' || b == '\u{FF0E}') {
        return false;
    }
    // UAX #14 treats “ ” as ambiguous quotes (QU) and forbids breaks on both
    // sides; in Chinese “ opens and ” closes (gbt9704.md), so a line may break
    // before “ and after ”, as between any two Han characters.
    if is_cjk_quote(a) || is_cjk_quote(b) {
        return true;
    }
    uax14
}

fn is_cjk_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let ok = break_opportunities(&chars);
        let mut out = Vec::new();
        let mut cur = String::new();
        for (c, b) in chars.iter().zip(ok) {
            cur.push(*c);
            if b {
                out.push(std::mem::take(&mut cur));
            }
        }
        out
    }

    #[test]
    fn han_characters_break_anywhere() {
        assert_eq!(breaks("科技创新"), ["科", "技", "创", "新"]);
    }

    #[test]
    fn quotes_open_and_close() {
        assert_eq!(
            breaks("打造“三张牌”和"),
            ["打", "造", "“三", "张", "牌”", "和"]
        );
    }

    #[test]
    fn a_number_stays_whole_with_its_percent_sign_but_not_its_unit() {
        let b = breaks("完成94.3%\u{FF1B}资金2780万元，１２３亿");
        assert!(b.contains(&"94.3%\u{FF1B}".to_string()), "{b:?}");
        // Word breaks between a Latin word and a Han character, unit or not.
        assert!(b.contains(&"2780".to_string()), "{b:?}");
        assert!(b.contains(&"万".to_string()), "{b:?}");
        // Full-width digits are one number too.
        assert!(b.contains(&"１２３".to_string()), "{b:?}");
    }

    #[test]
    fn dashes_and_ellipses_stay_whole() {
        let b = breaks("甲——乙……丙");
        assert!(
            b.iter().all(|s| !s.ends_with('—') || s.ends_with("——")),
            "{b:?}"
        );
        assert!(
            !b.iter().any(|s| s.starts_with('—') || s.starts_with('…')),
            "{b:?}"
        );
    }
}
