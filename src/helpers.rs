//! Template helpers: every derived figure in a report is computed here from
//! raw figures in the data, never typed into a template.
//!
//! A helper given a placeholder (a value the data leaves null) renders that
//! placeholder, so a derived figure shows which raw figure is missing.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonValue, Output, RenderContext,
    RenderError, RenderErrorReason, Renderable, ScopedJson,
};

use crate::model::PLACEHOLDER_OPEN;

/// Every helper's name, in the order the README lists them (for did-you-mean).
pub const NAMES: &[&str] = &[
    "cn",
    "percent",
    "pp",
    "growth",
    "wan",
    "yi",
    "num",
    "thousands",
    "fraction",
    "date",
    "date_padded",
    "admin",
    "add",
    "sub",
    "yaml",
];

/// Registers every helper on a registry.
pub fn register(hb: &mut Handlebars<'_>) {
    hb.register_helper("cn", Box::new(Text(cn)));
    hb.register_helper("percent", Box::new(Text(percent)));
    hb.register_helper("pp", Box::new(Text(pp)));
    hb.register_helper("growth", Box::new(Text(growth)));
    hb.register_helper("add", Box::new(Arith(|a, b| a + b)));
    hb.register_helper("sub", Box::new(Arith(|a, b| a - b)));
    hb.register_helper("wan", Box::new(Text(wan)));
    hb.register_helper("yi", Box::new(Text(yi)));
    hb.register_helper("num", Box::new(Text(num)));
    hb.register_helper("thousands", Box::new(Text(thousands_helper)));
    hb.register_helper("fraction", Box::new(Text(fraction)));
    hb.register_helper("date", Box::new(Text(date)));
    hb.register_helper("date_padded", Box::new(Text(date_padded)));
    hb.register_helper("admin", Box::new(Text(admin)));
    hb.register_helper("yaml", Box::new(YamlString));
}

type Rendered = Result<String, RenderError>;

/// No figure in a report reaches 10^15 (a quadrillion yuan); beyond it `f64`
/// prints digits that mean nothing, and a typo such as `1e308` is caught.
const MAX_FIGURE: f64 = 1e15;

