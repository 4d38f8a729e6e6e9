//! Files jinzhu writes (exports, letters, backups): written whole to a new temporary file
//! beside the target, readable by the owner only, and renamed into place. A symlink at
//! the target is replaced, never followed; a write that fails or is killed leaves the old
//! file or none, never half of one.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The temporary file a write of `path` goes to first.
fn temporary_for(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.jinzhu-tmp", std::process::id()))
}

/// Writes `path` through `write`, which is given the temporary path to fill.
pub fn replace_file<T>(path: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let tmp = temporary_for(path);
    // A temporary file of ours left by a killed run of this same process id.
    let _ = std::fs::remove_file(&tmp);
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let written = write(&tmp).and_then(|v| std::fs::rename(&tmp, path).map(|_| v).map_err(|e| Error::io(path, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// `replace_file` for content written through a `File`.
pub fn replace_with(path: &Path, write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>) -> Result<()> {
    replace_file(path, |tmp| {
        let mut f = OpenOptions::new().write(true).truncate(true).open(tmp).map_err(|e| Error::io(tmp, e))?;
        write(&mut f).and_then(|_| f.sync_all()).map_err(|e| Error::io(tmp, e))
    })
}

/// Appends `text` to the file at `path` (created 0600): an anchor file grows by one line
/// per check. A symlink at `path` is refused, never followed.
pub fn append(path: &Path, text: &str) -> Result<()> {
    use std::io::Write as _;
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .map_err(|e| Error::io(path, e))
}

/// A file name part cut to a length every file system takes (255 bytes a name), on a
/// character boundary.
pub fn safe_name(text: &str, max_bytes: usize) -> String {
    let clean: String = text.chars().map(|c| if matches!(c, '/' | '\\' | '\0') { '_' } else { c }).collect();
    let mut end = clean.len().min(max_bytes);
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    clean[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_on_character_boundaries() {
        assert_eq!(safe_name("区市场监督管理局", 7), "区市");
        assert_eq!(safe_name("a/b", 10), "a_b");
        assert_eq!(safe_name("short", 100), "short");
    }

    #[test]
    fn a_symlink_at_the_target_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let out = dir.path().join("out.csv");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        replace_with(&out, |f| std::io::Write::write_all(f, b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        assert!(!std::fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        std::fs::write(&out, "old").unwrap();
        let failed = replace_with(&out, |_| Err(std::io::Error::other("disk full")));
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }
}
