//! The HTML of a disclosure page, read by hand: such pages are simple (paragraphs,
//! a table or two, layout tables around them), and a full HTML5 parser would
//! cost more build time than the whole importer.
//!
//! Scripts, styles, forms and navigation are skipped; a table is read as a
//! table only when it holds data (no nested table, more than one column),
//! otherwise its cells are read as the flow of the page.

use super::{Para, Source};

/// Elements whose content is never part of the document.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "nav", "header", "footer", "select", "form", "iframe",
    "button", "template", "svg", "object",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "center",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "hr",
    "pre",
    "body",
    "tbody",
    "thead",
    "main",
];

/// Elements with no content and no closing tag.
const VOID: &[&str] = &[
    "br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source",
];

#[derive(Debug)]
enum Node {
    Element(String, Vec<Node>),
    Text(String),
}

pub fn read(html: &str) -> Vec<Source> {
    let tree = parse(html);
    let mut flow = Flow::default();
    flow.walk(&tree);
    flow.flush();
    flow.out
}

/// Tags and text into a tree; a closing tag closes the nearest open element of
/// its name (and what is open inside it); a stray closing tag is ignored.
fn parse(html: &str) -> Vec<Node> {
    let mut stack: Vec<(String, Vec<Node>)> = vec![(String::new(), Vec::new())];
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut stack, rest);
            break;
        };
        push_text(&mut stack, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            push_text(&mut stack, rest);
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            push_text(&mut stack, &format!("<{tag}>"));
            continue;
        }
        // A centred paragraph (align="center", text-align: center) reads as <center>.
        let lower = tag.to_ascii_lowercase();
        let name = if !closing && (name == "p" || name == "div") && lower.contains("center") {
            "center".to_string()
        } else {
            name
        };
        if closing {
            if let Some(pos) = stack
                .iter()
                .rposition(|(n, _)| *n == name || (n == "center" && (name == "p" || name == "div")))
            {
                while stack.len() > pos {
                    close(&mut stack);
                }
            }
            continue;
        }
        if SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            // Skip to the matching close tag without reading what is inside.
            let close_tag = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close_tag).map_or("", |e| {
                let after = &rest[e..];
                after.find('>').map_or("", |g| &after[g + 1..])
            });
            stack
                .last_mut()
                .unwrap()
                .1
                .push(Node::Element(name, Vec::new()));
            continue;
        }
        if VOID.contains(&name.as_str()) || tag.ends_with('/') {
            stack
                .last_mut()
                .unwrap()
                .1
                .push(Node::Element(name, Vec::new()));
        } else {
            // A new paragraph or cell closes an open one, as browsers do.
            if matches!(name.as_str(), "p" | "li" | "td" | "th" | "tr") {
                let closes: &[&str] = match name.as_str() {
                    "p" => &["p"],
                    "li" => &["li"],
                    "td" | "th" => &["td", "th"],
                    _ => &["td", "th", "tr"],
                };
                while stack.len() > 1 && closes.contains(&stack.last().unwrap().0.as_str()) {
                    close(&mut stack);
                }
            }
            stack.push((name, Vec::new()));
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().map(|(_, c)| c).unwrap_or_default()
}

fn close(stack: &mut Vec<(String, Vec<Node>)>) {
    let (name, children) = stack.pop().unwrap();
    stack
        .last_mut()
        .unwrap()
        .1
        .push(Node::Element(name, children));
}

fn push_text(stack: &mut [(String, Vec<Node>)], text: &str) {
    if !text.is_empty() {
        stack.last_mut().unwrap().1.push(Node::Text(decode(text)));
    }
}

/// The entities disclosure pages use, and numeric ones.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ensp" | "emsp" | "thinsp" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "permil" => '‰',
        "yen" => '¥',
        "copy" => '©',
        _ => return None,
    })
}

#[derive(Default)]
struct Flow {
    out: Vec<Source>,
    text: String,
    title: bool,
    centered: bool,
}

impl Flow {
    fn flush(&mut self) {
        let text = collapse(&self.text);
        if !text.is_empty() {
            self.out.push(Source::Para(Para {
                text,
                title: self.title,
                centered: self.centered,
                lead: None,
            }));
        }
        self.text.clear();
        self.title = false;
        self.centered = false;
    }

