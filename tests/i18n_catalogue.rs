//! Every message the code can print has its Chinese in `src/i18n/zh_CN.tsv`:
//! the source is scanned for message literals (string literals with English
//! words in them, outside tests), and each must be a pattern in the catalogue.
//! A new message without a translation fails here, naming its file and line.

use std::path::{Path, PathBuf};

use gongwen::i18n::{parse_pattern, Catalogue, Piece, ZH_CN};

/// Literals with English words that are not messages, and why.
const NOT_MESSAGES: &[&str] = &[
    // DOCX style names: Word shows them in its style list, in every locale the same.
    "Body Text",
    "List Dash",
    "Attachment Note",
    "Table Text",
    "Table Header",
    "Index Text",
    "Index Label",
    "heading {}",
    "Heading {} Char",
    // A font family's name.
    "Times New Roman",
    // Comments written into a drafted data file: files are the same under every locale.
    "the previous year's data",
    "{} item{} last year",
    "not given last year",
    "last year: {}…",
    "last year: {}",
    // A panic message for a broken invariant inside the worker pool (reported as an internal error).
    "the closure runs once, on the thread or here",
    // Positions inside a DOCX part, part of an internal error's detail.
    "index points at an element",
    "unbalanced end tag",
    "unclosed element",
    "no root element",
    "at byte {}: {}",
    // The progress bar's layout (indicatif's template).
    "{{bar:30}} {{pos}}/{{len}} {{msg}}",
    // Text searched for in serde_yaml's messages, and a font table's tag.
    "duplicate entry with key \"",
    "unknown field",
    " at line ",
    "cvt ",
];

struct Literal {
    file: PathBuf,
    line: usize,
    /// The pattern as the catalogue writes it (`{}` for each variable part).
    key: String,
    /// Given straight to a printing macro (`eprintln!("…")`), so never translated.
    printed: bool,
}

#[test]
fn the_catalogue_parses() {
    if let Err((errors, _)) = Catalogue::parse(ZH_CN) {
        panic!("src/i18n/zh_CN.tsv:\n{}", errors.join("\n"));
    }
}

/// Every message literal in src/, in file order.
fn scan() -> Vec<Literal> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut literals = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read source");
        literals.extend(
            message_literals(&text)
                .into_iter()
                .map(|(line, key, printed)| Literal {
                    file: f.strip_prefix(&root).unwrap_or(f).to_path_buf(),
                    line,
                    key,
                    printed,
                }),
        );
    }
    literals
}

#[test]
fn every_printed_message_goes_through_the_catalogue() {
    let literals = scan();
    let direct: Vec<String> = literals
        .iter()
        .filter(|l| l.printed && !NOT_MESSAGES.contains(&l.key.as_str()))
        .map(|l| {
            format!(
                "{}:{}\t{}",
                l.file.display(),
                l.line,
                l.key.replace('\n', "\\n")
            )
        })
        .collect();
    assert!(
        direct.is_empty(),
        "messages printed as they are, in English under every locale; print \
         `crate::i18n::tr(&format!(…))` instead (errors translate themselves):\n{}",
        direct.join("\n")
    );
}

