//! The front matter: YAML → [`Meta`], every key known, each value checked
//! against the clause it fills (GB/T 9704-2012 7.2–7.4, 10).

use std::path::Path;

use serde::Deserialize;

use crate::data::key_text;
use crate::error::{Error, Result};
use crate::helpers::parse_date;
use crate::model::{
    placeholders_in, Attendance, Closing, Form, Format, Head, Meta, Sealing, ATTENDANCE_LABELS,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    index: serde_yaml::Mapping,
    issuer: OneOrMany,
    date: String,
    #[serde(default)]
    attachments: Vec<String>,
    #[serde(default)]
    keywords: Option<Vec<String>>,
    #[serde(default)]
    form: Option<FormKey>,
    #[serde(default)]
    format: FormatKey,
    #[serde(default)]
    copy: Option<Scalar>,
    #[serde(default)]
    secrecy: Option<String>,
    #[serde(default)]
    urgency: Option<String>,
    #[serde(default)]
    organ: Option<OneOrMany>,
    #[serde(default)]
    organ_suffix: Option<String>,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    signers: Option<OneOrMany>,
    #[serde(default)]
    addressees: Option<OneOrMany>,
    #[serde(default)]
    sealing: SealingKey,
    #[serde(default)]
    signer: Option<OneOrMany>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    cc: Option<OneOrMany>,
    #[serde(default)]
    printer: Option<String>,
    #[serde(default)]
    printed: Option<String>,
    #[serde(default)]
    duplex: bool,
    #[serde(default)]
    attendance: serde_yaml::Mapping,
}

/// Every front-matter key, for the README and for messages.
pub const KEYS: &[&str] = &[
    "title",
    "name",
    "index",
    "issuer",
    "date",
    "attachments",
    "keywords",
    "form",
    "format",
    "copy",
    "secrecy",
    "urgency",
    "organ",
    "organ_suffix",
    "number",
    "signers",
    "addressees",
    "sealing",
    "signer",
    "note",
    "cc",
    "printer",
    "printed",
    "duplex",
    "attendance",
];

/// One name or a list of names (`organ: 甲局` or `organ: [甲局, 乙局]`).
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A copy number may be written as a YAML number or a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(u64),
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum FormKey {
    Printed,
    Disclosure,
}

#[derive(Deserialize, Clone, Copy, Default)]
#[serde(rename_all = "lowercase")]
enum FormatKey {
    #[default]
    Document,
    Letter,
    Order,
    Minutes,
}

#[derive(Deserialize, Clone, Copy, Default)]
#[serde(rename_all = "lowercase")]
enum SealingKey {
    #[default]
    Unsealed,
    Sealed,
    Stamp,
}

