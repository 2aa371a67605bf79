//! What the golden vectors cannot express: config validation naming the bad field, and
//! operations refusing inputs before any request is built. Every golden request (method, full URI,
//! the exact header set, body, which headers are sensitive) is a JSON file in `vectors/requests/`,
//! generated from the core by `cargo run -p plex-auth-vectors -- write` and checked against it by
//! `vectors/tests/vectors.rs`; add a golden request there (`vectors/src/cases.rs`), not here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::{
    ClientConfig, Endpoint, Error, GetSourceConnectionInformation, GetTokenDetails, GetTransientToken,
    PostUsersSignInData,
};
use support::*;

/// The field an `InvalidInput` names; panics on any other outcome.
fn invalid_field<T: std::fmt::Debug>(result: Result<T, Error>) -> &'static str {
    match result {
        Err(Error::InvalidInput { field, reason }) => {
            assert!(!reason.is_empty(), "a reason is given");
            field
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn builder() -> plex_auth_core::ClientConfigBuilder {
    ClientConfig::builder().client_identifier(CLIENT_ID)
}

#[test]
fn config_rejects_cr_lf_and_control_bytes_naming_the_header() {
    assert_eq!(invalid_field(builder().product("App\r\nX-Evil: 1").build()), "X-Plex-Product");
    assert_eq!(invalid_field(builder().device_name("Living\nRoom").build()), "X-Plex-Device-Name");
    assert_eq!(invalid_field(builder().version("1.0\0").build()), "X-Plex-Version");
    assert_eq!(invalid_field(builder().marketplace("a\x7fb").build()), "X-Plex-Marketplace");
    assert_eq!(invalid_field(ClientConfig::builder().client_identifier("id\r").build()), "X-Plex-Client-Identifier");
    assert_eq!(invalid_field(builder().token("tok\r\nen").build()), "X-Plex-Token");
    assert_eq!(invalid_field(builder().platform("").build()), "X-Plex-Platform");
}

#[test]
fn config_rejects_missing_or_blank_client_identifier() {
    assert_eq!(invalid_field(ClientConfig::builder().build()), "X-Plex-Client-Identifier");
    assert_eq!(invalid_field(ClientConfig::builder().client_identifier("").build()), "X-Plex-Client-Identifier");
    assert_eq!(invalid_field(ClientConfig::builder().client_identifier("  \t").build()), "X-Plex-Client-Identifier");
}

#[test]
fn config_rejects_non_http_base_urls() {
    assert_eq!(invalid_field(builder().server_url("ftp://127.0.0.1:32400").build()), "server_url");
    assert_eq!(invalid_field(builder().plex_tv_url("ftp://plex.tv/api/v2").build()), "plex_tv_url");
    assert_eq!(invalid_field(builder().server_url("127.0.0.1:32400").build()), "server_url");
    assert_eq!(invalid_field(builder().server_url("http://").build()), "server_url");
    assert_eq!(invalid_field(builder().plex_tv_url("https://plex.tv/api/v2?x=1").build()), "plex_tv_url");
    assert_eq!(invalid_field(builder().plex_tv_url("https://plex.tv/api/v2#frag").build()), "plex_tv_url");
    assert_eq!(invalid_field(builder().server_url("http://exa mple.com").build()), "server_url");
}

#[test]
fn config_rejects_ports_that_cannot_be_dialled() {
    for url in ["http://127.0.0.1:99999", "http://127.0.0.1:0", "http://[::1]:65536", "http://host:70000/x"] {
        let err = builder().server_url(url).build().unwrap_err();
        assert_eq!(err.to_string(), "invalid server_url: port must be a number from 1 to 65535", "{url}");
    }
    for url in ["http://127.0.0.1:65535", "http://[::1]:32400", "http://[::1]", "http://host:1/x"] {
        assert!(builder().server_url(url).build().is_ok(), "{url}");
    }
}

#[test]
fn config_rejects_credentials_in_base_urls() {
    for url in ["http://user:pass@127.0.0.1:32400", "https://token@plex.example/api/v2", "http://@host"] {
        let err = builder().server_url(url).build().unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid server_url: must not contain user:password@ (credentials in a URL end up in logs; Plex authenticates with a token)",
            "{url}"
        );
    }
}

#[test]
fn config_rejects_tokens_that_cannot_be_sent() {
    for token in ["   ", "a b", "tab\t", "ünï"] {
        assert_eq!(invalid_field(builder().token(token).build()), "X-Plex-Token", "{token:?}");
    }
    assert_eq!(
        plex_auth_core::check_token("abc\r\ndef"),
        Err("contains a space, control or non-ASCII character, so it cannot be sent in a header")
    );
    assert_eq!(plex_auth_core::check_token(""), Err("is empty"));
    assert_eq!(plex_auth_core::check_token(&"a".repeat(4097)), Err("is longer than 4096 bytes"));
    assert_eq!(plex_auth_core::check_token(TOKEN), Ok(()));
}

#[test]
fn config_token_can_be_set_and_is_validated() {
    let mut cfg = builder().build().unwrap();
    assert!(cfg.token().is_none());
    assert_eq!(invalid_field(cfg.set_token("")), "X-Plex-Token");
    assert_eq!(invalid_field(cfg.set_token("a\nb")), "X-Plex-Token");
    assert!(cfg.token().is_none(), "a rejected token is not stored");
    cfg.set_token(TOKEN).unwrap();
    let req = GetTokenDetails::new().to_request(&cfg).unwrap();
    assert_eq!(req.headers()["x-plex-token"], TOKEN);
    cfg.clear_token();
    assert_eq!(invalid_field(GetTokenDetails::new().to_request(&cfg)), "X-Plex-Token");
}

#[test]
fn pms_operations_need_a_server_url() {
    let cfg = builder().token(TOKEN).build().unwrap();
    assert_eq!(invalid_field(GetTransientToken::new().to_request(&cfg)), "server_url");
    assert_eq!(invalid_field(GetSourceConnectionInformation::new("server://abc").to_request(&cfg)), "server_url");
}

#[test]
fn token_operations_need_a_token() {
    let cfg = builder().server_url(SERVER).build().unwrap();
    assert_eq!(invalid_field(GetTransientToken::new().to_request(&cfg)), "X-Plex-Token");
    assert_eq!(invalid_field(GetSourceConnectionInformation::new("server://abc").to_request(&cfg)), "X-Plex-Token");
    assert_eq!(invalid_field(GetTokenDetails::new().to_request(&cfg)), "X-Plex-Token");
    // An operation's own token must be a valid header value as well.
    assert_eq!(invalid_field(GetTokenDetails::new().with_token("bad\r\n").to_request(&cfg)), "X-Plex-Token");
    assert_eq!(invalid_field(GetTransientToken::new().with_token("").to_request(&cfg)), "X-Plex-Token");
}

#[test]
fn source_must_be_a_source_uri() {
    let cfg = full_config();
    for bad in ["", "abc", "server://", "://abc", "ser ver://abc", "server:/abc"] {
        assert_eq!(invalid_field(GetSourceConnectionInformation::new(bad).to_request(&cfg)), "source", "{bad:?}");
    }
}

#[test]
fn sign_in_rejects_empty_credentials() {
    let cfg = full_config();
    assert_eq!(invalid_field(PostUsersSignInData::new("", "pw").to_request(&cfg)), "login");
    assert_eq!(invalid_field(PostUsersSignInData::new("   ", "pw").to_request(&cfg)), "login");
    assert_eq!(invalid_field(PostUsersSignInData::new("ana", "").to_request(&cfg)), "password");
    assert_eq!(
        invalid_field(PostUsersSignInData::new("ana", "pw").verification_code(" ").to_request(&cfg)),
        "verificationCode"
    );
}

#[test]
fn clients_plex_tv_defaults_to_plex_hosts_and_follows_an_overridden_plex_tv() {
    let id = |b: plex_auth_core::ClientConfigBuilder| b.client_identifier("c1").build().unwrap();
    let default = id(ClientConfig::builder());
    assert_eq!(default.plex_tv_url().as_str(), "https://plex.tv/api/v2");
    assert_eq!(default.clients_plex_tv_url().as_str(), "https://clients.plex.tv/api/v2");
    let fake = id(ClientConfig::builder().plex_tv_url("http://127.0.0.1:9/api/v2"));
    assert_eq!(
        fake.clients_plex_tv_url().as_str(),
        "http://127.0.0.1:9/api/v2",
        "one URL points every route at a fake"
    );
    let both = id(ClientConfig::builder()
        .plex_tv_url("http://127.0.0.1:9/api/v2")
        .clients_plex_tv_url("http://127.0.0.1:8/v2"));
    assert_eq!(both.clients_plex_tv_url().as_str(), "http://127.0.0.1:8/v2");
    let err = ClientConfig::builder().client_identifier("c1").clients_plex_tv_url("ftp://x").build().unwrap_err();
    assert!(err.to_string().starts_with("invalid clients_plex_tv_url"), "{err}");
}