/// A helper that computes its text from its arguments alone.
struct Text(fn(&Helper<'_>) -> Rendered);

impl HelperDef for Text {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let text = (self.0)(h)?;
        out.write(&text)?;
        Ok(())
    }
}

fn fail(h: &Helper<'_>, msg: impl std::fmt::Display) -> RenderError {
    RenderErrorReason::Other(format!("helper `{}`: {msg}", h.name())).into()
}

/// One number in, text out; a placeholder passes through.
fn unary(h: &Helper<'_>, f: impl Fn(f64) -> Rendered) -> Rendered {
    match number_arg(h, 0, 1)? {
        Arg::Missing(p) => Ok(p),
        Arg::Number(x) => f(x),
    }
}

/// Two numbers in, text out; a placeholder passes through.
fn binary(h: &Helper<'_>, f: impl Fn(f64, f64) -> Rendered) -> Rendered {
    let a = number_arg(h, 0, 2)?;
    let b = number_arg(h, 1, 2)?;
    match (a, b) {
        (Arg::Missing(p), _) | (_, Arg::Missing(p)) => Ok(p),
        (Arg::Number(a), Arg::Number(b)) => f(a, b),
    }
}

/// Two numbers combined and rounded to `decimals` (the default given).
fn rounded(h: &Helper<'_>, default: i32, f: fn(f64, f64) -> f64) -> Rendered {
    let d = decimals(h, default)?;
    binary(h, |a, b| {
        let v = f(a, b);
        if v.abs() >= MAX_FIGURE {
            return Err(fail(
                h,
                format!("{a} and {b} give {v:e}, beyond any figure a report states"),
            ));
        }
        if !v.is_finite() {
            return Err(fail(
                h,
                format!("{a} and {b} give no finite result (division by zero?)"),
            ));
        }
        Ok(fixed(v, d.max(0) as usize))
    })
}

/// `{{percent part whole}}`: 2780, 2947 → 94.3.
fn percent(h: &Helper<'_>) -> Rendered {
    rounded(h, 1, |a, b| a / b * 100.0)
}

/// `{{pp a b}}`: a difference in percentage points, 0.87, 0.58 → 0.29.
fn pp(h: &Helper<'_>) -> Rendered {
    rounded(h, 2, |a, b| a - b)
}

/// `{{growth new old}}`: a growth rate in percent, signed when negative.
fn growth(h: &Helper<'_>) -> Rendered {
    rounded(h, 1, |new, old| (new - old) / old * 100.0)
}

/// A figure divided by a unit, with `decimals` or trimmed to two.
fn scaled(h: &Helper<'_>, unit: f64) -> Rendered {
    let d = decimals(h, -1)?;
    unary(h, |x| {
        let v = x / unit;
        Ok(if d < 0 {
            trimmed(v, 2)
        } else {
            fixed(v, d as usize)
        })
    })
}

/// `{{wan yuan}}`: 元 → 万元.
fn wan(h: &Helper<'_>) -> Rendered {
    scaled(h, 1e4)
}

/// `{{yi yuan}}`: 元 → 亿元.
fn yi(h: &Helper<'_>) -> Rendered {
    scaled(h, 1e8)
}

/// `{{num x decimals=2}}`: a figure with fixed decimals.
fn num(h: &Helper<'_>) -> Rendered {
    scaled(h, 1.0)
}

/// `{{cn 21}}` → 二十一.
fn cn(h: &Helper<'_>) -> Rendered {
    unary(h, |x| {
        integer(x).map(chinese_numeral).map_err(|e| fail(h, e))
    })
}

/// `{{thousands 12307}}` → 12,307.
fn thousands_helper(h: &Helper<'_>) -> Rendered {
    unary(h, |x| Ok(thousands(x)))
}

/// `{{fraction 0.48 0.95}}` → 二分之一.
fn fraction(h: &Helper<'_>) -> Rendered {
    binary(h, |a, b| {
        fraction_word(a / b)
            .ok_or_else(|| fail(h, format!("{a}/{b} is not a fraction between 0 and 1")))
    })
}

/// `{{date "2021-01-10"}}` → 2021年1月10日 [GB/T 9704 7.3.5.1: no zero padding].
fn date(h: &Helper<'_>) -> Rendered {
    date_text(h, false)
}

/// `{{date_padded "2021-04-14"}}` → 2021年04月14日, as disclosure pages write dates.
fn date_padded(h: &Helper<'_>) -> Rendered {
    date_text(h, true)
}

fn date_text(h: &Helper<'_>, padded: bool) -> Rendered {
    let wrong = |what: String| fail(h, format!("needs a date written YYYY-MM-DD, not {what}"));
    match arg(h, 0, 1)? {
        JsonValue::String(s) if s.starts_with(PLACEHOLDER_OPEN) => Ok(s.clone()),
        JsonValue::String(s) => {
            let d = parse_date(s).ok_or_else(|| wrong(format!("\"{s}\"")))?;
            Ok(if padded {
                format!("{}年{:02}月{:02}日", d.year, d.month, d.day)
            } else {
                d.chinese()
            })
        }
        other => Err(wrong(describe(other))),
    }
}

/// `全{{admin region}}`: the admin-level word of a region, 州, 县, 市 …, from its
/// `level`, or from the last character of its name.
fn admin(h: &Helper<'_>) -> Rendered {
    let v = arg(h, 0, 1)?;
    let word = match v {
        JsonValue::Object(m) => match m.get("level") {
            Some(JsonValue::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => m
                .get("name")
                .and_then(|n| n.as_str())
                .and_then(level_of_name),
        },
        JsonValue::String(s) => level_of_name(s),
        _ => None,
    };
    word.ok_or_else(|| {
        fail(
            h,
            format!(
                "needs a region name ending in an admin word (省, 州, 市, 县, 区, 旗) or a map with `level`, not {}",
                describe(v)
            ),
        )
    })
}

/// A numeric argument: a number, or a placeholder standing for a missing one.
enum Arg {
    Number(f64),
    Missing(String),
}

fn arg<'a>(h: &'a Helper<'_>, i: usize, count: usize) -> Result<&'a JsonValue, RenderError> {
    let name = h.name();
    let p = h.param(i).ok_or_else(|| {
        RenderErrorReason::Other(format!(
            "helper `{name}` takes {count} argument{}, got {}",
            if count == 1 { "" } else { "s" },
            h.params().len()
        ))
    })?;
    if p.is_value_missing() {
        let path = p.relative_path().map(String::as_str).unwrap_or("?");
        return Err(RenderErrorReason::MissingVariable(Some(path.to_string())).into());
    }
    Ok(p.value())
}

/// "`results.funds` is " when argument `i` is a data path, else nothing.
fn named_param(h: &Helper<'_>, i: usize) -> String {
    h.param(i)
        .and_then(|p| p.relative_path())
        .map(|p| format!("`{p}` is "))
        .unwrap_or_default()
}

fn number_arg(h: &Helper<'_>, i: usize, count: usize) -> Result<Arg, RenderError> {
    let v = arg(h, i, count)?;
    match v {
        JsonValue::Number(n) => match n.as_f64() {
            Some(x) if x.abs() < MAX_FIGURE => Ok(Arg::Number(x)),
            _ => {
                let what = named_param(h, i);
                Err(RenderErrorReason::Other(format!(
                    "helper `{}`: {what}{n}, beyond any figure a report states (under 10^15)",
                    h.name()
                ))
                .into())
            }
        },
        JsonValue::String(s) if s.starts_with(PLACEHOLDER_OPEN) => Ok(Arg::Missing(s.clone())),
        other => {
            let what = named_param(h, i);
            Err(RenderErrorReason::Other(format!(
                "helper `{}` needs a number as argument {}, but {what}{}",
                h.name(),
                i + 1,
                describe(other)
            ))
            .into())
        }
    }
}

fn describe(v: &JsonValue) -> String {
    match v {
        JsonValue::String(s) => format!("text \"{s}\""),
        JsonValue::Bool(b) => format!("the boolean {b}"),
        JsonValue::Array(_) => "a list".into(),
        JsonValue::Object(_) => "a map".into(),
        JsonValue::Null => "null".into(),
        JsonValue::Number(n) => n.to_string(),
    }
}

/// `decimals=N` from the hash, else the helper's default.
fn decimals(h: &Helper<'_>, default: i32) -> Result<i32, RenderError> {
    match h.hash_get("decimals").map(|p| p.value()) {
        None => Ok(default),
        Some(JsonValue::Number(n)) if n.as_u64().is_some_and(|d| d <= 10) => {
            Ok(n.as_u64().unwrap_or(0) as i32)
        }
        Some(other) => Err(RenderErrorReason::Other(format!(
            "helper `{}`: decimals must be a whole number from 0 to 10, not {}",
            h.name(),
            describe(other)
        ))
        .into()),
    }
}

/// `add`/`sub`: yields a number, so it can feed another helper: `(cn (add @index 1))`.
struct Arith(fn(f64, f64) -> f64);

impl HelperDef for Arith {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let a = number_arg(h, 0, 2)?;
        let b = number_arg(h, 1, 2)?;
        let v = match (a, b) {
            (Arg::Missing(p), _) | (_, Arg::Missing(p)) => JsonValue::String(p),
            (Arg::Number(a), Arg::Number(b)) => {
                let v = (self.0)(a, b);
                if v.fract() == 0.0 && v.abs() < 9e15 {
                    JsonValue::from(v as i64)
                } else {
                    serde_json::Number::from_f64(v)
                        .map(JsonValue::Number)
                        .unwrap_or(JsonValue::Null)
                }
            }
        };
        Ok(ScopedJson::Derived(v))
    }
}

fn level_of_name(name: &str) -> Option<String> {
    let last = name.chars().last()?;
    "省州市县区旗盟".contains(last).then(|| last.to_string())
}

/// Writes a string as a quoted YAML scalar, so front matter survives any text:
/// `{{yaml org}}`, or as a block, `{{#yaml}}{{org}}{{year}}年…{{/yaml}}`.
struct YamlString;

impl HelperDef for YamlString {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let s = match h.template() {
            // The values inside were marked as text; the quoting below makes them so.
            Some(t) => crate::escape::unmark(&t.renders(r, ctx, rc)?),
            None => match arg(h, 0, 1)? {
                JsonValue::String(s) => s.clone(),
                JsonValue::Null => String::new(),
                JsonValue::Number(n) => n.to_string(),
                JsonValue::Bool(b) => b.to_string(),
                other => {
                    let what = h
                        .param(0)
                        .and_then(|p| p.relative_path())
                        .map(|p| format!("`{p}` is "))
                        .unwrap_or_default();
                    return Err(fail(
                        h,
                        format!("needs text, but {what}{}", describe(other)),
                    ));
                }
            },
        };
        if s.contains(crate::escape::OBJECT_TEXT) {
            return Err(fail(
                h,
                "a map is printed as text inside this block (it would read `[object]`)",
            ));
        }
        let quoted =
            serde_json::to_string(&s).map_err(|e| RenderErrorReason::Other(e.to_string()))?;
        out.write(&quoted)?;
        Ok(())
    }
}

