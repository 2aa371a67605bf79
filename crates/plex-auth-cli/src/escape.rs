//! Text from servers made safe for a terminal.
//!
//! A server controls account fields, connection URIs, names and error messages. Printed raw, an
//! `ESC ] 0;…` retitles the window, an `ESC [2J` clears the screen, and worse sequences can
//! rewrite what the user saw. Everything this tool prints for people goes through
//! [`terminal_safe`]; JSON goes through [`json_text`], which also escapes the characters
//! `serde_json` leaves raw (DEL and the C1 controls).

use serde::Serialize;
use std::borrow::Cow;
use std::io;

/// True for characters that must not reach a terminal raw: C0 and C1 controls, DEL, and the
/// bidirectional formatting characters that can make text display in another order than it is.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written as a Rust escape (`\u{1b}` for ESC); unchanged
/// (and not copied) when there is none.
///
/// ```
/// use plex_auth_cli::escape::terminal_safe;
/// assert_eq!(terminal_safe("ana\u{1b}]0;owned\u{7}"), "ana\\u{1b}]0;owned\\u{7}");
/// assert_eq!(terminal_safe("Zoë"), "Zoë");
/// ```
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `serde_json`'s compact output, with DEL, C1 controls and bidi formatting characters inside
/// strings written as `\uXXXX` too (serde_json escapes only C0 controls, quote and backslash).
struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// One line of compact JSON for `value`, safe for a terminal.
///
/// ```
/// let text = plex_auth_cli::escape::json_text(&serde_json::json!({"name": "a\u{9b}2J\u{7f}"}));
/// assert_eq!(text, r#"{"name":"a\u009b2J\u007f"}"#);
/// ```
pub fn json_text(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, SafeFormatter);
    match value.serialize(&mut serializer) {
        // The formatter writes only whole UTF-8 fragments and ASCII escapes.
        Ok(()) => String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => {
            serde_json::json!({"error": {"kind": "io", "message": format!("cannot write JSON: {e}")}}).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_is_escaped_for_people() {
        let hostile = "a\u{1b}[2Jb\u{9b}c\u{7f}d\u{0}e\r\nf\u{202e}g";
        let safe = terminal_safe(hostile);
        assert_eq!(safe, "a\\u{1b}[2Jb\\u{9b}c\\u{7f}d\\u{0}e\\u{d}\\u{a}f\\u{202e}g");
        assert!(!safe.chars().any(is_unsafe));
        assert!(matches!(terminal_safe("plain ascii, émoji ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw_and_stays_valid() {
        let value = serde_json::json!({"k\u{85}": ["\u{1b}]0;x\u{7}", "\u{7f}\u{9b}\u{2067}ok é"]});
        let text = json_text(&value);
        assert!(!text.chars().any(is_unsafe), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
        assert!(text.contains(r"\u0085") && text.contains(r"\u001b") && text.contains("ok é"), "{text}");
    }
}
