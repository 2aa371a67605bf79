//! The structure-aware target: a valid reference body, changed by fuzz-chosen mutations that
//! keep it mostly well-formed, so the fuzzer spends its time in the models rather than in the
//! tokenizer: a value replaced by another JSON type, huge and negative numbers, deep nesting,
//! duplicate keys, control characters, key and XML attribute floods, entity declarations.
//!
//! Every mutated body is decoded by every operation and by the error judge, with the invariants
//! of [`crate::check`] plus cross-operation ones (GET and POST transient token agree; sign-in and
//! token details decode the same account; a PIN polled decodes as the PIN created).

use crate::check::{Decoded, Op, check};
use crate::input::{CONTENT_TYPES, FuzzResponse};
use crate::secrets::{Planted, expand};
use arbitrary::Arbitrary;
use quick_xml::escape::escape;

/// The reference bodies, from the API reference and the core's decoding and error tests.
pub const REFERENCES: &[(&str, &[u8])] = &[
    ("signin-201.json", include_bytes!("../seeds/bodies/signin-201.json")),
    ("signin-201-variant.json", include_bytes!("../seeds/bodies/signin-201-variant.json")),
    ("drift-account.json", include_bytes!("../seeds/bodies/drift-account.json")),
    ("drift-enums.json", include_bytes!("../seeds/bodies/drift-enums.json")),
    ("transient-token.json", include_bytes!("../seeds/bodies/transient-token.json")),
    ("source-info.json", include_bytes!("../seeds/bodies/source-info.json")),
    ("source-info-array.json", include_bytes!("../seeds/bodies/source-info-array.json")),
    ("error-401.json", include_bytes!("../seeds/bodies/error-401.json")),
    ("error-2fa.json", include_bytes!("../seeds/bodies/error-2fa.json")),
    ("error-single.json", include_bytes!("../seeds/bodies/error-single.json")),
    ("transient-token.xml", include_bytes!("../seeds/bodies/transient-token.xml")),
    ("source-info.xml", include_bytes!("../seeds/bodies/source-info.xml")),
    ("error-401.xml", include_bytes!("../seeds/bodies/error-401.xml")),
    ("error-422.xml", include_bytes!("../seeds/bodies/error-422.xml")),
    ("error-2fa.xml", include_bytes!("../seeds/bodies/error-2fa.xml")),
    ("resources.json", include_bytes!("../seeds/bodies/resources.json")),
    ("identity.json", include_bytes!("../seeds/bodies/identity.json")),
    ("resources.xml", include_bytes!("../seeds/bodies/resources.xml")),
    ("identity.xml", include_bytes!("../seeds/bodies/identity.xml")),
    ("pin.json", include_bytes!("../seeds/bodies/pin.json")),
    ("pin-approved.json", include_bytes!("../seeds/bodies/pin-approved.json")),
];

/// Mutated bodies stay under 128 KiB (the adapters' cap is 4 MiB). Each body goes through all
/// sixteen operations (decode, error judge, round trip, leak checks) in a sanitizer build, which
/// costs about 20 µs per byte of a key flood, linear (measured: 4,000 keys in 1.2 s, 32,000 in
/// 10.4 s); 128 KiB keeps the worst such body near half the 5 s per-input timeout on a loaded
/// machine, so a timeout still means super-linear work. Linearity up to the full cap is proven by
/// counting work in `tests/tests/linear_work.rs`, not here.
const BODY_CAP: usize = 128 * 1024;

/// At most this many mutations apply to one body.
const MAX_MUTATIONS: usize = 16;

/// Statuses the structure-aware target answers with (mostly successes, where the models decode).
const STATUSES: &[u16] = &[200, 201, 200, 201, 200, 400, 401, 403, 422, 429, 500];

/// One fuzz input: which reference body, which answer, which mutations.
#[derive(Debug, Arbitrary)]
pub struct MutatedInput {
    reference: u8,
    status: u8,
    content_type: u8,
    mutations: Vec<Mutation>,
}

