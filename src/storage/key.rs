//! The audit key: a secret kept outside the database, with which every audit row's hash is
//! an HMAC. Whoever can write the database file but has not the key cannot forge a row or
//! re-chain history; `db check` finds either.
//!
//! The key lives in `JINZHU_KEY_FILE`, or else `$XDG_CONFIG_HOME/jinzhu/audit.key`
//! (`~/.config/jinzhu/audit.key`): 32 random bytes as hexadecimal, mode 0600, created by
//! `init` (or `db migrate`) when there is none.

use std::fs::{DirBuilder, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use hmac::{KeyInit, Mac};

use crate::base::hex::{from_hex, to_hex};
use crate::base::i18n::Msg;
use crate::error::{Error, Result};

pub type Hmac = hmac::Hmac<sha2::Sha256>;

const KEY_BYTES: usize = 32;
/// What the fingerprint is an HMAC of: it names the key in `meta` without revealing it.
const FINGERPRINT_INPUT: &[u8] = b"jinzhu audit key fingerprint";

/// A loaded key, kept as the MAC it starts (the bytes themselves are not needed again).
#[derive(Clone)]
pub struct AuditKey {
    mac: Hmac,
    pub path: PathBuf,
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({}, {})", self.path.display(), self.fingerprint())
    }
}

/// Where the key is looked for: `JINZHU_KEY_FILE`, else the user's config folder.
pub fn default_path() -> PathBuf {
    if let Some(file) = std::env::var_os("JINZHU_KEY_FILE").filter(|f| !f.is_empty()) {
        return PathBuf::from(file);
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    config.join("jinzhu").join("audit.key")
}

impl AuditKey {
    fn from_bytes(bytes: &[u8; KEY_BYTES], path: &Path) -> Result<AuditKey> {
        let mac = <Hmac as KeyInit>::new_from_slice(bytes)
            .map_err(|_| Error::Database(Msg::new("error.key.malformed").arg("path", path.display())))?;
        Ok(AuditKey { mac, path: path.to_path_buf() })
    }

    /// The MAC every audit hash starts from.
    pub fn mac(&self) -> Hmac {
        self.mac.clone()
    }

    /// A short name of the key, stored in the database so that another key is told apart
    /// from a forged row.
    pub fn fingerprint(&self) -> String {
        let mut mac = self.mac();
        mac.update(FINGERPRINT_INPUT);
        to_hex(&mac.finalize().into_bytes()[..8])
    }

    /// Reads the key at `path`; `Ok(None)` when there is no file.
    pub fn load(path: &Path) -> Result<Option<AuditKey>> {
        let mut text = String::new();
        match std::fs::File::open(path) {
            Ok(mut f) => f.read_to_string(&mut text).map_err(|e| Error::io(path, e))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let bytes = from_hex::<KEY_BYTES>(text.trim())
            .ok_or_else(|| Error::Database(Msg::new("error.key.malformed").arg("path", path.display())))?;
        Self::from_bytes(&bytes, path).map(Some)
    }

    /// The key at `path`, which must exist: a write without it could not be checked.
    pub fn require(path: &Path) -> Result<AuditKey> {
        Self::load(path)?.ok_or_else(|| Error::Database(Msg::new("error.key.missing").arg("path", path.display())))
    }

    /// The key at `path`, made (32 random bytes, mode 0600, its folder 0700) if absent.
    pub fn load_or_create(path: &Path) -> Result<AuditKey> {
        if let Some(key) = Self::load(path)? {
            return Ok(key);
        }
        let mut bytes = [0u8; KEY_BYTES];
        std::fs::File::open("/dev/urandom")
            .and_then(|mut r| r.read_exact(&mut bytes))
            .map_err(|e| Error::io(Path::new("/dev/urandom"), e))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| Error::io(dir, e))?;
        }
        let mut file =
            OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(|e| Error::io(path, e))?;
        writeln!(file, "{}", to_hex(&bytes)).and_then(|()| file.sync_all()).map_err(|e| Error::io(path, e))?;
        Self::from_bytes(&bytes, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_key_reads_back_the_same_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("audit.key");
        let made = AuditKey::load_or_create(&path).unwrap();
        let read = AuditKey::require(&path).unwrap();
        assert_eq!(made.fingerprint(), read.fingerprint());
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let other = AuditKey::load_or_create(&dir.path().join("other.key")).unwrap();
        assert_ne!(made.fingerprint(), other.fingerprint());
    }

    #[test]
    fn a_missing_or_damaged_key_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.key");
        assert!(matches!(AuditKey::require(&path), Err(Error::Database(m)) if m.key == "error.key.missing"));
        std::fs::write(&path, "not hex").unwrap();
        assert!(matches!(AuditKey::load(&path), Err(Error::Database(m)) if m.key == "error.key.malformed"));
    }
}
