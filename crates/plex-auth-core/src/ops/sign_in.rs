//! `post-users-sign-in-data`: username/email + password (+ 2FA code) sign-in on plex.tv
//! (`POST {plex.tv}/users/signin`).

use super::{Endpoint, Host, RequestBody, Route, build_request, check_token};
use crate::config::ClientConfig;
use crate::decode::{decode_error, decode_json, expect_success};
use crate::error::{DecodeReason, Error};
use crate::models::UserPlexAccount;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;
use secrecy::ExposeSecret;

const ROUTE: Route = Route::new("POST /users/signin", Host::PlexTv, "/users/signin");

/// Signs in with a login (username or email) and password, optionally with a 2FA code.
///
/// Output: the account, with `auth_token` guaranteed present, plus `pastSubscriptions` and
/// `trials`. When the account has 2FA and no code was given, the error answers
/// [`Error::two_factor_required`]; repeat with [`verification_code`](Self::verification_code).
///
/// The built request's body is the form with the password in it: `http::Request`'s own `Debug`
/// prints bodies, so never log the request itself; log [`redacted(&request)`](crate::redacted)
/// (this type's own `Debug` is redacted too).
#[derive(Debug, Clone)]
pub struct PostUsersSignInData {
    login: String,
    password: Secret,
    remember_me: Option<bool>,
    verification_code: Option<Secret>,
}

impl PostUsersSignInData {
    /// A sign-in with `login` (username or email) and `password`.
    pub fn new(login: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self { login: login.into(), password: password.into(), remember_me: None, verification_code: None }
    }

    /// Sends `rememberMe` (a longer-lived session); not sent unless set.
    pub fn remember_me(mut self, remember_me: bool) -> Self {
        self.remember_me = Some(remember_me);
        self
    }

    /// Sends the two-factor `verificationCode`.
    pub fn verification_code(mut self, code: impl Into<Secret>) -> Self {
        self.verification_code = Some(code.into());
        self
    }

    /// The login sent.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The form body: `login`, `password`, then `rememberMe` and `verificationCode` when set.
    fn form(&self) -> String {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("login", &self.login);
        form.append_pair("password", self.password.expose_secret());
        if let Some(remember) = self.remember_me {
            form.append_pair("rememberMe", if remember { "true" } else { "false" });
        }
        if let Some(code) = &self.verification_code {
            form.append_pair("verificationCode", code.expose_secret());
        }
        form.finish()
    }
}

impl Endpoint for PostUsersSignInData {
    type Output = UserPlexAccount;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        if self.login.trim().is_empty() {
            return Err(Error::invalid("login", "must not be empty"));
        }
        if self.password.is_empty() {
            return Err(Error::invalid("password", "must not be empty"));
        }
        if self.verification_code.as_ref().is_some_and(|c| c.expose_secret().trim().is_empty()) {
            return Err(Error::invalid("verificationCode", "must not be empty when given"));
        }
        // Sign-in never sends a token, even when the config has one.
        build_request(cfg, Method::POST, ROUTE.url(cfg, None)?, None, RequestBody::Form(self.form()))
    }

    fn from_response(&self, resp: HttpResponse) -> Result<UserPlexAccount, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        let account: UserPlexAccount = decode_json(&ROUTE, &resp)?;
        let Some(token) = account.auth_token.as_ref().filter(|t| !t.is_empty()) else {
            return Err(decode_error(&ROUTE, &resp, DecodeReason::MissingField("authToken")));
        };
        check_token(token)
            .map_err(|reason| decode_error(&ROUTE, &resp, DecodeReason::InvalidField { field: "authToken", reason }))?;
        Ok(account)
    }
}
