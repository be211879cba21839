//! `gongwen watch`: build, then build again whenever a data file, a file it
//! `extends`, or a template it uses changes — for someone editing a template
//! beside an open PDF viewer. Files are polled (their modification time and
//! length), which needs no watcher service and behaves the same everywhere;
//! each build writes whole documents or none, as `build` does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::batch::{self, Job};
use crate::i18n::tr;
use crate::pipeline::{Options, Pipeline};

/// How often the files are looked at: a change shows within a blink, and
/// a few `stat` calls this often cost nothing measurable.
const POLL: Duration = Duration::from_millis(200);

/// An editor may save in steps (truncate, write, rename): the build waits
/// until the files have stood still for one poll, but no longer than this.
const SETTLE_AT_MOST: Duration = Duration::from_secs(2);

/// What a file looked like: its modification time and length, or absent.
type Stamp = Option<(SystemTime, u64)>;

/// Every watched path's stamp, and a directory's entries.
type Snapshot = BTreeMap<PathBuf, (Stamp, Vec<PathBuf>)>;

/// Builds, then rebuilds on every change, until SIGINT or SIGTERM; returns the signal.
pub fn run(options: &Options, job: &Job) -> i32 {
    crate::interrupt::install();
    // Files a data file was last seen to depend on: kept while it fails to
    // load, so that fixing a broken base file is noticed too.
    let mut known: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    loop {
        // Looked at before the build reads them: an edit saved during the build starts the next one.
        let watched = watched_files(options, job, &mut known);
        let before = snapshot(&watched, job);
        build_once(options, job);
        if let Some(signal) = crate::interrupt::requested() {
            return signal;
        }
        eprintln!(
            "{}",
            tr(&format!(
                "watching {} file{} for changes (Ctrl-C to stop)",
                watched.len(),
                if watched.len() == 1 { "" } else { "s" }
            ))
        );
        let changed = match wait_for_change(&watched, &before, job) {
            Ok(changed) => changed,
            Err(signal) => return signal,
        };
        let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "{}",
            tr(&format!("changed: {}; building again", names.join(", ")))
        );
    }
}

/// One build of every input, reported as `build` reports it. A fresh
/// pipeline each time: it compiles templates once and keeps them.
fn build_once(options: &Options, job: &Job) {
    let pipeline = match Pipeline::new(options) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    match batch::build(&pipeline, job) {
        // Each document's result (built, or failed with its error) was printed as it was built.
        Ok(_) => {}
        Err(e) => eprintln!("{e}"),
    }
}

/// The data files, the files they extend, and the template files they are
/// rendered with (every file of a templates directory, and the directory
/// itself, so that a new template is noticed).
fn watched_files(
    options: &Options,
    job: &Job,
    known: &mut BTreeMap<PathBuf, BTreeSet<PathBuf>>,
) -> BTreeSet<PathBuf> {
    let mut watched = BTreeSet::new();
    // A directory of inputs is watched as a directory: a data file added to it is a change.
    for input in &job.inputs {
        watched.insert(input.clone());
    }
    if let Some(dir) = &options.templates {
        add_dir(dir, &mut watched);
    }
    let inputs = batch::expand_inputs(&job.inputs).unwrap_or_default();
    // Loading the data only to learn its files: no `--set`, which changes no file.
    let plain = Pipeline::new(&Options {
        sets: Vec::new(),
        sets_new: Vec::new(),
        ..options.clone()
    });
    for input in inputs {
        let deps = known.entry(input.clone()).or_default();
        deps.insert(input.clone());
        if let Some(data) = plain.as_ref().ok().and_then(|p| p.load(&input).ok()) {
            // Every file that set a key: the data file and the chain it extends.
            deps.extend(data.sources.entries.values().map(|(f, _)| f.clone()));
            if let Ok(source) = crate::project::template_source(&data, options.templates.as_deref())
            {
                if let Some(dir) = &source.dir {
                    add_dir(dir, deps);
                }
                deps.extend(source.file);
            }
        }
        watched.extend(deps.iter().cloned());
    }
    watched
}

fn add_dir(dir: &Path, into: &mut BTreeSet<PathBuf>) {
    into.insert(dir.to_path_buf());
    if let Ok(entries) = std::fs::read_dir(dir) {
        into.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
}

/// Every watched path's stamp; a directory's also lists its entries, so that
/// a file added or removed counts as a change even where directory times are coarse.
fn snapshot(watched: &BTreeSet<PathBuf>, job: &Job) -> Snapshot {
    // The output directory may lie in a watched input directory: what a build writes is no change.
    let out = job.out.canonicalize().ok();
    let is_output = |p: &Path| {
        out.as_ref()
            .is_some_and(|out| p.canonicalize().is_ok_and(|p| p.starts_with(out)))
    };
    watched
        .iter()
        .filter(|p| !is_output(p))
        .map(|p| {
            let meta = std::fs::metadata(p).ok();
            // A directory counts by its entries: its own time also moves when the output directory is made in it.
            let stamp = meta
                .as_ref()
                .filter(|m| !m.is_dir())
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            let mut entries = Vec::new();
            if meta.is_some_and(|m| m.is_dir()) {
                if let Ok(rd) = std::fs::read_dir(p) {
                    entries.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
                }
                entries.retain(|e| !is_output(e));
                entries.sort();
            }
            (p.clone(), (stamp, entries))
        })
        .collect()
}

/// Waits until a watched file changes and has settled; the files that
/// changed, or the signal that asked to stop.
fn wait_for_change(
    watched: &BTreeSet<PathBuf>,
    before: &Snapshot,
    job: &Job,
) -> Result<Vec<PathBuf>, i32> {
    let mut now = loop {
        let now = snapshot(watched, job);
        if now != *before {
            break now;
        }
        std::thread::sleep(POLL);
        if let Some(signal) = crate::interrupt::requested() {
            return Err(signal);
        }
    };
    let started = SystemTime::now();
    loop {
        std::thread::sleep(POLL);
        if let Some(signal) = crate::interrupt::requested() {
            return Err(signal);
        }
        let later = snapshot(watched, job);
        let waited = started.elapsed().unwrap_or(SETTLE_AT_MOST);
        if later == now || waited >= SETTLE_AT_MOST {
            now = later;
            break;
        }
        now = later;
    }
    Ok(now
        .iter()
        .filter(|(p, s)| before.get(*p) != Some(s))
        .map(|(p, _)| p.clone())
        .collect())
}
