//! The command line: argument parsing and dispatch only; the work is in the
//! pipeline and batch modules.

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
}

#[derive(Args)]
struct Inputs {
    /// Data files, or directories searched recursively for *.yaml.
    inputs: Vec<PathBuf>,
    /// Override a data key: --set results.funds=2900 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// A directory of NAME.md.hbs templates overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Output formats, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "txt")]
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
    formats.sort();
    formats.dedup();
    let pipeline = pipeline(&args.inputs)?;
    let job = Job {
        inputs: input_paths(&args.inputs),
        formats,
        out: args.out,
        threads: args.jobs.unwrap_or(0),
        strict: args.strict,
    };
    let summary = batch::build(&pipeline, &job);
    let total = summary.built.len() + summary.failed.len();
    if total > 1 || !summary.failed.is_empty() {
        eprintln!(
            "built {}, failed {} in {:.2} s",
            summary.built.len(),
            summary.failed.len(),
            summary.elapsed.as_secs_f64()
        );
    }
    if summary.built.is_empty() && total == 1 {
        // A lone failure was already printed by the batch; nothing more to say.
    }
    for (path, e) in &summary.failed {
        if path.as_os_str().is_empty() {
            eprintln!("{e}");
        }
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
            Ok(batch::placeholders(&data, &doc))
        });
        match result {
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
            Ok(found) => {
                for (key, at) in &found {
                    match at {
                        Some((f, l)) => println!("{}:{l}: {key}: 待填", f.display()),
                        None => println!("{}: {key}: 待填", path.display()),
                    }
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

impl From<Error> for ExitCode {
    fn from(_: Error) -> Self {
        ExitCode::FAILURE
    }
}
