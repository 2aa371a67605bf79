//! Saved state in the config dir: the client identifier (generated once) and a saved token.
//!
//! The dir is owner-only (0700) and both files are owner-only (0600) from the moment they exist;
//! how they are written is in `private_fs`. Reads are bounded ([`MAX_FILE_BYTES`]) and go
//! through [`parse_token_file`], which the fuzz target calls too.

mod jwt;
mod parse;
mod private_fs;

pub use parse::{MAX_FILE_BYTES, parse_token_file};

use crate::failure::Failure;
use private_fs::{Existing, Written, private_dir, read_bounded, write_private};
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
            return Ok(Self::at(PathBuf::from(dir)));
        }
        directories::ProjectDirs::from("", "", "plex-auth").map(|p| Self::at(p.config_dir().to_path_buf())).ok_or_else(
            || {
                Failure::io("no config directory")
                    .with_hint("set PLEX_AUTH_CONFIG_DIR to a directory plex-auth may write")
            },
        )
    }

    /// A store in `dir` (created on the first write).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The config dir.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads and checks `name`; `None` when it is missing or blank.
    fn read(&self, name: &str) -> Result<Option<String>, Failure> {
        let path = self.dir.join(name);
        let Some(bytes) = read_bounded(&path, name == TOKEN_FILE)? else { return Ok(None) };
        parse::parse(&bytes)
            .map_err(|reason| Failure::io(format!("cannot use {}: its content {reason}", path.display())))
    }

    /// The saved token, if any. A config dir or token file open to other users is tightened first.
    pub fn token(&self) -> Result<Option<String>, Failure> {
        private_dir(&self.dir, false)?;
        self.read(TOKEN_FILE)
    }

    /// Saves `token` (mode 0600), refusing one that could not be sent back as a header.
    pub fn save_token(&self, token: &str) -> Result<PathBuf, Failure> {
        parse::check_token(token).map_err(Failure::unusable_token)?;
        private_dir(&self.dir, true)?;
        match write_private(&self.dir, TOKEN_FILE, token.as_bytes(), Existing::Replace)? {
            Written::To(path) => Ok(path),
            Written::AlreadyThere => Err(Failure::io("the token file was not replaced")),
        }
    }

    /// Deletes the saved token; the path when there was one.
    pub fn forget_token(&self) -> Result<Option<PathBuf>, Failure> {
        let path = self.dir.join(TOKEN_FILE);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(Some(path)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Failure::io(format!("cannot delete {}: {e}", path.display()))
                .with_hint("delete the file by hand; the token in it no longer works")),
        }
    }

    /// The stored client identifier, generated and stored on first use.
    ///
    /// Several first runs at once all end up with the same identifier: each writes its candidate
    /// to a temp file and links it into place only if no identifier is there yet; the losers read
    /// the winner's.
    pub fn client_id(&self) -> Result<String, Failure> {
        self.generated(CLIENT_ID_FILE)
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

#[cfg(test)]
mod tests;
