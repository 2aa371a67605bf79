//! The plex.tv account routes: `POST /users/signin` (password, 2FA code) and `GET /user`.

use super::State;
use super::routes::not_authenticated;
use crate::compare::parse_pairs;
use crate::responses::{html_error_response, json_response, plex_error_response};
use plex_auth_core::{ExposeSecret, HttpRequest, HttpResponse, Secret, UserPlexAccount};
use serde_json::Value;

fn account_json(account: &UserPlexAccount, token: &str, sign_in: bool) -> Value {
    let mut model = account.clone();
    model.auth_token = Some(Secret::new(token));
    if sign_in {
        model.past_subscriptions.get_or_insert_with(Vec::new);
        model.trials.get_or_insert_with(Vec::new);
    }
    serde_json::to_value(&model).unwrap_or(Value::Null)
}

pub(super) fn sign_in(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.method() != http::Method::POST {
        return html_error_response(405);
    }
    let form = parse_pairs(req.body());
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let (Some(login), Some(password)) = (field("login"), field("password")) else {
        return plex_error_response(400, 1002, "login and password are required");
    };
    let Some(index) = state.accounts.iter().position(|a| a.matches_login(login) && a.password_is(password)) else {
        return not_authenticated();
    };
    if let Some(expected) = state.accounts[index].two_factor.clone() {
        match field("verificationCode") {
            None | Some("") => return plex_error_response(401, 1029, "Please enter the verification code"),
            Some(code) if code != expected.expose_secret() => return not_authenticated(),
            Some(_) => {}
        }
    }
    let token = state.new_token("");
    state.tokens.insert(token.clone(), index);
    json_response(201, &account_json(&state.accounts[index].account, &token, true))
}

pub(super) fn user(state: &mut State, req: &HttpRequest) -> HttpResponse {
    match super::session::authenticate(state, req) {
        Ok(caller) => json_response(200, &account_json(&state.accounts[caller.account].account, &caller.token, false)),
        Err(refusal) => refusal,
    }
}
