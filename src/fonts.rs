//! The font book: which face serves each role of an official document, and
//! where a character the role's face lacks comes from.
//!
//! Order of choice per role (DESIGN.md "Fonts"): an installed official family
//! (found by family name), then a face with an official family name in a
//! `--font-dir` directory, then the Fandol face shipped in `fonts/`. Every file
//! is memory-mapped at most once per process and shared (the book is `Send +
//! Sync`, held in an `Arc` by a batch).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::{Error, Result};
use crate::style::{FontRole, LATIN_FAMILY};

/// Index of a face in the book; stable for the book's lifetime.
pub type FontId = usize;

/// The shipped Fandol file standing in for each role (fonts/README.md).
fn shipped_file(role: FontRole) -> &'static str {
    match role {
        FontRole::Title => "FandolSong-Bold.ttf",
        FontRole::Body => "FandolFang-Regular.ttf",
        FontRole::Heading1 => "FandolHei-Regular.ttf",
        FontRole::Heading2 => "FandolKai-Regular.ttf",
        FontRole::PageNumber => "FandolSong-Regular.ttf",
    }
}

/// The shipped stand-in for Times New Roman: digits and Latin (fonts/README.md).
const SHIPPED_LATIN_FILE: &str = "LiberationSerif-Regular.ttf";

/// Vertical metrics of a face, in em units (fractions of the font size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceMetrics {
    pub units_per_em: f32,
    /// Distance from the baseline up to the top of the face's ascender.
    pub ascender: f32,
    /// Distance from the baseline down (negative) to the descender.
    pub descender: f32,
}

/// A mapped font file, with its krilla font made on first use.
struct Loaded {
    data: Arc<memmap2::Mmap>,
    metrics: FaceMetrics,
    pdf_font: OnceLock<Option<krilla::text::Font>>,
}

/// Mapped faces by file and face index; `None` for a file that would not map.
type Registry = HashMap<(PathBuf, u32), Option<Arc<Loaded>>>;

/// Every face mapped so far in this process, so that font books built
/// separately (a batch, a test suite) still map and prepare each file once.
fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

fn map_face(path: &Path, index: u32) -> Option<Arc<Loaded>> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: the mapping is read-only; font files are not expected to change
    // while a report is being built. A file truncated underneath us could
    // fault, which is the accepted trade-off of sharing one mapping per
    // process instead of copying 30 MB of fonts.
    let data = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    let face = ttf_parser::Face::parse(&data, index).ok()?;
    let upem = face.units_per_em() as f32;
    let metrics = FaceMetrics {
        units_per_em: upem,
        ascender: face.ascender() as f32 / upem,
        descender: face.descender() as f32 / upem,
    };
    Some(Arc::new(Loaded {
        data: Arc::new(data),
        metrics,
        pdf_font: OnceLock::new(),
    }))
}

/// One candidate face: where it lives; mapped only when first needed.
struct Slot {
    path: PathBuf,
    index: u32,
    family: String,
    loaded: OnceLock<Option<Arc<Loaded>>>,
}

impl Slot {
    fn loaded(&self) -> Option<&Loaded> {
        self.loaded
            .get_or_init(|| {
                let key = (self.path.clone(), self.index);
                // A poisoned lock only means another thread panicked mid-insert;
                // the map itself is still usable.
                let mut faces = registry().lock().unwrap_or_else(|e| e.into_inner());
                faces
                    .entry(key)
                    .or_insert_with(|| map_face(&self.path, self.index))
                    .clone()
            })
            .as_deref()
    }
}

/// Why a role got its face, for `gongwen fonts`.
#[derive(Debug, Clone)]
struct RoleChoice {
    font: FontId,
    why: String,
}

/// The faces of a report, loaded once and shared.
pub struct FontBook {
    slots: Vec<Slot>,
    /// Indexed like [`FontRole::ALL`].
    roles: Vec<RoleChoice>,
    /// Times New Roman for digits and Latin, as the DOCX names it: installed,
    /// in a `--font-dir`, or the shipped Liberation Serif with its widths.
    latin: Option<RoleChoice>,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook")
            .field("roles", &self.describe())
            .finish()
    }
}

