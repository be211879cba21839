//! Every figure of the prose lifted into the data: integers, decimals,
//! percentages, amounts, years, dates and Chinese-numeral ordinals (第四届).
//! Each gets a readable key in its section's group and the sentence it came
//! from as a comment; a figure evidently computed from two others in its
//! sentence (a percentage of completion, a percentage-point difference, a
//! growth rate) becomes the helper that computes it, and the data keeps only
//! the two raw figures.

use super::keys::{group_name, key_for};
use super::scan::{scan, sentences, Found, Kind, Token};
use crate::helpers::fixed;

/// A value in the data file.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Written as it reads (`2780`, `0.48`).
    Number(String),
    /// A figure whose text a number would not keep (`05`).
    Text(String),
    /// `YYYY-MM-DD`.
    Date(String),
    /// `!counter N`: an ordinal that `draft` moves on by one.
    Counter(u64),
}

/// One lifted figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub key: String,
    pub value: Value,
    /// The sentence it came from.
    pub comment: String,
}

/// A section's figures, and what was inferred about them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    pub figures: Vec<Figure>,
    /// Derived figures: one line each, saying what computes them.
    pub inferred: Vec<String>,
}

/// Where lifted text lands: the body (escaped for CommonMark) or the inside
/// of a `{{#yaml}}` block in the front matter (left as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Body,
    Yaml,
}

/// The key that holds the year most of the document's years count from.
pub const YEAR_KEY: &str = "年度";

pub struct Lifter {
    pub groups: Vec<Group>,
    /// The report's year (the most frequent year in the text).
    pub base_year: Option<i64>,
    /// Top-level keys already taken (group names must differ from them).
    reserved: Vec<String>,
    pub lifted: usize,
    pub derived: usize,
    /// A key for the figures of the text lifted next (a table cell's row and column).
    pub hint: Option<String>,
}

/// A figure's place in the template: a key to print, or a helper over two keys.
#[derive(Debug, Clone)]
enum Expr {
    Key(String),
    Helper(String),
}

impl Lifter {
    pub fn new(base_year: Option<i64>, reserved: &[&str]) -> Self {
        Lifter {
            groups: Vec::new(),
            base_year,
            reserved: reserved.iter().map(|s| s.to_string()).collect(),
            lifted: 0,
            derived: 0,
            hint: None,
        }
    }

