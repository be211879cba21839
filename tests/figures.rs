//! Changing one raw figure changes every sentence that states it or a figure
//! derived from it, and nothing else.

mod common;

/// (line number, old line, new line) for each line that differs.
fn changed_lines(sets: &[&str]) -> Vec<(usize, String, String)> {
    let before = common::sample_text(&[]);
    let after = common::sample_text(sets);
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(b.len(), a.len(), "a figure must not add or remove lines");
    b.iter()
        .zip(&a)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i + 1, x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn funds_raised_change_their_sentence_and_the_percentage_of_target() {
    let changed = changed_lines(&["results.funds=2900"]);
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let (_, old, new) = &changed[0];
    // 2900 / 2947 = 98.4%, computed, not typed.
    let expected = old
        .replace("争取科技项目资金2780万元", "争取科技项目资金2900万元")
        .replace("2947万元的94.3%", "2947万元的98.4%");
    assert_eq!(new, &expected);
}

#[test]
fn a_target_changes_every_sentence_derived_from_it() {
    // The herb-planting target is stated in 2020's results (108.6% of it) and
    // underlies the 2021 plan's growth rate (55 over 50 is 10%).
    let changed = changed_lines(&["targets.herbs_area=44"]);
    assert_eq!(changed.len(), 2, "{changed:#?}");
    let results = &changed[0];
    assert_eq!(
        results.2,
        results
            .1
            .replace("目标任务50万亩的108.6%", "目标任务44万亩的123.4%")
    );
    let plan = &changed[1];
    assert_eq!(plan.2, plan.1.replace("较上年增长10%", "较上年增长25%"));
}

#[test]
fn a_figure_used_in_two_sections_changes_both() {
    // R&D intensity appears in section (四) and in the problems, where it also
    // drives "about one half of the provincial average".
    let changed = changed_lines(&["results.rd.intensity=0.32"]);
    assert_eq!(changed.len(), 2, "{changed:#?}");
    assert!(changed[0].2.contains("投入强度达0.32%"));
    assert!(changed[1]
        .2
        .contains("比重为0.32%，约为全省平均水平0.95%的三分之一"));
}

#[test]
fn org_region_and_year_are_data() {
    let text = common::sample_text(&[
        "year=2021",
        "org=双柏县科学技术局",
        "region.name=双柏县",
        "region.short=双柏",
        "region.level=县",
    ]);
    assert!(text.starts_with("双柏县科学技术局2021年科技创新工作情况及2022年工作要点\n"));
    assert!(text.contains("全县科技系统"));
    assert!(text.contains("县委、县政府"));
    assert!(!text.contains("全州"));
}
