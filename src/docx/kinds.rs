//! The paragraphs a 公文 sets apart from the body text (`{.noindent}`,
//! `{.center}`, `{.right}`, `{.subtitle}`, `{.speaker}`, `{.salutation}`):
//! the body's paragraph style or Normal, with the alignment and fonts of
//! the kind as direct formatting, so a document without them is unchanged.

use super::styles as st;
use crate::model::ParagraphKind;
use crate::style::FontRole;
use docx_rs::{AlignmentType, Paragraph as P, ParagraphChild};

/// The paragraph style a kind starts from: the body's (two characters'
/// first-line indent, 7.3.3) or Normal (no indent, 3号仿宋 [5.2.2]).
pub(crate) fn style_of(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Body => st::BODY,
        _ => st::NORMAL,
    }
}

/// The alignment and fonts of a kind, on a paragraph whose runs are built.
pub(crate) fn finish(mut p: P, kind: ParagraphKind) -> P {
    let align = match kind {
        ParagraphKind::Body => return p,
        // Flush left, wrapped lines justified like the body's.
        ParagraphKind::NoIndent | ParagraphKind::Salutation => AlignmentType::Both,
        ParagraphKind::Center | ParagraphKind::Subtitle | ParagraphKind::Speaker => {
            AlignmentType::Center
        }
        ParagraphKind::Right => AlignmentType::Right,
    };
    p = p.align(align);
    if matches!(kind, ParagraphKind::Subtitle | ParagraphKind::Speaker) {
        // A speech's subtitle and speaker line: 3号楷体 (convention, gbt9704.md).
        p = in_font(p, FontRole::Heading2);
    }
    p
}

/// Every run of `p`, and its paragraph mark, in the font of `role`.
pub(crate) fn in_font(mut p: P, role: FontRole) -> P {
    for child in &mut p.children {
        if let ParagraphChild::Run(run) = child {
            let r = std::mem::take(&mut **run);
            **run = r.fonts(st::fonts(role));
        }
    }
    p.fonts(st::fonts(role))
}
