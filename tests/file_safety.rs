//! Files that are not what they should be: special or huge inputs are refused
//! at once with the file named (never a hang), outputs are written only over
//! regular files, and a failed build loses nothing.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The input limit the README documents.
const LIMIT: u64 = 16 * 1024 * 1024;

/// Runs gongwen in `cwd`, failing the test (not hanging it) after 60 s.
fn run(cwd: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gongwen");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gongwen {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

/// A file of `len` bytes that takes no disk space.
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A data file that extends the shipped sample.
fn overlay(dir: &Path, name: &str, extra: &str) -> PathBuf {
    let base = common::root().join("data/chuxiong-2020.yaml");
    let p = dir.join(name);
    write(&p, &format!("extends: {}\n{extra}", base.display()));
    p
}

struct BadInput {
    name: &'static str,
    /// Sets up the case in its directory; returns the build's extra arguments
    /// and the file the error must name.
    setup: fn(&Path) -> (Vec<String>, PathBuf),
    /// What the message must say.
    says: &'static str,
}

fn data_arg(p: PathBuf) -> (Vec<String>, PathBuf) {
    (vec![p.display().to_string()], p)
}

const BAD_INPUTS: &[BadInput] = &[
    BadInput {
        name: "fifo-data",
        setup: |d| {
            let p = d.join("data.yaml");
            mkfifo(&p);
            data_arg(p)
        },
        says: "is a named pipe (FIFO), not a regular file",
    },
    BadInput {
        name: "fifo-extends",
        setup: |d| {
            mkfifo(&d.join("base.yaml"));
            let p = d.join("data.yaml");
            write(&p, "extends: base.yaml\norg: 局\n");
            let (args, _) = data_arg(p);
            (args, d.join("base.yaml"))
        },
        says: "is a named pipe (FIFO), not a regular file",
    },
    BadInput {
        name: "fifo-template",
        setup: |d| {
            let t = d.join("templates");
            std::fs::create_dir_all(&t).unwrap();
            mkfifo(&t.join("work-report.md.hbs"));
            (
                vec!["--templates".into(), t.display().to_string()],
                t.join("work-report.md.hbs"),
            )
        },
        says: "is a named pipe (FIFO), not a regular file",
    },
    BadInput {
        name: "extends-dev-zero",
        setup: |d| {
            let p = d.join("data.yaml");
            write(&p, "extends: /dev/zero\n");
            (data_arg(p).0, PathBuf::from("/dev/zero"))
        },
        says: "is a device, not a regular file",
    },
    BadInput {
        name: "device-data",
        setup: |_| data_arg(PathBuf::from("/dev/null")),
        says: "is a device, not a regular file",
    },
    BadInput {
        name: "extends-directory",
        setup: |d| {
            std::fs::create_dir_all(d.join("base")).unwrap();
            let p = d.join("data.yaml");
            write(&p, "extends: base\n");
            (data_arg(p).0, d.join("base"))
        },
        says: "is a directory, not a regular file",
    },
    BadInput {
        name: "template-directory",
        setup: |d| {
            let t = d.join("templates");
            std::fs::create_dir_all(t.join("work-report.md.hbs")).unwrap();
            (
                vec!["--templates".into(), t.display().to_string()],
                t.join("work-report.md.hbs"),
            )
        },
        says: "is a directory, not a regular file",
    },
    BadInput {
        name: "huge-data",
        setup: |d| {
            let p = d.join("data.yaml");
            sparse(&p, LIMIT + 1);
            data_arg(p)
        },
        says: "is larger than 16 MiB",
    },
    BadInput {
        name: "huge-extends",
        setup: |d| {
            sparse(&d.join("base.yaml"), LIMIT + 1);
            let p = d.join("data.yaml");
            write(&p, "extends: base.yaml\n");
            (data_arg(p).0, d.join("base.yaml"))
        },
        says: "is larger than 16 MiB",
    },
    BadInput {
        name: "huge-template",
        setup: |d| {
            let t = d.join("templates");
            std::fs::create_dir_all(&t).unwrap();
            sparse(&t.join("work-report.md.hbs"), 4 * LIMIT);
            (
                vec!["--templates".into(), t.display().to_string()],
                t.join("work-report.md.hbs"),
            )
        },
        says: "is larger than 16 MiB",
    },
];

#[test]
fn special_and_huge_inputs_are_refused_at_once_with_the_file_named() {
    for case in BAD_INPUTS {
        let dir = common::scratch(&format!("bad-input-{}", case.name));
        let out = dir.join("out");
        let (mut args, file) = (case.setup)(&dir);
        args.splice(0..0, ["build".to_string()]);
        args.extend(["--format", "txt", "--out"].map(String::from));
        args.push(out.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&dir, &args);
        let err = common::stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {err}", case.name);
        assert!(err.contains("error: "), "{}: {err}", case.name);
        assert!(err.contains(case.says), "{}: {err}", case.name);
        assert!(
            err.contains(&file.display().to_string()),
            "{}: the message does not name {}\n{err}",
            case.name,
            file.display()
        );
        assert!(!err.contains("panicked"), "{}: {err}", case.name);
        assert!(
            common::files_below(&out).is_empty(),
            "{}: wrote {:?}",
            case.name,
            common::files_below(&out)
        );
    }
}

/// The sample's output name.
const STEM: &str = "楚雄州科学技术局2020年科技创新工作情况及2021年工作要点";

#[test]
fn build_writes_over_no_fifo_device_link_or_directory() {
    for (kind, make) in [
        ("a named pipe (FIFO)", (|p: &Path| mkfifo(p)) as fn(&Path)),
        ("a directory", |p: &Path| std::fs::create_dir(p).unwrap()),
        ("a symbolic link", |p: &Path| {
            std::os::unix::fs::symlink("/dev/null", p).unwrap()
        }),
    ] {
        let dir = common::scratch("special-output");
        let out = dir.join("out");
        std::fs::create_dir_all(&out).unwrap();
        // The txt output is an ordinary old file; the docx is the special one.
        let txt = out.join(format!("{STEM}.txt"));
        std::fs::write(&txt, "old").unwrap();
        let docx = out.join(format!("{STEM}.docx"));
        make(&docx);
        let o = run(
            &dir,
            &[
                "build",
                "--format",
                "txt,docx",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let err = common::stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{kind}: {err}");
        assert!(
            err.contains(&format!("will not write over {}", docx.display())) && err.contains(kind),
            "{kind}: {err}"
        );
        // Whole or nothing: the txt stays old too.
        assert_eq!(std::fs::read_to_string(&txt).unwrap(), "old", "{kind}");
        assert!(std::fs::symlink_metadata(&docx).is_ok(), "{kind}: removed");
        assert_eq!(std::fs::metadata("/dev/null").unwrap().len(), 0);
    }
}

#[test]
fn draft_force_replaces_only_a_regular_file() {
    let dir = common::scratch("draft-special");
    let data = common::root().join("data/chuxiong-2020.yaml");
    let fifo = dir.join("fifo.yaml");
    mkfifo(&fifo);
    std::fs::create_dir(dir.join("folder.yaml")).unwrap();
    for target in [
        PathBuf::from("/dev/full"),
        PathBuf::from("/dev/null"),
        fifo.clone(),
        dir.join("folder.yaml"),
    ] {
        let o = run(
            &dir,
            &[
                "draft",
                data.to_str().unwrap(),
                "--out",
                target.to_str().unwrap(),
                "--force",
            ],
        );
        let err = common::stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {err}", target.display());
        assert!(
            err.contains(&format!("will not write over {}", target.display())),
            "{err}"
        );
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    assert!(dir.join("folder.yaml").is_dir());
    // A regular file is replaced, whole.
    let file = dir.join("next.yaml");
    std::fs::write(&file, "old").unwrap();
    let o = run(
        &dir,
        &[
            "draft",
            data.to_str().unwrap(),
            "--out",
            file.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("year: 2021"));
    let names: Vec<_> = common::files_below(&dir);
    assert!(
        names
            .iter()
            .all(|n| !n.to_string_lossy().contains(".gongwen-")),
        "{names:?}"
    );
}

/// Runs gongwen as an unprivileged user when the tests run as root (who may
/// write anywhere), so permissions mean what they mean for a clerk.
fn run_unprivileged(cwd: &Path, args: &[&str]) -> Output {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        return run(cwd, args);
    }
    // A copy beside the case: the build tree may sit where the user cannot go (/root).
    let copy = cwd.join("gongwen-unprivileged");
    std::fs::copy(env!("CARGO_BIN_EXE_gongwen"), &copy).expect("copy the binary");
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = copy.to_str().unwrap();
    let mut full = vec![
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
        bin,
    ];
    full.extend(args);
    // A test thread forking while the copy was open for writing holds that
    // descriptor until its child execs, and exec of the copy then fails with
    // "Text file busy" (ETXTBSY): try again once that child has moved on.
    for _ in 0..50 {
        let out = Command::new("setpriv")
            .env("LC_ALL", "C")
            .args(&full)
            .current_dir(cwd)
            .stdin(Stdio::null())
            .output()
            .expect("setpriv (util-linux) runs the build as nobody when the tests run as root");
        if !(out.status.code() == Some(126)
            && String::from_utf8_lossy(&out.stderr).contains("Text file busy"))
        {
            // The copy is as large as a debug build: each run would leave one in the temp directory.
            let _ = std::fs::remove_file(&copy);
            return out;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{bin} stayed busy (ETXTBSY) for 5 s");
}

/// Gives `path` (and everything below it) to the unprivileged user when running as root.
fn hand_over(path: &Path) {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return;
    }
    let ok = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(path)
        .status()
        .expect("chown");
    assert!(ok.success());
}

#[test]
fn a_read_only_output_directory_is_a_clear_error_and_loses_nothing() {
    let dir = common::scratch("read-only-out");
    // The sample is built by the unprivileged user: it must be able to read it.
    let data = dir.join("data.yaml");
    std::fs::copy(common::root().join("data/chuxiong-2020.yaml"), &data).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let txt = out.join(format!("{STEM}.txt"));
    std::fs::write(&txt, "old").unwrap();
    hand_over(&dir);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let o = run_unprivileged(
        &dir,
        &["build", "data.yaml", "--format", "txt,docx", "--out", "out"],
    );
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error: cannot write"), "{err}");
    assert!(err.contains("Permission denied"), "{err}");
    assert!(
        err.contains("hint: the output directory is not writable"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), "old");
    assert_eq!(
        common::files_below(&out),
        vec![PathBuf::from(format!("{STEM}.txt"))]
    );
}

#[test]
fn a_failed_build_keeps_an_old_output_it_cannot_read() {
    let dir = common::scratch("unreadable-old");
    let data = dir.join("data.yaml");
    std::fs::copy(common::root().join("data/chuxiong-2020.yaml"), &data).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    // An old DOCX nobody may read, and a txt the build cannot replace.
    let docx = out.join(format!("{STEM}.docx"));
    std::fs::write(&docx, "old docx").unwrap();
    std::fs::create_dir(out.join(format!("{STEM}.txt"))).unwrap();
    std::fs::write(out.join(format!("{STEM}.txt")).join("keep"), "x").unwrap();
    hand_over(&dir);
    std::fs::set_permissions(&docx, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = run_unprivileged(
        &dir,
        &["build", "data.yaml", "--format", "txt,docx", "--out", "out"],
    );
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    std::fs::set_permissions(&docx, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(std::fs::read_to_string(&docx).unwrap(), "old docx", "{err}");
    let leftovers: Vec<_> = common::files_below(&out)
        .into_iter()
        .filter(|f| f.to_string_lossy().contains(".gongwen-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_missing_output_directory_is_made_and_an_unwritable_path_is_named() {
    let dir = common::scratch("missing-out");
    let data = overlay(&dir, "data.yaml", "");
    let out = dir.join("a/b/c");
    let o = run(
        &dir,
        &[
            "build",
            data.to_str().unwrap(),
            "--format",
            "txt",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(common::files_below(&out).len(), 1);
    // Under a device there is no directory to make.
    let o = run(
        &dir,
        &[
            "build",
            data.to_str().unwrap(),
            "--format",
            "txt",
            "--out",
            "/dev/null/out",
        ],
    );
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: cannot create output directory /dev/null/out"),
        "{err}"
    );
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_old_outputs_stay() {
    // A 256 KiB file system of our own: a user and mount namespace needs no privileges.
    if !Command::new("unshare")
        .args(["-rm", "true"])
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("skipped: this machine allows no user namespaces (unshare -rm)");
        return;
    }
    let dir = common::scratch("full-disk");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let bin = env!("CARGO_BIN_EXE_gongwen");
    let script = format!(
        "mount -t tmpfs -o size=256k none out || exit 90
         {bin} build --format txt --out out 2>/dev/null || exit 91
         sha256sum out/*.txt > before
         dd if=/dev/zero of=out/filler bs=4k 2>/dev/null
         {bin} build --format txt,docx --set results.funds=9999 --out out 2> err
         echo $? > status
         sha256sum out/*.txt > after
         ls -A out > listing"
    );
    let o = Command::new("unshare")
        .env("LC_ALL", "C")
        .args(["-rm", "sh", "-c", &script])
        .current_dir(&dir)
        .output()
        .expect("unshare");
    assert!(o.status.success(), "{o:?}");
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    let err = read("err");
    assert_eq!(read("status").trim(), "1", "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("hint: the disk is full"), "{err}");
    assert!(
        err.contains(&format!("error: cannot write out/{STEM}")),
        "{err}"
    );
    assert_eq!(read("before"), read("after"), "the old txt changed");
    assert_eq!(read("listing"), format!("filler\n{STEM}.txt\n"));
}

#[test]
fn a_directory_link_loop_in_the_inputs_is_not_followed() {
    let dir = common::scratch("link-loop");
    let input = dir.join("in");
    overlay(&input, "a.yaml", "name: a\n");
    std::os::unix::fs::symlink("..", input.join("loop")).unwrap();
    let o = run(&dir, &["build", "in", "--format", "txt", "--out", "out"]);
    let err = common::stderr(&o);
    assert!(o.status.success(), "{err}");
    // One document, built once (not once per trip round the loop).
    assert_eq!(err.matches("built in/").count(), 1, "{err}");
    assert_eq!(
        common::files_below(&dir.join("out")),
        vec![PathBuf::from("a.txt")]
    );
}
