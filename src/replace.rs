//! Replacing one document's output files together: all of them new, or all
//! of them as they were — also when the process is killed half-way.
//!
//! In the output directory, for a document numbered `ID` (`PID-SEQ`):
//! 1. every new file is written and synced as `.gongwen-ID.K.new`;
//! 2. the commit marker `.gongwen-ID.commit` lists the targets (one line
//!    each, `K<TAB>name`); from here on the new files win;
//! 3. each old target gets a backup `.gongwen-ID.K.old` (a hard link, so an
//!    unreadable file is kept too), then `.new` is renamed over the target;
//! 4. the backups and the marker are removed.
//!
//! A failure in step 3 renames the backups back. A run killed before step 2
//! leaves only `.new` files (deleted by the next run, the old outputs never
//! touched); one killed after it is finished by the next run, which renames
//! the remaining `.new` files into place ([`recover_dir`]).

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};
use crate::input::file_kind;

/// Every temporary name starts with this; nothing else is ever removed.
pub const TEMP_PREFIX: &str = ".gongwen-";

/// A leftover whose process id is in use again by another program is taken
/// for abandoned after this long (one document's commit takes well under a second).
const STALE_AFTER: Duration = Duration::from_secs(3600);

static NEXT_SEQ: AtomicU64 = AtomicU64::new(0);

/// The commits this process has under way, so its own files are never taken for leftovers.
static ACTIVE: Mutex<Option<HashSet<String>>> = Mutex::new(None);

fn set_active(id: &str, on: bool) {
    let mut guard = ACTIVE.lock().unwrap_or_else(|p| p.into_inner());
    let set = guard.get_or_insert_with(HashSet::new);
    if on {
        set.insert(id.to_string());
    } else {
        set.remove(id);
    }
}

fn is_active_here(id: &str) -> bool {
    let guard = ACTIVE.lock().unwrap_or_else(|p| p.into_inner());
    guard.as_ref().is_some_and(|s| s.contains(id))
}

/// Refuses to replace anything at `path` but a regular file (or nothing).
pub fn check_replaceable(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("write", path, e)),
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) => Err(Error::new(format!(
            "will not write over {}: it is {}, not a regular file",
            path.display(),
            file_kind(&meta)
        ))
        .hint("move it away, or write to another path")),
    }
}

/// Replaces the files at the given paths (all in one directory) with the
/// given bytes, all together or — on an error — none of them.
pub fn replace_together(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let Some((first, _)) = files.first() else {
        return Ok(());
    };
    let dir = parent_dir(first);
    for (path, _) in files {
        if parent_dir(path) != dir {
            return Err(Error::new(format!(
                "{} and {} are not in one directory",
                first.display(),
                path.display()
            )));
        }
        check_replaceable(path)?;
    }
    let id = format!(
        "{}-{}",
        std::process::id(),
        NEXT_SEQ.fetch_add(1, Ordering::Relaxed)
    );
    set_active(&id, true);
    let result = commit(&dir, &id, files);
    set_active(&id, false);
    result
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temp_path(dir: &Path, id: &str, k: usize, suffix: &str) -> PathBuf {
    dir.join(format!("{TEMP_PREFIX}{id}.{k}.{suffix}"))
}

fn marker_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{TEMP_PREFIX}{id}.commit"))
}

fn commit(dir: &Path, id: &str, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    // 1. New files beside the targets; the old ones untouched on any error.
    let mut written = Vec::new();
    for (k, (target, bytes)) in files.iter().enumerate() {
        let tmp = temp_path(dir, id, k, "new");
        if let Err(e) = write_synced(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            for t in &written {
                let _ = std::fs::remove_file(t);
            }
            let hint = write_hint(&e);
            let err = Error::io("write", target, e);
            return Err(match hint {
                Some(h) => err.hint(h),
                None => err,
            });
        }
        written.push(tmp);
    }
    // 2. The marker: from now on a killed run is finished by the next one.
    // Written under another name and renamed, so a marker is never half a list.
    let marker = marker_path(dir, id);
    let marker_tmp = dir.join(format!("{TEMP_PREFIX}{id}.commit.new"));
    let list: String = files
        .iter()
        .enumerate()
        .map(|(k, (p, _))| format!("{k}\t{}\n", file_name(p)))
        .collect();
    let marked = write_synced(&marker_tmp, list.as_bytes())
        .and_then(|()| std::fs::rename(&marker_tmp, &marker));
    if let Err(e) = marked {
        let _ = std::fs::remove_file(&marker_tmp);
        for t in &written {
            let _ = std::fs::remove_file(t);
        }
        return Err(Error::io("write", &marker, e));
    }
    sync_dir(dir);
    // 3. Back up and replace, one target after another.
    let mut done: Vec<(usize, Option<PathBuf>)> = Vec::new();
    for (k, (target, _)) in files.iter().enumerate() {
        match replace_one(dir, id, k, target) {
            Ok(backup) => done.push((k, backup)),
            Err(e) => {
                let kept = roll_back(dir, id, files, &done, k);
                let _ = std::fs::remove_file(&marker);
                let mut e = Error::io("write", target, e);
                if !kept.is_empty() {
                    e = e.hint(format!(
                        "the previous files could not be put back and are kept as {}",
                        kept.join(", ")
                    ));
                }
                return Err(e);
            }
        }
    }
    sync_dir(dir);
    // 4. Done: the backups and the marker go.
    for (_, backup) in &done {
        if let Some(b) = backup {
            let _ = std::fs::remove_file(b);
        }
    }
    let _ = std::fs::remove_file(&marker);
    Ok(())
}

