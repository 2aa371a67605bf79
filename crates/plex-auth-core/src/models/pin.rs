//! What the PIN routes return: a PIN, and once a user approved it, its token.

use crate::decode::macros::plex_model;
use crate::secret::Secret;

plex_model! {
    /// A PIN (`AuthPinContainer`): created by `POST /pins`, read back by `GET /pins/{id}` until a
    /// user approves it in a browser and `authToken` appears.
    pub struct Pin {
        /// The PIN's id, for polling. 64-bit: ids near the 32-bit limit have been seen.
        "id" => id: i64,
        /// The code the user sees (4 characters, or 25 for a strong PIN).
        "code" => code: String,
        /// The product that asked for it.
        "product" => product: String,
        /// Whether the client is trusted.
        "trusted" => trusted: bool,
        /// A URL of a QR code for the code. A secret: the URL ends in the code itself
        /// (`https://plex.tv/api/v2/pins/qr/7RQZ`), so `Debug` must hide it as it hides `code`.
        "qr" => qr: Secret,
        /// The client identifier that created it: polls must send the same one.
        "clientIdentifier" => client_identifier: String,
        /// Seconds left before it expires, as of the answer. Read it; do not assume 900.
        "expiresIn" => expires_in: i64,
        /// When it was created (ISO 8601).
        "createdAt" => created_at: String,
        /// When it expires (ISO 8601).
        "expiresAt" => expires_at: String,
        /// The account's token, `null` until the PIN is approved (a secret).
        "authToken" => auth_token: Secret,
        /// `null`, or whether the approval created a new account.
        "newRegistration" => new_registration: bool,
        /// Where the request came from (free-form geo data).
        "location" => location: serde_json::Value,
    }
}

impl Pin {
    /// The token, once the PIN is approved (`None` while `authToken` is null or empty).
    pub fn token(&self) -> Option<&Secret> {
        self.auth_token.as_ref().filter(|t| !t.is_empty())
    }
}
