//! The line breaker on random paragraphs of Chinese, digits, Latin words,
//! punctuation and values still to be filled in: it never panics, loses or
//! repeats a character, squeezes a mark or sets a glyph over another, and
//! every line stays inside the measure but for one closing mark hanging
//! past the edge.
mod pdf_support;

use gongwen::layout::linebreak::{is_no_end, is_no_start, may_hang};
use gongwen::model::{Block, Inline, Paragraph};
use pdf_support::line_model::*;
use pdf_support::*;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const HAN: &str = "科技创新工作全州楚雄建设发展项目资金企业服务推进完成目标任务情况重点";
const CLOSING: &[&str] = &[
    "，", "。", "、", "；", "：", "？", "！", "）", "》", "”", "’", "%", "……", "——",
];
const OPENING: &[&str] = &["（", "《", "“", "‘"];
const LATIN: &[&str] = &[
    "R&D", "GDP", "Word", "PDF", "iPhone", "x", "abc def", "e-mail",
];

/// A paragraph of 1 to 240 pieces.
fn paragraph(rng: &mut Rng) -> Vec<Inline> {
    let han: Vec<char> = HAN.chars().collect();
    let mut out = Vec::new();
    let mut text = String::new();
    for _ in 0..1 + rng.below(240) {
        match rng.below(20) {
            0..=10 => text.push(han[rng.below(han.len())]),
            11 | 12 => text.push_str(rng.pick(CLOSING)),
            13 => text.push_str(rng.pick(OPENING)),
            14 => text.push_str(&format!("{}", rng.next() % 100_000)),
            15 => text.push_str(&format!("{}.{}%", rng.below(100), rng.below(10))),
            16 => text.push_str(&format!("{}万元", rng.below(5000))),
            17 => text.push_str(rng.pick(LATIN)),
            18 => text.push_str(if rng.below(4) == 0 { "  " } else { " " }),
            _ => {
                out.push(Inline::Text(std::mem::take(&mut text)));
                let keys = [
                    "results.funds",
                    "results.new_infrastructure.accepted_investment",
                    "x",
                ];
                out.push(Inline::Placeholder(rng.pick(&keys).to_string()));
            }
        }
    }
    out.push(Inline::Text(text));
    out.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    out
}

fn visible(content: &[Inline]) -> String {
    content.iter().map(|i| i.visible().into_owned()).collect()
}

#[test]
fn random_paragraphs_keep_every_character_inside_the_measure() {
    let (left, width, cell) = block();
    let edge = left + width;
    let mut rng = Rng(0x0009_7042_0121_5834);
    let mut hung = 0;
    for case in 0..300 {
        let content = paragraph(&mut rng);
        let text = visible(&content);
        let mut doc = paragraphs(&[]);
        doc.blocks.push(Block::Paragraph(Paragraph {
            heading: None,
            content,
            kind: Default::default(),
            line: 1,
        }));
        let layout = gongwen::layout::layout(&doc, &gongwen::style::Style::default(), &fonts())
            .unwrap_or_else(|e| panic!("case {case}: {e:?}\n{text}"));
        let lines = body_text_lines(&glyph_lines(&layout));

        // Every character once, in order; only spaces where a line breaks
        // go undrawn.
        let set: String = lines.iter().map(|l| l.text()).collect();
        let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        assert_eq!(strip(&set), strip(&text), "case {case}");

        assert!(
            squeezed(&lines).is_empty(),
            "case {case}: {:?}",
            squeezed(&lines)
        );
        assert!(
            overlapping(&lines).is_empty(),
            "case {case}: {:?}",
            overlapping(&lines)
        );

        for (i, l) in lines.iter().enumerate() {
            let n = l.glyphs.len();
            for (k, g) in l.glyphs.iter().enumerate() {
                assert!(
                    g.x >= left - 0.05,
                    "case {case}: “{}” left of the block",
                    l.text()
                );
                let inside = g.x + g.room(cell) <= edge + 0.05;
                let hangs = k == n - 1 && may_hang(g.c) && (g.x - edge).abs() < 0.05;
                hung += hangs as usize;
                assert!(
                    inside || hangs,
                    "case {case}: “{}” past the edge in {}",
                    g.c,
                    l.text()
                );
            }
            let last = l.glyphs[n - 1].c;
            let broken = i + 1 < lines.len();
            assert!(
                !broken || !is_no_end(last),
                "case {case}: ends with “{last}”: {}",
                l.text()
            );
            if i > 0 {
                let first = l.glyphs[0].c;
                assert!(
                    !is_no_start(first),
                    "case {case}: starts with “{first}”: {}",
                    l.text()
                );
            }
        }
    }
    // The cases do reach the edge with a closing mark.
    assert!(hung > 10, "only {hung} hanging marks in 300 paragraphs");
}
