//! What may be in a token or client-id file, and what token may be saved: the pure checks,
//! with no I/O, so the fuzz target and the store share them.

use crate::failure::Failure;

/// The largest token or client-id file read, in bytes. Real tokens are about 20 bytes; the
/// limit only stops a planted or corrupted file from being read into memory whole.
pub const MAX_FILE_BYTES: usize = 64 * 1024;

/// Why a file's contents or a token were refused. Never quotes the value: it may be a secret.
pub(crate) type Reason = &'static str;

/// The value in a token or client-id file: `None` when the file is empty or blank, else the
/// trimmed value, which must be usable as a token: at most [`MAX_FILE_BYTES`], visible ASCII only
/// (no space, control or non-ASCII character), so that it can be sent as an HTTP header.
///
/// ```
/// use plex_auth_cli::store::parse_token_file;
/// assert_eq!(parse_token_file(b"  abc-123\n").unwrap().as_deref(), Some("abc-123"));
/// assert_eq!(parse_token_file(b" \n").unwrap(), None);
/// assert!(parse_token_file(b"abc\r\ndef").is_err());
/// ```
pub fn parse_token_file(bytes: &[u8]) -> Result<Option<String>, Failure> {
    parse(bytes).map_err(|reason| Failure::io(format!("unusable token or client-id file: its content {reason}")))
}

/// [`parse_token_file`] with the bare reason, for callers that name the file.
pub(crate) fn parse(bytes: &[u8]) -> Result<Option<String>, Reason> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err("is larger than 65536 bytes");
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "is not UTF-8")?;
    let value = text.trim();
    if value.is_empty() {
        return Ok(None);
    }
    check_token(value)?;
    Ok(Some(value.to_owned()))
}

/// Checks that `token` can be sent as an `X-Plex-Token` header and stored on one line: core's
/// one rule ([`plex_auth_core::check_token`]), so what the store saves the client can send.
pub(crate) fn check_token(token: &str) -> Result<(), Reason> {
    plex_auth_core::check_token(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_trimmed_bounded_utf8_and_header_safe() {
        assert_eq!(parse(b"tok-1\n"), Ok(Some("tok-1".to_owned())));
        assert_eq!(parse(b"\r\n\t tok-1 \r\n"), Ok(Some("tok-1".to_owned())));
        assert_eq!(parse(b""), Ok(None));
        assert_eq!(parse(b"   \n"), Ok(None));
        assert_eq!(parse(&vec![b'a'; 4096]).map(|v| v.map(|s| s.len())), Ok(Some(4096)));
        assert_eq!(parse(&vec![b'a'; 4097]), Err("is longer than 4096 bytes"));
        assert_eq!(parse(&vec![b'a'; MAX_FILE_BYTES + 1]), Err("is larger than 65536 bytes"));
        assert_eq!(parse(b"\xff\xfe"), Err("is not UTF-8"));
        for bad in ["abc\r\ndef", "abc def", "a\u{1b}b", "tök", "a\u{7f}", "a\0b"] {
            assert_eq!(
                parse(bad.as_bytes()),
                Err("contains a space, control or non-ASCII character, so it cannot be sent in a header"),
                "{bad:?}"
            );
        }
        let failure = parse_token_file(b"abc\ndef-secret").unwrap_err();
        assert!(!failure.message().contains("def-secret"), "the value is never quoted");
    }

    #[test]
    fn tokens_to_save_must_be_usable() {
        assert_eq!(check_token("abc-DEF_123~"), Ok(()));
        assert_eq!(check_token(""), Err("is empty"));
        assert!(check_token("   ").is_err());
        assert!(check_token("abc\r\ndef").is_err());
        assert!(check_token(&"a".repeat(MAX_FILE_BYTES + 1)).is_err());
    }
}