/// Where the shipped Fandol fonts live: `GONGWEN_FONTS`, a `fonts/` directory
/// next to or above the executable, or the source tree's `fonts/`.
pub fn shipped_fonts_dir() -> Option<PathBuf> {
    let marker = shipped_file(FontRole::Body);
    if let Some(dir) = std::env::var_os("GONGWEN_FONTS") {
        let dir = PathBuf::from(dir);
        if dir.join(marker).is_file() {
            return Some(dir);
        }
    }
    if let Ok(exe) = std::env::current_exe() {
        for ancestor in exe.ancestors().skip(1) {
            let dir = ancestor.join("fonts");
            if dir.join(marker).is_file() {
                return Some(dir);
            }
        }
    }
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"));
    dir.join(marker).is_file().then_some(dir)
}

/// A face found by a family-name search in a font database.
fn find_family(db: &fontdb::Database, families: &[&str]) -> Option<(PathBuf, u32, String)> {
    for wanted in families {
        let mut matches: Vec<&fontdb::FaceInfo> = db
            .faces()
            .filter(|f| {
                f.families
                    .iter()
                    .any(|(name, _)| name.eq_ignore_ascii_case(wanted))
            })
            .collect();
        // Prefer the upright regular face; ties broken by path so the choice is stable.
        matches.sort_by_key(|f| {
            (
                f.style != fontdb::Style::Normal,
                (f.weight.0 as i32 - 400).abs(),
                source_path(&f.source),
                f.index,
            )
        });
        if let Some(f) = matches.first() {
            if let Some(path) = source_path(&f.source) {
                return Some((path, f.index, (*wanted).to_string()));
            }
        }
    }
    None
}

fn source_path(source: &fontdb::Source) -> Option<PathBuf> {
    match source {
        fontdb::Source::File(p) => Some(p.clone()),
        fontdb::Source::SharedFile(p, _) => Some(p.clone()),
        fontdb::Source::Binary(_) => None,
    }
}

fn family_of(info: &fontdb::FaceInfo) -> String {
    info.families
        .first()
        .map(|(n, _)| n.clone())
        .unwrap_or_else(|| info.post_script_name.clone())
}

impl FontBook {
    /// Finds a face for every role: installed official fonts first, then
    /// `extra_dirs` (`--font-dir`), then the shipped Fandol fonts.
    pub fn load(extra_dirs: &[PathBuf]) -> Result<FontBook> {
        let mut system = fontdb::Database::new();
        system.load_system_fonts();
        Self::load_from(system, extra_dirs, shipped_fonts_dir().as_deref())
    }

    /// Like [`FontBook::load`] but without installed fonts: the shipped Fandol
    /// faces (and `extra_dirs`) only. Output then does not depend on the machine.
    pub fn load_shipped(extra_dirs: &[PathBuf]) -> Result<FontBook> {
        Self::load_from(
            fontdb::Database::new(),
            extra_dirs,
            shipped_fonts_dir().as_deref(),
        )
    }