/// What to do about a failed write, for the failures a user can mend.
fn write_hint(e: &std::io::Error) -> Option<&'static str> {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => Some(
            "the output directory is not writable: fix its permissions or choose another --out; the existing files are untouched",
        ),
        std::io::ErrorKind::StorageFull => {
            Some("the disk is full: free some space and build again; the existing files are untouched")
        }
        std::io::ErrorKind::ReadOnlyFilesystem => Some(
            "the output directory is on a read-only file system: choose another --out",
        ),
        _ => None,
    }
}

/// Puts `.new` number `k` in place of `target`, keeping the old file as
/// `.old`; returns the backup's path when there was an old file.
fn replace_one(dir: &Path, id: &str, k: usize, target: &Path) -> std::io::Result<Option<PathBuf>> {
    let tmp = temp_path(dir, id, k, "new");
    let backup = temp_path(dir, id, k, "old");
    let existed = std::fs::symlink_metadata(target).is_ok();
    if !existed {
        put_in_place(&tmp, target, k)?;
        return Ok(None);
    }
    if std::fs::hard_link(target, &backup).is_ok() {
        if let Err(e) = put_in_place(&tmp, target, k) {
            let _ = std::fs::remove_file(&backup);
            return Err(e);
        }
    } else {
        // No hard links here: move the old file aside instead (it never needs reading).
        std::fs::rename(target, &backup)?;
        if let Err(e) = put_in_place(&tmp, target, k) {
            let _ = std::fs::rename(&backup, target);
            return Err(e);
        }
    }
    Ok(Some(backup))
}

#[cfg(test)]
thread_local! {
    /// Tests make the rename of this target number fail, as a full or failing disk might.
    static FAIL_AT: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    /// Tests make putting a backup back fail too.
    static FAIL_PUT_BACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn put_back(backup: &Path, target: &Path) -> std::io::Result<()> {
    #[cfg(test)]
    if FAIL_PUT_BACK.with(|f| f.get()) {
        return Err(std::io::Error::other("injected failure"));
    }
    std::fs::rename(backup, target)
}

fn put_in_place(tmp: &Path, target: &Path, k: usize) -> std::io::Result<()> {
    #[cfg(test)]
    if FAIL_AT.with(|f| f.get()) == Some(k) {
        return Err(std::io::Error::other("injected failure"));
    }
    let _ = k;
    std::fs::rename(tmp, target)
}

/// Undoes the replacements in `done` after target `failed` could not be
/// replaced; returns the backups it could not put back (kept, never deleted).
fn roll_back(
    dir: &Path,
    id: &str,
    files: &[(PathBuf, Vec<u8>)],
    done: &[(usize, Option<PathBuf>)],
    failed: usize,
) -> Vec<String> {
    let mut stranded = Vec::new();
    for (k, backup) in done.iter().rev() {
        let target = &files[*k].0;
        match backup {
            Some(b) => {
                if put_back(b, target).is_err() {
                    stranded.push((b.clone(), target));
                }
            }
            // The target did not exist before: what is there now is ours.
            None => {
                let _ = std::fs::remove_file(target);
            }
        }
    }
    // The failed target's own backup, when moving the old file back failed too.
    let failed_backup = temp_path(dir, id, failed, "old");
    if failed_backup.exists() {
        stranded.push((failed_backup, &files[failed].0));
    }
    for k in failed..files.len() {
        let _ = std::fs::remove_file(temp_path(dir, id, k, "new"));
    }
    // A backup that could not be put back leaves the temporary pattern, so
    // no later tidying up deletes the only copy of an old file.
    stranded
        .into_iter()
        .map(|(backup, target)| {
            let keep = dir.join(format!("{}.previous", file_name(target)));
            match std::fs::rename(&backup, &keep) {
                Ok(()) => keep.display().to_string(),
                Err(_) => backup.display().to_string(),
            }
        })
        .collect()
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Makes renames in `dir` durable; a file system that cannot is left as it is.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What [`recover_dir`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// Documents whose interrupted replacement was finished.
    pub finished: usize,
    /// Leftover temporary files removed.
    pub removed: usize,
}

/// Finishes or discards what killed runs left in `dir`: only names of this
/// module's own pattern, and only those of processes no longer running.
pub fn recover_dir(dir: &Path) -> Result<Recovered> {
    let mut report = Recovered::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(report),
        Err(e) => return Err(Error::io("read directory", dir, e)),
    };
    // id → its files (name, path)
    let mut groups: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(id) = leftover_id(&name).or_else(|| legacy_leftover_id(&name)) else {
            continue;
        };
        if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            groups.entry(id).or_default().push((name, entry.path()));
        }
    }
    for (id, files) in groups {
        if owner_is_running(&id, &files) {
            continue;
        }
        let marker = marker_path(dir, &id);
        if marker.exists() {
            finish_commit(dir, &id, &marker)?;
            report.finished += 1;
        }
        for (_, path) in &files {
            if path.exists() && std::fs::remove_file(path).is_ok() {
                report.removed += 1;
            }
        }
    }
    Ok(report)
}