#[test]
fn every_message_in_the_source_has_its_chinese() {
    let catalogue = Catalogue::parse(ZH_CN).unwrap_or_else(|(_, c)| c);
    let known: std::collections::HashSet<&str> =
        catalogue.keys().iter().map(String::as_str).collect();
    let literals = scan();
    // The scan finds the messages it should (a scan that finds nothing would pass anything).
    for sure in ["cannot {} {}: {}", "unknown format `{}`", "  = hint: "] {
        assert!(
            literals.iter().any(|l| l.key == sure),
            "the scan missed `{sure}`"
        );
    }
    let missing: Vec<String> = literals
        .iter()
        .filter(|l| !known.contains(l.key.as_str()) && !NOT_MESSAGES.contains(&l.key.as_str()))
        .map(|l| {
            format!(
                "{}:{}\t{}",
                l.file.display(),
                l.line,
                l.key.replace('\n', "\\n")
            )
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{} messages have no Chinese; add a line `English<TAB>中文` for each to src/i18n/zh_CN.tsv \
         (or, if it is not a message, to NOT_MESSAGES in this test):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_help_text_has_its_chinese() {
    let catalogue = Catalogue::parse(ZH_CN).unwrap_or_else(|(_, c)| c);
    let texts = gongwen::i18n::help::texts(gongwen::cli::command());
    assert!(
        texts.len() > 20,
        "the help has more texts than {}",
        texts.len()
    );
    let missing: Vec<&String> = texts.iter().filter(|t| !catalogue.knows(t)).collect();
    assert!(
        missing.is_empty(),
        "help texts without Chinese in src/i18n/zh_CN.tsv:\n{}",
        missing
            .iter()
            .map(|t| t.replace('\n', "\\n"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            // A module's tests in a file of their own.
            && path.file_name().is_some_and(|n| n != "tests.rs")
            // The catalogue's own reader: its errors are for whoever edits the catalogue.
            && !path.components().any(|c| c.as_os_str() == "i18n")
        {
            out.push(path);
        }
    }
}

/// (line, pattern, printed as it is) of every message literal outside `#[cfg(test)]` items.
fn message_literals(src: &str) -> Vec<(usize, String, bool)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut code = String::new(); // the code since the previous literal
    let mut depth = 0usize;
    let mut skip_item: Option<usize> = None; // cfg(test) item: skip until depth falls back
    let mut pending_cfg_test = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
            continue;
        }
        let raw_from = if c == 'b' && next == Some('r') {
            i + 2
        } else {
            i + 1
        };
        let raw_start = (c == 'r' || (c == 'b' && next == Some('r')))
            && chars[raw_from..]
                .iter()
                .find(|&&h| h != '#')
                .is_some_and(|&q| q == '"');
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '"'
            || (raw_start && !ident_before)
            || (c == 'b' && next == Some('"') && !ident_before)
        {
            let start_line = line;
            let (value, end) = if c == '"' {
                cooked(&chars, i + 1, &mut line)
            } else {
                let mut j = i + 1;
                if chars[j] == 'r' {
                    j += 1;
                }
                if chars[i] == 'b' && chars[j] == '"' {
                    cooked(&chars, j + 1, &mut line)
                } else {
                    raw(&chars, j, &mut line)
                }
            };
            i = end;
            if skip_item.is_none() {
                if let Some((key, printed)) = message_key(&value, &code) {
                    out.push((start_line, key, printed));
                }
            }
            code.clear();
            continue;
        }
        if c == '\'' {
            // A char literal ('"', '\''), or a lifetime.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                continue;
            }
            if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                continue;
            }
        }
        if c == '\n' {
            line += 1;
        }
        code.push(c);
        if code.ends_with("#[cfg(test)]") {
            pending_cfg_test = true;
        }
        match c {
            '{' => {
                if pending_cfg_test && skip_item.is_none() {
                    skip_item = Some(depth);
                }
                pending_cfg_test = false;
                depth += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if skip_item == Some(depth) {
                    skip_item = None;
                }
            }
            ';' => pending_cfg_test = false,
            _ => {}
        }
        i += 1;
    }
    out
}

/// A "…" literal from just after its opening quote: its value and the index after it.
fn cooked(chars: &[char], mut i: usize, line: &mut usize) -> (String, usize) {
    let mut s = String::new();
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '"' => break,
            '\n' => {
                *line += 1;
                s.push('\n');
            }
            '\\' => {
                let e = chars[i];
                i += 1;
                match e {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    '0' => s.push('\0'),
                    '\n' => {
                        *line += 1;
                        while i < chars.len() && chars[i].is_whitespace() {
                            *line += usize::from(chars[i] == '\n');
                            i += 1;
                        }
                    }
                    'u' | 'x' => {
                        // \u{…} and \x..: not found in messages; kept as written.
                        s.push('\\');
                        s.push(e);
                    }
                    other => s.push(other),
                }
            }
            c => s.push(c),
        }
    }
    (s, i)
}