/// One change to the body. `at` picks a node (JSON) or element (XML) in pre-order, modulo count.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Mutation {
    Replace { at: u16, with: Val },
    Insert { at: u16, name: Name, with: Val },
    DuplicateKey { at: u16, with: Val },
    Remove { at: u16 },
    Nest { at: u16, depth: u16, objects: bool },
    Flood { at: u16, count: u16, kind: u8 },
    ControlChars { at: u16, which: u8 },
    Doctype { kind: u8 },
    Truncate { at: u16 },
}

/// A replacement value.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Val {
    Null,
    True,
    False,
    Zero,
    MinusOne,
    MinusFive,
    Port70000,
    I64Max,
    I64MaxPlusOne,
    I64MinMinusOne,
    U64MaxPlusOne,
    Huge,
    NegHuge,
    Fraction,
    NegZero,
    EmptyString,
    NumericString,
    Maybe,
    DateString,
    LongString(u16),
    ControlString(u8),
    CrLf,
    Blank,
    BodySecret,
    RequestToken,
    RequestPassword,
    RequestCode,
    EmptyArray,
    EmptyObject,
    ArrayOfOriginal,
    ObjectOfOriginal,
}

/// A field name to insert: secret names, names the models know, names Plex might add.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Name {
    AuthToken,
    AccessToken,
    Token,
    Password,
    ApiKey,
    AuthJwt,
    BackupCodes,
    Pin,
    Secret,
    Credentials,
    Message,
    Error,
    Errors,
    Code,
    Status,
    Port,
    Local,
    Uri,
    Id,
    Username,
    MediaContainer,
    Device,
    Connection,
    Features,
    JoinedAt,
    Subscription,
    Services,
    Profile,
    Unknown,
}

impl Name {
    fn as_str(self) -> &'static str {
        match self {
            Name::AuthToken => "authToken",
            Name::AccessToken => "accessToken",
            Name::Token => "token",
            Name::Password => "password",
            Name::ApiKey => "apiKey",
            Name::AuthJwt => "authJWT",
            Name::BackupCodes => "backupCodes",
            Name::Pin => "pin",
            Name::Secret => "secret",
            Name::Credentials => "credentials",
            Name::Message => "message",
            Name::Error => "error",
            Name::Errors => "errors",
            Name::Code => "code",
            Name::Status => "status",
            Name::Port => "port",
            Name::Local => "local",
            Name::Uri => "uri",
            Name::Id => "id",
            Name::Username => "username",
            Name::MediaContainer => "MediaContainer",
            Name::Device => "Device",
            Name::Connection => "Connection",
            Name::Features => "features",
            Name::JoinedAt => "joinedAt",
            Name::Subscription => "subscription",
            Name::Services => "services",
            Name::Profile => "profile",
            Name::Unknown => "newFieldFromTheFuture",
        }
    }
}

const CONTROLS: &[&str] =
    &["\u{1b}]0;pwned\u{7}", "\u{1b}[2J", "\r\n", "\0", "\u{7f}", "\u{202e}", "\u{feff}", "\u{85}"];

impl Val {
    /// The value as JSON text; `original` is the JSON text it replaces.
    fn json(self, original: &str) -> String {
        match self {
            Val::Null => "null".into(),
            Val::True => "true".into(),
            Val::False => "false".into(),
            Val::Zero => "0".into(),
            Val::MinusOne => "-1".into(),
            Val::MinusFive => "-5".into(),
            Val::Port70000 => "70000".into(),
            Val::I64Max => "9223372036854775807".into(),
            Val::I64MaxPlusOne => "9223372036854775808".into(),
            Val::I64MinMinusOne => "-9223372036854775809".into(),
            Val::U64MaxPlusOne => "18446744073709551616".into(),
            Val::Huge => "1e400".into(),
            Val::NegHuge => "-1e400".into(),
            Val::Fraction => "1.5".into(),
            Val::NegZero => "-0.0".into(),
            Val::ArrayOfOriginal => format!("[{original}]"),
            Val::ObjectOfOriginal => format!("{{\"value\":{original}}}"),
            Val::EmptyArray => "[]".into(),
            Val::EmptyObject => "{}".into(),
            other => json_string(&other.text()),
        }
    }

