//! The fake's approval page, standing in for `https://app.plex.tv/auth`: `GET /auth` serves a
//! static page that reads the PIN from its own URL fragment (`#?clientID=...&code=...`, which a
//! browser never sends to the server), shows the code and the product, and has an Approve
//! button that posts the code to `POST /auth/approve`, a fake-only route that approves the PIN.
//!
//! The page is a constant: nothing from the request goes into it. Its script fills the page
//! with `textContent` only, so a hostile fragment is shown as text, never run.
//!
//! `POST /auth/approve` takes a form body with `code` and, optionally, `login`: the PIN is
//! approved for the account with that login, else for the fake's first account. The page
//! passes `login` on from its own query string, so `/auth?login=bob#?...` approves as `bob`.

use super::State;
use crate::compare::parse_pairs;
use crate::responses::{html_error_response, json_response, plex_error_response, response};
use plex_auth_core::{CODE_PIN_NOT_FOUND, HttpRequest, HttpResponse};
use serde_json::json;

/// The approval page. Stable ids for tests: `#code`, `#product`, `#approve` (the button) and
/// `#status` ("Approved" once the fake approved the PIN).
const PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>FakePlex: approve sign-in</title>
</head>
<body>
<h1>Approve sign-in</h1>
<p>An app wants to sign in to Plex with your account.</p>
<dl>
<dt>App</dt><dd id="product"></dd>
<dt>Code</dt><dd id="code"></dd>
</dl>
<button id="approve" type="button" disabled>Approve</button>
<p id="status" role="status"></p>
<script>
"use strict";
(function () {
  var hash = location.hash;
  var params = new URLSearchParams(hash.indexOf("#?") === 0 ? hash.slice(2) : hash.slice(1));
  var code = params.get("code") || "";
  var login = new URLSearchParams(location.search).get("login");
  var button = document.getElementById("approve");
  var status = document.getElementById("status");
  document.getElementById("code").textContent = code;
  document.getElementById("product").textContent = params.get("context[device][product]") || "";
  if (code === "") {
    status.textContent = "No PIN code in this URL";
    return;
  }
  button.disabled = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = "Approving...";
    var body = new URLSearchParams();
    body.set("code", code);
    if (login) {
      body.set("login", login);
    }
    var endpoint = location.pathname.replace(/\/+$/, "") + "/approve";
    fetch(endpoint, { method: "POST", body: body }).then(function (resp) {
      status.textContent = resp.ok ? "Approved" : "Not approved (HTTP " + resp.status + ")";
      button.disabled = resp.ok;
    }, function (err) {
      status.textContent = "Not approved: " + err;
      button.disabled = false;
    });
  });
})();
</script>
</body>
</html>
"##;

/// The page's policy: its one inline script, requests to its own origin, nothing else.
const CSP: &str =
    "default-src 'none'; script-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/// `GET /auth` (the page) and `POST /auth/approve` (approve a PIN by its code).
pub(super) fn approval(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.uri().path().trim_end_matches('/').ends_with("/approve") {
        return approve(state, req);
    }
    if req.method() != http::Method::GET && req.method() != http::Method::HEAD {
        return html_error_response(405);
    }
    let mut resp = response(200, "text/html; charset=utf-8", PAGE);
    let headers = resp.headers_mut();
    headers.insert(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    headers.insert(http::header::X_CONTENT_TYPE_OPTIONS, http::HeaderValue::from_static("nosniff"));
    headers.insert(http::header::CONTENT_SECURITY_POLICY, http::HeaderValue::from_static(CSP));
    resp
}

/// `POST /auth/approve` with a form body `code=...[&login=...]`: 200 `{"approved":true}`, 404
/// (code 1020) for no such unexpired PIN, 404 for no such account.
fn approve(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.method() != http::Method::POST {
        return html_error_response(405);
    }
    let form = parse_pairs(req.body());
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty());
    let Some(code) = field("code") else { return plex_error_response(400, 1002, "code is required") };
    let account = match field("login") {
        Some(login) => state.accounts.iter().position(|a| a.matches_login(login)),
        None => (!state.accounts.is_empty()).then_some(0),
    };
    let Some(account) = account else { return plex_error_response(404, 1001, "no such account in the fake") };
    if !super::pins::approve_code(state, code, account) {
        return plex_error_response(404, CODE_PIN_NOT_FOUND, "Code not found or expired");
    }
    json_response(200, &json!({"approved": true}))
}
