//! `gongwen watch` builds, then builds again when the data or the template
//! changes, reports a broken file and keeps watching, and ends on SIGTERM
//! with whole outputs only. Every wait is bounded.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine; a failure says which wait timed out.
const BOUND: Duration = Duration::from_secs(30);

struct Watcher {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watcher {
    fn start(dir: &Path, args: &[&str]) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .env("LC_ALL", "C")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start gongwen watch");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watcher {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line of stderr containing `text`, after those already read.
    fn expect_line(&mut self, text: &str) -> String {
        let deadline = Instant::now() + BOUND;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        self.stop();
        panic!(
            "no line with {text:?} within {BOUND:?}; stderr:\n{}",
            self.seen.join("\n")
        );
    }

    fn stop(&mut self) -> Option<i32> {
        // SAFETY: a signal to the child this test started.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        let deadline = Instant::now() + BOUND;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                use std::os::unix::process::ExitStatusExt;
                return status.code().or(status.signal().map(|s| 128 + s));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The one text output in `out`.
fn output(out: &Path) -> (PathBuf, String) {
    let files = common::files_below(out);
    assert_eq!(files.len(), 1, "{files:?}");
    let path = out.join(&files[0]);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// Rewrites a file so that its new contents are noticed even where file times
/// are coarse: the length changes too.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn rebuilds_after_a_data_or_template_change_and_stops_on_sigterm() {
    let dir = common::scratch("watch");
    let o = common::gongwen(&dir, &["new", "proj"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let proj = dir.join("proj");
    let out = proj.join("out");
    let data = proj.join("report.yaml");
    let template = proj.join("templates/work-report.md.hbs");

    let mut w = Watcher::start(&proj, &["report.yaml", "--format", "txt"]);
    w.expect_line("built report.yaml -> ");
    w.expect_line("watching 3 files");
    let (path, first) = output(&out);
    assert!(first.contains("楚雄州科学技术局"), "{first}");

    // A figure in the data: the same document, rebuilt with it.
    assert!(first.contains("科技项目资金2780万元"), "{first}");
    edit(&data, "  funds: 2780", "  funds: 2913");
    w.expect_line("changed: report.yaml");
    w.expect_line("built report.yaml -> ");
    let (again, text) = output(&out);
    assert_eq!(again, path);
    assert_ne!(text, first);
    assert!(
        text.contains("科技项目资金2913万元"),
        "new figure not printed:\n{text}"
    );

    // The template: its wording changes.
    edit(&template, "\n---\n", "\n---\n\n监视测试新增的一段。\n");
    w.expect_line("changed: templates/work-report.md.hbs");
    w.expect_line("built report.yaml -> ");
    assert!(output(&out).1.contains("监视测试新增的一段。"));

    // Broken data: the error is shown, the last good output stays, watching goes on.
    let good = output(&out).1;
    edit(&data, "template:", "template: [");
    w.expect_line("changed: report.yaml");
    w.expect_line("error: ");
    w.expect_line("watching");
    assert_eq!(output(&out).1, good);
    edit(&data, "template: [", "template:");
    w.expect_line("built report.yaml -> ");

    assert_eq!(
        w.stop(),
        Some(128 + libc::SIGTERM),
        "stderr:\n{}",
        w.seen.join("\n")
    );
    // Only whole outputs: no temporary file left behind.
    assert_eq!(
        common::files_below(&out).len(),
        1,
        "{:?}",
        common::files_below(&out)
    );
}
