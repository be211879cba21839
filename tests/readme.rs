//! What the README promises a new user holds: the toolchain it names is the
//! one Cargo.toml requires, and the front-matter keys it calls required are
//! the ones a template cannot do without.

mod common;

use std::fs;

fn readme() -> String {
    fs::read_to_string(common::root().join("README.md")).expect("README.md")
}

#[test]
fn the_readme_names_the_toolchain_cargo_requires_and_how_to_install() {
    let cargo = fs::read_to_string(common::root().join("Cargo.toml")).unwrap();
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("rust-version in Cargo.toml")
        .trim_matches('"');
    let readme = readme();
    assert!(
        readme.contains(&format!("version **{version} or newer**")),
        "README does not name Rust {version}"
    );
    for needed in [
        "cargo install --path .",
        "gongwen new",
        "5 minutes on two cores",
    ] {
        assert!(readme.contains(needed), "README lacks {needed:?}");
    }
}

#[test]
fn the_front_matter_keys_the_readme_requires_are_required() {
    let readme = readme();
    let line = readme
        .lines()
        .position(|l| l.starts_with("- Front matter keys:"))
        .expect("the README lists front matter keys");
    let listed: String = readme.lines().skip(line).take(3).collect();
    let required = ["title", "issuer", "date"];
    let dir = common::scratch("front-matter-required");
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::create_dir_all(dir.join("templates")).unwrap();
    fs::write(dir.join("d.yaml"), "template: t\n").unwrap();
    let full = "---\ntitle: 标题\nissuer: 某局\ndate: 2021-01-10\n---\n正文。\n";
    for key in required {
        assert!(
            listed.contains("**required**") && listed.contains(&format!("`{key}`")),
            "README does not list `{key}` as required: {listed}"
        );
        let without: String = full
            .lines()
            .filter(|l| !l.starts_with(&format!("{key}:")))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(dir.join("templates/t.md.hbs"), without).unwrap();
        let o = common::gongwen(&dir, &["build", "d.yaml", "--format", "txt"]);
        let err = common::stderr(&o);
        assert!(!o.status.success(), "built without `{key}`");
        assert!(err.contains(&format!("missing field `{key}`")), "{err}");
        assert!(err.contains("templates/t.md.hbs"), "{err}");
    }
    // With all three, and nothing optional, it builds.
    fs::write(dir.join("templates/t.md.hbs"), full).unwrap();
    let o = common::gongwen(&dir, &["build", "d.yaml", "--format", "txt"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
}

/// The rows of the README's element table: (element, key or markup, clause, example).
fn element_table(readme: &str) -> Vec<[String; 4]> {
    let start = readme
        .find("### Every element of a 公文")
        .expect("the README has an element table");
    readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| element |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect();
            assert_eq!(cells.len(), 4, "a row of four cells: {l}");
            [
                cells[0].clone(),
                cells[1].clone(),
                cells[2].clone(),
                cells[3].clone(),
            ]
        })
        .collect()
}

#[test]
fn every_front_matter_key_and_block_attribute_is_in_the_element_table() {
    let rows = element_table(&readme());
    assert!(rows.len() >= 20, "{} rows", rows.len());
    let keys_column: String = rows.iter().map(|r| r[1].clone() + "\n").collect();
    for key in gongwen::markup_front::KEYS {
        assert!(
            keys_column.contains(&format!("`{key}`")) || keys_column.contains(&format!("`{key}:")),
            "the README's element table does not document `{key}`"
        );
    }
    // The attributes the markup knows, as its own error message lists them.
    let text = "---\ntitle: t\nissuer: i\ndate: 2021-01-10\n---\n正文。 {.zzz}\n";
    let err = gongwen::markup::parse(text, std::path::Path::new("t.md")).unwrap_err();
    let hint = err.hint.clone().unwrap_or_default();
    let attributes: Vec<&str> = hint
        .split("{.")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    assert!(attributes.len() >= 8, "{hint}");
    for a in attributes {
        assert!(
            keys_column.contains(&format!("{{.{a}}}")),
            "the README's element table does not document `{{.{a}}}`"
        );
    }
    // Each row says where the standard puts the element (or that it does not) and shows it.
    for [element, key, clause, example] in &rows {
        assert!(
            clause == "—"
                || clause == "convention"
                || clause.starts_with("— (")
                || clause.chars().next().is_some_and(|c| c.is_ascii_digit()),
            "{element}: clause {clause:?}"
        );
        assert!(!key.is_empty() && !example.is_empty(), "{element}");
    }
}

#[test]
fn the_readme_names_the_disclosure_copys_file_suffix() {
    let readme = readme();
    let suffix = gongwen::batch::DISCLOSURE_SUFFIX;
    assert!(
        readme.contains(&format!("files end in `{suffix}`")),
        "README does not name the suffix {suffix}"
    );
}
