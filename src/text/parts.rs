//! The parts of a 公文 around its body, as text: the head (版头, 7.2; 10 for
//! the letter, order and minutes formats), 主送 (7.3.2), the signature
//! variants (7.3.5), the attendance lists (10.3) and the closing block (版记,
//! 7.4). Each returns its paragraphs in reading order, none when absent.

use crate::model::{wording, Attendance, Closing, Format, Head, Meta, Sealing};

/// Ideographic space: what separates names set on one line in the print.
const GAP: &str = "\u{3000}";

/// The head, top to bottom as printed. 文件/纪要格式 (7.2, 10.3): 份号, 密级,
/// 紧急 stacked, then the 标志, then the 发文字号 (with the 签发人 on its line
/// in an upward document). 信函格式 (10.1): the 标志 first, the 份号 lines and
/// the 发文字号 under its rule. 命令格式 (10.2): the 标志, then the order number.
pub fn head(meta: &Meta) -> Vec<String> {
    let head = &meta.head;
    if head.is_empty() {
        return Vec::new();
    }
    let marks = marks(head);
    let organs = organ_lines(head);
    let number = number_line(head);
    let mut out = Vec::new();
    match meta.format {
        Format::Document | Format::Minutes => {
            out.extend(marks);
            out.extend(organs);
            out.extend(number);
        }
        Format::Letter | Format::Order => {
            out.extend(organs);
            out.extend(marks);
            out.extend(number);
        }
    }
    out
}

/// 份号, 密级和保密期限, 紧急程度: one line each, as stacked in the print.
fn marks(head: &Head) -> Option<String> {
    let lines: Vec<&str> = [&head.copy, &head.secrecy, &head.urgency]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The 发文机关标志: "楚雄州科学技术局文件"; a joint issue's organs one a
/// line, lead first, and the suffix that stands to their right on its own.
fn organ_lines(head: &Head) -> Option<String> {
    let suffix = head.suffix.as_deref().unwrap_or("");
    match head.organs.as_slice() {
        [] => None,
        [one] => Some(format!("{one}{suffix}")),
        many => {
            let mut lines: Vec<&str> = many.iter().map(String::as_str).collect();
            if !suffix.is_empty() {
                lines.push(suffix);
            }
            Some(lines.join("\n"))
        }
    }
}

/// The 发文字号, and in an upward document the 签发人 on the same line,
/// right of it (7.2.5, 7.2.6).
fn number_line(head: &Head) -> Option<String> {
    let signers = (!head.signers.is_empty()).then(|| format!("签发人：{}", head.signers.join(GAP)));
    match (&head.number, signers) {
        (None, None) => None,
        (Some(n), None) => Some(n.clone()),
        (None, Some(s)) => Some(s),
        (Some(n), Some(s)) => Some(format!("{n}{GAP}{GAP}{s}")),
    }
}

/// 主送机关 (7.3.2): the organs joined by "，" (each item a group; "、" stays
/// inside an item), ending in a full-width colon, as the PDF and DOCX print it.
pub fn addressees(addressees: &[String]) -> Option<String> {
    (!addressees.is_empty()).then(|| wording::addressee_line(addressees))
}

/// The 纪要's attendance lists (10.3): "出席：甲、乙", then 请假, 列席, one a
/// line with no blank line between, as printed.
pub fn attendance(lists: &[Attendance]) -> Option<String> {
    let lines: Vec<String> = lists
        .iter()
        .filter(|a| !a.names.is_empty())
        .map(|a| format!("{}：{}", a.label, wording::attendance_names(&a.names)))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The signature and the date (7.3.5): each issuer of a joint issue on its
/// own line, lead first; with a signature stamp (7.3.5.3) the signer's title
/// and name stand where the organ would, then the date.
pub fn signature(meta: &Meta) -> Vec<String> {
    let mut out: Vec<String> = match (meta.sealing, &meta.signer) {
        (Sealing::Stamp, Some(signer)) => vec![signer.clone()],
        _ => meta.issuers().cloned().collect(),
    };
    out.push(meta.date.chinese());
    out
}

/// The closing block (7.4): "抄送：甲，乙。" and the printing office with
/// "2021年1月12日印发" on one line; one paragraph, as the block is printed.
pub fn closing(closing: &Closing) -> Option<String> {
    let mut out = Vec::new();
    if !closing.cc.is_empty() {
        out.push(wording::closing_list("抄送", &closing.cc));
    }
    let printed = closing.printed.as_deref().map(wording::printing_date);
    match (&closing.printer, printed) {
        (None, None) => {}
        (Some(p), None) => out.push(p.clone()),
        (None, Some(d)) => out.push(d),
        (Some(p), Some(d)) => out.push(format!("{p}{GAP}{GAP}{d}")),
    }
    (!out.is_empty()).then(|| out.join("\n"))
}
