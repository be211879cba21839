//! The paragraph and character styles: real Word styles, so a clerk can
//! restyle the document and the navigation pane and a TOC see the headings.
//!
//! docx-rs writes most of a style; [`patches`] lists what it cannot (character
//! spacing, `w:lang`, automatic spacing, keep-with-next) for the
//! post-processing step to add.

use super::units::{body_char, body_spacing, half_points, line_pitch};
use super::xml::Element;
use crate::style::{FontRole, Style, LATIN_FAMILY};
use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, StyleType, Styles,
};

pub(crate) const NORMAL: &str = "Normal";
pub(crate) const TITLE: &str = "Title";
pub(crate) const BODY: &str = "BodyText";
pub(crate) const LIST_DASH: &str = "ListDash";
pub(crate) const TABLE_TEXT: &str = "TableText";
pub(crate) const TABLE_HEADER: &str = "TableHeader";
pub(crate) const INDEX_TEXT: &str = "IndexText";
pub(crate) const INDEX_LABEL: &str = "IndexLabel";
pub(crate) const ATTACHMENT: &str = "AttachmentNote";
pub(crate) const SIGNATURE: &str = "Signature";
pub(crate) const DATE: &str = "Date";
pub(crate) const FOOTER: &str = "Footer";

/// Paragraph style of a heading level (1–4).
pub(crate) fn heading(level: u8) -> &'static str {
    ["Heading1", "Heading2", "Heading3", "Heading4"][level.clamp(1, 4) as usize - 1]
}

/// Character style of a heading level run into its paragraph.
pub(crate) fn heading_char(level: u8) -> &'static str {
    [
        "Heading1Char",
        "Heading2Char",
        "Heading3Char",
        "Heading4Char",
    ][level.clamp(1, 4) as usize - 1]
}

/// The font role of a heading level [7.3.3]: 黑体, 楷体, then 仿宋.
fn heading_role(level: u8) -> FontRole {
    match level {
        1 => FontRole::Heading1,
        2 => FontRole::Heading2,
        _ => FontRole::Body,
    }
}

/// East Asian text in the role's official font, Latin and digits in Times New Roman.
pub(crate) fn fonts(role: FontRole) -> RunFonts {
    let latin = if role == FontRole::PageNumber {
        // Page numbers are half-width 宋体 digits [7.5].
        role.docx_family()
    } else {
        LATIN_FAMILY
    };
    RunFonts::new()
        .ascii(latin)
        .hi_ansi(latin)
        .east_asia(role.docx_family())
        .cs(latin)
        // Quotes and dashes are East Asian here: “” and —— in the CJK font, full width.
        .hint("eastAsia")
}

fn p(id: &str, name: &str) -> docx_rs::Style {
    docx_rs::Style::new(id, StyleType::Paragraph).name(name)
}

/// The first-line indent every paragraph has: two characters [7.3.3].
/// `w:firstLineChars` is added with the other character units in post-processing.
fn indented(s: docx_rs::Style, style: &Style) -> docx_rs::Style {
    let first = body_char(style) * style.indent_chars as i32;
    s.indent(None, Some(SpecialIndentType::FirstLine(first)), None, None)
}

