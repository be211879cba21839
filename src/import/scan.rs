//! Finding the figures in a text: Arabic numbers with their unit, years,
//! whole dates, and Chinese-numeral ordinals (第四届, 前三届); and the
//! sentences they stand in.

use std::collections::BTreeMap;

/// Years within this distance of the base year are written from it.
pub(super) const YEAR_REACH: i64 = 5;

/// A piece of text as scanned.
#[derive(Debug, Clone)]
pub(super) enum Token {
    Text(String),
    Figure(Found),
}

#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The figure as it reads (`2,780`, `94.3`, `2020`, `四`).
    pub text: String,
    pub kind: Kind,
    /// What follows it: `%`, `万元`, `个百分点`, `届` …
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// An Arabic number: value, decimals, written with thousands separators.
    Number(f64, usize, bool),
    /// A year (followed by 年) near the base year.
    Year(i64),
    /// `2021年1月10日`; padded when written 2021年01月10日.
    Date(i64, u32, u32, bool),
    /// 第四届, 前三届: the numeral's value.
    Ordinal(u64),
}

/// The year most often written (`2020年`), the one the others count from.
pub(super) fn base_year<'a>(texts: impl Iterator<Item = &'a str>) -> Option<i64> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for t in texts {
        for tok in scan(t, None) {
            if let Token::Figure(Found {
                kind: Kind::Number(x, 0, false),
                unit,
                text,
            }) = &tok
            {
                if text.len() == 4 && unit.starts_with('年') {
                    *counts.entry(*x as i64).or_default() += 1;
                }
            }
            if let Token::Figure(Found {
                kind: Kind::Date(y, ..),
                ..
            }) = tok
            {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    // The most frequent; on a tie, the earlier year (the one reported on).
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(y, _)| *y)
}

/// The figures of `text`, and the text between them.
pub(super) fn scan(text: &str, base_year: Option<i64>) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((found, len)) = figure_at(&chars, i, base_year) {
            if !lit.is_empty() {
                tokens.push(Token::Text(std::mem::take(&mut lit)));
            }
            let (lead, fig) = found;
            lit.push_str(lead);
            if !lit.is_empty() {
                tokens.push(Token::Text(std::mem::take(&mut lit)));
            }
            tokens.push(Token::Figure(fig));
            i += len;
        } else {
            lit.push(chars[i]);
            i += 1;
        }
    }
    if !lit.is_empty() {
        tokens.push(Token::Text(lit));
    }
    tokens
}

pub(super) const ORDINAL_MEASURES: &str = "届次批期轮";