    /// The value as text (an XML attribute, a JSON string).
    fn text(self) -> String {
        match self {
            Val::Null | Val::EmptyString | Val::EmptyArray | Val::EmptyObject => String::new(),
            Val::True => "true".into(),
            Val::False => "false".into(),
            Val::NumericString => "62735028".into(),
            Val::Maybe => "maybe".into(),
            Val::DateString => "2019-03-16T15:20:12Z".into(),
            Val::LongString(n) => "x".repeat(usize::from(n)),
            Val::ControlString(i) => format!("a{}b", CONTROLS[usize::from(i) % CONTROLS.len()]),
            Val::CrLf => "abc\r\ndef".into(),
            Val::Blank => "   ".into(),
            Val::BodySecret => "$S".into(),
            Val::RequestToken => "$T".into(),
            Val::RequestPassword => "$P".into(),
            Val::RequestCode => "$C".into(),
            other => other.json(""),
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

// ---- JSON ----

/// A JSON tree that can hold what `serde_json::Value` cannot: duplicate keys, numbers out of
/// range, pre-rendered text (deep nesting is rendered once, never walked).
enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    Raw(String),
}

impl J {
    fn from_value(v: serde_json::Value) -> J {
        use serde_json::Value;
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(b),
            Value::Number(n) => J::Num(n.to_string()),
            Value::String(s) => J::Str(s),
            Value::Array(a) => J::Arr(a.into_iter().map(J::from_value).collect()),
            Value::Object(o) => J::Obj(o.into_iter().map(|(k, v)| (k, J::from_value(v))).collect()),
        }
    }

    fn render(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) | J::Raw(n) => out.push_str(n),
            J::Str(s) => out.push_str(&json_string(s)),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.render(out);
                }
                out.push(']');
            }
            J::Obj(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&json_string(k));
                    out.push(':');
                    v.render(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut s = String::new();
        self.render(&mut s);
        s
    }

    fn count(&self, pick: fn(&J) -> bool) -> usize {
        let own = usize::from(pick(self));
        own + match self {
            J::Arr(items) => items.iter().map(|i| i.count(pick)).sum(),
            J::Obj(entries) => entries.iter().map(|(_, v)| v.count(pick)).sum(),
            _ => 0,
        }
    }

    /// The `n`th node (pre-order) for which `pick` holds.
    fn nth(&mut self, n: &mut usize, pick: fn(&J) -> bool) -> Option<&mut J> {
        if pick(self) {
            if *n == 0 {
                return Some(self);
            }
            *n -= 1;
        }
        match self {
            J::Arr(items) => items.iter_mut().find_map(|i| i.nth(n, pick)),
            J::Obj(entries) => entries.iter_mut().find_map(|(_, v)| v.nth(n, pick)),
            _ => None,
        }
    }

    fn pick(&mut self, at: u16, pick: fn(&J) -> bool) -> Option<&mut J> {
        let count = self.count(pick);
        if count == 0 {
            return None;
        }
        let mut n = usize::from(at) % count;
        self.nth(&mut n, pick)
    }
}

fn any(_: &J) -> bool {
    true
}
fn object(j: &J) -> bool {
    matches!(j, J::Obj(_))
}
fn string(j: &J) -> bool {
    matches!(j, J::Str(_))
}

