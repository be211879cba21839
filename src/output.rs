//! Output paths and writes: names made safe for every file system, and a
//! document's files replaced whole and together, or not at all.

use std::path::Path;

use crate::error::Result;
pub use crate::replace::{check_replaceable, recover_dir, replace_together};

/// The longest file stem we write, in bytes (ext4 and NTFS allow 255 for the whole name).
const MAX_STEM_BYTES: usize = 200;

/// Turns a title into a file stem that stays inside the output directory on
/// Linux, macOS and Windows: no separators, no `..`, no control characters,
/// no reserved device names, no trailing dots or spaces.
pub fn safe_stem(title: &str) -> String {
    let mut s: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    s = s.trim().trim_matches('.').trim().to_string();
    while s.contains("..") {
        s = s.replace("..", "_");
    }
    if s.len() > MAX_STEM_BYTES {
        let mut end = MAX_STEM_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s = s.trim_end_matches(['.', ' ']).to_string();
    }
    let upper = s.to_ascii_uppercase();
    let base = upper.split('.').next().unwrap_or("");
    let reserved = matches!(base, "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        s.insert(0, '_');
    }
    if s.is_empty() {
        s = "document".into();
    }
    s
}

/// Writes one file whole or not at all (see [`crate::replace`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    replace_together(&[(path.to_path_buf(), bytes.to_vec())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_cannot_escape_or_break_the_directory() {
        for title in [
            "../../etc/passwd",
            "a/b\\c",
            "..",
            "报告\u{0}\u{7}\n",
            "CON",
            " . ",
            "a..b",
        ] {
            let s = safe_stem(title);
            assert!(
                !s.contains('/') && !s.contains('\\') && !s.contains(".."),
                "{title:?} -> {s:?}"
            );
            assert!(!s.chars().any(char::is_control), "{title:?} -> {s:?}");
            assert!(!s.is_empty() && s != "CON", "{title:?} -> {s:?}");
        }
        assert_eq!(
            safe_stem("楚雄州科学技术局2020年工作要点"),
            "楚雄州科学技术局2020年工作要点"
        );
    }

    #[test]
    fn long_stems_are_cut_on_a_character_boundary() {
        let s = safe_stem(&"楚".repeat(300));
        assert!(s.len() <= MAX_STEM_BYTES && s.chars().all(|c| c == '楚'));
    }
}
