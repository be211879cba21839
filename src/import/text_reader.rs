//! Plain text, as copied from a disclosure page: one paragraph a line, blank
//! lines between. Lines of tab-separated cells are a table's rows (the way
//! `build --format txt` writes a table).

use super::{Para, Source};

pub fn read(text: &str) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.contains('\t') && !line.trim().is_empty() {
            rows.push(line.split('\t').map(|c| c.trim().to_string()).collect());
            continue;
        }
        if !rows.is_empty() {
            out.push(Source::Table(std::mem::take(&mut rows)));
        }
        let t = line.trim();
        if !t.is_empty() {
            out.push(Source::Para(Para::plain(t)));
        }
    }
    if !rows.is_empty() {
        out.push(Source::Table(rows));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_paragraphs_and_tab_rows_a_table() {
        let s = read("标题\n\n甲\t乙\n1\t2\n\n正文。\n");
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[1],
            Source::Table(vec![
                vec!["甲".into(), "乙".into()],
                vec!["1".into(), "2".into()]
            ])
        );
    }
}
