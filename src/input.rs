//! Reading an input file (data, `extends` base, template) safely: only a
//! regular file, never more than [`MAX_INPUT_BYTES`], and never waiting on a
//! FIFO or a device that has no end.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The largest data or template file read, in bytes (16 MiB). A year's report
/// data is a few kilobytes; anything near this size is a wrong file.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the regular file at `path` (symbolic links followed) whole.
/// A directory, FIFO, socket or device, or a file over [`MAX_INPUT_BYTES`],
/// is an error naming the file; the file type is checked before opening, and
/// the open does not block, so a FIFO cannot hang the process.
pub fn read_regular_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&format!("read {what}"), path, e))?;
    check_regular(&meta, path, what)?;
    let mut file =
        open_nonblocking(path).map_err(|e| Error::io(&format!("read {what}"), path, e))?;
    // The path may have been swapped between the look and the open: check what was opened.
    let meta = file
        .metadata()
        .map_err(|e| Error::io(&format!("read {what}"), path, e))?;
    check_regular(&meta, path, what)?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_INPUT_BYTES) as usize);
    // Read one byte past the limit: a file that grows while read is caught too.
    (&mut file)
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&format!("read {what}"), path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(path, what));
    }
    Ok(bytes)
}

fn check_regular(meta: &Metadata, path: &Path, what: &str) -> Result<()> {
    if !meta.is_file() {
        return Err(Error::new(format!(
            "the {what} {} is {}, not a regular file",
            path.display(),
            file_kind(meta)
        ))
        .in_file(path)
        .hint("name a text file saved on disk"));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large(path, what));
    }
    Ok(())
}

fn too_large(path: &Path, what: &str) -> Error {
    Error::new(format!(
        "the {what} {} is larger than {} MiB, the most gongwen reads",
        path.display(),
        MAX_INPUT_BYTES / (1024 * 1024)
    ))
    .in_file(path)
    .hint(
        "a data file or template is a few kilobytes of text; check that this is the file you meant",
    )
}

/// What kind of file system object `meta` describes, as a reader says it.
pub fn file_kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_file() {
        return "a regular file";
    }
    "a special file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("gongwen-input-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = scratch("regular");
        let f = dir.join("a.yaml");
        std::fs::write(&f, "org: 局\n").unwrap();
        assert_eq!(
            read_regular_file(&f, "data file").unwrap(),
            "org: 局\n".as_bytes()
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_without_reading_it() {
        let dir = scratch("large");
        let f = dir.join("big.yaml");
        // Sparse: the size is checked before a byte is read.
        File::create(&f)
            .unwrap()
            .set_len(MAX_INPUT_BYTES + 1)
            .unwrap();
        let e = read_regular_file(&f, "data file").unwrap_err().to_string();
        assert!(
            e.contains("larger than 16 MiB") && e.contains("big.yaml"),
            "{e}"
        );
        let ok = dir.join("limit.yaml");
        File::create(&ok).unwrap().set_len(MAX_INPUT_BYTES).unwrap();
        assert_eq!(
            read_regular_file(&ok, "data file").unwrap().len() as u64,
            MAX_INPUT_BYTES
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_directories_are_named_not_read() {
        let dir = scratch("special");
        for (path, kind) in [
            (Path::new("/dev/zero"), "a device"),
            (dir.as_path(), "a directory"),
        ] {
            let e = read_regular_file(path, "data file")
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(kind) && e.contains(&path.display().to_string()),
                "{e}"
            );
        }
    }
}