/// Parses the front matter; `front` starts on line 2 of the rendered markup.
pub(crate) fn parse_meta(front: &str, origin: &Path) -> Result<Meta> {
    let fm: FrontMatter = serde_yaml::from_str(front).map_err(|e| {
        let err = Error::new(format!("front matter: {e}"));
        let err = match e.location() {
            Some(l) => err.at(origin, l.line() + 1, Some(l.column())),
            None => err.in_file(origin),
        };
        if e.to_string().contains("unknown field") {
            err.hint("the keys are listed in the README's element table")
        } else {
            err
        }
    })?;
    let at = |key: &str, msg: String| Error::new(msg).at(origin, key_line(front, key), None);
    let date = parse_date(&fm.date).ok_or_else(|| {
        at(
            "date",
            format!(
                "front matter: `date` must be YYYY-MM-DD, not \"{}\"",
                fm.date
            ),
        )
    })?;
    let printed = match &fm.printed {
        None => None,
        // A 印发日期 not known yet shows as the value to fill in.
        Some(s) if is_placeholder(s) => Some(s.clone()),
        Some(s) => Some(
            parse_date(s)
                .ok_or_else(|| {
                    at(
                        "printed",
                        format!(
                            "front matter: `printed` (印发日期) must be YYYY-MM-DD, not \"{s}\""
                        ),
                    )
                })?
                .chinese(),
        ),
    };
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
    let format = match fm.format {
        FormatKey::Document => Format::Document,
        FormatKey::Letter => Format::Letter,
        FormatKey::Order => Format::Order,
        FormatKey::Minutes => Format::Minutes,
    };
    let form = match fm.form {
        Some(FormKey::Printed) => Form::Printed,
        Some(FormKey::Disclosure) => Form::Disclosure,
        // The disclosure copy is the one with an index block.
        None if index.is_empty() => Form::Printed,
        None => Form::Disclosure,
    };
    let copy = match fm.copy {
        None => None,
        Some(c) => Some(copy_number(c).map_err(|m| at("copy", m))?),
    };
    if let Some(u) = &fm.urgency {
        if !is_placeholder(u) && !["特急", "加急"].contains(&u.trim()) {
            return Err(at(
                "urgency",
                format!("front matter: `urgency` (紧急程度) is 特急 or 加急, not \"{u}\""),
            )
            .hint("GB/T 9704 7.2.3: 紧急公文 are marked 特急 or 加急"));
        }
    }
    if let Some(s) = &fm.secrecy {
        if !is_placeholder(s) && !["绝密", "机密", "秘密"].iter().any(|l| s.starts_with(l)) {
            return Err(at(
                "secrecy",
                format!(
                    "front matter: `secrecy` (密级) starts with 绝密, 机密 or 秘密, not \"{s}\""
                ),
            )
            .hint("GB/T 9704 7.2.2: e.g. 秘密★1年"));
        }
    }
    if let Some(n) = &fm.number {
        if format != Format::Order {
            check_document_number(n).map_err(|(m, h)| at("number", m).hint(h))?;
        }
    }
    let sealing = match fm.sealing {
        SealingKey::Unsealed => Sealing::Unsealed,
        SealingKey::Sealed => Sealing::Sealed,
        SealingKey::Stamp => Sealing::Stamp,
    };
    // A joint issue with signature stamps lists one signer per issuer (7.3.5.3).
    let signer = fm
        .signer
        .map(|s| s.into_vec().join("\n"))
        .filter(|s| !s.trim().is_empty());
    if sealing == Sealing::Stamp && signer.is_none() {
        return Err(at(
            "sealing",
            "front matter: `sealing: stamp` needs `signer:`, the signer's title and name".into(),
        )
        .hint("GB/T 9704 7.3.5.3: e.g. signer: 局长 张三"));
    }
    let attendance = attendance(&fm.attendance).map_err(|m| at("attendance", m))?;
    let mut issuers = fm.issuer.into_vec().into_iter();
    let issuer = issuers.next().unwrap_or_default();
    let list = |v: Option<OneOrMany>| v.map(OneOrMany::into_vec).unwrap_or_default();
    let note = fm.note.map(|n| {
        // Written with or without its parentheses; the writers add them (7.3.6).
        let n = n.trim();
        n.strip_prefix('（')
            .and_then(|n| n.strip_suffix('）'))
            .unwrap_or(n)
            .to_string()
    });
    let closing = Closing {
        cc: list(fm.cc),
        printer: fm.printer,
        printed,
    };
    let lines = closing_lines(&closing);
    if lines > LINES_PER_PAGE {
        return Err(at(
            if closing.cc.is_empty() { "printer" } else { "cc" },
            format!(
                "front matter: the closing block (版记) would take {lines} lines, more than the {LINES_PER_PAGE} of a page"
            ),
        )
        .hint("GB/T 9704 7.4: the 版记 stands at the foot of the last page; shorten `cc` (抄送), e.g. name a group of organs once"));
    }
    Ok(Meta {
        title: fm.title,
        name: fm.name.filter(|n| !n.trim().is_empty()),
        index,
        issuer,
        date,
        attachments: fm.attachments,
        keywords,
        form,
        format,
        head: Head {
            copy,
            secrecy: fm.secrecy,
            urgency: fm.urgency,
            organs: list(fm.organ),
            suffix: fm.organ_suffix.filter(|s| !s.trim().is_empty()),
            number: fm.number,
            signers: list(fm.signers),
        },
        addressees: list(fm.addressees),
        co_issuers: issuers.collect(),
        sealing,
        signer,
        note,
        closing,
        duplex: fm.duplex,
        attendance,
    })
}

/// Lines of a page (GB/T 9704 5.2.3).
const LINES_PER_PAGE: usize = 22;

