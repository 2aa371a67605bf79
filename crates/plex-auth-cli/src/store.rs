//! Saved state in the config dir: the client identifier (generated once) and a saved token.
//!
//! Files are written atomically (temp file + rename); the token file is created with mode 0600.

use crate::failure::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};

const CLIENT_ID_FILE: &str = "client-id";
const TOKEN_FILE: &str = "token";

/// The config dir: `PLEX_AUTH_CONFIG_DIR`, else the platform's (e.g. `~/.config/plex-auth`).
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Finds the config dir.
    pub fn locate() -> Result<Self, Failure> {
        if let Some(dir) = std::env::var_os("PLEX_AUTH_CONFIG_DIR").filter(|d| !d.is_empty()) {
            return Ok(Self { dir: PathBuf::from(dir) });
        }
        directories::ProjectDirs::from("", "", "plex-auth")
            .map(|p| Self { dir: p.config_dir().to_path_buf() })
            .ok_or_else(|| Failure::Local("no config directory (set PLEX_AUTH_CONFIG_DIR)".into()))
    }

    fn read(&self, name: &str) -> Result<Option<String>, Failure> {
        match std::fs::read_to_string(self.dir.join(name)) {
            Ok(text) => Ok(Some(text.trim().to_owned()).filter(|t| !t.is_empty())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Failure::Local(format!("cannot read {}: {e}", self.dir.join(name).display()))),
        }
    }

    /// The saved token, if any.
    pub fn token(&self) -> Result<Option<String>, Failure> {
        self.read(TOKEN_FILE)
    }

    /// Saves `token` (mode 0600).
    pub fn save_token(&self, token: &str) -> Result<PathBuf, Failure> {
        write_atomic(&self.dir, TOKEN_FILE, token)
    }

    /// The stored client identifier, generated and stored on first use.
    pub fn client_id(&self) -> Result<String, Failure> {
        if let Some(id) = self.read(CLIENT_ID_FILE)? {
            return Ok(id);
        }
        let id = generate_id();
        write_atomic(&self.dir, CLIENT_ID_FILE, &id)?;
        Ok(id)
    }
}

/// 32 hex digits from the standard library's randomly seeded hasher, the time and the pid.
fn generate_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::with_capacity(32);
    for round in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(round);
        h.write_u32(std::process::id());
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// Writes `dir/name` via a temp file and rename, owner-only on unix.
fn write_atomic(dir: &Path, name: &str, contents: &str) -> Result<PathBuf, Failure> {
    let fail = |what: &str, e: std::io::Error| Failure::Local(format!("cannot {what} in {}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(|e| fail("create the config dir", e))?;
    let target = dir.join(name);
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temp).map_err(|e| fail("create a file", e))?;
    file.write_all(contents.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| fail("write a file", e))?;
    std::fs::rename(&temp, &target).map_err(|e| fail("replace a file", e))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_id_is_generated_once_and_token_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store { dir: dir.path().join("nested") };
        assert_eq!(store.token().unwrap(), None);
        let id = store.client_id().unwrap();
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(store.client_id().unwrap(), id);
        let path = store.save_token("tok-1").unwrap();
        store.save_token("tok-2").unwrap();
        assert_eq!(store.token().unwrap().as_deref(), Some("tok-2"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_ne!(generate_id(), generate_id());
    }
}
