//! The markup parser on random input from a fixed-seed generator: it never
//! panics, and a document built of the forms it accepts keeps every visible
//! character, once, in order. Values pass through the same escaping `{{x}}`
//! applies, so any text a value holds survives as written.

use std::path::Path;

use gongwen::escape;
use gongwen::markup::parse;
use gongwen::model::{plain, Block, Document};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const FRONT: &str = "---\ntitle: 标题\nissuer: 局\ndate: 2021-01-10\n---\n";

/// Characters a value may hold: Chinese, Latin, digits, full-width marks, every
/// ASCII mark CommonMark reads, emoji, Ext-B, right-to-left letters.
const POOL: &[&str] = &[
    "科", "技", "创", "新", "州", "县", "（", "）", "“", "”", "《", "》", "，", "。", "、", "：",
    "；", "a", "Z", "R", "&", "D", "0", "7", "%", ".", "-", "#", "*", "_", "[", "]", "(", ")", "<",
    ">", "|", "\\", "`", "!", "~", "+", "=", "{", "}", "'", "\"", ":", ";", "/", "?", "@", "$",
    "^", "😀", "𠀀", "ש", "é", "·", "—", "…",
];

/// A run of value text (no spaces or line breaks: those are layout, not characters).
fn value(rng: &mut Rng) -> String {
    let n = 1 + rng.below(12);
    (0..n).map(|_| rng.pick(POOL)).collect()
}

/// A line of text as a template writes it: literal Chinese around escaped values.
fn text(rng: &mut Rng, visible: &mut String) -> String {
    let mut out = String::new();
    for _ in 0..1 + rng.below(4) {
        let lead = rng.pick(&["全州", "完成", "组织", ""]);
        out.push_str(lead);
        visible.push_str(lead);
        let v = value(rng);
        out.push_str(&escape::commonmark(&v, out.is_empty()));
        visible.push_str(&v);
    }
    out
}

/// A random document of accepted forms, and the visible text it must show.
fn document(rng: &mut Rng) -> (String, String) {
    let mut markup = String::from(FRONT);
    let mut visible = String::new();
    for _ in 0..1 + rng.below(8) {
        match rng.below(5) {
            0 => {
                let level = 1 + rng.below(4);
                markup.push_str(&"#".repeat(level));
                markup.push(' ');
                markup.push_str(&text(rng, &mut visible));
                markup.push_str("\n\n");
            }
            1 | 2 => {
                for _ in 0..1 + rng.below(3) {
                    markup.push_str(&text(rng, &mut visible));
                    markup.push('\n');
                }
                markup.push('\n');
            }
            3 => {
                for _ in 0..1 + rng.below(3) {
                    markup.push_str("- ");
                    markup.push_str(&text(rng, &mut visible));
                    markup.push('\n');
                }
                markup.push('\n');
            }
            _ => {
                let cols = 1 + rng.below(3);
                let rows = 1 + rng.below(3);
                for r in 0..=rows {
                    markup.push('|');
                    for _ in 0..cols {
                        markup.push(' ');
                        markup.push_str(&text(rng, &mut visible));
                        markup.push_str(" |");
                    }
                    markup.push('\n');
                    if r == 0 {
                        markup.push_str(&"|---".repeat(cols));
                        markup.push_str("|\n");
                    }
                }
                markup.push('\n');
            }
        }
    }
    (markup, visible)
}

fn shown(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => out.push_str(&plain(&h.content)),
            Block::Paragraph(p) => {
                if let Some(h) = &p.heading {
                    out.push_str(&plain(&h.content));
                }
                out.push_str(&plain(&p.content));
            }
            Block::List(l) => l.items.iter().for_each(|i| out.push_str(&plain(i))),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .for_each(|c| out.push_str(&plain(c))),
        }
    }
    out
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn accepted_markup_keeps_every_visible_character_once_in_order() {
    let mut rng = Rng(0x005E_ED0F_6F6E_6777);
    for i in 0..3000 {
        let (markup, visible) = document(&mut rng);
        let doc = parse(&markup, Path::new("t.md.hbs"))
            .unwrap_or_else(|e| panic!("input {i} refused: {e}\n{markup}"));
        assert_eq!(
            no_space(&shown(&doc)),
            no_space(&visible),
            "input {i}:\n{markup}"
        );
    }
}

#[test]
fn any_markup_is_parsed_or_refused_without_a_panic() {
    const PIECES: &[&str] = &[
        "#",
        "## ",
        "- ",
        "1. ",
        "> ",
        "    ",
        "|",
        "|---|",
        "[",
        "](",
        "![",
        "<b>",
        "</b>",
        "&amp;",
        "*",
        "**",
        "_",
        "`",
        "```",
        "[^1]",
        "[^1]: ",
        "{.standalone}",
        "{.x}",
        "{#id}",
        "\\",
        "---",
        "\n",
        "\n\n",
        "甲",
        "乙",
        "a",
        "1",
        "【待填:x】",
        "\u{0}",
        "\u{202e}",
        "😀",
        "\t",
        "=",
        "~~",
        "<!--",
        "-->",
        "[x]: /u",
        ":",
        "\r\n",
    ];
    let mut rng = Rng(42);
    for i in 0..5000 {
        let mut markup = String::from(FRONT);
        for _ in 0..rng.below(60) {
            markup.push_str(rng.pick(PIECES));
        }
        let result = std::panic::catch_unwind(|| parse(&markup, Path::new("t.md.hbs")));
        assert!(result.is_ok(), "input {i} panicked:\n{markup:?}");
        if let Ok(Err(e)) = result {
            let line = e.location.as_ref().map_or(0, |l| l.line);
            assert!(
                line >= 1,
                "input {i}: an error without a line: {e}\n{markup:?}"
            );
        }
    }
}
