//! 主送机关 [7.3.2]: one blank line below the title, flush left with no
//! indent, wrapped lines flush left too, a full-width colon after the last.

use super::body::Part;
use super::styles as st;
use super::text::add_text;
use docx_rs::{Paragraph as P, Run};

/// Between two addressees: the enumeration comma (GB/T 15834 4.6).
const SEPARATOR: &str = "、";

/// The addressee line; nothing when there are none.
pub(crate) fn addressees(names: &[String]) -> Option<Part> {
    if names.is_empty() {
        return None;
    }
    // Normal: no first-line indent [7.3.2 "顶格"], justified like the body.
    let text = format!("{}：", names.join(SEPARATOR));
    Some(Part::P(
        P::new()
            .style(st::NORMAL)
            .add_run(add_text(Run::new(), &text)),
    ))
}