    /// Opens the group of a section headed `heading` and returns its index.
    pub fn group(&mut self, heading: &str) -> usize {
        let base = group_name(heading);
        let mut name = base.clone();
        let mut n = 2;
        while self.reserved.contains(&name) || self.groups.iter().any(|g| g.key == name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.groups.push(Group {
            key: name,
            ..Group::default()
        });
        self.groups.len() - 1
    }

    /// The template text for `text`, its figures lifted into group `g`.
    pub fn lift(&mut self, text: &str, g: usize, ctx: Context) -> String {
        let tokens = scan(text, self.base_year);
        let (sentence_ids, sentences) = sentences(&tokens);
        let mut exprs: Vec<Option<Expr>> = vec![None; tokens.len()];
        // Raw figures first, so the helpers can name them.
        for (i, t) in tokens.iter().enumerate() {
            if let Token::Figure(f) = t {
                exprs[i] = self.raw(f, g, &tokens, i, &sentences[sentence_ids[i]]);
            }
        }
        for i in 0..tokens.len() {
            let Token::Figure(f) = &tokens[i] else {
                continue;
            };
            let same: Vec<usize> = (0..i)
                .filter(|&j| sentence_ids[j] == sentence_ids[i])
                .collect();
            if let Some(helper) = self.derive(&tokens, &exprs, &same, f, g) {
                // The derived figure leaves the data: it is computed.
                if let Some(Expr::Key(k)) = &exprs[i] {
                    let k = k.clone();
                    self.unlift(g, &k);
                }
                exprs[i] = Some(Expr::Helper(helper));
                self.derived += 1;
            }
        }
        let mut out = String::new();
        let mut line_start = true;
        for (i, t) in tokens.iter().enumerate() {
            match (t, &exprs[i]) {
                (Token::Text(s), _) => {
                    out.push_str(&literal(s, ctx, line_start));
                }
                (Token::Figure(f), None) => out.push_str(&literal(&f.text, ctx, line_start)),
                (Token::Figure(_), Some(Expr::Key(e) | Expr::Helper(e))) => {
                    out.push_str(&format!("{{{{{e}}}}}"));
                }
            }
            line_start = false;
        }
        out
    }

    /// Lifts one figure into the group: its expression in the template.
    fn raw(
        &mut self,
        f: &Found,
        g: usize,
        tokens: &[Token],
        i: usize,
        sentence: &str,
    ) -> Option<Expr> {
        let group = self.groups[g].key.clone();
        // The value, and what is written around its key in the template.
        let (value, before, after) = match &f.kind {
            Kind::Year(y) => {
                let base = self.base_year?;
                self.lifted += 1;
                let d = y - base;
                return Some(Expr::Key(match d {
                    0 => YEAR_KEY.to_string(),
                    d if d > 0 => format!("add {YEAR_KEY} {d}"),
                    d => format!("sub {YEAR_KEY} {}", -d),
                }));
            }
            Kind::Date(y, m, d, padded) => (
                Value::Date(format!("{y:04}-{m:02}-{d:02}")),
                if *padded { "date_padded " } else { "date " },
                String::new(),
            ),
            Kind::Ordinal(n) => (Value::Counter(*n), "cn ", String::new()),
            Kind::Number(x, decimals, grouped) => {
                let plain = f.text.replace(',', "");
                let d = *decimals;
                if plain.len() > 1 && plain.starts_with('0') && !plain.starts_with("0.") {
                    (Value::Text(plain), "", String::new())
                } else if *grouped {
                    (Value::Number(plain), "thousands ", String::new())
                } else if d > 0 && plain.ends_with('0') {
                    // 6.40 is kept as the number 6.4 and printed with its two decimals.
                    let v = Value::Number(crate::helpers::trimmed(*x, d));
                    (v, "num ", format!(" decimals={d}"))
                } else {
                    (Value::Number(plain), "", String::new())
                }
            }
        };
        let base = match &self.hint {
            Some(h) => h.clone(),
            None => key_for(tokens, i, f),
        };
        // A path segment starting with a digit would read as a list index.
        let base = if base.starts_with(|c: char| c.is_ascii_digit()) {
            format!("数_{base}")
        } else {
            base
        };
        let name = self.unique_key(g, &base);
        self.groups[g].figures.push(Figure {
            key: name.clone(),
            value,
            comment: sentence.to_string(),
        });
        self.lifted += 1;
        Some(Expr::Key(format!("{before}{group}.{name}{after}")))
    }

    /// Takes a figure lifted as `expr` (`g.k`, `num g.k decimals=1`) out of the data again.
    fn unlift(&mut self, g: usize, expr: &str) {
        let path = expr
            .split(' ')
            .find(|w| w.contains('.') && !w.contains('='))
            .unwrap_or(expr);
        let key = path.rsplit('.').next().unwrap_or(path);
        self.groups[g].figures.retain(|f| f.key != key);
        self.lifted -= 1;
    }

    fn unique_key(&self, g: usize, base: &str) -> String {
        let taken = |k: &str| self.groups[g].figures.iter().any(|f| f.key == k);
        let mut name = base.to_string();
        let mut n = 2;
        while taken(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }

    /// A percentage or a percentage-point figure that two earlier figures of its
    /// sentence give exactly as printed: the helper that computes it.
    fn derive(
        &mut self,
        tokens: &[Token],
        exprs: &[Option<Expr>],
        same: &[usize],
        f: &Found,
        g: usize,
    ) -> Option<String> {
        let Kind::Number(_, decimals, false) = f.kind else {
            return None;
        };
        let points = f.unit.starts_with("个百分点");
        if f.unit != "%" && !points {
            return None;
        }
        // Earlier raw numbers of the sentence, nearest first.
        let earlier: Vec<(usize, f64, bool)> = same
            .iter()
            .rev()
            .copied()
            .filter_map(|j| match (&tokens[j], &exprs[j]) {
                (
                    Token::Figure(Found {
                        kind: Kind::Number(x, _, _),
                        unit,
                        ..
                    }),
                    Some(Expr::Key(_)),
                ) => Some((j, *x, unit == "%")),
                _ => None,
            })
            .collect();
        let key = |j: usize| match &exprs[j] {
            Some(Expr::Key(k)) => k
                .split(' ')
                .find(|w| w.contains('.') && !w.contains('='))
                .unwrap_or(k)
                .to_string(),
            _ => String::new(),
        };
        let arg = |d: usize, default: usize| {
            if d == default {
                String::new()
            } else {
                format!(" decimals={d}")
            }
        };
        let group = self.groups[g].key.clone();
        let short = |k: &str| {
            k.strip_prefix(&format!("{group}."))
                .unwrap_or(k)
                .to_string()
        };
        for (n, &(ja, a, a_pct)) in earlier.iter().enumerate() {
            for &(jb, b, b_pct) in &earlier[n + 1..] {
                // jb comes before ja in the sentence.
                let (first, second) = ((jb, b), (ja, a));
                if points {
                    if !(a_pct && b_pct) {
                        continue;
                    }
                    for ((x, vx), (y, vy)) in [(first, second), (second, first)] {
                        if fixed(vx - vy, decimals) == f.text && vx != vy {
                            let h = format!("pp {} {}{}", key(x), key(y), arg(decimals, 2));
                            self.note(
                                g,
                                &f.text,
                                "个百分点",
                                &format!("{} − {}", short(&key(x)), short(&key(y))),
                                &h,
                            );
                            return Some(h);
                        }
                    }
                    continue;
                }
                if a_pct || b_pct || second.1 == 0.0 || first.1 == 0.0 {
                    continue;
                }
                // "完成目标 B 的 P%": the part first, then the whole.
                for ((x, vx), (y, vy)) in [(first, second), (second, first)] {
                    if fixed(vx / vy * 100.0, decimals) == f.text {
                        let h = format!("percent {} {}{}", key(x), key(y), arg(decimals, 1));
                        self.note(
                            g,
                            &f.text,
                            "%",
                            &format!("{} ÷ {}", short(&key(x)), short(&key(y))),
                            &h,
                        );
                        return Some(h);
                    }
                }
                for ((x, vx), (y, vy)) in [(second, first), (first, second)] {
                    if fixed((vx - vy) / vy * 100.0, decimals) == f.text {
                        let h = format!("growth {} {}{}", key(x), key(y), arg(decimals, 1));
                        self.note(
                            g,
                            &f.text,
                            "%",
                            &format!("({0} − {1}) ÷ {1}", short(&key(x)), short(&key(y))),
                            &h,
                        );
                        return Some(h);
                    }
                }
            }
        }
        None
    }

    fn note(&mut self, g: usize, figure: &str, unit: &str, formula: &str, helper: &str) {
        self.groups[g].inferred.push(format!(
            "推算：{figure}{unit} = {formula}，模板写作 {{{{{helper}}}}}"
        ));
    }
}

/// The literal text of the template, escaped for CommonMark in the body where
/// it would be read as markup (emphasis, links, HTML, entities, table cells,
/// block attributes, Handlebars), and at a line's start where it would open a
/// block (`#`, `-`, `1.`); `%` and other harmless marks stay as they read.
/// Braces and backslashes, which Handlebars reads beside an expression
/// (`\{{`, `{{{`), become their full-width forms (the same after NFKC).
pub fn literal(s: &str, ctx: Context, line_start: bool) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '{' => '｛',
            '}' => '｝',
            '\\' => '＼',
            c => c,
        })
        .collect();
    if ctx == Context::Yaml {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = line_start && i == 0;
        let opens_list = line_start
            && matches!(c, '.' | ')')
            && i > 0
            && chars[..i].iter().all(|d| d.is_ascii_digit());
        let entity = c == '&' && {
            let name: String = chars[i + 1..]
                .iter()
                .take_while(|d| d.is_ascii_alphanumeric() || **d == '#')
                .collect();
            !name.is_empty() && chars.get(i + 1 + name.chars().count()) == Some(&';')
        };
        if "`*_[]<>|~".contains(c) || entity || (at_start && c.is_ascii_punctuation()) || opens_list
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lift(text: &str) -> (String, Lifter) {
        let mut l = Lifter::new(Some(2020), &[]);
        let g = l.group("积极向上争取项目资金。");
        let t = l.lift(text, g, Context::Body);
        (t, l)
    }

    #[test]
    fn a_percentage_of_completion_becomes_the_percent_helper() {
        let (t, l) = lift("全年共向上争取科技项目资金2780万元，完成州政府下达目标任务2947万元的94.3%；组织申报项目39项。");
        assert_eq!(
            t,
            "全年共向上争取科技项目资金{{积极向上争取项目资金.科技项目资金}}万元，完成州政府下达目标任务{{积极向上争取项目资金.州政府下达目标任务}}万元的{{percent 积极向上争取项目资金.科技项目资金 积极向上争取项目资金.州政府下达目标任务}}%；组织申报项目{{积极向上争取项目资金.项目}}项。"
        );
        assert_eq!(l.groups[0].figures.len(), 3);
        assert_eq!(l.derived, 1);
        assert!(l.groups[0].inferred[0].contains("94.3%"));
    }

    #[test]
    fn points_growth_years_dates_ordinals() {
        let (t, _) = lift("比重为0.58%、差全省平均水平0.87%的0.29个百分点。");
        assert!(
            t.contains(
                "{{pp 积极向上争取项目资金.全省平均水平比例 积极向上争取项目资金.比重}}个百分点"
            ),
            "{t}"
        );
        let (t, _) = lift("种植中药材55万亩，较上年50万亩增长10%。");
        assert!(t.contains("{{growth 积极向上争取项目资金.种植中药材 积极向上争取项目资金.较上年 decimals=0}}%"), "{t}");
        let (t, _) = lift("2021年和2019年，第四届大赛于2021年1月10日举办，增速6.40%。");
        assert!(
            t.starts_with(
                "{{add 年度 1}}年和{{sub 年度 1}}年，第{{cn 积极向上争取项目资金.大赛于届次}}届"
            ),
            "{t}"
        );
        assert!(
            t.contains("于{{date 积极向上争取项目资金.届大赛于日期}}举办"),
            "{t}"
        );
        assert!(
            t.contains("{{num 积极向上争取项目资金.增速比例 decimals=2}}%"),
            "{t}"
        );
    }

    #[test]
    fn a_derived_figure_written_with_a_trailing_zero_leaves_the_data() {
        let (t, l) = lift("到位资金1250万元，占年度计划2500万元的50.0%。");
        assert!(
            t.ends_with(
                "万元的{{percent 积极向上争取项目资金.到位资金 积极向上争取项目资金.年度计划}}%。"
            ),
            "{t}"
        );
        let keys: Vec<&str> = l.groups[0].figures.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["到位资金", "年度计划"]);
        assert_eq!((l.lifted, l.derived), (2, 1));
    }

    #[test]
    fn names_and_codes_keep_their_digits() {
        let (t, l) = lift("“1133”战略，R2项目，5G基站。");
        assert_eq!(t, "“1133”战略，R2项目，5G基站。");
        assert_eq!(l.lifted, 0);
    }
}
