//! The font table (`word/fontTable.xml`): every font the styles name, with
//! the descriptors a Word-saved font table carries for it (PANOSE, charset,
//! family, pitch and the Unicode/code-page signature), so that Word and WPS
//! match a missing font to the closest installed one.
//!
//! Each official font also names an `altName` a stock Windows has (仿宋,
//! 楷体, 宋体): an office PC without 仿宋_GB2312 then sets 仿宋, not a default
//! face. The descriptors are those Word writes for the fonts themselves.

use super::xml::Element;
use crate::style::{FontRole, LATIN_FAMILY};

/// What Word records about one font.
struct Descriptor {
    name: &'static str,
    alt: Option<&'static str>,
    panose: &'static str,
    /// 86: GB2312 (Simplified Chinese); 00: ANSI.
    charset: &'static str,
    family: &'static str,
    pitch: &'static str,
    /// usb0–usb3, csb0–csb1 of the font's OS/2 table.
    sig: [&'static str; 6],
}

/// The GB2312-only faces (仿宋_GB2312, 楷体_GB2312, the Founder title face)
/// share one signature: CJK ideographs and the GB2312 code page only.
const GB2312_ONLY: [&str; 6] = [
    "00000001", "080E0000", "00000000", "00000000", "00040000", "00000000",
];

/// 黑体, 楷体 and 仿宋 as Windows ships them (GBK coverage).
const WINDOWS_CJK: [&str; 6] = [
    "800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000",
];

fn descriptor(role: FontRole) -> Descriptor {
    let name = role.docx_family();
    match role {
        FontRole::Title => Descriptor {
            name,
            alt: Some("宋体"),
            panose: "03000509000000000000",
            charset: "86",
            family: "script",
            pitch: "variable",
            sig: GB2312_ONLY,
        },
        FontRole::Body => Descriptor {
            name,
            alt: Some("仿宋"),
            panose: "02010609030101010101",
            charset: "86",
            family: "modern",
            pitch: "fixed",
            sig: GB2312_ONLY,
        },
        FontRole::Heading2 => Descriptor {
            name,
            alt: Some("楷体"),
            panose: "02010609030101010101",
            charset: "86",
            family: "modern",
            pitch: "fixed",
            sig: GB2312_ONLY,
        },
        FontRole::Heading1 => Descriptor {
            name,
            alt: Some("SimHei"),
            panose: "02010609060101010101",
            charset: "86",
            family: "modern",
            pitch: "fixed",
            sig: WINDOWS_CJK,
        },
        FontRole::PageNumber => Descriptor {
            name,
            alt: Some("SimSun"),
            panose: "02010600030101010101",
            charset: "86",
            family: "auto",
            pitch: "variable",
            sig: [
                "00000003", "288F0000", "00000016", "00000000", "00040001", "00000000",
            ],
        },
    }
}

/// Times New Roman, for digits and Latin.
fn latin() -> Descriptor {
    Descriptor {
        name: LATIN_FAMILY,
        alt: None,
        panose: "02020603050405020304",
        charset: "00",
        family: "roman",
        pitch: "variable",
        sig: [
            "E0002AFF", "C0007841", "00000009", "00000000", "000001FF", "00000000",
        ],
    }
}

fn font(d: &Descriptor) -> Element {
    let val = |name: &str, v: &str| Element::new(name).attr("w:val", v);
    let mut e = Element::new("w:font").attr("w:name", d.name);
    if let Some(alt) = d.alt {
        e = e.child(val("w:altName", alt));
    }
    let [usb0, usb1, usb2, usb3, csb0, csb1] = d.sig;
    e.child(val("w:panose1", d.panose))
        .child(val("w:charset", d.charset))
        .child(val("w:family", d.family))
        .child(val("w:pitch", d.pitch))
        .child(
            Element::new("w:sig")
                .attr("w:usb0", usb0)
                .attr("w:usb1", usb1)
                .attr("w:usb2", usb2)
                .attr("w:usb3", usb3)
                .attr("w:csb0", csb0)
                .attr("w:csb1", csb1),
        )
}

/// Every font the styles name: Times New Roman and the official CJK families.
pub(crate) fn font_table() -> Element {
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut root = Element::new("w:fonts")
        .attr("xmlns:w", w)
        .child(font(&latin()));
    let mut seen: Vec<&str> = Vec::new();
    for role in FontRole::ALL {
        let d = descriptor(role);
        if !seen.contains(&d.name) {
            seen.push(d.name);
            root = root.child(font(&d));
        }
    }
    root
}
