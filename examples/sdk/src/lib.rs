//! A media-server SDK's user profile, built from `plex-auth-core`'s account model: an example of
//! another crate wrapping ours and property-testing that code with the strategies in
//! `plex_auth_testing::strategies` (see `tests/properties.rs`).
//!
//! The profile keeps what the SDK shows and stores, never a token: tokens belong in the
//! platform's secret store, not in a profile file.

use plex_auth_core::{Endpoint, Error, GetTokenDetails, HttpResponse, UserPlexAccount};
use serde::{Deserialize, Serialize};

/// What the SDK stores about the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The Plex account ID, when plex.tv sent one.
    pub id: Option<i64>,
    /// The account UUID, when plex.tv sent one.
    pub uuid: Option<String>,
    /// The name to show: the friendly name, else the title, else the username, else "Plex user".
    pub display_name: String,
    /// True when the account's subscription is active (Plex Pass).
    pub plex_pass: bool,
}

impl Profile {
    /// The profile of an account as plex.tv described it.
    pub fn from_account(account: &UserPlexAccount) -> Self {
        let named = [&account.friendly_name, &account.title, &account.username]
            .into_iter()
            .flatten()
            .map(|name| name.trim())
            .find(|name| !name.is_empty());
        Profile {
            id: account.id,
            uuid: account.uuid.clone(),
            display_name: named.unwrap_or("Plex user").to_owned(),
            plex_pass: account.subscription.as_ref().and_then(|s| s.active) == Some(true),
        }
    }

    /// The profile from plex.tv's answer to `GET /user`, decoded by `plex-auth-core` (which
    /// tolerates plex.tv's drift).
    pub fn from_user_response(response: HttpResponse) -> Result<Self, Error> {
        GetTokenDetails::new().from_response(response).map(|account| Self::from_account(&account))
    }

    /// The profile as the SDK stores it.
    pub fn save(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// A stored profile.
    pub fn load(stored: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(stored)
    }
}
