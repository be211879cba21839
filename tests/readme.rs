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
