//! The interface in Chinese under a zh_* locale, gettext-style: the English
//! text stays the message id everywhere in the code, and the words are
//! translated only where they are printed ([`tr`]), from one catalogue
//! (`zh_CN.tsv`) of message patterns matched against the formatted English.
//!
//! The library speaks English until [`use_locale_from_env`] says otherwise,
//! so its unit tests and other programs that embed it see the message ids.

mod catalogue;
pub mod help;

use std::sync::atomic::{AtomicBool, Ordering};

pub use catalogue::{parse_pattern, pattern_key, Catalogue, Piece};

static CHINESE: AtomicBool = AtomicBool::new(false);

/// The catalogue's text: `English pattern<TAB>Chinese`, one message a line.
pub const ZH_CN: &str = include_str!("zh_CN.tsv");

/// Whether a locale setting asks for Chinese: `zh`, `zh_CN.UTF-8`, `zh_TW`, ….
pub fn is_chinese_locale(value: &str) -> bool {
    value
        .strip_prefix("zh")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['_', '.', '@']))
}

/// The language POSIX picks for messages: the first of LC_ALL, LC_MESSAGES
/// and LANG that is set and not empty decides.
pub fn chinese_from(get: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|var| get(var).filter(|v| !v.is_empty()))
        .next()
        .is_some_and(|v| is_chinese_locale(&v))
}

/// Turns Chinese on for this process when its locale asks for it.
pub fn use_locale_from_env() {
    set_chinese(chinese_from(|var| std::env::var(var).ok()));
}

pub fn set_chinese(on: bool) {
    CHINESE.store(on, Ordering::Relaxed);
}

pub fn chinese() -> bool {
    CHINESE.load(Ordering::Relaxed)
}

/// The catalogue of Chinese messages, read once.
pub fn zh_cn() -> &'static Catalogue {
    static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::parse(ZH_CN).unwrap_or_else(|(_, c)| c))
}

/// A printed message in the interface's language: the English as it is, or
/// its Chinese when the catalogue has a pattern for it (else the English).
pub fn tr(english: &str) -> String {
    if chinese() {
        zh_cn().translate(english)
    } else {
        english.to_string()
    }
}