/// `PID-legacy` from the temporary name earlier versions wrote, `.NAME.EXT.PID.tmp`
/// for an output or draft `NAME.EXT`: never finished, so only ever removed.
fn legacy_leftover_id(name: &str) -> Option<String> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, pid) = rest.rsplit_once('.')?;
    let known = [".docx", ".pdf", ".txt", ".yaml"];
    if pid.is_empty() || !pid.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    known
        .iter()
        .any(|ext| target.len() > ext.len() && target.ends_with(ext))
        .then(|| format!("{pid}-legacy"))
}

/// `PID-SEQ` from a name of the pattern `.gongwen-PID-SEQ.commit[.new]` or `.gongwen-PID-SEQ.K.new|old`.
fn leftover_id(name: &str) -> Option<String> {
    let rest = name.strip_prefix(TEMP_PREFIX)?;
    let mut parts = rest.split('.');
    let id = parts.next()?;
    let (pid, seq) = id.split_once('-')?;
    if pid.is_empty()
        || seq.is_empty()
        || !pid.chars().chain(seq.chars()).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let tail: Vec<&str> = parts.collect();
    let ok = match tail.as_slice() {
        ["commit"] | ["commit", "new"] => true,
        [k, "new" | "old"] => !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    };
    ok.then(|| id.to_string())
}

fn owner_is_running(id: &str, files: &[(String, PathBuf)]) -> bool {
    let Some(pid) = id.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    if pid == std::process::id() {
        return is_active_here(id);
    }
    if !process_exists(pid) {
        return false;
    }
    // The id may now belong to another program: very old leftovers are abandoned.
    let newest = files
        .iter()
        .filter_map(|(_, p)| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max();
    match newest.and_then(|t| SystemTime::now().duration_since(t).ok()) {
        Some(age) => age < STALE_AFTER,
        None => true,
    }
}

#[cfg(unix)]
fn process_exists(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_exists(_pid: u32) -> bool {
    true
}

/// Renames the `.new` files a marker lists over their targets (those not yet renamed).
fn finish_commit(dir: &Path, id: &str, marker: &Path) -> Result<()> {
    let list = std::fs::read_to_string(marker).map_err(|e| Error::io("read", marker, e))?;
    for line in list.lines() {
        let Some((k, name)) = line.split_once('\t') else {
            continue;
        };
        let Ok(k) = k.parse::<usize>() else { continue };
        // A name from our own marker; still, never let it leave the directory.
        if name.is_empty() || name.contains('/') || name.contains('\\') || name == ".." {
            continue;
        }
        let tmp = temp_path(dir, id, k, "new");
        if tmp.exists() {
            let target = dir.join(name);
            check_replaceable(&target)?;
            std::fs::rename(&tmp, &target).map_err(|e| Error::io("finish writing", &target, e))?;
        }
    }
    sync_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests;
