//! The parts of a 公文 around its body (GB/T 9704-2012 clause 7 and 10):
//! the head (版头), the addressees, the signature variants, the note, the
//! closing block (版记) and the special formats. Like the title, they are
//! metadata every writer reads; the body stays a list of blocks.

use serde::Serialize;

use super::Block;

/// Which copy of the document a build makes (DESIGN "The whole 公文").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Form {
    /// The printed 公文: head and closing block, no index block.
    Printed,
    /// The information-disclosure copy: the index block under the title, as
    /// the reference shows it; no head, no closing block.
    #[default]
    Disclosure,
}

/// The layout family (GB/T 9704 7 and 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Format {
    /// 文件格式 (7): the 标志 35 mm below the block's top.
    #[default]
    Document,
    /// 信函格式 (10.1): the 标志 30 mm from the paper's top, red double rules.
    Letter,
    /// 命令(令)格式 (10.2): the 标志 20 mm below the block's top, the order number under it.
    Order,
    /// 纪要格式 (10.3): the 纪要标志, the attendance lists after the body.
    Minutes,
}

/// The head (版头, 7.2). Every field is optional; an empty head prints nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Head {
    /// 份号 (7.2.1): the copy number, six digits.
    pub copy: Option<String>,
    /// 密级和保密期限 (7.2.2), e.g. "秘密★1年".
    pub secrecy: Option<String>,
    /// 紧急程度 (7.2.3): "特急" or "加急".
    pub urgency: Option<String>,
    /// 发文机关标志 (7.2.4): one organ, or several for a joint issue, lead first.
    pub organs: Vec<String>,
    /// What follows the organ names in the 标志: "文件", "命令", "纪要"…; for a
    /// joint issue it stands to the right of the stacked names.
    pub suffix: Option<String>,
    /// 发文字号 (7.2.5), e.g. "楚科发〔2021〕3号"; for an order (10.2) the order number.
    pub number: Option<String>,
    /// 签发人 (7.2.6); present in an upward document (上行文).
    pub signers: Vec<String>,
}

impl Head {
    /// Nothing to print above the title.
    pub fn is_empty(&self) -> bool {
        self.copy.is_none()
            && self.secrecy.is_none()
            && self.urgency.is_none()
            && self.organs.is_empty()
            && self.number.is_none()
            && self.signers.is_empty()
    }

    /// An upward document (请示/报告 to a superior) names its 签发人, and its
    /// 发文字号 moves to the left (7.2.5).
    pub fn is_upward(&self) -> bool {
        !self.signers.is_empty()
    }
}

/// How the document is signed (7.3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Sealing {
    /// 7.3.5.2: no seal; the issuer two characters in from the right.
    #[default]
    Unsealed,
    /// 7.3.5.1: room for a seal; the date four characters in from the right,
    /// the issuer centred over it. The seal itself is never drawn.
    Sealed,
    /// 7.3.5.3: the signer's signature stamp; the signer's title, room for the
    /// stamp, the date under it.
    Stamp,
}

/// The closing block (版记, 7.4), at the bottom of the last page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Closing {
    /// 抄送机关 (7.4.2).
    pub cc: Vec<String>,
    /// 印发机关 (7.4.3).
    pub printer: Option<String>,
    /// 印发日期 (7.4.3) as printed, "2021年1月12日" (full year, no padding),
    /// or a value still to fill in.
    pub printed: Option<String>,
}

impl Closing {
    pub fn is_empty(&self) -> bool {
        self.cc.is_empty() && self.printer.is_none() && self.printed.is_none()
    }
}

/// One attendance list of a 纪要 (10.3): "出席：", "请假：" or "列席：" and names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    pub label: String,
    pub names: Vec<String>,
}

/// The labels of a 纪要's attendance lists, in the order they are printed (10.3).
pub const ATTENDANCE_LABELS: [&str; 3] = ["出席", "请假", "列席"];

/// An attachment printed after the document (附件, 7.3.7): each starts a new
/// page with "附件N" and its title on line 3.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attachment {
    /// Its title, as the 附件说明 names it.
    pub title: String,
    /// Its own body: headings numbered afresh, paragraphs, tables, and its own
    /// subtitle, speaker and salutation lines.
    pub blocks: Vec<Block>,
    /// Line in the rendered markup, for messages.
    pub line: usize,
}

/// "附件" with the attachment's number when there are several (7.3.7).
pub fn attachment_label(number: usize, count: usize) -> String {
    if count > 1 {
        format!("附件{number}")
    } else {
        "附件".to_string()
    }
}

/// The words a 公文 prints around its listed names, one set for every
/// writer (PDF, DOCX, text), so the copies read alike.
pub mod wording {
    /// Between listed organs (主送, 抄送): a full-width comma, as 公文 list
    /// organs of different kinds ("各县市人民政府，州直各部门"); 7.3.2 fixes
    /// the colon after the last 主送, 7.4.2 the comma between 抄送 organs.
    pub const ORGAN_SEPARATOR: &str = "\u{FF0C}";

    /// Between the names of a 纪要's attendance list (10.3): 、.
    pub const NAME_SEPARATOR: &str = "\u{3001}";

    /// The 主送 line under the title: the organs and a full-width colon (7.3.2).
    pub fn addressee_line(names: &[String]) -> String {
        format!("{}\u{FF1A}", names.join(ORGAN_SEPARATOR))
    }

    /// A labelled list of the 版记, "抄送：甲，乙。" or a moved "主送：甲。"
    /// (7.4.2): the label with its colon, the organs, a full stop.
    pub fn closing_list(label: &str, names: &[String]) -> String {
        format!("{label}\u{FF1A}{}\u{3002}", names.join(ORGAN_SEPARATOR))
    }

    /// The 印发日期 as printed: "2021年1月12日印发" (7.4.3).
    pub fn printing_date(date: &str) -> String {
        format!("{date}印发")
    }

    /// The 附注 in its parentheses (7.3.6).
    pub fn note(text: &str) -> String {
        format!("\u{FF08}{text}\u{FF09}")
    }

    /// A 纪要 list's names (10.3).
    pub fn attendance_names(names: &[String]) -> String {
        names.join(NAME_SEPARATOR)
    }
}
