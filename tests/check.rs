//! `gongwen check` tells the truth: clean data exits 0, anything that needs
//! attention exits 1, and each finding names the data file and line to edit.

mod common;

use std::path::{Path, PathBuf};

fn sample_in(dir: &Path) -> PathBuf {
    let to = dir.join("chuxiong-2020.yaml");
    std::fs::copy(common::root().join("data/chuxiong-2020.yaml"), &to).unwrap();
    to
}

/// The sample with one line replaced; returns the file and the 1-based line.
fn planted(dir: &Path, name: &str, find: &str, replace: &str) -> (PathBuf, usize) {
    let text = std::fs::read_to_string(common::root().join("data/chuxiong-2020.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with(find))
        .unwrap_or_else(|| panic!("{find:?} not in the sample"));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[line] = lines[line].replacen(find, replace, 1);
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    (path, line + 1)
}

#[test]
fn the_sample_is_clean_and_exits_0() {
    let dir = common::scratch("check-sample");
    sample_in(&dir);
    let o = common::gongwen(&dir, &["check", "chuxiong-2020.yaml"]);
    assert!(
        o.status.success(),
        "{}{}",
        common::stdout(&o),
        common::stderr(&o)
    );
    assert_eq!(common::stdout(&o), "");
}

#[test]
fn a_fresh_draft_lists_only_its_placeholders_each_at_its_line_and_exits_1() {
    let dir = common::scratch("check-draft");
    sample_in(&dir);
    let o = common::gongwen(&dir, &["draft", "chuxiong-2020.yaml"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let o = common::gongwen(&dir, &["check", "chuxiong-2021.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let listing = common::stdout(&o);
    let drafted = std::fs::read_to_string(dir.join("chuxiong-2021.yaml")).unwrap();
    let lines: Vec<&str> = drafted.lines().collect();
    assert!(listing.lines().count() > 50, "{listing}");
    for l in listing.lines() {
        // chuxiong-2021.yaml:LINE: KEY: 待填, and that line leaves the value null.
        let mut parts = l.splitn(4, ':');
        let (file, line, key, what) = (
            parts.next().unwrap(),
            parts.next().unwrap().parse::<usize>().expect(l),
            parts.next().unwrap().trim(),
            parts.next().unwrap().trim(),
        );
        assert_eq!((file, what), ("chuxiong-2021.yaml", "待填"), "{l}");
        let at = lines[line - 1];
        let last = key.rsplit('.').next().unwrap();
        let names_it = at.contains(&format!("{last}: ~"))
            || (at.trim_start().starts_with("- ~") && last.parse::<usize>().is_ok());
        assert!(names_it, "{l}: line {line} is {at:?}");
    }
}

#[test]
fn five_planted_mistakes_are_each_reported_at_their_data_line() {
    let dir = common::scratch("check-planted");
    let cases = [
        (
            "comma.yaml",
            "org: 楚雄州科学技术局",
            "org: 楚雄州科学技术局,办公室",
            "half-width `,`",
        ),
        (
            "missing.yaml",
            "  herbs_area: 54.3",
            "  herbs_area_typo: 54.3",
            "results.herbs_area",
        ),
        (
            "null.yaml",
            "  funds: 2780",
            "  funds: ~   ",
            "results.funds: 待填",
        ),
        (
            "glyph.yaml",
            "  short: 楚雄",
            "  short: 楚\u{30EDD}",
            "no font has the character",
        ),
        (
            "padded.yaml",
            "date: 2021-01-10",
            "date: 2021年01月10日",
            "`date` must be YYYY-MM-DD",
        ),
    ];
    for (name, find, replace, expect) in cases {
        let (_, line) = planted(&dir, name, find, replace);
        let o = common::gongwen(&dir, &["check", name]);
        let out = common::stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {out}");
        assert!(!common::stderr(&o).contains("panicked"));
        // The missing key is reported at the map it belongs in (`results:`).
        let want_line = if name == "missing.yaml" {
            std::fs::read_to_string(dir.join(name))
                .unwrap()
                .lines()
                .position(|l| l == "results:")
                .unwrap()
                + 1
        } else {
            line
        };
        let at = format!("{name}:{want_line}: ");
        assert!(
            out.lines()
                .any(|l| l.starts_with(&at) && l.contains(expect)),
            "{name}: wanted {at}…{expect}…\n{out}"
        );
    }
}

#[test]
fn json_lists_the_same_findings_for_scripts() {
    let dir = common::scratch("check-json");
    let (_, line) = planted(
        &dir,
        "comma.yaml",
        "org: 楚雄州科学技术局",
        "org: 楚雄州科学技术局,办公室",
    );
    let o = common::gongwen(&dir, &["check", "--format", "json", "comma.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&o)).expect("json");
    let first = &v[0];
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["file"], "comma.yaml");
    assert_eq!(first["line"], line);
    assert_eq!(first["key"], "org");
}