    fn walk(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Text(t) => self.text.push_str(t),
                Node::Element(name, children) => {
                    let block = BLOCKS.contains(&name.as_str());
                    if block {
                        self.flush();
                    }
                    if name == "table" && is_data_table(children) {
                        let rows = rows_of(children);
                        if !rows.is_empty() {
                            self.out.push(Source::Table(rows));
                        }
                        continue;
                    }
                    match name.as_str() {
                        "h1" => self.title = true,
                        "center" => self.centered = true,
                        _ => {}
                    }
                    self.walk(children);
                    if block {
                        self.flush();
                    }
                }
            }
        }
    }
}

/// Whitespace runs become one space; none is kept between two CJK characters
/// (HTML source wraps lines anywhere).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            pending = true;
            continue;
        }
        if pending && !out.is_empty() {
            let prev = out.chars().last().unwrap();
            if !(is_wide(prev) && is_wide(c)) {
                out.push(' ');
            }
        }
        pending = false;
        out.push(c);
    }
    out.trim_matches('\u{3000}').to_string()
}

fn is_wide(c: char) -> bool {
    c as u32 >= 0x2E80
}

fn is_data_table(children: &[Node]) -> bool {
    fn any_table(nodes: &[Node]) -> bool {
        nodes.iter().any(|n| match n {
            Node::Element(name, c) => name == "table" || any_table(c),
            Node::Text(_) => false,
        })
    }
    if any_table(children) {
        return false;
    }
    let rows = rows_of(children);
    rows.iter().any(|r| r.len() > 1)
}

fn rows_of(nodes: &[Node]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    fn walk(nodes: &[Node], rows: &mut Vec<Vec<String>>) {
        for n in nodes {
            if let Node::Element(name, children) = n {
                if name == "tr" {
                    let cells: Vec<String> = children
                        .iter()
                        .filter_map(|c| match c {
                            Node::Element(n, cc) if n == "td" || n == "th" => {
                                Some(collapse(&text_of(cc)))
                            }
                            _ => None,
                        })
                        .collect();
                    if !cells.is_empty() {
                        rows.push(cells);
                    }
                } else {
                    walk(children, rows);
                }
            }
        }
    }
    walk(nodes, &mut rows);
    rows
}

fn text_of(nodes: &[Node]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            Node::Text(t) => s.push_str(t),
            Node::Element(name, c) => {
                if name == "br" || name == "p" {
                    s.push(' ');
                }
                s.push_str(&text_of(c));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &[Source]) -> Vec<String> {
        s.iter()
            .map(|b| match b {
                Source::Para(p) => p.text.clone(),
                Source::Table(r) => format!("{r:?}"),
            })
            .collect()
    }

    #[test]
    fn paragraphs_tables_and_entities() {
        let html = "<html><head><title>站点</title><script>var a='<p>x</p>';</script></head><body>\
            <nav><a href=/>首页</a></nav><h1>标 题</h1><p>第一段&ldquo;甲&rdquo;，\n  续行。<p>第二段&amp;R&D\
            <table><tr><td>项目<td>数量</tr><tr><td>甲</td><td>1</td></tr></table>\
            <!-- 注释 --><div>结尾<br>下一行</div></body></html>";
        let s = read(html);
        assert_eq!(
            texts(&s),
            vec![
                "标题",
                "第一段“甲”，续行。",
                "第二段&R&D",
                r#"[["项目", "数量"], ["甲", "1"]]"#,
                "结尾",
                "下一行"
            ]
        );
        assert!(matches!(&s[0], Source::Para(p) if p.title));
    }

    #[test]
    fn layout_tables_are_read_as_flow() {
        let s = read("<table><tr><td><table><tr><td>甲</td><td>乙</td></tr></table><p>正文</p></td></tr></table>");
        assert_eq!(texts(&s), vec![r#"[["甲", "乙"]]"#, "正文"]);
    }
}

#[cfg(test)]
mod centred {
    use super::*;

    #[test]
    fn centred_paragraphs_are_marked() {
        let s = read(
            "<p align=\"center\">关于甲的</p><p style=\"text-align: center\">报告</p><p>正文。</p>",
        );
        let flags: Vec<bool> = s
            .iter()
            .map(|b| matches!(b, Source::Para(p) if p.centered))
            .collect();
        assert_eq!(flags, [true, true, false]);
    }
}