pub(crate) fn styles(style: &Style) -> Styles {
    let body = half_points(style.body_size_pt);
    let mut styles = Styles::new()
        .default_fonts(fonts(FontRole::Body))
        .default_size(body)
        // Normal: 3号仿宋, justified, on the grid [5.2.2, 5.2.3].
        .add_style(
            p(NORMAL, "Normal")
                .q_format(true)
                .align(AlignmentType::Both)
                .fonts(fonts(FontRole::Body))
                .size(body),
        )
        // Title: 2号小标宋, centred [7.3.1]. Exactly one grid line per title
        // line, so the larger font never takes two.
        .add_style(
            p(TITLE, "Title")
                .based_on(NORMAL)
                .next(NORMAL)
                .q_format(true)
                .align(AlignmentType::Center)
                .fonts(fonts(FontRole::Title))
                .size(half_points(style.title_size_pt))
                .snap_to_grid(false)
                .line_spacing(exact_line(style)),
        )
        .add_style(indented(
            p(BODY, "Body Text").based_on(NORMAL).q_format(true),
            style,
        ))
        .add_style(indented(p(LIST_DASH, "List Dash").based_on(BODY), style))
        .add_style(
            p(ATTACHMENT, "Attachment Note")
                .based_on(NORMAL)
                .align(AlignmentType::Left),
        )
        // Tables: 3号 like all text the standard does not size otherwise
        // [5.2.2], a grid line a text line; the header row in 黑体, centred
        // (the shared table plan, `layout::table_plan`, which the PDF follows).
        .add_style(
            p(TABLE_TEXT, "Table Text")
                .based_on(NORMAL)
                .size(half_points(style.body_size_pt))
                .align(AlignmentType::Left),
        )
        .add_style(
            p(TABLE_HEADER, "Table Header")
                .based_on(TABLE_TEXT)
                .fonts(fonts(FontRole::Heading1))
                .align(AlignmentType::Center),
        )
        // The disclosure index block: 4号 (see gbt9704.md).
        .add_style(
            p(INDEX_TEXT, "Index Text")
                .based_on(TABLE_TEXT)
                .size(half_points(style.index_size_pt)),
        )
        .add_style(
            p(INDEX_LABEL, "Index Label")
                .based_on(INDEX_TEXT)
                .fonts(fonts(FontRole::Heading1)),
        )
        // Issuer and date sit at the right [7.3.5]; their exact indents are per document.
        .add_style(
            p(SIGNATURE, "Signature")
                .based_on(NORMAL)
                .align(AlignmentType::Right),
        )
        .add_style(p(DATE, "Date").based_on(NORMAL))
        // Page numbers: 4号 宋体 [7.5]; off the grid so the line is exactly one line high.
        .add_style(
            p(FOOTER, "footer")
                .based_on(NORMAL)
                .fonts(fonts(FontRole::PageNumber))
                .size(half_points(style.page_number_size_pt))
                .snap_to_grid(false),
        );
    for level in 1..=4u8 {
        // Heading marks and fonts per level [7.3.3]; outline levels for the
        // navigation pane and a table of contents.
        let mut h = indented(
            p(heading(level), &format!("heading {level}"))
                .based_on(NORMAL)
                .next(BODY)
                .link(heading_char(level))
                .q_format(true)
                .outline_lvl(level as usize - 1)
                .fonts(fonts(heading_role(level))),
            style,
        );
        let mut c = docx_rs::Style::new(heading_char(level), StyleType::Character)
            .name(format!("Heading {level} Char"))
            .link(heading(level))
            .fonts(fonts(heading_role(level)));
        if level == 3 && style.level3_bold {
            h = h.bold();
            c = c.bold();
        }
        styles = styles.add_style(h).add_style(c);
    }
    styles
}

/// Exactly one grid line: the line pitch of 22 lines a page [5.2.3].
fn exact_line(style: &Style) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line_pitch(style) as i32)
}

/// What docx-rs cannot write into a style, for post-processing to add.
pub(crate) struct Patch {
    /// A style id, or `None` for the document defaults.
    pub style_id: Option<&'static str>,
    pub ppr: Vec<Element>,
    pub rpr: Vec<Element>,
}

pub(crate) fn patches(style: &Style) -> Vec<Patch> {
    let val = |name: &str, v: &str| Element::new(name).attr("w:val", v);
    let spacing = |v: i32| val("w:spacing", &v.to_string());
    let mut out = vec![
        // Chinese text: Word picks East Asian line breaking and fonts by it;
        // the line rules both copies follow.
        Patch {
            style_id: None,
            ppr: super::line_rules::paragraph_defaults(),
            rpr: vec![Element::new("w:lang")
                .attr("w:val", "en-US")
                .attr("w:eastAsia", "zh-CN")
                .attr("w:bidi", "ar-SA")],
        },
        // Body: 28 characters a line and 22 lines a page [5.2.3]: no extra
        // space between Han characters and digits, which would break the
        // count, and no widow/orphan control, which would leave pages short.
        Patch {
            style_id: Some(NORMAL),
            ppr: vec![
                val("w:widowControl", "0"),
                val("w:autoSpaceDE", "0"),
                val("w:autoSpaceDN", "0"),
            ],
            rpr: vec![spacing(body_spacing(style))],
        },
        // Text that is not body text keeps its natural spacing.
        Patch {
            style_id: Some(TITLE),
            ppr: vec![],
            rpr: vec![spacing(0)],
        },
        Patch {
            style_id: Some(TABLE_TEXT),
            ppr: vec![],
            rpr: vec![spacing(0)],
        },
        Patch {
            style_id: Some(FOOTER),
            ppr: vec![],
            rpr: vec![spacing(0)],
        },
        // The issuer stays with the date below it: never a signature on one
        // page and its date alone on the next [7.3.5.5].
        Patch {
            style_id: Some(SIGNATURE),
            ppr: vec![Element::new("w:keepNext")],
            rpr: vec![],
        },
        // The title stays with what follows it.
        Patch {
            style_id: Some(TITLE),
            ppr: vec![Element::new("w:keepNext")],
            rpr: vec![],
        },
    ];
    for level in 1..=4u8 {
        // A heading never ends a page.
        out.push(Patch {
            style_id: Some(heading(level)),
            ppr: vec![Element::new("w:keepNext")],
            rpr: vec![],
        });
    }
    out
}