    fn load_from(
        system: fontdb::Database,
        extra_dirs: &[PathBuf],
        shipped_dir: Option<&Path>,
    ) -> Result<FontBook> {
        let mut extra = fontdb::Database::new();
        for dir in extra_dirs {
            if !dir.is_dir() {
                return Err(
                    Error::new(format!("font directory {} does not exist", dir.display()))
                        .hint("--font-dir takes a directory holding .ttf/.otf/.ttc files"),
                );
            }
            extra.load_fonts_dir(dir);
        }
        let mut shipped = fontdb::Database::new();
        if let Some(dir) = shipped_dir {
            shipped.load_fonts_dir(dir);
        }

        let mut slots: Vec<Slot> = Vec::new();
        let mut slot_for = |path: PathBuf, index: u32, family: String| -> FontId {
            if let Some(i) = slots
                .iter()
                .position(|s| s.path == path && s.index == index)
            {
                return i;
            }
            slots.push(Slot {
                path,
                index,
                family,
                loaded: OnceLock::new(),
            });
            slots.len() - 1
        };

        let mut roles = Vec::new();
        for role in FontRole::ALL {
            let families = role.official_families();
            let choice = if let Some((path, index, fam)) = find_family(&system, families) {
                let why = format!("installed official font {fam}");
                RoleChoice {
                    font: slot_for(path, index, fam),
                    why,
                }
            } else if let Some((path, index, fam)) = find_family(&extra, families) {
                let why = format!("official font {fam} from --font-dir");
                RoleChoice {
                    font: slot_for(path, index, fam),
                    why,
                }
            } else {
                let file = shipped_file(role);
                let Some(dir) = shipped_dir else {
                    return Err(Error::new(format!(
                        "no font for the {} role: {} is not installed and the shipped fonts/ directory was not found",
                        role.label(),
                        families.join(" / ")
                    ))
                    .hint("set GONGWEN_FONTS to the fonts/ directory of the gongwen distribution, or pass --font-dir"));
                };
                let path = dir.join(file);
                let info = shipped
                    .faces()
                    .find(|f| source_path(&f.source).as_deref() == Some(path.as_path()));
                let Some(info) = info else {
                    return Err(Error::new(format!(
                        "the shipped font {} is missing or unreadable",
                        path.display()
                    ))
                    .hint(
                        "reinstall gongwen or point GONGWEN_FONTS at a complete fonts/ directory",
                    ));
                };
                let why = format!(
                    "shipped stand-in ({} not installed)",
                    families.first().copied().unwrap_or("official font")
                );
                RoleChoice {
                    font: slot_for(path, info.index, family_of(info)),
                    why,
                }
            };
            roles.push(choice);
        }

        let latin = if let Some((path, index, fam)) = find_family(&system, &[LATIN_FAMILY]) {
            Some(RoleChoice {
                font: slot_for(path, index, fam),
                why: "installed; digits and Latin, as in the DOCX".to_string(),
            })
        } else if let Some((path, index, fam)) = find_family(&extra, &[LATIN_FAMILY]) {
            Some(RoleChoice {
                font: slot_for(path, index, fam),
                why: "from --font-dir; digits and Latin, as in the DOCX".to_string(),
            })
        } else {
            // Liberation Serif has Times New Roman's advance widths, so lines
            // with digits break where Word breaks them (fonts/README.md).
            let path = shipped_dir.map(|dir| dir.join(SHIPPED_LATIN_FILE));
            shipped
                .faces()
                .find(|f| path.is_some() && source_path(&f.source) == path)
                .map(|info| RoleChoice {
                    font: slot_for(
                        source_path(&info.source).unwrap_or_default(),
                        info.index,
                        family_of(info),
                    ),
                    why: format!(
                        "shipped stand-in ({LATIN_FAMILY} not installed; same advance widths)"
                    ),
                })
        };

        // Every other face is a fallback candidate, in a stable order (by path).
        let mut others: Vec<(PathBuf, u32, String)> = Vec::new();
        for db in [&system, &extra, &shipped] {
            for f in db.faces() {
                if let Some(p) = source_path(&f.source) {
                    others.push((p, f.index, family_of(f)));
                }
            }
        }
        others.sort();
        for (path, index, family) in others {
            slot_for(path, index, family);
        }

        let book = FontBook {
            slots,
            roles,
            latin,
        };
        // Map the role faces now, so a broken file is reported up front.
        for role in FontRole::ALL {
            let id = book.role_font(role);
            if book.slots[id].loaded().is_none() {
                return Err(Error::new(format!(
                    "cannot read the font {} for the {} role",
                    book.slots[id].path.display(),
                    role.label()
                )));
            }
        }
        Ok(book)
    }

