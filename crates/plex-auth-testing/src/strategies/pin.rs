//! PINs and the JWT operations' small answers.

use super::json::{extra, non_null_value, secret};
use super::text::{non_blank, text, token};
use plex_auth_core::*;
use proptest::option::of as opt;
use proptest::prelude::*;

/// A PIN as `CreatePin`/`GetPin` accept it: an id and a non-empty code; a token, when there is
/// one, that `check_token` accepts (a null token is `None`).
pub fn pin() -> BoxedStrategy<Pin> {
    (
        (any::<i64>(), non_blank(), opt(text()), opt(any::<bool>()), opt(secret()), opt(text())),
        (opt(any::<i64>()), opt(text()), opt(text()), opt(token().prop_map(Secret::new)), opt(any::<bool>())),
        (opt(non_null_value()), extra(Pin::FIELDS)),
    )
        .prop_map(
            |(
                (id, code, product, trusted, qr, client_identifier),
                (expires_in, created_at, expires_at, auth_token, new_registration),
                (location, extra),
            )| Pin {
                id: Some(id),
                code: Some(code),
                product,
                trusted,
                qr,
                client_identifier,
                expires_in,
                created_at,
                expires_at,
                auth_token,
                new_registration,
                location,
                extra,
            },
        )
        .boxed()
}

/// `GET /auth/nonce`'s answer, any nonce or none.
pub fn nonce_answer() -> BoxedStrategy<NonceAnswer> {
    (opt(prop_oneof!["[0-9a-f-]{36}", text()]), extra(NonceAnswer::FIELDS))
        .prop_map(|(nonce, extra)| NonceAnswer { nonce, extra })
        .boxed()
}

/// `POST /auth/token`'s answer, any token or none.
pub fn token_answer() -> BoxedStrategy<TokenAnswer> {
    (opt(secret()), extra(TokenAnswer::FIELDS))
        .prop_map(|(auth_token, extra)| TokenAnswer { auth_token, extra })
        .boxed()
}
