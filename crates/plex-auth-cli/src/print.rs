//! Writing to stdout and stderr without ever panicking.
//!
//! `println!` panics when stdout is a closed pipe (`plex-auth demo | head -2`) or a full disk
//! (`> /dev/full`). Every write here returns a [`Failure`] instead: a closed pipe becomes
//! [`FailureKind::ClosedOutput`] (nothing more is printed; exit 141), any other write error a
//! local I/O failure (exit 1) whose message names the cause.

use crate::failure::{Failure, FailureKind};
use std::io::{self, Write};

/// Standard output, written fallibly.
pub struct Stdout<W: Write = io::Stdout> {
    inner: W,
}

impl Stdout {
    /// The process's stdout.
    pub fn new() -> Self {
        Self { inner: io::stdout() }
    }
}

impl Default for Stdout {
    fn default() -> Self {
        Self::new()
    }
}

impl<W: Write> Stdout<W> {
    /// Output written to `inner` (for tests).
    pub fn to(inner: W) -> Self {
        Self { inner }
    }

    /// Writes `text` as is.
    pub fn text(&mut self, text: &str) -> Result<(), Failure> {
        self.inner.write_all(text.as_bytes()).map_err(write_failure)
    }

    /// Writes `text` and a newline.
    pub fn line(&mut self, text: &str) -> Result<(), Failure> {
        self.text(text)?;
        self.text("\n")
    }

    /// Flushes: a full disk often shows only here.
    pub fn flush(&mut self) -> Result<(), Failure> {
        self.inner.flush().map_err(write_failure)
    }

    /// The writer, for tests.
    pub fn into_inner(self) -> W {
        self.inner
    }
}

/// A failed write to stdout as a failure.
pub fn write_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::new(FailureKind::ClosedOutput, "output closed")
    } else {
        Failure::io(format!("cannot write the output: {e}"))
            .with_hint("check that the disk or the file that stdout goes to can be written")
    }
}

/// One line on stderr; a failure to write it is ignored (there is nowhere left to say so).
pub fn stderr_line(text: &str) {
    let _ = writeln!(io::stderr(), "{text}");
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    struct Broken(io::ErrorKind);
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    #[test]
    fn a_closed_pipe_ends_quietly_and_a_full_disk_is_a_local_failure() {
        let closed = Stdout::to(Broken(io::ErrorKind::BrokenPipe)).line("x").unwrap_err();
        assert_eq!((closed.kind, closed.exit_code()), (FailureKind::ClosedOutput, 141));
        let full = Stdout::to(Broken(io::ErrorKind::StorageFull)).line("x").unwrap_err();
        assert_eq!(full.exit_code(), 1);
        assert!(full.message.starts_with("cannot write the output: "), "{}", full.message);
        let mut ok = Stdout::to(Vec::new());
        ok.line("a").unwrap();
        ok.text("b").unwrap();
        assert_eq!(ok.into_inner(), b"a\nb");
    }
}
