//! Building many documents: inputs expanded, documents built in parallel
//! against one shared pipeline, outputs written whole or not at all.
//! This and the CLI are the only layers that touch the file system.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::data::Data;
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{Document, Form};
use crate::output::{recover_dir, replace_together, safe_stem};
use crate::pipeline::{form_key, Format, Pipeline};
use crate::replace::Recovered;
use crate::workers::{par_map, Outcome};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Job {
    pub inputs: Vec<PathBuf>,
    pub formats: Vec<Format>,
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Refuse documents that still hold placeholders.
    pub strict: bool,
    /// Report each document on stderr (a bar on a terminal) as it is built.
    pub progress: bool,
    /// Which copies of each document to build.
    pub forms: Forms,
}

/// Which copies a build makes of each document (`--form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Forms {
    /// The form each document's front matter gives.
    #[default]
    AsWritten,
    /// Every document in this form, whatever its front matter says.
    Only(Form),
    /// The printed 公文 and the disclosure copy of every document; the
    /// disclosure copy's files end in [`DISCLOSURE_SUFFIX`].
    Both,
}

/// Ends the names of the disclosure copy's files when a build makes both
/// forms (`报告.pdf` and `报告-公开.pdf`): 公开 is what the copy is for.
pub const DISCLOSURE_SUFFIX: &str = "-公开";

impl Forms {
    /// `printed`, `disclosure` or `both`.
    pub fn parse(s: &str) -> Result<Forms> {
        match s.trim() {
            "both" => Ok(Forms::Both),
            s => [Form::Printed, Form::Disclosure]
                .into_iter()
                .find(|f| form_key(*f) == s)
                .map(Forms::Only)
                .ok_or_else(|| {
                    Error::new(format!("unknown form `{s}`"))
                        .hint("forms: printed, disclosure, both")
                }),
        }
    }

    /// Each copy to build: the form it is built in (`None`: as written) and
    /// what ends the names of its files.
    pub fn copies(self) -> Vec<(Option<Form>, &'static str)> {
        match self {
            Forms::AsWritten => vec![(None, "")],
            Forms::Only(form) => vec![(Some(form), "")],
            Forms::Both => vec![
                (Some(Form::Printed), ""),
                (Some(Form::Disclosure), DISCLOSURE_SUFFIX),
            ],
        }
    }
}

/// One copy of a document, ready to write: the document in its form and the
/// stem of its files' names.
type Named = (Document, String);

#[derive(Debug, Default)]
pub struct Summary {
    /// (input, files written) for each document built, in input order.
    pub built: Vec<(PathBuf, Vec<PathBuf>)>,
    /// (input, error) for each document that failed, in input order.
    pub failed: Vec<(PathBuf, Error)>,
    /// Inputs not built because a signal asked the run to stop, in input order.
    pub not_run: Vec<PathBuf>,
    /// The signal (SIGINT, SIGTERM) that stopped the run.
    pub interrupted: Option<i32>,
    /// What an earlier, killed run had left in the output directory.
    pub recovered: Recovered,
    /// How many distinct values each document leaves to fill in (【待填:…】).
    pub placeholders: BTreeMap<PathBuf, usize>,
    pub elapsed: Duration,
}

/// Expands directories into the data files below them (`*.yaml`, `*.yml`),
/// recursively and in sorted order; files named directly are kept as given.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            found.sort();
            if found.is_empty() {
                return Err(Error::new(format!(
                    "{} holds no data files (*.yaml)",
                    input.display()
                )));
            }
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("read directory", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read directory", dir, e))?;
        let path = entry.path();
        // Linked directories are not followed: a link to a parent would loop.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Reports progress: a bar on a terminal, one line per document otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
}