/// A raw literal from its first `#` or `"`: its value and the index after it.
fn raw(chars: &[char], mut i: usize, line: &mut usize) -> (String, usize) {
    let mut hashes = 0;
    while chars[i] == '#' {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    let mut s = String::new();
    while i < chars.len() {
        if chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
            return (s, i + 1 + hashes);
        }
        *line += usize::from(chars[i] == '\n');
        s.push(chars[i]);
        i += 1;
    }
    (s, i)
}

/// A helper call or its hash arguments, as an imported template holds them
/// (`percent {} {}`, ` decimals={}`, `date_padded `), or a YAML tag (`!counter {}`);
/// `\u{1}` stands for a variable part.
fn is_helper_call(text: &str) -> bool {
    let mut tokens = text.split_whitespace().peekable();
    let Some(first) = tokens.peek().copied() else {
        return false;
    };
    let helper = gongwen::helpers::NAMES.contains(&first);
    if first.starts_with('!') || helper {
        tokens.next();
    }
    let argument = |t: &str| {
        let value = t.split_once('=').map_or(t, |(name, value)| {
            if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                value
            } else {
                t
            }
        });
        !value.is_empty() && value.chars().all(|c| c == '\u{1}')
    };
    let rest: Vec<&str> = tokens.collect();
    // A helper's name alone, its arguments to follow (`date_padded `), is a call too.
    let alone = helper && text.ends_with(' ');
    (!rest.is_empty() || first.starts_with('!') || alone) && rest.iter().all(|t| argument(t))
}

/// The catalogue key of a literal that is a message, judged by its words and
/// by the code before it (a format string, or an argument to a panic or an
/// assertion, which no user reads).
fn message_key(value: &str, code_before: &str) -> Option<(String, bool)> {
    let before = code_before.trim_end();
    let statement = before.rsplit([';', '{', '}']).next().unwrap_or(before);
    if before.ends_with(".expect(")
        || ["assert", "panic!(", "unreachable!(", "debug_assert"]
            .iter()
            .any(|m| statement.contains(m))
    {
        return None;
    }
    let printed = ["println!(", "print!(", "eprintln!(", "eprint!("]
        .iter()
        .any(|m| before.ends_with(m))
        || ["write!(", "writeln!("].iter().any(|m| {
            before.rfind(m).is_some_and(|at| {
                let args = &before[at + m.len()..];
                args.ends_with(',') && args.matches(',').count() == 1
            })
        });
    let is_format = printed || before.ends_with("format!(");
    let pieces = if is_format {
        parse_pattern(value).ok()?
    } else {
        vec![Piece::Text(value.to_string())]
    };
    let words: String = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.as_str(),
            Piece::Hole(_) => "\u{1}",
        })
        .collect();
    let has_word = words
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.len() >= 2);
    let unquoted: String = words.split('`').step_by(2).collect();
    // XML, HTML, and the template and markup text gongwen writes into files.
    let markup = words.contains("=\"")
        || words.char_indices().any(|(k, c)| {
            c == '<' && words[k + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || "?/!".contains(n))
        })
        || unquoted.contains("{{")
        || unquoted.contains("{.")
        // Text for a file ends its line; a message never does.
        || words.ends_with('\n')
        || is_helper_call(&words);
    // Text already in Chinese (the README a new project gets) has only commands in Latin letters.
    let han = words
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    let latin = words
        .split('`')
        .step_by(2)
        .flat_map(str::chars)
        .filter(char::is_ascii_alphabetic)
        .count();
    (words.contains(' ') && has_word && !markup && han <= latin)
        .then(|| (gongwen::i18n::pattern_key(&pieces), printed))
}
