//! Drafting next year's report from this year's data.

mod common;

use std::path::Path;

fn draft_sample(dir: &Path) -> std::path::PathBuf {
    std::fs::copy(
        common::root().join("data/chuxiong-2020.yaml"),
        dir.join("chuxiong-2020.yaml"),
    )
    .unwrap();
    let o = common::gongwen(dir, &["draft", "chuxiong-2020.yaml"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    dir.join("chuxiong-2021.yaml")
}

#[test]
fn last_years_plan_becomes_this_years_targets_and_results_are_to_fill() {
    let dir = common::scratch("draft-targets");
    let drafted = draft_sample(&dir);
    let text = std::fs::read_to_string(&drafted).unwrap();
    let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(v["year"].as_i64(), Some(2021));
    assert_eq!(
        v["date"].as_str(),
        Some("2022-01-10"),
        "dates move on by one year"
    );
    assert_eq!(
        v["targets"]["funds"].as_i64(),
        Some(3000),
        "2020's plan: 3000万元"
    );
    assert_eq!(
        v["targets"]["projects"].as_i64(),
        Some(45),
        "2020's plan: 45 projects"
    );
    assert!(v["results"]["funds"].is_null());
    assert!(v["plan"]["funds"].is_null());
    assert_eq!(
        v["results"]["rd"]["year"].as_i64(),
        Some(2020),
        "years move on by one"
    );
    // Comments survive, and each value to fill says what it was.
    assert!(
        text.contains("funds: ~  # 待填: 万元, 向上争取科技项目资金 (last year: 2780)"),
        "{text}"
    );
    assert!(text.contains("# What the year achieved."));
}

#[test]
fn a_draft_builds_with_visible_placeholders_and_its_targets() {
    let dir = common::scratch("draft-build");
    let drafted = draft_sample(&dir);
    let out = dir.join("out");
    let o = common::build(&dir, &drafted, &out, &["--format", "txt"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files = common::files_below(&out);
    let text = std::fs::read_to_string(out.join(&files[0])).unwrap();
    assert!(text.starts_with("楚雄州科学技术局2021年科技创新工作情况及2022年工作要点"));
    assert!(text.contains("全年共向上争取科技项目资金【待填:results.funds】万元，完成州政府下达目标任务3000万元的【待填:results.funds】%"));
    assert!(text.contains("索引号：【待填:disclosure.index_no】"));
}

#[test]
fn check_lists_every_placeholder_and_strict_refuses_to_build() {
    let dir = common::scratch("draft-check");
    let drafted = draft_sample(&dir);
    let o = common::gongwen(&dir, &["check", "chuxiong-2021.yaml"]);
    let listing = common::stdout(&o);
    let text = std::fs::read_to_string(&drafted).unwrap();
    let funds_line = text
        .lines()
        .position(|l| l.trim_start().starts_with("funds: ~"))
        .unwrap()
        + 1;
    assert!(
        listing.contains(&format!(
            "chuxiong-2021.yaml:{funds_line}: results.funds: 待填"
        )),
        "{listing}"
    );
    assert!(listing.contains("disclosure.index_no"), "{listing}");
    assert!(listing.lines().count() > 50, "{listing}");

    let out = dir.join("out");
    let o = common::gongwen(
        &dir,
        &[
            "build",
            "--strict",
            "chuxiong-2021.yaml",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let err = common::stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("--strict") && err.contains("results.plans_drafted.0 (chuxiong-2021.yaml:"),
        "{err}"
    );
    assert!(common::files_below(&out).is_empty());
}

#[test]
fn draft_never_overwrites_without_force() {
    let dir = common::scratch("draft-force");
    let drafted = draft_sample(&dir);
    std::fs::write(&drafted, "# my edits\n").unwrap();
    let o = common::gongwen(&dir, &["draft", "chuxiong-2020.yaml"]);
    assert!(!o.status.success());
    assert!(
        common::stderr(&o).contains("exists already"),
        "{}",
        common::stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&drafted).unwrap(), "# my edits\n");
    let o = common::gongwen(&dir, &["draft", "chuxiong-2020.yaml", "--force"]);
    assert!(o.status.success());
    assert_ne!(std::fs::read_to_string(&drafted).unwrap(), "# my edits\n");
}

#[test]
fn a_county_overlay_drafts_to_an_overlay_of_next_years_base() {
    let dir = common::scratch("draft-county");
    std::fs::copy(
        common::root().join("data/counties/shuangbai-2020.yaml"),
        dir.join("shuangbai-2020.yaml"),
    )
    .unwrap();
    let o = common::gongwen(&dir, &["draft", "shuangbai-2020.yaml", "--out", "sb.yaml"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let v: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("sb.yaml")).unwrap()).unwrap();
    assert_eq!(v["extends"].as_str(), Some("../chuxiong-2021.yaml"));
    assert_eq!(v["org"].as_str(), Some("双柏县科学技术局"));
    assert_eq!(
        v["targets"]["funds"].as_i64(),
        Some(180),
        "the county's own plan"
    );
}

#[test]
fn counters_move_on_and_undecided_dates_become_placeholders() {
    let dir = common::scratch("draft-counters");
    let drafted = draft_sample(&dir);
    let text = std::fs::read_to_string(&drafted).unwrap();
    // `edition: !counter 4` (the 4th 科技入楚) is the 5th next year.
    assert!(text.contains("edition: !counter 5"), "{text}");
    assert!(text.contains("science_talk: !counter 3"), "{text}");
    let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert!(v["disclosure"]["published"].is_null(), "{text}");
    assert!(v["disclosure"]["written"].is_null(), "{text}");

    let out = dir.join("out");
    let o = common::build(&dir, &drafted, &out, &["--format", "txt"]);
    let err = common::stderr(&o);
    assert!(o.status.success(), "{err}");
    // The build made the disclosure copy: check that copy for the same count
    // (plain `check` also lists the printed copy's 发文字号, see tests/forms.rs).
    let open = common::stdout(&common::gongwen(
        &dir,
        &["check", "chuxiong-2021.yaml", "--form", "disclosure"],
    ))
    .lines()
    .count();
    assert!(
        err.contains(&format!(
            "{open} values still to fill in — gongwen check {}",
            drafted.display()
        )),
        "{err}"
    );
    let files = common::files_below(&out);
    let report = std::fs::read_to_string(out.join(&files[0])).unwrap();
    assert!(report.contains("第五届科技入楚"), "{report}");
    assert!(
        report.contains("发文日期：【待填:disclosure.published】"),
        "{report}"
    );
}