/// Rounds half away from zero; the nudge keeps 0.285 from becoming 0.28 by binary error.
fn round_to(x: f64, d: usize) -> f64 {
    let f = 10f64.powi(d as i32);
    let scaled = x * f;
    (scaled + scaled.signum() * 1e-9 * scaled.abs().max(1.0)).round() / f
}

/// Exactly `d` decimals: 94.3, 0.29.
pub fn fixed(x: f64, d: usize) -> String {
    let r = round_to(x, d);
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r:.d$}")
}

/// At most `d` decimals, trailing zeros dropped: 634.26, 3000.
pub fn trimmed(x: f64, d: usize) -> String {
    let s = fixed(x, d);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// 12307 → "12,307"; decimals kept as given.
pub fn thousands(x: f64) -> String {
    let s = trimmed(x, 4);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

fn integer(x: f64) -> Result<u64, String> {
    if x.fract() != 0.0 || !(0.0..1e12).contains(&x) {
        return Err(format!("{x} is not a whole number from 0 to 999999999999"));
    }
    Ok(x as u64)
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 10010 → 一万零一十.
pub fn chinese_numeral(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    const GROUPS: [&str; 3] = ["", "万", "亿"];
    let mut groups = Vec::new();
    let mut m = n;
    while m > 0 {
        groups.push(m % 10000);
        m /= 10000;
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for (gi, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (pending_zero || g < 1000) {
            out.push('零');
        }
        pending_zero = false;
        out.push_str(&group_numeral(g));
        out.push_str(GROUPS[gi]);
    }
    // 一十 at the very start is said 十 (十一, 十万).
    if out.starts_with("一十") {
        out.remove(0);
    }
    out
}

fn group_numeral(g: u64) -> String {
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
    let mut s = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        s.push(DIGITS[d as usize]);
        s.push_str(UNITS[i]);
    }
    s
}

/// The nearest simple fraction in words: 0.505 → 二分之一, 0.26 → 四分之一.
pub fn fraction_word(x: f64) -> Option<String> {
    if !(x > 0.0 && x < 1.0) {
        return None;
    }
    let mut best = (f64::MAX, 1, 2);
    for den in 2..=10u64 {
        for num in 1..den {
            let err = (x - num as f64 / den as f64).abs();
            if err < best.0 - 1e-12 {
                best = (err, num, den);
            }
        }
    }
    let (_, num, den) = best;
    Some(format!(
        "{}分之{}",
        chinese_numeral(den),
        chinese_numeral(num)
    ))
}

/// YYYY-MM-DD → a date, checking month and day.
pub fn parse_date(s: &str) -> Option<crate::model::Date> {
    let mut it = s.trim().splitn(3, '-');
    let year: i32 = it.next()?.parse().ok()?;
    let month: u32 = it.next()?.parse().ok()?;
    let day: u32 = it.next()?.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then_some(crate::model::Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1005, "一千零五"),
            (10000, "一万"),
            (10010, "一万零一十"),
            (100000, "十万"),
            (1200000, "一百二十万"),
        ];
        for (n, want) in cases {
            assert_eq!(chinese_numeral(n), want, "{n}");
        }
    }

    #[test]
    fn reference_figures_round_as_printed() {
        assert_eq!(fixed(2780.0 / 2947.0 * 100.0, 1), "94.3");
        assert_eq!(fixed(54.3 / 50.0 * 100.0, 1), "108.6");
        assert_eq!(fixed(0.87 - 0.58, 2), "0.29");
        assert_eq!(fixed(2509.0 / 92992.0 * 100.0, 1), "2.7");
        assert_eq!(fraction_word(0.48 / 0.95).as_deref(), Some("二分之一"));
        assert_eq!(thousands(12307.0), "12,307");
        assert_eq!(trimmed(634.26, 2), "634.26");
        assert_eq!(trimmed(3000.0, 2), "3000");
    }

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2021-02-29").is_none());
        assert_eq!(
            parse_date("2021-01-10").map(|d| d.chinese()).as_deref(),
            Some("2021年1月10日")
        );
    }
}