/// A figure starting at `i`: (text before the figure proper, e.g. `第`; the
/// figure), and how many chars it takes.
pub(super) fn figure_at(
    chars: &[char],
    i: usize,
    base_year: Option<i64>,
) -> Option<((&'static str, Found), usize)> {
    let c = chars[i];
    // 第四届 / 前三届
    if (c == '第' || c == '前') && i + 2 < chars.len() {
        let n = chars[i + 1..]
            .iter()
            .take_while(|c| "一二三四五六七八九十百".contains(**c))
            .count();
        if n > 0 && i + 1 + n < chars.len() && ORDINAL_MEASURES.contains(chars[i + 1 + n]) {
            let numeral: String = chars[i + 1..i + 1 + n].iter().collect();
            if let Some(v) = super::structure::parse_cn(&numeral) {
                let lead = if c == '第' { "第" } else { "前" };
                return Some((
                    (
                        lead,
                        Found {
                            text: numeral,
                            kind: Kind::Ordinal(v as u64),
                            unit: chars[i + 1 + n].to_string(),
                        },
                    ),
                    n + 1,
                ));
            }
        }
        return None;
    }
    if !c.is_ascii_digit() {
        return None;
    }
    // Part of a word or code (R2, 5G, 2021-0414002): not a figure.
    if i > 0
        && (chars[i - 1].is_ascii_alphanumeric() || matches!(chars[i - 1], '.' | '-' | '/' | '_'))
    {
        return None;
    }
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    // Thousands separators: 12,307.
    let mut grouped = false;
    while j - i <= 3
        && chars.get(j) == Some(&',')
        && chars.len() > j + 3
        && chars[j + 1..j + 4].iter().all(|c| c.is_ascii_digit())
        && chars.get(j + 4).is_none_or(|c| !c.is_ascii_digit())
    {
        j += 4;
        grouped = true;
    }
    let mut decimals = 0;
    if j + 1 < chars.len() && (chars[j] == '.') && chars[j + 1].is_ascii_digit() {
        j += 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
            decimals += 1;
        }
    }
    if j < chars.len()
        && (chars[j].is_ascii_alphabetic() || matches!(chars[j], '-' | '/' | '_' | '.'))
    {
        return None;
    }
    let text: String = chars[i..j].iter().collect();
    // A number quoted as a name (“1133”战略) is part of the name.
    if i > 0 && chars[i - 1] == '“' && chars.get(j) == Some(&'”') {
        return None;
    }
    let x: f64 = text.replace(',', "").parse().ok()?;
    let unit: String = chars[j..]
        .iter()
        .take(4)
        .take_while(|c| **c == '%' || is_cjk(**c))
        .collect();
    // A whole date: 2021年1月10日.
    if decimals == 0 && !grouped && text.len() == 4 && unit.starts_with('年') {
        let rest: String = chars[i..chars.len().min(i + 11)].iter().collect();
        if let Some(end) = rest.find('日') {
            let candidate = &rest[..end + '日'.len_utf8()];
            if let Some((y, m, d)) = super::parts::chinese_date(candidate) {
                let padded = candidate.contains("年0") || candidate.contains("月0");
                let again = if padded {
                    format!("{y}年{m:02}月{d:02}日")
                } else {
                    format!("{y}年{m}月{d}日")
                };
                // A date written half padded is left as plain figures.
                if again == candidate {
                    let fig = Found {
                        text: candidate.to_string(),
                        kind: Kind::Date(y as i64, m, d, padded),
                        unit: String::new(),
                    };
                    return Some((("", fig), candidate.chars().count()));
                }
            }
        }
        if let Some(base) = base_year {
            let y = x as i64;
            if (y - base).abs() <= YEAR_REACH {
                return Some((
                    (
                        "",
                        Found {
                            text,
                            kind: Kind::Year(y),
                            unit,
                        },
                    ),
                    j - i,
                ));
            }
        }
    }
    let unit = if unit.starts_with('%') {
        "%".to_string()
    } else {
        unit
    };
    Some((
        (
            "",
            Found {
                text,
                kind: Kind::Number(x, decimals, grouped),
                unit,
            },
        ),
        j - i,
    ))
}

pub(super) fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

pub(super) const SENTENCE_END: &[char] = &['。', '；', '！', '？', ';'];

/// Which sentence each token is in (a text token: the one it starts in), and
/// each sentence's text for the comments.
pub(super) fn sentences(tokens: &[Token]) -> (Vec<usize>, Vec<String>) {
    let mut ids = Vec::with_capacity(tokens.len());
    let mut texts = vec![String::new()];
    for t in tokens {
        ids.push(texts.len() - 1);
        match t {
            Token::Text(s) => {
                for c in s.chars() {
                    texts.last_mut().unwrap().push(c);
                    if SENTENCE_END.contains(&c) {
                        texts.push(String::new());
                    }
                }
            }
            Token::Figure(f) => texts.last_mut().unwrap().push_str(&f.text),
        }
    }
    let texts = texts
        .into_iter()
        .map(|t| {
            let t = t.trim().replace(['\n', '\r'], " ");
            // Keep comments to a readable length.
            let chars: Vec<char> = t.chars().collect();
            if chars.len() > 90 {
                chars[..88].iter().collect::<String>() + "……"
            } else {
                t
            }
        })
        .collect();
    (ids, texts)
}