fn mutate_json(root: &mut J, m: Mutation) {
    match m {
        Mutation::Replace { at, with } => {
            if let Some(node) = root.pick(at, any) {
                *node = J::Raw(with.json(&node.text()));
            }
        }
        Mutation::Insert { at, name, with } => {
            if let Some(J::Obj(entries)) = root.pick(at, object) {
                entries.push((name.as_str().into(), J::Raw(with.json("null"))));
            }
        }
        Mutation::DuplicateKey { at, with } => {
            if let Some(J::Obj(entries)) = root.pick(at, object)
                && !entries.is_empty()
            {
                let i = usize::from(at) % entries.len();
                let key = entries[i].0.clone();
                let value = J::Raw(with.json(&entries[i].1.text()));
                // Before or after the original, so both "first wins" and "last wins" are tried.
                if at % 2 == 0 { entries.insert(i, (key, value)) } else { entries.push((key, value)) }
            }
        }
        Mutation::Remove { at } => {
            if let Some(J::Obj(entries)) = root.pick(at, object)
                && !entries.is_empty()
            {
                let i = usize::from(at) % entries.len();
                entries.remove(i);
            }
        }
        Mutation::Nest { at, depth, objects } => {
            if let Some(node) = root.pick(at, any) {
                let d = usize::from(depth);
                let (open, close) = if objects { ("{\"a\":", "}") } else { ("[", "]") };
                *node = J::Raw(format!("{}{}{}", open.repeat(d), node.text(), close.repeat(d)));
            }
        }
        Mutation::Flood { at, count, kind } => {
            if let Some(J::Obj(entries)) = root.pick(at, object) {
                for i in 0..usize::from(count) {
                    let entry = match kind % 3 {
                        0 => (format!("k{i}"), J::Null),
                        1 => ("k".to_owned(), J::Num(i.to_string())),
                        _ => (format!("token{i}"), J::Str(if i == 0 { "$S".into() } else { "x".into() })),
                    };
                    entries.push(entry);
                }
            }
        }
        Mutation::ControlChars { at, which } => {
            if let Some(J::Str(s)) = root.pick(at, string) {
                let mid = (0..=s.len() / 2).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
                s.insert_str(mid, CONTROLS[usize::from(which) % CONTROLS.len()]);
            }
        }
        Mutation::Doctype { .. } | Mutation::Truncate { .. } => {}
    }
}

// ---- XML ----

/// An XML element tree; attributes keep order and duplicates.
#[derive(Default)]
struct X {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<XChild>,
}

enum XChild {
    El(X),
    Text(String),
    Raw(String),
}

