//! The replacement protocol and the tidying up after killed runs.

use super::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-replace-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The id of a process that has ended.
fn dead_id() -> String {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    format!("{pid}-0")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn all_files_are_replaced_and_nothing_is_left_over() {
    let dir = scratch("replace");
    std::fs::write(dir.join("a.docx"), "old").unwrap();
    let files = vec![
        (dir.join("a.docx"), b"new docx".to_vec()),
        (dir.join("a.pdf"), b"new pdf".to_vec()),
    ];
    replace_together(&files).unwrap();
    assert_eq!(read(&dir.join("a.docx")), "new docx");
    assert_eq!(read(&dir.join("a.pdf")), "new pdf");
    assert_eq!(listing(&dir), ["a.docx", "a.pdf"]);
}

#[test]
fn a_run_killed_after_its_marker_is_finished_by_the_next() {
    let dir = scratch("forward");
    let id = dead_id();
    // Killed after renaming the docx, before the pdf: a new docx next to an old pdf.
    std::fs::write(dir.join("a.docx"), "new docx").unwrap();
    std::fs::write(temp_path(&dir, &id, 0, "old"), "old docx").unwrap();
    std::fs::write(dir.join("a.pdf"), "old pdf").unwrap();
    std::fs::write(temp_path(&dir, &id, 1, "new"), "new pdf").unwrap();
    std::fs::write(marker_path(&dir, &id), "0\ta.docx\n1\ta.pdf\n").unwrap();
    let r = recover_dir(&dir).unwrap();
    assert_eq!(r.finished, 1);
    assert_eq!(read(&dir.join("a.docx")), "new docx");
    assert_eq!(read(&dir.join("a.pdf")), "new pdf");
    assert_eq!(listing(&dir), ["a.docx", "a.pdf"]);
}

#[test]
fn a_run_killed_before_its_marker_leaves_the_old_files() {
    let dir = scratch("back");
    let id = dead_id();
    std::fs::write(dir.join("a.docx"), "old docx").unwrap();
    std::fs::write(temp_path(&dir, &id, 0, "new"), "new docx").unwrap();
    std::fs::write(dir.join(format!("{TEMP_PREFIX}{id}.commit.new")), "0\ta.d").unwrap();
    let r = recover_dir(&dir).unwrap();
    assert_eq!(
        r,
        Recovered {
            finished: 0,
            removed: 2
        }
    );
    assert_eq!(listing(&dir), ["a.docx"]);
    assert_eq!(read(&dir.join("a.docx")), "old docx");
}

#[test]
fn leftovers_of_earlier_versions_are_removed_when_their_process_is_gone() {
    let dir = scratch("legacy");
    let pid = dead_id().split('-').next().unwrap().to_string();
    let live = std::os::unix::process::parent_id();
    let gone = format!(".报告.docx.{pid}.tmp");
    let kept = [
        format!(".报告.docx.{live}.tmp"),
        format!(".notes.{pid}.tmp"),
        format!("报告.pdf.{pid}.tmp"),
    ];
    std::fs::write(dir.join(&gone), "x").unwrap();
    for n in &kept {
        std::fs::write(dir.join(n), "x").unwrap();
    }
    assert_eq!(recover_dir(&dir).unwrap().removed, 1);
    let mut expected = kept.to_vec();
    expected.sort();
    assert_eq!(listing(&dir), expected);
}

#[test]
fn files_of_a_running_process_and_other_names_are_left_alone() {
    let dir = scratch("alive");
    // The parent process (the test runner) is alive.
    let live = format!("{}-3", std::os::unix::process::parent_id());
    let names = [
        format!("{TEMP_PREFIX}{live}.0.new"),
        format!("{TEMP_PREFIX}{live}.commit"),
        ".gongwen-notes.txt".to_string(),
        ".gongwen-1-2.3.new.bak".to_string(),
    ];
    for n in &names {
        std::fs::write(dir.join(n), "x").unwrap();
    }
    assert_eq!(recover_dir(&dir).unwrap(), Recovered::default());
    assert_eq!(listing(&dir).len(), names.len());
}

#[test]
fn a_failed_replacement_puts_back_even_an_unreadable_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    let old = dir.join("a.docx");
    std::fs::write(&old, "old docx").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(dir.join("a.pdf"), "old pdf").unwrap();
    // The third target (the txt) cannot be put in place.
    FAIL_AT.with(|f| f.set(Some(2)));
    let e = replace_together(&[
        (old.clone(), b"new".to_vec()),
        (dir.join("a.pdf"), b"new pdf".to_vec()),
        (dir.join("a.txt"), b"new txt".to_vec()),
    ]);
    FAIL_AT.with(|f| f.set(None));
    assert!(e.is_err());
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(read(&old), "old docx");
    assert_eq!(read(&dir.join("a.pdf")), "old pdf");
    assert_eq!(listing(&dir), ["a.docx", "a.pdf"]);
}

#[test]
fn an_old_file_that_cannot_be_put_back_is_kept_under_a_name_no_tidying_removes() {
    let dir = scratch("stranded");
    std::fs::write(dir.join("a.docx"), "old docx").unwrap();
    FAIL_AT.with(|f| f.set(Some(1)));
    FAIL_PUT_BACK.with(|f| f.set(true));
    let e = replace_together(&[
        (dir.join("a.docx"), b"new docx".to_vec()),
        (dir.join("a.pdf"), b"new pdf".to_vec()),
    ]);
    FAIL_AT.with(|f| f.set(None));
    FAIL_PUT_BACK.with(|f| f.set(false));
    let e = e.unwrap_err().to_string();
    assert!(e.contains("a.docx.previous"), "{e}");
    assert_eq!(read(&dir.join("a.docx.previous")), "old docx");
    // A later run's tidying up leaves it alone.
    recover_dir(&dir).unwrap();
    assert_eq!(listing(&dir), ["a.docx", "a.docx.previous"]);
}