/// How many lines the 版记 takes at least, counted as the layout sets it
/// (7.4.2, 7.4.3): 4号 (14 pt) on the 156 mm block less one character each
/// side; "抄送：" then the organs joined by "，" and a closing "。", wrapped
/// lines aligned after the colon; then the 印发 line. Latin and digits count
/// half. The layout checks the exact count; this one answers at the key's line.
fn closing_lines(closing: &Closing) -> usize {
    const FIRST: f32 = 29.0; // (442.2 pt − 2 × 14 pt) / 14 pt, whole characters
    const REST: f32 = 26.0; // after the three characters of "抄送："
    let printing = usize::from(closing.printer.is_some() || closing.printed.is_some());
    if closing.cc.is_empty() {
        return printing;
    }
    let text = format!("抄送：{}。", closing.cc.join("，"));
    let width: f32 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum();
    let more = ((width - FIRST).max(0.0) / REST).ceil() as usize;
    1 + more + printing
}

/// The line of a top-level key in the rendered markup (the front matter starts on line 2).
pub(crate) fn key_line(front: &str, key: &str) -> usize {
    front
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 2)
}

fn is_placeholder(s: &str) -> bool {
    placeholders_in(s).next().is_some()
}

/// 份号 (7.2.1): six Arabic digits; a shorter number is padded with zeros.
fn copy_number(c: Scalar) -> std::result::Result<String, String> {
    let s = match c {
        Scalar::Text(s) => s.trim().to_string(),
        Scalar::Number(n) => n.to_string(),
    };
    if is_placeholder(&s) {
        return Ok(s);
    }
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "front matter: `copy` (份号) is up to six Arabic digits, not \"{s}\" (GB/T 9704 7.2.1)"
        ));
    }
    Ok(format!("{s:0>6}"))
}

/// 发文字号 (7.2.5): 机关代字 + 〔年份〕 + 序号 + 号; the year in full inside
/// 〔〕 (U+3014/U+3015), the serial without 第 and without leading zeros.
fn check_document_number(n: &str) -> std::result::Result<(), (String, String)> {
    if is_placeholder(n) {
        return Ok(());
    }
    let hint = "GB/T 9704 7.2.5: e.g. 楚科发〔2021〕3号 — the year in 〔〕, the serial without 第 or leading zeros".to_string();
    let bad = |why: &str| {
        (
            format!("front matter: 发文字号 \"{n}\" {why}"),
            hint.clone(),
        )
    };
    let Some((code, rest)) = n.split_once('〔') else {
        return Err(bad("has no year in 〔〕 (U+3014)"));
    };
    let Some((year, serial)) = rest.split_once('〕') else {
        return Err(bad("does not close its year with 〕 (U+3015)"));
    };
    if code.trim().is_empty() {
        return Err(bad("has no 机关代字 before the year"));
    }
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("does not give the full year in Arabic digits"));
    }
    let Some(serial) = serial.strip_suffix('号') else {
        return Err(bad("does not end with 号"));
    };
    if serial.starts_with('第') {
        return Err(bad("numbers its serial with 第"));
    }
    if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("has a serial that is not Arabic digits"));
    }
    if serial.starts_with('0') {
        return Err(bad("pads its serial with zeros"));
    }
    Ok(())
}

