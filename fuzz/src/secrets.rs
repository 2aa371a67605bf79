//! Sentinel secrets: what a fuzz input plants, and the check that none of it is ever printed.
//!
//! A body can echo the secrets the request sent (placeholders `$T`, `$P`, `$C` become the
//! request's token, password and 2FA code) and plant its own (`$S` becomes a fresh sentinel
//! `SENTINEL<n>Z`). A sentinel is secret when it sits anywhere under a secret-named JSON key or
//! XML attribute or element (the names `plex_auth_core::is_secret_name` picks, whole values of any
//! type, as `redact_json` hides them) and nowhere else in the body. The sentinels have a shape no
//! message of the crate contains, so finding one in a `Debug` or `Display` is a leak, not chance.

use plex_auth_core::is_secret_name;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeSet;
use std::fmt;

/// The token every token-bearing operation sends.
pub const REQUEST_TOKEN: &str = "ReqTokenSentinel-7Qx2";
/// The password the sign-in sends.
pub const REQUEST_PASSWORD: &str = "ReqPasswordSentinel-9Kd4";
/// The 2FA code the sign-in sends, and the PIN code linking sends (letters and digits only, as
/// `LinkPin` requires of a code).
pub const REQUEST_CODE: &str = "ReqCodeSentinel5Mv8";

/// Replaces the placeholders in `body`: `$T`, `$P`, `$C` by the request's secrets and each `$S`
/// by the next body sentinel.
pub fn expand(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 64);
    let mut next = 0u32;
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'$' && i + 1 < body.len() {
            let replacement: Option<Vec<u8>> = match body[i + 1] {
                b'T' => Some(REQUEST_TOKEN.into()),
                b'P' => Some(REQUEST_PASSWORD.into()),
                b'C' => Some(REQUEST_CODE.into()),
                b'S' => {
                    next += 1;
                    Some(format!("SENTINEL{next}Z").into_bytes())
                }
                _ => None,
            };
            if let Some(r) = replacement {
                out.extend_from_slice(&r);
                i += 2;
                continue;
            }
        }
        out.push(body[i]);
        i += 1;
    }
    out
}

/// The body sentinels of a body, split by where they sit.
#[derive(Debug, Default)]
pub struct Planted {
    secret: BTreeSet<String>,
    public: BTreeSet<String>,
}

impl Planted {
    /// Scans `body` as JSON and as XML (whichever it is; partial bodies count up to where they
    /// stop parsing) for sentinels under secret and other names.
    pub fn scan(body: &[u8]) -> Self {
        let mut planted = Self::default();
        if !body.windows(8).any(|w| w == b"SENTINEL") {
            return planted;
        }
        let mut de = serde_json::Deserializer::from_slice(body);
        let _ = Scan { secret: false, out: &mut planted }.deserialize(&mut de);
        scan_xml(body, &mut planted);
        planted
    }

    /// Sentinels that sit only under secret names: none of them may ever be printed.
    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        self.secret.difference(&self.public).map(String::as_str)
    }

    fn record(&mut self, text: &str, secret: bool) {
        let set = if secret { &mut self.secret } else { &mut self.public };
        for s in sentinels_in(text) {
            set.insert(s.to_owned());
        }
    }
}

/// Every `SENTINEL<digits>Z` in `text`.
fn sentinels_in(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("SENTINEL").filter_map(move |(at, _)| {
        let rest = &text[at + 8..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0 && rest.as_bytes().get(digits) == Some(&b'Z')).then(|| &text[at..at + 8 + digits + 1])
    })
}

/// Walks a JSON document without building it, recording strings with the secrecy of their place.
/// Duplicate keys are all seen (a `Value` would keep only the last).
struct Scan<'a> {
    secret: bool,
    out: &'a mut Planted,
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.out.record(v, self.secret);
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Scan { secret: self.secret, out: &mut *self.out })?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            self.out.record(&key, false);
            let secret = self.secret || is_secret_name(&key);
            map.next_value_seed(Scan { secret, out: &mut *self.out })?;
        }
        Ok(())
    }
}

/// Records attribute values and text by the secrecy of their attribute or enclosing elements.
/// Attributes are read without quick-xml's duplicate check, which is quadratic: the harness must
/// stay linear so that a timeout always points at the code under test.
fn scan_xml(body: &[u8], out: &mut Planted) {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut stack: Vec<bool> = Vec::new();
    let element = |e: &BytesStart<'_>, inherited: bool, out: &mut Planted| -> bool {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        out.record(&name, false);
        let secret = inherited || is_secret_name(&name);
        for attr in e.attributes().with_checks(false).flatten() {
            let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
            out.record(&key, false);
            let value = attr.unescape_value().map(|v| v.into_owned());
            let value = value.unwrap_or_else(|_| String::from_utf8_lossy(&attr.value).into_owned());
            out.record(&value, secret || is_secret_name(&key));
        }
        secret
    };
    loop {
        let inherited = stack.last().copied().unwrap_or(false);
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let secret = element(&e, inherited, out);
                stack.push(secret);
            }
            Ok(Event::Empty(e)) => {
                element(&e, inherited, out);
            }
            Ok(Event::End(_)) => {
                stack.pop();
            }
            // Text outside the root is not XML (a JSON body, say): it has no place to judge.
            Ok(Event::Text(t)) if !stack.is_empty() => {
                let text = t.unescape().map(|v| v.into_owned());
                out.record(&text.unwrap_or_else(|_| String::from_utf8_lossy(&t).into_owned()), inherited);
            }
            Ok(Event::CData(t)) if !stack.is_empty() => out.record(&String::from_utf8_lossy(&t), inherited),
            Ok(Event::Eof) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Panics (a finding for libFuzzer) if `printed` holds a request secret in `sent` or a planted
/// secret. `what` names the printed value, e.g. "Display of the error". Linear in `printed`,
/// however many sentinels were planted.
pub fn assert_no_leak(what: &str, printed: &str, sent: &[&str], planted: &Planted) {
    for secret in sent {
        assert!(!printed.contains(secret), "LEAK: {what} contains the request secret {secret:?}: {}", clip(printed));
    }
    if planted.secret.is_empty() {
        return;
    }
    for found in sentinels_in(printed) {
        let leaked = planted.secret.contains(found) && !planted.public.contains(found);
        assert!(!leaked, "LEAK: {what} contains {found:?} from a secret-named field: {}", clip(printed));
    }
}

/// The first 2000 bytes of `s`, so a finding's message stays readable.
fn clip(s: &str) -> &str {
    let mut end = s.len().min(2000);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_placeholders_and_classifies() {
        let body = expand(br#"{"authToken":"$S","username":"$S","extra":{"apiKey":["$S"]},"pin":"$T"}"#);
        let planted = Planted::scan(&body);
        assert_eq!(planted.secrets().collect::<Vec<_>>(), ["SENTINEL1Z", "SENTINEL3Z"]);
        let xml = expand(br#"<D accessToken="$S" name="$S"><token>$S</token></D>"#);
        let planted = Planted::scan(&xml);
        assert_eq!(planted.secrets().collect::<Vec<_>>(), ["SENTINEL1Z", "SENTINEL3Z"]);
    }

    #[test]
    fn duplicate_keys_and_shared_values() {
        let planted = Planted::scan(br#"{"authToken":"SENTINEL1Z","authToken":"SENTINEL2Z","name":"SENTINEL2Z"}"#);
        assert_eq!(planted.secrets().collect::<Vec<_>>(), ["SENTINEL1Z"]);
    }
}
