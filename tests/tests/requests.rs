//! Properties of request building: (a) for any valid inputs `to_request` succeeds, the URI parses
//! and the required headers carry the inputs; (d) what `to_request` encodes (the `source` query,
//! the sign-in form) decodes back to the inputs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plex_auth_core::*;
use plex_auth_testing::strategies::*;
use proptest::option::of as opt;
use proptest::prelude::*;
use proptest::sample::select;

/// A valid configuration built from `i` (the strategy's inputs always build).
fn config(i: &ConfigInputs) -> ClientConfig {
    i.build().expect("valid inputs build a config")
}

/// Checks one built request: URI, and the exact header set for the inputs.
fn check(req: &HttpRequest, i: &ConfigInputs, base: &str, path: &str, token: bool) -> Result<(), TestCaseError> {
    let uri = req.uri().to_string();
    let reparsed: http::Uri = uri.parse().map_err(|e| TestCaseError::fail(format!("{uri}: {e}")))?;
    prop_assert_eq!(&reparsed, req.uri());
    let expected_prefix = format!("{}{path}", base.trim_end_matches('/'));
    prop_assert!(uri.starts_with(&expected_prefix), "{} does not start with {}", uri, expected_prefix);

    let headers = req.headers();
    prop_assert_eq!(headers.get("accept").map(|v| v.as_bytes()), Some(&b"application/json"[..]));
    prop_assert_eq!(
        headers.get("x-plex-client-identifier").map(|v| v.as_bytes()),
        Some(i.client_identifier.as_bytes())
    );
    for (name, value) in OPTIONAL_HEADERS.iter().zip(&i.optional) {
        prop_assert_eq!(headers.get(*name).map(|v| v.as_bytes()), value.as_ref().map(|v| v.as_bytes()), "{}", name);
    }
    if token {
        prop_assert_eq!(headers.get("x-plex-token").map(|v| v.as_bytes()), Some(i.token.as_bytes()));
        prop_assert!(headers.get("content-type").is_none());
    } else {
        prop_assert!(headers.get("x-plex-token").is_none(), "sign-in sends no token");
        prop_assert_eq!(
            headers.get("content-type").map(|v| v.as_bytes()),
            Some(&b"application/x-www-form-urlencoded"[..])
        );
    }
    let given = i.optional.iter().filter(|v| v.is_some()).count();
    prop_assert_eq!(headers.len(), 3 + given, "accept, client identifier, token or content type, and the given ones");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// (a) Any valid inputs build all four requests, with parseable URIs and the required headers.
    #[test]
    fn valid_inputs_always_build_requests(
        i in config_inputs(),
        source in source(),
        login in non_blank(),
        password in text().prop_filter("non-empty", |p| !p.is_empty()),
    ) {
        let cfg = config(&i);
        for method in [TransientTokenMethod::Get, TransientTokenMethod::Post] {
            let req = GetTransientToken::new().method(method).to_request(&cfg).unwrap();
            check(&req, &i, &i.server_url, "/security/token?type=delegation&scope=all", true)?;
        }
        let req = GetSourceConnectionInformation::new(source).to_request(&cfg).unwrap();
        check(&req, &i, &i.server_url, "/security/resources?source=", true)?;
        let req = GetTokenDetails::new().to_request(&cfg).unwrap();
        check(&req, &i, &i.plex_tv_url, "/user", true)?;
        prop_assert!(req.uri().to_string().ends_with("/user"));
        let req = PostUsersSignInData::new(login, password).to_request(&cfg).unwrap();
        check(&req, &i, &i.plex_tv_url, "/users/signin", false)?;
    }

    /// (a) Any valid inputs build the JWT requests: on clients.plex.tv (which follows an
    /// overridden plex.tv), the token only where a key is registered, JSON bodies that decode
    /// back to what was given, and the device JWT percent-encoded in the PIN poll.
    #[test]
    fn valid_inputs_always_build_jwt_requests(
        i in config_inputs(),
        seed in any::<[u8; 32]>(),
        device_jwt in prop_oneof!["[A-Za-z0-9_-]{1,40}\\.[A-Za-z0-9_-]{1,40}\\.[A-Za-z0-9_-]{1,86}", text()],
        strong in any::<bool>(),
        id in 0i64..,
    ) {
        let cfg = config(&i);
        let jwk = jwt::DeviceKey::from_seed(seed).public_jwk();
        let jwk_json = serde_json::to_value(&jwk).unwrap();
        let cases = [
            (RegisterDeviceKey::new(jwk.clone()).to_request(&cfg).unwrap(), "POST", "/auth/jwk", true,
                Some(serde_json::json!({ "jwk": jwk_json }))),
            (GetNonce::new().to_request(&cfg).unwrap(), "GET", "/auth/nonce", false, None),
            (ExchangeDeviceJwt::new(device_jwt.as_str()).to_request(&cfg).unwrap(), "POST", "/auth/token", false,
                Some(serde_json::json!({ "jwt": device_jwt }))),
            (GetPlexKeys::new().to_request(&cfg).unwrap(), "GET", "/auth/keys", false, None),
            (CreatePin::new().strong(strong).with_jwk(jwk.clone()).to_request(&cfg).unwrap(), "POST", "/pins", false,
                Some(serde_json::json!({ "jwk": jwk_json, "strong": strong }))),
            (GetPin::new(id).with_device_jwt(device_jwt.as_str()).to_request(&cfg).unwrap(), "GET", "/pins/", false, None),
        ];
        for (req, method, path, token, body) in cases {
            prop_assert_eq!(req.method().as_str(), method);
            let uri = req.uri().to_string();
            let reparsed: http::Uri = uri.parse().unwrap();
            prop_assert_eq!(&reparsed, req.uri());
            let prefix = format!("{}{path}", i.plex_tv_url.trim_end_matches('/'));
            prop_assert!(uri.starts_with(&prefix), "{} does not start with {}", uri, prefix);
            let headers = req.headers();
            prop_assert_eq!(headers.get("accept").map(|v| v.as_bytes()), Some(&b"application/json"[..]));
            prop_assert_eq!(headers.get("x-plex-client-identifier").map(|v| v.as_bytes()), Some(i.client_identifier.as_bytes()));
            prop_assert_eq!(headers.get("x-plex-token").map(|v| v.as_bytes()), token.then_some(i.token.as_bytes()));
            let json = headers.get("content-type").map(|v| v.as_bytes());
            prop_assert_eq!(json, body.is_some().then_some(&b"application/json"[..]));
            let given = i.optional.iter().filter(|v| v.is_some()).count();
            prop_assert_eq!(headers.len(), 2 + usize::from(token) + usize::from(body.is_some()) + given);
            match body {
                Some(want) => prop_assert_eq!(serde_json::from_slice::<serde_json::Value>(req.body()).unwrap(), want),
                None => prop_assert!(req.body().is_empty()),
            }
            if path == "/pins/" {
                prop_assert_eq!(req.uri().path().rsplit('/').next().unwrap(), id.to_string());
                let pairs: Vec<(String, String)> =
                    form_urlencoded::parse(req.uri().query().unwrap_or_default().as_bytes()).into_owned().collect();
                prop_assert_eq!(pairs, vec![("deviceJWT".to_owned(), device_jwt.clone())]);
            } else {
                prop_assert_eq!(req.uri().query(), None);
            }
        }
    }

    /// (d) The `source` query parameter (and `refresh`) decode back to the inputs.
    #[test]
    fn source_query_decodes_back(
        scheme in prop_oneof![select(&["server", "provider"][..]).prop_map(String::from), "[a-zA-Z0-9]{1,8}"],
        rest in non_blank(),
        refresh in any::<bool>(),
    ) {
        let source = format!("{scheme}://{rest}");
        let req = GetSourceConnectionInformation::new(source.clone())
            .refresh(refresh)
            .to_request(&config(&fixed_inputs()))
            .unwrap();
        prop_assert_eq!(req.uri().path(), "/security/resources");
        let query = req.uri().query().unwrap_or_default();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let mut want = vec![("source".to_owned(), source)];
        if refresh {
            want.push(("refresh".to_owned(), "1".to_owned()));
        }
        prop_assert_eq!(pairs, want);
    }

    /// (d) The sign-in form body decodes back to login, password, rememberMe and verificationCode.
    #[test]
    fn sign_in_form_decodes_back(
        login in non_blank(),
        password in text().prop_filter("non-empty", |p| !p.is_empty()),
        remember in opt(any::<bool>()),
        code in opt(non_blank()),
    ) {
        let mut op = PostUsersSignInData::new(login.clone(), password.as_str());
        if let Some(r) = remember {
            op = op.remember_me(r);
        }
        if let Some(c) = &code {
            op = op.verification_code(c.as_str());
        }
        let req = op.to_request(&config(&fixed_inputs())).unwrap();
        prop_assert_eq!(req.method(), http::Method::POST);
        let pairs: Vec<(String, String)> = form_urlencoded::parse(req.body()).into_owned().collect();
        let mut want = vec![("login".to_owned(), login), ("password".to_owned(), password)];
        if let Some(r) = remember {
            want.push(("rememberMe".to_owned(), r.to_string()));
        }
        if let Some(c) = code {
            want.push(("verificationCode".to_owned(), c));
        }
        prop_assert_eq!(pairs, want);
    }
}

fn fixed_inputs() -> ConfigInputs {
    ConfigInputs {
        client_identifier: "client".into(),
        optional: vec![None; 9],
        server_url: "http://127.0.0.1:32400".into(),
        plex_tv_url: "http://127.0.0.1:8443/api/v2".into(),
        token: "token".into(),
    }
}
