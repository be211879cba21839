//! The post-processing step: what docx-rs writes, made into what Word expects.
//!
//! - children in schema order where Word is strict ([`super::schema`]);
//! - the character-unit twin of every indent (`w:firstLineChars` beside
//!   `w:firstLine`, …): Word and WPS indent by characters, LibreOffice reads
//!   the twips;
//! - the style properties docx-rs has no API for ([`super::styles::patches`]);
//! - one Normal style, marked as the default;
//! - no paragraph ids (they would only make the output depend on docx-rs's counters).

use super::schema::{rank, sequence};
use super::styles::{Patch, NORMAL, TABLE_HEADER};
use super::xml::{Element, Node};

/// Indent attributes in twips and their twins in hundredths of a character.
const CHAR_TWINS: [(&str, &str); 4] = [
    ("w:firstLine", "w:firstLineChars"),
    ("w:hanging", "w:hangingChars"),
    ("w:left", "w:leftChars"),
    ("w:right", "w:rightChars"),
];

/// Applies the generic clean-up to any part: no paragraph ids, no empty
/// property containers or runs (children first, so a `w:pPr` holding only an
/// empty `w:rPr` goes too).
pub(crate) fn tidy(root: &mut Element) {
    for child in root.elements_mut() {
        tidy(child);
    }
    root.attrs.retain(|(name, _)| !name.starts_with("w14:"));
    if root.name == "w:gridCol" {
        // CT_TblGridCol has only `w:w`; docx-rs adds a `w:type` Word does not know.
        root.remove_attr("w:type");
    }
    root.children.retain(|n| match n {
        Node::Element(c) => {
            let empty = c.children.is_empty() && c.attrs.is_empty();
            !(empty && matches!(c.name.as_str(), "w:rPr" | "w:pPr" | "w:trPr" | "w:r"))
        }
        Node::Text(_) => true,
    });
}

/// Settings: Word's line rules stated explicitly ([`super::line_rules`]).
/// (docx-rs would put `w:characterSpacingControl` inside `w:compat`, where
/// Word does not look for it.)
pub(crate) fn settings(root: &mut Element) {
    for e in super::line_rules::settings() {
        root.put(e);
    }
}

/// Marks a table's header row (its cells in the Table Header style) as one
/// Word repeats at the top of each page the table continues on.
pub(crate) fn table_headers(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name != "w:tbl" {
            return;
        }
        let Some(Node::Element(row)) = e
            .children
            .iter_mut()
            .find(|n| matches!(n, Node::Element(c) if c.name == "w:tr"))
        else {
            return;
        };
        let header = row
            .elements_mut()
            .filter(|c| c.name == "w:tc")
            .flat_map(|c| c.elements_mut())
            .filter(|p| p.name == "w:p")
            .any(|p| {
                p.find_mut("w:pPr")
                    .and_then(|ppr| ppr.find_mut("w:pStyle"))
                    .is_some_and(|s| s.get_attr("w:val") == Some(TABLE_HEADER))
            });
        if header {
            row.find_or_insert("w:trPr")
                .put(Element::new("w:tblHeader"));
        }
    });
}

/// Sorts children into schema order, everywhere in the tree.
pub(crate) fn order(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if let Some(seq) = sequence(&e.name) {
            // A stable sort keeps repeated elements (runs, rows) in document order.
            e.children.sort_by_key(|n| match n {
                Node::Element(c) => rank(seq, &c.name),
                Node::Text(_) => seq.len(),
            });
        }
    });
}

