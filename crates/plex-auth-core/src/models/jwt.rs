//! What the JWT routes on `clients.plex.tv/api/v2/auth` answer, apart from the key set
//! ([`JwkSet`](crate::jwt::JwkSet)).

use crate::decode::macros::plex_model;
use crate::secret::Secret;

plex_model! {
    /// `GET /auth/nonce`: a single-use nonce, valid 5 minutes, for the next device JWT.
    pub struct NonceAnswer {
        /// The nonce.
        "nonce" => nonce: String,
    }
}

plex_model! {
    /// `POST /auth/token`: the Plex JWT (valid 7 days) issued for a device JWT.
    pub struct TokenAnswer {
        /// The Plex JWT (a secret).
        "auth_token" => auth_token: Secret,
    }
}
