//! The command line: argument parsing and dispatch only; the work is in the
//! pipeline and batch modules.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::i18n::tr;

use crate::batch::{self, Job};
use crate::error::{Error, Result};
use crate::pipeline::{Format, Options, Pipeline, SAMPLE_PATH};

#[derive(Parser)]
#[command(
    name = "gongwen",
    version,
    about = "Chinese official reports (公文) from data: DOCX and PDF per GB/T 9704-2012"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build documents from data files or directories of them (default: the sample report).
    Build(BuildArgs),
    /// Check data and templates without writing; list values still to fill in.
    Check(CheckArgs),
    /// Write next year's data skeleton from this year's data file.
    Draft(DraftArgs),
    /// Show which font serves each role, and why.
    Fonts(FontsArgs),
    /// Create a project directory that builds at once: data, its template, a README.
    New(NewArgs),
    /// Turn last year's document (DOCX, or a disclosure page's text or HTML) into a template and data.
    Import(ImportArgs),
    /// Build, then build again whenever the data, a file it extends or a template it uses changes (Ctrl-C stops).
    Watch(BuildArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The document: .docx, .html, or .txt copied from the disclosure page.
    file: PathBuf,
    /// The project directory to write NAME.yaml and templates/NAME.md.hbs into.
    #[arg(long, default_value = ".")]
    out: PathBuf,
    /// The name of the template and data file (default: the document's file name).
    #[arg(long)]
    name: Option<String>,
    /// Replace the files if they exist.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct NewArgs {
    /// The directory to create (it must not exist, or be empty).
    dir: PathBuf,
}

#[derive(Args)]
struct FontsArgs {
    /// A directory of fonts to consider besides the installed and shipped ones.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
}

#[derive(Args)]
struct DraftArgs {
    /// This year's data file.
    file: PathBuf,
    /// Where to write (default: the same name with the year moved on).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct Inputs {
    /// Data files, or directories searched recursively for *.yaml
    /// (default: the *.yaml in the current directory, else the sample report).
    inputs: Vec<PathBuf>,
    /// Override a data key: --set results.funds=2900 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Add a data key the file does not have: --set-new results.extra=1 (repeatable).
    #[arg(long = "set-new", value_name = "KEY=VALUE")]
    sets_new: Vec<String>,
    /// A directory of NAME.md.hbs templates overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// A directory of fonts to use besides the installed and shipped ones (repeatable).
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Output formats, comma-separated: docx, pdf, txt, ofd [default: docx,pdf].
    #[arg(long, value_delimiter = ',')]
    format: Vec<String>,
    /// Output directory.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Refuse to build documents with values still to fill in.
    #[arg(long)]
    strict: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// The copy to build: printed (the 公文 with its head and 版记), disclosure
    /// (the copy with the index block) or both (the disclosure copy's files
    /// end in -公开) [default: the form each front matter gives].
    #[arg(long, value_name = "FORM", value_parser = ["printed", "disclosure", "both"])]
    form: Option<String>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Accepted for older scripts: check now always fails while anything needs attention.
    #[arg(long, hide = true)]
    strict: bool,
    /// How to list the findings: text (one a line) or json.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
    /// The copies to review: printed, disclosure, or both (what only one of
    /// them shows, a 文号 or a 抄送, is reviewed too).
    #[arg(long, value_name = "FORM", default_value = "both", value_parser = ["printed", "disclosure", "both"])]
    form: String,
}

/// The command line's description, for its help in every language.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Runs the command line; the return value is the process's exit code.
pub fn main() -> ExitCode {
    crate::i18n::use_locale_from_env();
    let cli = match crate::i18n::help::parse::<Cli>() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // Deeply nested (but legal) inputs recurse deeply: give the work a deep stack.
    crate::workers::with_deep_stack(|| run(cli))
}

fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Draft(args) => draft(args),
        Command::Fonts(args) => fonts(args),
        Command::New(args) => new_project(args),
        Command::Import(args) => import(args),
        Command::Watch(args) => watch(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn pipeline(inputs: &Inputs) -> Result<Pipeline> {
    Pipeline::new(&options(inputs))
}

fn options(inputs: &Inputs) -> Options {
    Options {
        templates: inputs.templates.clone(),
        sets: inputs.sets.clone(),
        sets_new: inputs.sets_new.clone(),
        font_dirs: inputs.font_dirs.clone(),
    }
}

/// The inputs named, or with none, the project's data files in the current
/// directory (what `gongwen new` makes), or failing those the sample.
fn input_paths(inputs: &Inputs) -> Vec<PathBuf> {
    if !inputs.inputs.is_empty() {
        return inputs.inputs.clone();
    }
    let mut here: Vec<PathBuf> = std::fs::read_dir(".")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| PathBuf::from(e.file_name()))
        .filter(|p| {
            let hidden = p.to_str().is_some_and(|n| n.starts_with('.'));
            !hidden && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    here.sort();
    if here.is_empty() {
        vec![PathBuf::from(SAMPLE_PATH)]
    } else {
        here
    }
}

/// The build a `build` or `watch` command asks for.
fn job(args: &BuildArgs) -> Result<Job> {
    let mut formats = args
        .format
        .iter()
        .map(|f| Format::parse(f))
        .collect::<Result<Vec<_>>>()?;
    if formats.is_empty() {
        formats = Format::DEFAULT.to_vec();
    }
    formats.sort();
    formats.dedup();
    Ok(Job {
        inputs: input_paths(&args.inputs),
        formats,
        out: args.out.clone(),
        threads: args.jobs.unwrap_or(0),
        strict: args.strict,
        progress: true,
        forms: match &args.form {
            Some(f) => batch::Forms::parse(f)?,
            None => batch::Forms::AsWritten,
        },
    })
}

fn watch(args: BuildArgs) -> Result<ExitCode> {
    let job = job(&args)?;
    let options = options(&args.inputs);
    // A broken `--templates` directory is refused at once, as `build` refuses it.
    Pipeline::new(&options)?;
    let signal = crate::watch::run(&options, &job);
    Ok(ExitCode::from(crate::interrupt::exit_status(signal)))
}

fn build(args: BuildArgs) -> Result<ExitCode> {
    let job = job(&args)?;
    crate::interrupt::install();
    let pipeline = pipeline(&args.inputs)?;
    let summary = batch::build(&pipeline, &job)?;
    // A draft builds with its placeholders shown; say how many remain and where to look.
    for (path, _) in &summary.built {
        let open = summary.placeholders.get(path).copied().unwrap_or(0);
        if open > 0 {
            eprintln!(
                "{}",
                tr(&format!(
                    "{open} value{} still to fill in — gongwen check {}",
                    plural(open),
                    path.display()
                ))
            );
        }
    }
    // A character the writers refuse is named by the layout, which knows no data
    // lines: point at the value that holds it.
    for (path, e) in &summary.failed {
        if let Some((key, file, line)) =
            crate::review::character_source(&pipeline, path, &e.message)
        {
            eprintln!(
                "{}",
                tr(&format!(
                    "note: {}: that character is in `{key}`\n  --> {}:{line}",
                    path.display(),
                    file.display()
                ))
            );
        }
    }
    print_summary(&summary, &job.out);
    Ok(if let Some(signal) = summary.interrupted {
        ExitCode::from(crate::interrupt::exit_status(signal))
    } else if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_summary(summary: &batch::Summary, out: &std::path::Path) {
    let r = &summary.recovered;
    if r.finished > 0 || r.removed > 0 {
        eprintln!(
            "{}",
            tr(&format!(
                "note: tidied up after an interrupted run in {}: {} document{} finished, {} temporary file{} removed",
                out.display(),
                r.finished,
                plural(r.finished),
                r.removed,
                plural(r.removed),
            ))
        );
    }
    let total = summary.built.len() + summary.failed.len() + summary.not_run.len();
    if total > 1 || !summary.failed.is_empty() || summary.interrupted.is_some() {
        let mut line = format!(
            "built {}, failed {}",
            summary.built.len(),
            summary.failed.len()
        );
        if let Some(signal) = summary.interrupted {
            line.push_str(&format!(
                ", not built {} (stopped by {}; every document written is whole)",
                summary.not_run.len(),
                crate::interrupt::name(signal)
            ));
        }
        eprintln!(
            "{}",
            tr(&format!("{line} in {:.2} s", summary.elapsed.as_secs_f64()))
        );
    }
}

/// Lists every finding; exit status 1 when anything needs attention, 0 when clean.
fn check(args: CheckArgs) -> Result<ExitCode> {
    use crate::review::Severity;
    let _ = args.strict;
    let pipeline = pipeline(&args.inputs)?;
    let forms = batch::Forms::parse(&args.form)?;
    let inputs = batch::expand_inputs(&input_paths(&args.inputs))?;
    let mut all = Vec::new();
    for path in &inputs {
        let found = crate::review::review_as(&pipeline, path, forms);
        if found.is_empty() && args.format == "text" {
            eprintln!("{}", tr(&format!("ok {}", path.display())));
        }
        all.extend(found);
    }
    // A closed pipe (`| head`) ends the process quietly (main.rs restores SIGPIPE).
    let mut stdout = std::io::stdout().lock();
    let _ = if args.format == "json" {
        crate::review::write_json(&all, &mut stdout)
    } else {
        crate::review::write_text(&all, &mut stdout)
    };
    let count = |s| all.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, todo) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Todo),
    );
    if !all.is_empty() && args.format == "text" {
        eprintln!(
            "{}",
            tr(&format!(
                "{errors} error{}, {warnings} warning{}, {todo} value{} still to fill in",
                plural(errors),
                plural(warnings),
                plural(todo)
            ))
        );
    }
    Ok(if all.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn draft(args: DraftArgs) -> Result<ExitCode> {
    let d = crate::draft::draft(&args.file, args.out.as_deref())?;
    // Only a regular file is ever replaced, --force or not.
    crate::output::check_replaceable(&d.path)?;
    if d.path.exists() && !args.force {
        return Err(Error::new(format!("{} exists already", d.path.display()))
            .hint("pass --force to replace it, or --out to write elsewhere"));
    }
    if let Some(dir) = d.path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::output::recover_dir(dir)?;
    }
    crate::output::write_atomic(&d.path, d.text.as_bytes())?;
    eprintln!(
        "{}",
        tr(&format!(
            "drafted {} -> {}",
            args.file.display(),
            d.path.display()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

fn new_project(args: NewArgs) -> Result<ExitCode> {
    let written = crate::new_project::create(&args.dir)?;
    for path in &written {
        eprintln!("{}", tr(&format!("created {}", path.display())));
    }
    eprintln!(
        "{}",
        tr(&format!(
            "next: cd {} && gongwen build   (README.md says how to check and edit)",
            args.dir.display()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

fn import(args: ImportArgs) -> Result<ExitCode> {
    let w = crate::import::import_file(&args.file, &args.out, args.name.as_deref(), args.force)?;
    eprintln!(
        "{}",
        tr(&format!(
            "imported {} -> {}, {}",
            args.file.display(),
            w.data.display(),
            w.template.display()
        ))
    );
    eprintln!(
        "{}",
        tr(&format!(
            "{} figures lifted into the data, {} of them computed by helpers",
            w.imported.lifted + w.imported.derived,
            w.imported.derived
        ))
    );
    if !w.imported.dropped.is_empty() {
        eprintln!(
            "{}",
            tr(&format!(
                "note: left out as web-page furniture: {}",
                w.imported.dropped.join(" | ")
            ))
        );
    }
    eprintln!(
        "{}",
        tr(&format!("next: gongwen build {}", w.data.display()))
    );
    Ok(ExitCode::SUCCESS)
}

fn fonts(args: FontsArgs) -> Result<ExitCode> {
    let book = crate::fonts::FontBook::load(&args.font_dirs)?;
    let mut stdout = std::io::stdout().lock();
    for (role, family, path, why) in book.describe() {
        let _ = writeln!(
            stdout,
            "{}: {family}\n    {}\n    {}",
            tr(role.label()),
            path.display(),
            tr(&why)
        );
    }
    if let Some((family, path, why)) = book.describe_latin() {
        let _ = writeln!(
            stdout,
            "{}: {family}\n    {}\n    {}",
            tr("digits and Latin"),
            path.display(),
            tr(&why)
        );
    }
    Ok(ExitCode::SUCCESS)
}