impl Progress {
    fn new(total: usize, on: bool) -> Progress {
        if !on {
            return Progress {
                bar: None,
                quiet: true,
            };
        }
        let bar = (std::io::stderr().is_terminal() && total > 1).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar, quiet: false }
    }

    fn line(&self, msg: String) {
        match &self.bar {
            Some(bar) => {
                bar.println(msg);
                bar.inc(1);
            }
            None if self.quiet => {}
            None => eprintln!("{msg}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Builds every input. One bad input is reported and skipped; the rest are built.
/// An error here is one of the whole run (no inputs, no output directory).
pub fn build(pipeline: &Pipeline, job: &Job) -> Result<Summary> {
    let start = Instant::now();
    let mut summary = Summary::default();
    let inputs = expand_inputs(&job.inputs)?;
    std::fs::create_dir_all(&job.out)
        .map_err(|e| Error::io("create output directory", &job.out, e))?;
    let threads = if job.threads == 0 {
        default_threads()
    } else {
        job.threads
    };

    // A killed earlier run's leftovers: finished or removed before anything new is written.
    summary.recovered = recover_dir(&job.out)?;

    // Phase 1: documents, so that output names are known before anything is written.
    let copies = job.forms.copies();
    let docs = par_map(&inputs, threads, stop_requested, |path| {
        let data = pipeline.load(path)?;
        let mut built = Vec::with_capacity(copies.len());
        let mut open = std::collections::BTreeSet::new();
        for &(form, suffix) in &copies {
            let doc = pipeline.document_as(&data, form)?;
            if job.strict {
                refuse_placeholders(&data, &doc)?;
            }
            open.extend(placeholders(&data, &doc).into_iter().map(|(p, _)| p));
            built.push((doc, suffix));
        }
        Ok::<_, Error>((built, open.len()))
    });

    // Phase 2: names, claimed in input order so a clash is reported the same way every run.
    let mut claimed: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut planned: Vec<(PathBuf, Result<Vec<Named>>)> = Vec::new();
    for (path, doc) in inputs.iter().zip(docs) {
        let Some(doc) = settled(doc) else {
            summary.not_run.push(path.clone());
            continue;
        };
        let named = doc.and_then(|(copies, open)| {
            summary.placeholders.insert(path.clone(), open);
            let mut named = Vec::with_capacity(copies.len());
            for (doc, suffix) in copies {
                let stem = safe_stem(doc.meta.name.as_deref().unwrap_or(&doc.meta.title));
                let stem = format!("{stem}{suffix}");
                if let Some(first) = claimed.get(&stem) {
                    return Err(Error::new(format!(
                        "its output name `{stem}` is already taken by {}",
                        first.display()
                    ))
                    .hint("give one of them a distinct `name:`"));
                }
                named.push((doc, stem));
            }
            // Claimed only once every copy has its name: a refused input takes none.
            for (_, stem) in &named {
                claimed.insert(stem.clone(), path.clone());
            }
            Ok(named)
        });
        planned.push((path.clone(), named));
    }

    // Phase 3: bytes for every format, then all files of a document written together.
    let progress = Progress::new(planned.len(), job.progress);
    let results = par_map(&planned, threads, stop_requested, |(path, named)| {
        let result = match named {
            Err(e) => Err(e.clone()),
            Ok(copies) => match write_document(pipeline, copies, job) {
                Some(r) => r,
                None => return None,
            },
        };
        match &result {
            Ok((files, warnings)) => {
                let list: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                let mut msg = tr(&format!("built {} -> {}", path.display(), list.join(", ")));
                for w in warnings {
                    msg.push_str(&tr(&format!("\nwarning: {w}\n  --> {}", path.display())));
                }
                progress.line(msg);
            }
            Err(e) => progress.line(tr(&format!("failed {}\n{e}", path.display()))),
        }
        Some(result.map(|(files, _)| files))
    });
    progress.finish();
    for ((path, _), r) in planned.into_iter().zip(results) {
        let r = match r {
            Outcome::Done(r) => r,
            Outcome::Panicked(m) => {
                // The worker never reached its own report line.
                let e = internal_error(&m);
                if job.progress {
                    eprintln!("{}", tr(&format!("failed {}\n{e}", path.display())));
                }
                Some(Err(e))
            }
            Outcome::NotRun => None,
        };
        match r {
            Some(Ok(files)) => summary.built.push((path, files)),
            Some(Err(e)) => summary.failed.push((path, e)),
            None => summary.not_run.push(path),
        }
    }
    summary.not_run.sort();
    summary.interrupted = crate::interrupt::requested();
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn stop_requested() -> bool {
    crate::interrupt::requested().is_some()
}

/// A worker's outcome as a document's result; `None` when it was not run.
fn settled<T>(o: Outcome<Result<T>>) -> Option<Result<T>> {
    match o {
        Outcome::Done(r) => Some(r),
        Outcome::Panicked(m) => Some(Err(internal_error(&m))),
        Outcome::NotRun => None,
    }
}

fn internal_error(message: &str) -> Error {
    Error::new(format!("internal error while building this document: {message}"))
        .hint("this is a bug in gongwen; the other documents were built. Please report it with this input")
}

/// Renders every format of every copy first and writes only when all
/// succeeded, all together (a printed copy is never left beside an old
/// disclosure copy); returns the files written and the writers' warnings, or
/// `None` when a stop was asked for before anything was written.
fn write_document(
    pipeline: &Pipeline,
    copies: &[Named],
    job: &Job,
) -> Option<Result<(Vec<PathBuf>, Vec<String>)>> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for (doc, stem) in copies {
        match render_formats(pipeline, doc, stem, job) {
            Ok((f, w)) => {
                files.extend(f);
                // Both copies share their body: a warning about it is said once.
                for w in w {
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                }
            }
            Err(_) if stop_requested() => return None,
            Err(e) => return Some(Err(e)),
        }
        if stop_requested() {
            return None;
        }
    }
    Some(replace_together(&files).map(|()| (files.into_iter().map(|(p, _)| p).collect(), warnings)))
}

/// Every format's bytes with the path it goes to.
#[allow(clippy::type_complexity)]
fn render_formats(
    pipeline: &Pipeline,
    doc: &Document,
    stem: &str,
    job: &Job,
) -> Result<(Vec<(PathBuf, Vec<u8>)>, Vec<String>)> {
    let (all, warnings) = pipeline.write_formats(doc, &job.formats)?;
    let files = job
        .formats
        .iter()
        .zip(all)
        .map(|(format, bytes)| {
            (
                job.out.join(format!("{stem}.{}", format.extension())),
                bytes,
            )
        })
        .collect();
    Ok((files, warnings))
}

/// Every placeholder of a document with the file and line that left it null.
pub fn placeholders(data: &Data, doc: &Document) -> Vec<(String, Option<(PathBuf, usize)>)> {
    let mut seen = std::collections::BTreeSet::new();
    doc.placeholders()
        .into_iter()
        .filter(|p| seen.insert(p.to_string()))
        .map(|p| {
            let at = data.sources.locate(p).map(|(f, l)| (f.to_path_buf(), l));
            (p.to_string(), at)
        })
        .collect()
}

fn refuse_placeholders(data: &Data, doc: &Document) -> Result<()> {
    let found = placeholders(data, doc);
    if found.is_empty() {
        return Ok(());
    }
    const SHOWN: usize = 10;
    let mut list: Vec<String> = found
        .iter()
        .take(SHOWN)
        .map(|(p, at)| match at {
            Some((f, l)) => format!("{p} ({}:{l})", f.display()),
            None => p.clone(),
        })
        .collect();
    if found.len() > SHOWN {
        list.push(format!(
            "and {} more (`gongwen check` lists them all)",
            found.len() - SHOWN
        ));
    }
    let mut e = Error::new(format!(
        "--strict: {} value{} still to fill in: {}",
        found.len(),
        if found.len() == 1 { "" } else { "s" },
        list.join(", ")
    ))
    .hint("fill them in the data, or build without --strict to see them marked 【待填:…】");
    if let Some((_, Some((f, l)))) = found.first() {
        e = e.at(f, *l, None);
    }
    Err(e)
}