/// Parses a reference XML body (trusted, small) into a tree.
fn parse_xml(bytes: &[u8]) -> Option<X> {
    use quick_xml::events::{BytesStart, Event};
    fn element(e: &BytesStart<'_>) -> X {
        let attrs = e
            .attributes()
            .flatten()
            .map(|a| {
                let v = a.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                (String::from_utf8_lossy(a.key.as_ref()).into_owned(), v)
            })
            .collect();
        X { name: String::from_utf8_lossy(e.name().as_ref()).into_owned(), attrs, children: Vec::new() }
    }
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut stack: Vec<X> = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(XChild::El(el)),
                    None => return Some(el),
                }
            }
            Event::End(_) => {
                let done = stack.pop()?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(XChild::El(done)),
                    None => return Some(done),
                }
            }
            Event::Text(t) => {
                let text = t.unescape().ok()?.into_owned();
                if let Some(current) = stack.last_mut()
                    && !text.trim().is_empty()
                {
                    current.children.push(XChild::Text(text));
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

impl X {
    fn render(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            out.push_str(&escape(v.as_str()));
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                XChild::El(e) => e.render(out),
                XChild::Text(t) => out.push_str(&escape(t.as_str())),
                XChild::Raw(r) => out.push_str(r),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }

    fn count(&self) -> usize {
        1 + self.children.iter().map(|c| if let XChild::El(e) = c { e.count() } else { 0 }).sum::<usize>()
    }

    fn nth(&mut self, n: &mut usize) -> Option<&mut X> {
        if *n == 0 {
            return Some(self);
        }
        *n -= 1;
        self.children.iter_mut().find_map(|c| if let XChild::El(e) = c { e.nth(n) } else { None })
    }

    fn pick(&mut self, at: u16) -> Option<&mut X> {
        let mut n = usize::from(at) % self.count();
        self.nth(&mut n)
    }
}

fn mutate_xml(root: &mut X, prolog: &mut String, m: Mutation) {
    match m {
        Mutation::Replace { at, with } => {
            if let Some(el) = root.pick(at) {
                if el.attrs.is_empty() {
                    el.attrs.push(("value".into(), with.text()));
                } else {
                    let i = usize::from(at >> 8) % el.attrs.len();
                    el.attrs[i].1 = with.text();
                }
            }
        }
        Mutation::Insert { at, name, with } => {
            if let Some(el) = root.pick(at) {
                if matches!(name, Name::Device | Name::Connection | Name::Errors | Name::Error) {
                    let child =
                        X { name: name.as_str().into(), attrs: vec![("value".into(), with.text())], ..X::default() };
                    el.children.push(XChild::El(child));
                } else {
                    el.attrs.push((name.as_str().into(), with.text()));
                }
            }
        }
        Mutation::DuplicateKey { at, with } => {
            if let Some(el) = root.pick(at)
                && let Some((k, _)) = el.attrs.first().cloned()
            {
                el.attrs.push((k, with.text()));
            }
        }
        Mutation::Remove { at } => {
            if let Some(el) = root.pick(at) {
                if !el.attrs.is_empty() {
                    let i = usize::from(at >> 8) % el.attrs.len();
                    el.attrs.remove(i);
                } else if !el.children.is_empty() {
                    el.children.remove(0);
                }
            }
        }
        Mutation::Nest { at, depth, .. } => {
            if let Some(el) = root.pick(at) {
                let d = usize::from(depth);
                el.children.push(XChild::Raw(format!("{}{}", "<n>".repeat(d), "</n>".repeat(d))));
            }
        }
        Mutation::Flood { at, count, kind } => {
            if let Some(el) = root.pick(at) {
                let n = usize::from(count);
                match kind % 4 {
                    // The issue's probe: thousands of distinct empty attributes.
                    0 => el.attrs.extend((0..n).map(|i| (format!("a{i}"), String::new()))),
                    1 => el.attrs.extend((0..n).map(|i| (format!("token{i}"), if i == 0 { "$S" } else { "x" }.into()))),
                    2 => el.children.extend((0..n).map(|_| XChild::Raw("<Connection/>".into()))),
                    _ => el.attrs.push(("message".into(), "&".repeat(n))),
                }
            }
        }
        Mutation::ControlChars { at, which } => {
            if let Some(el) = root.pick(at) {
                let control = CONTROLS[usize::from(which) % CONTROLS.len()];
                match el.attrs.first_mut() {
                    Some((_, v)) => v.push_str(control),
                    None => el.attrs.push(("message".into(), control.into())),
                }
            }
        }
        Mutation::Doctype { kind } => {
            *prolog = match kind % 3 {
                0 => r#"<!DOCTYPE d [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">]>"#.into(),
                1 => r#"<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#.into(),
                _ => "<!-- a comment --><?pi data?>".into(),
            };
            root.attrs.push(("message".into(), String::new()));
            // Entity references are written raw: `escape` would turn them into text.
            root.children.push(XChild::Raw(if kind % 3 == 1 { "&x;" } else { "&a;&a;&a;" }.into()));
        }
        Mutation::Truncate { .. } => {}
    }
}

// ---- the target ----

/// Builds the mutated body; `None` when it would exceed the adapters' body cap.
fn mutated_body(input: &MutatedInput) -> Option<(Vec<u8>, bool)> {
    let (name, reference) = REFERENCES[usize::from(input.reference) % REFERENCES.len()];
    let is_xml = name.ends_with(".xml");
    let mutations = input.mutations.iter().take(MAX_MUTATIONS).copied();
    let mut body = if is_xml {
        let mut root = parse_xml(reference)?;
        let mut prolog = String::new();
        for m in mutations.clone() {
            mutate_xml(&mut root, &mut prolog, m);
        }
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&prolog);
        root.render(&mut out);
        out.into_bytes()
    } else {
        let mut root = J::from_value(serde_json::from_slice(reference).ok()?);
        for m in mutations.clone() {
            mutate_json(&mut root, m);
        }
        root.text().into_bytes()
    };
    if body.len() > BODY_CAP {
        return None;
    }
    if let Some(Mutation::Truncate { at }) = mutations.clone().rfind(|m| matches!(m, Mutation::Truncate { .. })) {
        body.truncate(usize::from(at) % (body.len() + 1));
    }
    Some((body, is_xml))
}

/// The structure-aware target.
pub fn mutated_target(input: &MutatedInput) {
    let Some((body, is_xml)) = mutated_body(input) else { return };
    let status = STATUSES[usize::from(input.status) % STATUSES.len()];
    let content_type = if input.content_type < 128 {
        Some(if is_xml { "text/xml;charset=utf-8" } else { "application/json" })
    } else {
        CONTENT_TYPES[usize::from(input.content_type) % CONTENT_TYPES.len()]
    };
    let body = expand(&body);
    let planted = Planted::scan(&body);
    let response = FuzzResponse { status, content_type, retry_after: None, body };
    let outcomes: Vec<(Op, Decoded)> = Op::ALL.iter().map(|&op| (op, check(op, &response, &planted))).collect();
    crate::check::error_body_target(&response);

    let get = |op: Op| outcomes.iter().find(|(o, _)| *o == op).map(|(_, d)| d);
    // GET and POST transient token decode a body the same way.
    if let (Some(Decoded::Token(a)), Some(Decoded::Token(b))) = (get(Op::TransientGet), get(Op::TransientPost)) {
        match (a, b) {
            (Ok(a), Ok(b)) => assert!(a == b, "GET and POST transient token disagree"),
            (Err(a), Err(b)) => {
                assert_eq!(std::mem::discriminant(a), std::mem::discriminant(b), "GET/POST errors differ")
            }
            (a, b) => panic!("GET and POST transient token disagree: {a:?} vs {b:?}"),
        }
    }
    // A polled PIN is a created PIN: where polling accepts a body, creating decodes the same PIN
    // (polling also refuses tokens that cannot be sent, so it may fail where creating does not).
    if let (Some(Decoded::Pin(created)), Some(Decoded::Pin(Ok(polled)))) = (get(Op::CreatePin), get(Op::GetPin)) {
        match created {
            Ok(created) => assert!(created == polled, "creating and polling a PIN decode the body differently"),
            Err(e) => panic!("polling decoded the PIN but creating failed: {e}"),
        }
    }
    // A sign-in answer is an account: token details decodes it to the same account.
    if let (Some(Decoded::Account(Ok(signed_in))), Some(Decoded::Account(details))) =
        (get(Op::SignIn), get(Op::TokenDetails))
    {
        match details {
            Ok(details) => assert!(details == signed_in, "sign-in and token details decode the body differently"),
            Err(e) => panic!("sign-in decoded the body but token details failed: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_references_keep_every_invariant() {
        for reference in 0..REFERENCES.len() as u8 {
            for status in 0..STATUSES.len() as u8 {
                mutated_target(&MutatedInput { reference, status, content_type: 0, mutations: vec![] });
            }
        }
    }

    #[test]
    fn an_attribute_flood_adds_that_many_attributes() {
        let flood = Mutation::Flood { at: 0, count: 1000, kind: 0 };
        let input = MutatedInput { reference: 10, status: 0, content_type: 0, mutations: vec![flood] };
        let (body, is_xml) = mutated_body(&input).expect("under the cap");
        assert!(is_xml);
        assert_eq!(String::from_utf8_lossy(&body).matches("=\"\"").count(), 1000);
    }

    #[test]
    fn every_reference_parses() {
        for (name, bytes) in REFERENCES {
            if name.ends_with(".xml") {
                assert!(parse_xml(bytes).is_some(), "{name}");
            } else {
                assert!(serde_json::from_slice::<serde_json::Value>(bytes).is_ok(), "{name}");
            }
        }
    }
}
