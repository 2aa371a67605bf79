//! Account JSON as plex.tv drifts it: the shapes `peers.md` records breaking other clients.

use super::account::account;
use super::json::json_value;
use plex_auth_core::UserPlexAccount;
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{Value, json};

/// An account's JSON with drift applied, and the account it was made from.
#[derive(Debug, Clone)]
pub struct DriftedAccount {
    /// The account before drift. Its `id`, `uuid` and `username` are never drifted, so a decode
    /// of [`json`](Self::json) must keep them.
    pub original: UserPlexAccount,
    /// The drifted JSON body.
    pub json: Value,
    /// Where drift was applied (`profile.autoSelectSubtitle`, `confirmed`, ...), in order.
    pub drifted: Vec<&'static str>,
}

/// How a field's value may drift.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A boolean sent as a number or a string.
    Bool,
    /// An integer sent as a string, a float or `null`.
    Int,
    /// An integer enum with a value no client knows (`autoSelectSubtitle: 2`).
    OpenInt,
    /// A string enum with a value no client knows.
    OpenStr,
    /// A block that is `null`, of the wrong type, or gone.
    Block,
    /// A list that is a single object, `null`, or gone.
    List,
}

/// Fields that drift, by dotted path from the account's top level.
const DRIFTS: &[(&str, Kind)] = &[
    ("confirmed", Kind::Bool),
    ("emailOnlyAuth", Kind::Bool),
    ("hasPassword", Kind::Bool),
    ("protected", Kind::Bool),
    ("mailingListActive", Kind::Bool),
    ("restricted", Kind::Bool),
    ("home", Kind::Bool),
    ("guest", Kind::Bool),
    ("homeAdmin", Kind::Bool),
    ("twoFactorEnabled", Kind::Bool),
    ("backupCodesCreated", Kind::Bool),
    ("experimentalFeatures", Kind::Bool),
    ("profile.autoSelectAudio", Kind::Bool),
    ("subscription.active", Kind::Bool),
    ("joinedAt", Kind::Int),
    ("homeSize", Kind::Int),
    ("maxHomeSize", Kind::Int),
    ("profile.autoSelectSubtitle", Kind::OpenInt),
    ("profile.defaultSubtitleAccessibility", Kind::OpenInt),
    ("profile.watchedIndicator", Kind::OpenInt),
    ("mailingListStatus", Kind::OpenStr),
    ("subscription.status", Kind::OpenStr),
    ("subscription", Kind::Block),
    ("profile", Kind::Block),
    ("services", Kind::List),
    ("pastSubscriptions", Kind::List),
    ("subscriptions", Kind::List),
];

/// The drifted value for `kind`, choice `pick`; `None` removes the field.
fn drifted(kind: Kind, pick: u8) -> Option<Value> {
    let choices: &[Option<Value>] = match kind {
        Kind::Bool => &[Some(json!(0)), Some(json!(1)), Some(json!("true")), Some(json!("0")), Some(Value::Null)],
        Kind::Int => &[Some(json!("1552593531")), Some(json!(1.5)), Some(json!("soon")), Some(Value::Null)],
        Kind::OpenInt => &[Some(json!(2)), Some(json!("2")), Some(json!(99)), Some(json!(-1))],
        Kind::OpenStr => &[Some(json!("somethingNew")), Some(json!("")), Some(json!(7))],
        Kind::Block => &[Some(Value::Null), Some(json!("text")), Some(json!([])), None],
        Kind::List => &[Some(json!({"identifier": "single"})), Some(Value::Null), Some(json!("x")), None],
    };
    choices.get(usize::from(pick) % choices.len()).cloned().flatten()
}

/// Sets (or removes, for `None`) the value at a dotted `path`; a missing or non-object parent
/// leaves the JSON as it is.
fn set(root: &mut Value, path: &str, value: Option<Value>) {
    let (parent, key) = match path.rsplit_once('.') {
        Some((parent, key)) => (root.get_mut(parent), key),
        None => (Some(root), path),
    };
    if let Some(Value::Object(map)) = parent {
        match value {
            Some(value) => {
                map.insert(key.to_owned(), value);
            }
            None => {
                map.remove(key);
            }
        }
    }
}

/// Any account as JSON with up to six drifts applied and up to two unknown top-level fields.
/// Decoding it with `GetTokenDetails` or `PostUsersSignInData` must succeed and keep the
/// undrifted identity fields ([`DriftedAccount::original`]).
pub fn drifted_account() -> impl Strategy<Value = DriftedAccount> {
    let drift = (0..DRIFTS.len(), any::<u8>());
    let unknown = ("[a-z][a-zA-Z]{0,8}From2031", json_value());
    (account(), vec(drift, 0..6), vec(unknown, 0..2)).prop_map(|(original, drifts, unknown)| {
        let mut value = serde_json::to_value(&original).unwrap_or(Value::Null);
        let mut drifted_at = Vec::with_capacity(drifts.len());
        for (index, pick) in drifts {
            let Some(&(path, kind)) = DRIFTS.get(index) else { continue };
            set(&mut value, path, drifted(kind, pick));
            drifted_at.push(path);
        }
        for (key, field) in unknown {
            set(&mut value, &key, Some(field));
        }
        DriftedAccount { original, json: value, drifted: drifted_at }
    })
}
