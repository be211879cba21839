//! `--help` and the command line's own errors in the interface's language:
//! every about and help text of the clap command is looked up in the
//! catalogue, and the headings clap writes itself come from a template.

use std::process::ExitCode;

use clap::{Command, FromArgMatches};

use super::{chinese, tr};

/// Parses the process's arguments into `P`; on `--help`, `--version` or a
/// usage error, prints what clap says (in Chinese under a zh locale) and
/// gives the exit code.
pub fn parse<P: clap::CommandFactory + FromArgMatches>() -> Result<P, ExitCode> {
    let parsed = localize(P::command())
        .try_get_matches()
        .and_then(|m| P::from_arg_matches(&m));
    parsed.map_err(|e| {
        let text = e.render().to_string();
        if e.use_stderr() {
            eprint!("{}", translate_lines(&text));
        } else {
            // The help of a subcommand comes without its last line break.
            let end = if text.ends_with('\n') { "" } else { "\n" };
            print!("{text}{end}");
        }
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    })
}

/// Each line through the catalogue (clap's errors are a few fixed lines).
fn translate_lines(text: &str) -> String {
    if !chinese() {
        return text.to_string();
    }
    text.split('\n').map(tr).collect::<Vec<_>>().join("\n")
}

/// The command with its texts translated, when the interface is Chinese.
pub fn localize(mut cmd: Command) -> Command {
    if !chinese() {
        return cmd;
    }
    // Building adds the `--help`, `--version` and `help` that clap supplies, so they are translated too.
    cmd.build();
    localize_built(cmd)
}

fn localize_built(cmd: Command) -> Command {
    let about = cmd.get_about().map(|s| tr(&s.to_string()));
    let long_about = cmd.get_long_about().map(|s| tr(&s.to_string()));
    let template = template(&cmd);
    let mut cmd = cmd
        .mut_args(|arg| {
            // clap writes "[default: …]" and "[possible values: …]" itself: say them here.
            let mut notes = String::new();
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && !arg.is_hide_default_value_set() {
                notes.push_str(&format!(" [默认：{}]", defaults.join(",")));
            }
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && !arg.is_hide_possible_values_set() {
                notes.push_str(&format!(" [可选值：{}]", values.join("、")));
            }
            let arg = arg.hide_default_value(true).hide_possible_values(true);
            let help = arg.get_help().map(|s| tr(&s.to_string()) + &notes);
            let long_help = arg.get_long_help().map(|s| tr(&s.to_string()) + &notes);
            let arg = match help {
                Some(h) => arg.help(h),
                None => arg,
            };
            match long_help {
                Some(h) => arg.long_help(h),
                None => arg,
            }
        })
        .mut_subcommands(localize_built)
        .help_template(template);
    if let Some(a) = about {
        cmd = cmd.about(a);
    }
    if let Some(a) = long_about {
        cmd = cmd.long_about(a);
    }
    cmd
}

/// clap's help layout with Chinese headings, listing only the sections the command has.
fn template(cmd: &Command) -> String {
    let mut t = String::from("{before-help}{about-with-newline}\n用法：{usage}");
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        t.push_str("\n\n命令：\n{subcommands}");
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        t.push_str("\n\n参数：\n{positionals}");
    }
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        t.push_str("\n\n选项：\n{options}");
    }
    t.push_str("{after-help}");
    t
}

/// Every about and help text of a command and its subcommands, as clap
/// will show them (for the test that each is in the catalogue).
pub fn texts(mut cmd: Command) -> Vec<String> {
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, &mut out);
    out
}

fn collect(cmd: &Command, out: &mut Vec<String>) {
    out.extend(cmd.get_about().map(|s| s.to_string()));
    out.extend(cmd.get_long_about().map(|s| s.to_string()));
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        out.extend(arg.get_help().map(|s| s.to_string()));
        out.extend(arg.get_long_help().map(|s| s.to_string()));
    }
    for sub in cmd.get_subcommands() {
        collect(sub, out);
    }
}