/// A 纪要's attendance lists (10.3), in the order 出席, 请假, 列席.
fn attendance(map: &serde_yaml::Mapping) -> std::result::Result<Vec<Attendance>, String> {
    let mut out = Vec::new();
    for (k, _) in map {
        let k = key_text(k);
        if !ATTENDANCE_LABELS.contains(&k.as_str()) {
            return Err(format!(
                "front matter: `attendance` has an unknown list \"{k}\"; the lists are {}",
                ATTENDANCE_LABELS.join(", ")
            ));
        }
    }
    for label in ATTENDANCE_LABELS {
        let Some(v) = map.get(label) else { continue };
        let names = match v {
            serde_yaml::Value::Sequence(s) => s.iter().map(key_text).collect(),
            serde_yaml::Value::Null => Vec::new(),
            v => vec![key_text(v)],
        };
        out.push(Attendance {
            label: label.to_string(),
            names,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_follow_7_2_5() {
        assert!(check_document_number("楚科发〔2021〕3号").is_ok());
        assert!(check_document_number("楚科发〔2021〕【待填:serial】号").is_ok());
        for (bad, why) in [
            ("楚科发[2021]3号", "〔〕"),
            ("楚科发(2021)3号", "〔〕"),
            ("楚科发〔2021〕03号", "zeros"),
            ("楚科发〔2021〕第3号", "第"),
            ("楚科发〔21〕3号", "full year"),
            ("楚科发〔2021〕3", "号"),
            ("〔2021〕3号", "代字"),
        ] {
            let err = check_document_number(bad).expect_err(bad);
            assert!(err.0.contains(why), "{bad}: {}", err.0);
        }
    }

    #[test]
    fn copy_numbers_are_six_digits() {
        assert_eq!(copy_number(Scalar::Number(1)).unwrap(), "000001");
        assert_eq!(
            copy_number(Scalar::Text("000123".into())).unwrap(),
            "000123"
        );
        assert!(copy_number(Scalar::Text("1234567".into())).is_err());
        assert!(copy_number(Scalar::Text("第1份".into())).is_err());
    }

    fn meta(front: &str) -> Result<Meta> {
        parse_meta(front, Path::new("t.md"))
    }

    #[test]
    fn joint_issuers_and_attendance_in_the_standard_order() {
        let m = meta(
            "title: 纪要\nissuer: [甲局, 乙局]\ndate: 2021-01-10\nattendance: {列席: [丙], 出席: [甲, 乙]}\n",
        )
        .unwrap();
        assert_eq!(m.issuer, "甲局");
        assert_eq!(m.co_issuers, ["乙局"]);
        let labels: Vec<&str> = m.attendance.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["出席", "列席"]);
        assert_eq!(m.form, Form::Printed);
    }

    #[test]
    fn a_printing_date_still_to_fill_in_is_shown_as_such() {
        let m = meta("title: t\nissuer: x\ndate: 2021-01-10\nprinted: 【待填:printed】\n").unwrap();
        assert_eq!(m.closing.printed.as_deref(), Some("【待填:printed】"));
        let m = meta("title: t\nissuer: x\ndate: 2021-01-10\nprinted: 2021-01-02\n").unwrap();
        assert_eq!(m.closing.printed.as_deref(), Some("2021年1月2日"));
        assert!(meta("title: t\nissuer: x\ndate: 2021-01-10\nprinted: 明天\n").is_err());
    }

    #[test]
    fn a_closing_block_taller_than_a_page_is_refused_at_its_key() {
        let names: Vec<String> = (0..60)
            .map(|i| format!("云南省某某厅局办公室第{i}处"))
            .collect();
        let front = format!(
            "title: t\nissuer: x\ndate: 2021-01-10\ncc: [{}]\nprinter: 办公室\n",
            names.join(", ")
        );
        let shown = meta(&front).unwrap_err().to_string();
        assert!(
            shown.contains("版记") && shown.contains("t.md:5"),
            "{shown}"
        );
        let front = format!(
            "title: t\nissuer: x\ndate: 2021-01-10\ncc: [{}]\n",
            names[..10].join(", ")
        );
        assert!(meta(&front).is_ok());
    }

    #[test]
    fn the_key_list_is_every_key_the_front_matter_takes() {
        // serde lists the fields it knows when it meets an unknown one.
        let shown = meta("title: t\nissuer: x\ndate: 2021-01-10\nzzz: 1\n")
            .unwrap_err()
            .to_string();
        let known: Vec<&str> = shown
            .split("expected one of ")
            .nth(1)
            .expect(&shown)
            .split(',')
            .map(|k| k.trim().trim_matches(|c: char| c == '`' || !c.is_ascii()))
            .map(|k| k.split('`').next().unwrap_or(k))
            .filter(|k| !k.is_empty())
            .collect();
        assert_eq!(known, KEYS, "{shown}");
    }

    #[test]
    fn bad_values_name_their_line() {
        let e = meta("title: t\nissuer: x\ndate: 2021-01-10\nnumber: 楚科发〔2021〕007号\n")
            .unwrap_err();
        let shown = format!("{e}");
        assert!(
            shown.contains("zeros") && shown.contains("t.md:5"),
            "{shown}"
        );
        let e = meta("title: t\nissuer: x\ndate: 2021-01-10\nsubtitle: y\n").unwrap_err();
        let shown = format!("{e}");
        assert!(
            shown.contains("subtitle") && shown.contains("addressees"),
            "{shown}"
        );
    }
}