    /// The face serving a role.
    pub fn role_font(&self, role: FontRole) -> FontId {
        let i = FontRole::ALL.iter().position(|r| *r == role).unwrap_or(0);
        self.roles[i].font
    }

    /// Which face serves each role, and why: (role, family, file, reason).
    pub fn describe(&self) -> Vec<(FontRole, String, PathBuf, String)> {
        FontRole::ALL
            .iter()
            .zip(&self.roles)
            .map(|(role, choice)| {
                let slot = &self.slots[choice.font];
                (
                    *role,
                    slot.family.clone(),
                    slot.path.clone(),
                    choice.why.clone(),
                )
            })
            .collect()
    }

    /// The face for digits and Latin letters (Times New Roman), when there is one.
    pub fn latin_font(&self) -> Option<FontId> {
        self.latin
            .as_ref()
            .map(|c| c.font)
            .filter(|id| self.slots[*id].loaded().is_some())
    }

    /// The digits-and-Latin face and why, for `gongwen fonts`: (family, file, reason).
    pub fn describe_latin(&self) -> Option<(String, PathBuf, String)> {
        let choice = self.latin.as_ref()?;
        let slot = &self.slots[choice.font];
        Some((slot.family.clone(), slot.path.clone(), choice.why.clone()))
    }

    /// The family name of a face.
    pub fn family(&self, id: FontId) -> &str {
        self.slots.get(id).map(|s| s.family.as_str()).unwrap_or("")
    }

    /// The file of a face.
    pub fn path(&self, id: FontId) -> &Path {
        self.slots
            .get(id)
            .map(|s| s.path.as_path())
            .unwrap_or(Path::new(""))
    }

    /// The parsed face, for glyph lookup and advances.
    pub fn face(&self, id: FontId) -> Option<ttf_parser::Face<'_>> {
        let slot = self.slots.get(id)?;
        let loaded = slot.loaded()?;
        ttf_parser::Face::parse(&loaded.data[..], slot.index).ok()
    }

    /// The bytes of a face's file (mapped once) and the face's index in it,
    /// for writers that embed fonts themselves.
    pub fn file_data(&self, id: FontId) -> Option<(&[u8], u32)> {
        let slot = self.slots.get(id)?;
        Some((&slot.loaded()?.data[..], slot.index))
    }

    /// Vertical metrics of a face.
    pub fn metrics(&self, id: FontId) -> Option<FaceMetrics> {
        Some(self.slots.get(id)?.loaded()?.metrics)
    }

    /// The face as krilla embeds it (made once per process).
    pub fn pdf_font(&self, id: FontId) -> Option<krilla::text::Font> {
        let slot = self.slots.get(id)?;
        let loaded = slot.loaded()?;
        loaded
            .pdf_font
            .get_or_init(|| {
                let data: Arc<dyn AsRef<[u8]> + Send + Sync> = loaded.data.clone();
                krilla::text::Font::new(data.into(), slot.index)
            })
            .clone()
    }

    /// The first face, other than `except`, that has a glyph for `c`: role
    /// faces first, then every other known face by path.
    pub fn fallback_for(&self, c: char, except: FontId) -> Option<FontId> {
        let mut order: Vec<FontId> = self.roles.iter().map(|r| r.font).collect();
        order.extend(0..self.slots.len());
        order.into_iter().filter(|id| *id != except).find(|id| {
            self.face(*id)
                .and_then(|f| f.glyph_index(c))
                .is_some_and(|g| g.0 != 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_fonts_serve_every_role() {
        let book = FontBook::load_shipped(&[]).expect("shipped fonts load");
        for (role, family, path, why) in book.describe() {
            assert!(path.is_file(), "{role:?}: {}", path.display());
            assert!(!family.is_empty());
            assert!(why.contains("shipped"), "{why}");
        }
        let body = book.role_font(FontRole::Body);
        let face = book.face(body).expect("face parses");
        assert!(face.glyph_index('楚').is_some());
    }

    #[test]
    fn font_book_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<FontBook>();
    }
}
