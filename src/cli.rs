//! The command line: argument parsing and dispatch only; the work is in the
//! pipeline and batch modules.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

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
    /// Data files, or directories searched recursively for *.yaml.
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
    /// Output formats, comma-separated: docx, pdf, txt [default: docx,pdf].
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
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Fail when values are still to fill in.
    #[arg(long)]
    strict: bool,
}

/// Runs the command line; the return value is the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Draft(args) => draft(args),
        Command::Fonts(args) => fonts(args),
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
    Pipeline::new(&Options {
        templates: inputs.templates.clone(),
        sets: inputs.sets.clone(),
        sets_new: inputs.sets_new.clone(),
        font_dirs: inputs.font_dirs.clone(),
    })
}

fn input_paths(inputs: &Inputs) -> Vec<PathBuf> {
    if inputs.inputs.is_empty() {
        vec![PathBuf::from(SAMPLE_PATH)]
    } else {
        inputs.inputs.clone()
    }
}

fn build(args: BuildArgs) -> Result<ExitCode> {
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
    let pipeline = pipeline(&args.inputs)?;
    let job = Job {
        inputs: input_paths(&args.inputs),
        formats,
        out: args.out,
        threads: args.jobs.unwrap_or(0),
        strict: args.strict,
        progress: true,
    };
    let summary = batch::build(&pipeline, &job)?;
    let total = summary.built.len() + summary.failed.len();
    if total > 1 || !summary.failed.is_empty() {
        eprintln!(
            "built {}, failed {} in {:.2} s",
            summary.built.len(),
            summary.failed.len(),
            summary.elapsed.as_secs_f64()
        );
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let pipeline = pipeline(&args.inputs)?;
    let inputs = batch::expand_inputs(&input_paths(&args.inputs))?;
    let mut failed = 0;
    let mut open = 0;
    for path in &inputs {
        let result = pipeline.load(path).and_then(|data| {
            let doc = pipeline.document(&data)?;
            for (line, mark, around) in crate::check::half_width_punctuation(&doc) {
                eprintln!(
                    "warning: half-width `{mark}` in Chinese text: …{around}…\n  --> {} (rendered markup line {line})\n  = hint: Chinese text takes full-width marks (，；：？！（）)",
                    path.display()
                );
            }
            // Font coverage: laying the document out finds every character no font has.
            let fonts = pipeline.fonts()?;
            let laid = crate::layout::layout(&doc, &pipeline.style, &fonts)?;
            for w in &laid.warnings {
                eprintln!("warning: {w}\n  --> {}", path.display());
            }
            Ok(batch::placeholders(&data, &doc))
        });
        match result {
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
            Ok(found) => {
                // A closed pipe (`| head`) ends the listing, not the process.
                let mut stdout = std::io::stdout().lock();
                for (key, at) in &found {
                    let _ = match at {
                        Some((f, l)) => writeln!(stdout, "{}:{l}: {key}: 待填", f.display()),
                        None => writeln!(stdout, "{}: {key}: 待填", path.display()),
                    };
                }
                open += found.len();
                if found.is_empty() {
                    eprintln!("ok {}", path.display());
                }
            }
        }
    }
    if open > 0 {
        eprintln!(
            "{open} value{} still to fill in",
            if open == 1 { "" } else { "s" }
        );
    }
    let bad = failed > 0 || (args.strict && open > 0);
    Ok(if bad {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn draft(args: DraftArgs) -> Result<ExitCode> {
    let d = crate::draft::draft(&args.file, args.out.as_deref())?;
    if d.path.exists() && !args.force {
        return Err(Error::new(format!("{} exists already", d.path.display()))
            .hint("pass --force to replace it, or --out to write elsewhere"));
    }
    crate::output::write_atomic(&d.path, d.text.as_bytes())?;
    eprintln!("drafted {} -> {}", args.file.display(), d.path.display());
    Ok(ExitCode::SUCCESS)
}

fn fonts(args: FontsArgs) -> Result<ExitCode> {
    let book = crate::fonts::FontBook::load(&args.font_dirs)?;
    let mut stdout = std::io::stdout().lock();
    for (role, family, path, why) in book.describe() {
        let _ = writeln!(
            stdout,
            "{}: {family}\n    {}\n    {why}",
            role.label(),
            path.display()
        );
    }
    if let Some((family, path, why)) = book.describe_latin() {
        let _ = writeln!(
            stdout,
            "digits and Latin: {family}\n    {}\n    {why}",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
