//! The password, read from the environment, a pipe or a hidden prompt, never without a bound.

use crate::failure::Failure;
use plex_auth_core::Secret;
use std::io::{BufRead, IsTerminal, Read};

/// The longest password line read from stdin, in bytes. Far above any real password; it only
/// stops `plex-auth signin < /dev/zero` from reading until memory runs out.
pub const MAX_PASSWORD_BYTES: usize = 4096;

/// The password: `PLEX_PASSWORD`, else one line of stdin when it is not a terminal, else a prompt.
pub(crate) fn read_password() -> Result<Secret, Failure> {
    if let Some(p) = std::env::var_os("PLEX_PASSWORD").filter(|p| !p.is_empty()) {
        return p.into_string().map(Secret::from).map_err(|_| Failure::invalid("invalid PLEX_PASSWORD: is not UTF-8"));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return rpassword::prompt_password("Plex password: ")
            .map(Secret::from)
            .map_err(|e| Failure::io(format!("cannot read the password: {e}")));
    }
    let password = read_line_bounded(&mut stdin.lock(), MAX_PASSWORD_BYTES)?;
    if password.is_empty() {
        return Err(Failure::invalid("no password given")
            .with_hint("set PLEX_PASSWORD, pipe it on stdin, or run on a terminal to be asked"));
    }
    Ok(Secret::new(password))
}

/// One line of at most `limit` bytes (without its `\n` or `\r\n`), reading at most `limit + 2`.
fn read_line_bounded(reader: &mut impl BufRead, limit: usize) -> Result<String, Failure> {
    let mut line = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(2);
    reader
        .take(cap)
        .read_until(b'\n', &mut line)
        .map_err(|e| Failure::io(format!("cannot read the password from stdin: {e}")))?;
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    if line.len() > limit {
        return Err(Failure::invalid(format!(
            "invalid password: the line read from stdin is longer than {limit} bytes"
        )));
    }
    String::from_utf8(line).map_err(|_| Failure::invalid("invalid password: the line read from stdin is not UTF-8"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn one_line_is_read_within_the_limit() {
        let read = |bytes: &[u8]| read_line_bounded(&mut &bytes[..], 8).map_err(|f| f.message());
        assert_eq!(read(b"pw\nrest").unwrap(), "pw");
        assert_eq!(read(b"pw\r\n").unwrap(), "pw");
        assert_eq!(read(b"12345678\r\n").unwrap(), "12345678");
        assert_eq!(read(b"").unwrap(), "");
        assert_eq!(
            read(b"123456789\n").unwrap_err(),
            "invalid password: the line read from stdin is longer than 8 bytes"
        );
        assert!(read(b"\xff\n").unwrap_err().contains("not UTF-8"));
    }

    #[test]
    fn an_endless_stream_of_zeros_is_refused_after_the_limit() {
        let mut zeros = std::io::BufReader::new(std::io::repeat(0));
        let failure = read_line_bounded(&mut zeros, MAX_PASSWORD_BYTES).unwrap_err();
        assert_eq!(failure.exit_code(), 2);
        assert!(failure.message().contains("longer than 4096 bytes"), "{}", failure.message());
    }
}
