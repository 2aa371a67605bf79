//! Owner-only files and directories, written so that nobody else sharing the machine can read a
//! token or redirect where it goes.
//!
//! Writes go to a fresh temp file in the target's own directory, made by the `tempfile` crate:
//! its name is random, it is created with `O_CREAT | O_EXCL` (so a symlink or file planted at
//! that name is never followed or reused) and mode 0600 from the start, and it is deleted if
//! anything fails before it is renamed over (or hard-linked to) the target. A rename replaces a
//! symlink at the target instead of writing through it.

use super::parse::MAX_FILE_BYTES;
use crate::escape::terminal_safe;
use crate::failure::Failure;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// One line on stderr about something fixed on the user's behalf.
fn warn(message: &str) {
    eprintln!("plex-auth: warning: {}", terminal_safe(message));
}

fn io_failure(what: &str, path: &Path, e: &io::Error) -> Failure {
    Failure::io(format!("cannot {what} {}: {e}", path.display()))
}

/// Removes group and other permission bits from `path`, warning when it had any. A failure to
/// change them is a warning too: the value itself is still usable.
#[cfg(unix)]
fn tighten(what: &str, path: &Path, mode: u32, wanted: u32, set: impl FnOnce(fs::Permissions) -> io::Result<()>) {
    use std::os::unix::fs::PermissionsExt;
    let mode = mode & 0o777;
    if mode & 0o077 == 0 {
        return;
    }
    match set(fs::Permissions::from_mode(wanted)) {
        Ok(()) => warn(&format!(
            "{what} {} was open to other users (mode {mode:03o}); changed it to {wanted:03o}",
            path.display()
        )),
        Err(e) => warn(&format!(
            "{what} {} is open to other users (mode {mode:03o}) and could not be changed: {e}",
            path.display()
        )),
    }
}

/// Makes sure `dir` is owner-only: created with mode 0700 when missing (if `create`), tightened
/// to 0700 with a warning when it exists with group or other bits.
pub(crate) fn private_dir(dir: &Path, create: bool) -> Result<(), Failure> {
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound && !create => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return create_private_dir(dir),
        Err(e) => return Err(io_failure("use the config dir", dir, &e)),
    };
    if !meta.is_dir() {
        return Err(Failure::io(format!("the config dir {} is not a directory", dir.display())));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tighten("config dir", dir, meta.permissions().mode(), 0o700, |p| fs::set_permissions(dir, p));
    }
    Ok(())
}

/// Creates the parents as usual and `dir` itself with mode 0700 (never wider, whatever the
/// umask), accepting a concurrent creator.
fn create_private_dir(dir: &Path) -> Result<(), Failure> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| io_failure("create the parent of the config dir", dir, &e))?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => private_dir(dir, false),
        Err(e) => Err(io_failure("create the config dir", dir, &e)),
    }
}

/// Reads at most [`MAX_FILE_BYTES`] + 1 bytes of the regular file at `path` (`None` when it
/// does not exist), so a huge or endless file cannot exhaust memory; the caller sees the extra
/// byte and refuses. With `private`, a file open to other users is tightened to 0600.
pub(crate) fn read_bounded(path: &Path, private: bool) -> Result<Option<Vec<u8>>, Failure> {
    // Checked before opening too, so that a FIFO is refused rather than blocked on.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(Failure::io(format!("cannot read {}: not a regular file", path.display())));
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_failure("read", path, &e)),
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_failure("read", path, &e)),
    };
    let meta = file.metadata().map_err(|e| io_failure("read", path, &e))?;
    if !meta.is_file() {
        return Err(Failure::io(format!("cannot read {}: not a regular file", path.display())));
    }
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::PermissionsExt;
        tighten("token file", path, meta.permissions().mode(), 0o600, |p| file.set_permissions(p));
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    (&file).take(limit).read_to_end(&mut bytes).map_err(|e| io_failure("read", path, &e))?;
    Ok(Some(bytes))
}

/// What [`write_private`] does when the target exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Replace it atomically.
    Replace,
    /// Leave it alone and report [`Written::AlreadyThere`] (for first-run creation races).
    Keep,
}

/// What [`write_private`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    /// The target now holds the contents.
    To(PathBuf),
    /// The target existed and was kept ([`Existing::Keep`]).
    AlreadyThere,
}

/// Writes `contents` to `dir/name` (mode 0600) through a fresh temp file, as described in the
/// module docs.
pub(crate) fn write_private(dir: &Path, name: &str, contents: &[u8], existing: Existing) -> Result<Written, Failure> {
    let target = dir.join(name);
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io_failure("create a temporary file in", dir, &e))?;
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| io_failure("write a temporary file in", dir, &e))?;
    let outcome = match existing {
        Existing::Replace => temp.persist(&target).map(drop),
        Existing::Keep => match temp.persist_noclobber(&target) {
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => return Ok(Written::AlreadyThere),
            other => other.map(drop),
        },
    };
    // On error the temp file comes back inside the error and is deleted when it is dropped here.
    outcome.map_err(|e| io_failure("write", &target, &e.error))?;
    Ok(Written::To(target))
}