/// Adds the character-unit twin to every indent (after dropping the zero
/// indents docx-rs writes for sides we never set). A character is one of
/// the paragraph's own size when its mark has one (Word counts an indent's
/// characters in the paragraph's font size), else `char_twips`.
pub(crate) fn char_units(root: &mut Element, char_twips: i32) {
    zero_indents(root);
    root.walk_mut(&mut |e| {
        if e.name == "w:ind" {
            twin(e, char_twips);
        }
    });
    root.walk_mut(&mut |e| {
        if e.name != "w:p" {
            return;
        }
        let Some(ppr) = e.find_mut("w:pPr") else {
            return;
        };
        let size = ppr
            .find_mut("w:rPr")
            .and_then(|r| r.find_mut("w:sz"))
            .and_then(|sz| sz.get_attr("w:val").and_then(|v| v.parse::<i32>().ok()));
        if let (Some(half_points), Some(ind)) = (size, ppr.find_mut("w:ind")) {
            // Half-points to twips.
            twin(ind, half_points * 10);
        }
    });
}

/// Sets the character-unit twins of one `w:ind`.
fn twin(e: &mut Element, char_twips: i32) {
    for (twips, chars) in CHAR_TWINS {
        if let Some(v) = e.get_attr(twips).and_then(|v| v.parse::<i32>().ok()) {
            let c = (v as f32 * 100.0 / char_twips.max(1) as f32).round() as i32;
            e.set_attr(chars, &c.to_string());
        }
    }
}

/// Drops indents of zero: docx-rs writes `w:left="0" w:right="0"` beside
/// the one side we set, which would override a style's indent for nothing.
pub(crate) fn zero_indents(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name == "w:ind" {
            e.attrs
                .retain(|(n, v)| !(CHAR_TWINS.iter().any(|(t, _)| t == n) && v == "0"));
        }
    });
}

/// Styles: one Normal (docx-rs always writes an empty one first), the default
/// paragraph style; then the patches.
pub(crate) fn styles(root: &mut Element, patches: &[Patch]) {
    let id = |n: &Node| match n {
        Node::Element(e) if e.name == "w:style" => e.get_attr("w:styleId").map(str::to_string),
        _ => None,
    };
    // Keep the last definition of each style id.
    let ids: Vec<Option<String>> = root.children.iter().map(id).collect();
    let mut keep = vec![true; ids.len()];
    for (i, a) in ids.iter().enumerate() {
        if a.is_some() && ids[i + 1..].contains(a) {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    root.children.retain(|_| k.next().unwrap_or(true));
    for e in root.elements_mut() {
        if e.name == "w:style" && e.get_attr("w:styleId") == Some(NORMAL) {
            e.set_attr("w:default", "1");
        }
    }
    for patch in patches {
        let target = match patch.style_id {
            None => root.find_mut("w:docDefaults"),
            Some(sid) => root
                .elements_mut()
                .find(|e| e.name == "w:style" && e.get_attr("w:styleId") == Some(sid)),
        };
        let Some(target) = target else { continue };
        let (ppr_parent, rpr_parent) = match patch.style_id {
            None => ("w:pPrDefault", "w:rPrDefault"),
            Some(_) => ("", ""),
        };
        let mut add = |parent: &str, container: &str, items: &[Element]| {
            if items.is_empty() {
                return;
            }
            let holder = if parent.is_empty() {
                &mut *target
            } else {
                target.find_or_insert(parent)
            };
            let c = holder.find_or_insert(container);
            for item in items {
                c.put(item.clone());
            }
        };
        add(ppr_parent, "w:pPr", &patch.ppr);
        add(rpr_parent, "w:rPr", &patch.rpr);
    }
}

/// Section: a lines-only grid; a character pitch would only mislead LibreOffice.
pub(crate) fn section(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name == "w:docGrid" {
            e.remove_attr("w:charSpace");
        }
    });
}

/// Keeps only the content-type overrides and relationships of parts we ship.
pub(crate) fn prune(root: &mut Element, exists: &dyn Fn(&str) -> bool, base: &str) {
    root.children.retain(|n| match n {
        Node::Element(e) if e.name == "Override" => e
            .get_attr("PartName")
            .is_some_and(|p| exists(p.trim_start_matches('/'))),
        Node::Element(e) if e.name == "Relationship" => e
            .get_attr("Target")
            .is_some_and(|t| exists(&format!("{base}{t}"))),
        _ => true,
    });
}
