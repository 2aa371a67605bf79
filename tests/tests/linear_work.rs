//! Decoding does work linear in the body, checked by counting work instead of timing it (the
//! machines are shared and noisy): allocations and allocated bytes (per thread, with
//! `allocation-counter`) and the XML reader's own step count.
//!
//! Two kinds of check, per operation: hostile body families at scale n and 4n must cost at most
//! about 4x (plus a constant), and any response proptest makes must stay under a bound linear in
//! its length. Together with the fuzz targets' per-input timeout, this is issue 8's proof that no
//! body up to the cap can make a decoder spin.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bytes::Bytes;
use plex_auth_core::*;
use plex_auth_testing::strategies::*;
use proptest::prelude::*;

/// Work done by one decode: allocations, bytes allocated, XML steps.
#[derive(Debug, Clone, Copy)]
struct Work {
    allocations: u64,
    bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    TransientGet,
    TransientPost,
    SourceInfo,
    TokenDetails,
    SignIn,
    Resources,
    Identity,
    Ping,
    SignOut,
    CreatePin,
    GetPin,
    LinkPin,
    RegisterDeviceKey,
    GetNonce,
    ExchangeDeviceJwt,
    GetPlexKeys,
    CreateJwtPin,
    GetJwtPin,
}

const OPS: [Op; 18] = [
    Op::TransientGet,
    Op::TransientPost,
    Op::SourceInfo,
    Op::TokenDetails,
    Op::SignIn,
    Op::Resources,
    Op::Identity,
    Op::Ping,
    Op::SignOut,
    Op::CreatePin,
    Op::GetPin,
    Op::LinkPin,
    Op::RegisterDeviceKey,
    Op::GetNonce,
    Op::ExchangeDeviceJwt,
    Op::GetPlexKeys,
    Op::CreateJwtPin,
    Op::GetJwtPin,
];

fn decode(op: Op, resp: HttpResponse) -> bool {
    match op {
        Op::TransientGet => GetTransientToken::new().from_response(resp).is_ok(),
        Op::TransientPost => GetTransientToken::new().method(TransientTokenMethod::Post).from_response(resp).is_ok(),
        Op::SourceInfo => GetSourceConnectionInformation::new("server://abc").from_response(resp).is_ok(),
        Op::TokenDetails => GetTokenDetails::new().from_response(resp).is_ok(),
        Op::SignIn => PostUsersSignInData::new("ana", "pw").from_response(resp).is_ok(),
        Op::Resources => GetResources::new().from_response(resp).is_ok(),
        Op::Identity => GetServerIdentity::new("http://10.0.0.5:32400").unwrap().from_response(resp).is_ok(),
        Op::Ping => Ping::new().from_response(resp).is_ok(),
        Op::SignOut => SignOut::new().from_response(resp).is_ok(),
        Op::CreatePin => CreatePin::new().from_response(resp).is_ok(),
        Op::GetPin => GetPin::new(4_294_967_301).from_response(resp).is_ok(),
        Op::LinkPin => LinkPin::new("7RQZ").from_response(resp).is_ok(),
        Op::RegisterDeviceKey => RegisterDeviceKey::new(device_key().public_jwk()).from_response(resp).is_ok(),
        Op::GetNonce => GetNonce::new().from_response(resp).is_ok(),
        Op::ExchangeDeviceJwt => ExchangeDeviceJwt::new("a.b.c").from_response(resp).is_ok(),
        Op::GetPlexKeys => GetPlexKeys::new().from_response(resp).is_ok(),
        Op::CreateJwtPin => CreatePin::new().with_jwk(device_key().public_jwk()).from_response(resp).is_ok(),
        Op::GetJwtPin => GetPin::new(4_294_967_301).with_device_jwt("a.b.c").from_response(resp).is_ok(),
    }
}

fn device_key() -> jwt::DeviceKey {
    jwt::DeviceKey::from_seed([7; 32])
}

/// The work `op` does on `resp` (building the response is not counted).
fn work(op: Op, resp: HttpResponse) -> Work {
    let info = allocation_counter::measure(|| {
        std::hint::black_box(decode(op, resp));
    });
    Work { allocations: info.count_total, bytes: info.bytes_total }
}

fn response(status: u16, content_type: &str, body: String) -> HttpResponse {
    make_response(status, Some(content_type), None, Bytes::from(body))
}

/// A body family: its name, content type, and the body at scale n.
type Family = (&'static str, &'static str, fn(usize) -> String);

/// Body families that once were (or could be) super-linear.
fn families() -> Vec<Family> {
    vec![
        ("unknown keys", "application/json", |n| {
            let keys: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
            format!("{{\"id\":1,\"authToken\":\"t\",{}}}", keys.join(","))
        }),
        ("repeated known key", "application/json", |n| {
            format!("{{\"authToken\":\"t\",{}\"id\":1}}", "\"username\":\"ana\",".repeat(n))
        }),
        ("deep nesting in an unknown field", "application/json", |n| {
            format!("{{\"id\":1,\"authToken\":\"t\",\"x\":{}1{}}}", "[".repeat(n), "]".repeat(n))
        }),
        ("numbers past f64", "application/json", |n| {
            format!("{{\"id\":1,\"authToken\":\"t\",\"x\":[{}1]}}", "1e400,".repeat(n))
        }),
        ("escapes", "application/json", |n| {
            format!("{{\"id\":1,\"authToken\":\"t\",\"x\":\"{}\"}}", "\\u0041\\n".repeat(n))
        }),
        ("bad items in a list", "application/json", |n| {
            format!("{{\"id\":1,\"authToken\":\"t\",\"roles\":[{}\"ok\"]}}", "{\"a\":[1]},".repeat(n))
        }),
        ("PMS connections with bad ports", "application/json", |n| {
            let c = r#"{"uri":"http://10.0.0.1:1","port":70000,"local":"maybe"},"#.repeat(n);
            format!(r#"{{"MediaContainer":{{"token":"t","Device":{{"name":"x","Connection":[{c}{{}}]}}}}}}"#)
        }),
        ("resources with bad connections", "application/json", |n| {
            let c = r#"{"uri":"http://10.0.0.1:1","port":-5,"local":"maybe","IPv6":[1]},"#.repeat(n);
            format!(r#"[{{"name":"x","provides":"server","connections":[{c}{{}}]}},7]"#)
        }),
        ("many devices", "application/json", |n| {
            let d = r#"{"name":"x","provides":"client,player","owned":"1","accessToken":"t","connections":[]},"#;
            format!("[{}{{}}]", d.repeat(n))
        }),
        ("XML devices", "text/xml", |n| {
            let d = r#"<Device name="x" provides="server"><Connection port="70000" local="maybe"/></Device>"#;
            format!("<MediaContainer machineIdentifier=\"m\">{}</MediaContainer>", d.repeat(n))
        }),
        ("PIN with repeated free-form locations", "application/json", |n| {
            let l = r#""location":{"code":"NL","coordinates":[51.5,4.7],"x":{"y":[true,"z"]}},"#.repeat(n);
            format!(r#"{{"id":"4294967301","code":"7RQZ",{l}"expiresIn":"soon","authToken":null}}"#)
        }),
        ("key sets with many odd keys", "application/json", |n| {
            let k = r#"{"kty":"RSA","kid":"r","n":"0vx7","e":"AQAB","x":[1,{"a":2}]},7,"#.repeat(n);
            format!(
                r#"{{"keys":[{k}{{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}]}}"#
            )
        }),
        ("repeated nonce and token keys", "application/json", |n| {
            format!(r#"{{{}"nonce":"n","auth_token":"a.b.c"}}"#, r#""nonce":[1],"auth_token":{"x":1},"#.repeat(n))
        }),
        ("XML attributes", "text/xml", |n| format!("<MediaContainer token=\"t\"{}/>", " a=\"\"".repeat(n))),
        ("XML elements", "text/xml", |n| format!("<MediaContainer token=\"t\">{}</MediaContainer>", "<a/>".repeat(n))),
        ("XML nesting", "text/xml", |n| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n))),
        ("XML entities", "text/xml", |n| format!("<errors><error>{}</error></errors>", "&amp;&#65;".repeat(n))),
    ]
}

#[test]
fn hostile_families_cost_linear_work_in_every_operation() {
    const N: usize = 2_000;
    for (name, content_type, make) in families() {
        let (small, large) = (make(N), make(4 * N));
        let ratio_of = |a: u64, b: u64| (b as f64) / (a.max(1) as f64);
        for op in OPS {
            for status in [200, 201, 401] {
                let w1 = work(op, response(status, content_type, small.clone()));
                let w4 = work(op, response(status, content_type, large.clone()));
                // Linear: 4x the body costs at most about 4x (allowing for a fixed part).
                let (alloc_ratio, byte_ratio) =
                    (ratio_of(w1.allocations, w4.allocations), ratio_of(w1.bytes, w4.bytes));
                assert!(alloc_ratio <= 5.0, "{name} / {op:?} / {status}: allocations {w1:?} -> {w4:?}");
                assert!(byte_ratio <= 5.0, "{name} / {op:?} / {status}: bytes {w1:?} -> {w4:?}");
                // And bounded outright (bytes allocated in all, not held at once: a `Value` map costs a
                // few hundred bytes per small object).
                assert!(
                    w4.bytes <= 256 * large.len() as u64 + (1 << 20),
                    "{name} / {op:?}: {w4:?} for {}",
                    large.len()
                );
            }
        }
        if content_type == "text/xml" {
            let (s1, s4) = (fuzzing::xml_steps(small.as_bytes()), fuzzing::xml_steps(large.as_bytes()));
            assert!(s1 <= small.len() && s4 <= large.len(), "{name}: {s1} / {s4} steps");
        }
    }
}

/// Work of `f` (allocations and bytes), whatever it returns.
fn work_of<T>(f: impl FnOnce() -> T) -> Work {
    let info = allocation_counter::measure(|| {
        std::hint::black_box(f());
    });
    Work { allocations: info.count_total, bytes: info.bytes_total }
}

/// A JWT text family: its name and the text at scale n.
type JwtFamily = (&'static str, fn(usize) -> String);

/// Adversarial JWT texts of about `n` bytes: deep JSON in the header, many dots, huge base64,
/// numbers past f64 in the claims, a real token with a long padded payload.
fn jwt_families() -> Vec<JwtFamily> {
    fn b64(s: &str) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    }
    vec![
        ("deep header", |n| format!("{}.e30.AA", b64(&format!("{}1{}", "[".repeat(n / 4), "]".repeat(n / 4))))),
        ("header of many keys", |n| {
            let keys: Vec<String> = (0..n / 16).map(|i| format!("\"k{i}\":{i}")).collect();
            format!("{}.e30.AA", b64(&format!("{{\"alg\":\"EdDSA\",{}}}", keys.join(","))))
        }),
        ("dots", |n| ".".repeat(n)),
        ("base64 without dots", |n| "A".repeat(n)),
        ("claims past f64", |n| {
            let header = b64(r#"{"alg":"EdDSA","kid":"EeyvDrD3N8VFY2jZOGJS2p86_DaqlONKIhCu5f19RHE"}"#);
            format!("{header}.{}.AA", b64(&format!("{{\"exp\":[{}1]}}", "1e400,".repeat(n / 8))))
        }),
        ("signed token with a long payload", |n| {
            let key = jwt::DeviceKey::from_seed([0x50; 32]);
            let claims = serde_json::json!({"iss": "plex.tv", "pad": "p".repeat(n * 3 / 4)});
            jwt::sign_claims(&key, &claims).unwrap().expose_secret().to_owned()
        }),
    ]
}

/// `verify_plex_jwt` and `decode_header` do work linear in the token, up to `MAX_JWT_LEN`, and
/// refuse anything longer before decoding (constant work).
#[test]
fn jwt_verification_costs_linear_work_and_refuses_longer_tokens_at_once() {
    let plex = jwt::DeviceKey::from_seed([0x50; 32]);
    let keys = jwt::JwkSet::of([plex.public_jwk().into()]);
    let kid = device_key().kid();
    let expected = jwt::Expected::new("app", &kid);
    let now = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000);
    let n = jwt::MAX_JWT_LEN / 5;
    for (name, make) in jwt_families() {
        let (small, large) = (make(n), make(4 * n));
        assert!(large.len() <= jwt::MAX_JWT_LEN, "{name}: {} bytes", large.len());
        for (what, f) in [
            ("verify_plex_jwt", &(|t: &str| drop(jwt::verify_plex_jwt(t, &keys, &expected, now))) as &dyn Fn(&str)),
            ("decode_header", &|t: &str| drop(jwt::decode_header(t))),
        ] {
            let (w1, w4) = (work_of(|| f(&small)), work_of(|| f(&large)));
            let ratio = |a: u64, b: u64| (b as f64) / (a.max(1) as f64);
            assert!(ratio(w1.bytes, w4.bytes) <= 5.0, "{name} / {what}: bytes {w1:?} -> {w4:?}");
            assert!(w4.allocations <= 64 + large.len() as u64 / 8, "{name} / {what}: {w4:?} for {}", large.len());
            assert!(w4.bytes <= 64 * large.len() as u64 + (1 << 16), "{name} / {what}: {w4:?} for {}", large.len());
        }
        // One byte over the limit: refused without decoding anything.
        let mut over = make(4 * n);
        over.extend(std::iter::repeat_n('A', jwt::MAX_JWT_LEN + 1 - over.len().min(jwt::MAX_JWT_LEN)));
        let w = work_of(|| jwt::verify_plex_jwt(&over, &keys, &expected, now));
        assert!(w.bytes <= 1024 && w.allocations <= 4, "{name}: {w:?} to refuse {} bytes", over.len());
        assert!(matches!(
            jwt::verify_plex_jwt(&over, &keys, &expected, now),
            Err(jwt::JwtRejection::Malformed("longer than 16 KiB"))
        ));
    }
    // A MAX_JWT_LEN-sized genuine token, signed by the key: verified in bounded work.
    let pad = jwt::MAX_JWT_LEN * 3 / 4 - 400;
    let claims = serde_json::json!({
        "iss": "plex.tv", "aud": ["plex.tv", "app"], "iat": 1_800_000_000, "exp": 1_800_604_800,
        "thumbprint": kid, "pad": "p".repeat(pad),
    });
    let token = jwt::sign_claims(&plex, &claims).unwrap();
    let token = token.expose_secret();
    assert!(token.len() <= jwt::MAX_JWT_LEN && token.len() > jwt::MAX_JWT_LEN - 1024, "{}", token.len());
    let w = work_of(|| jwt::verify_plex_jwt(token, &keys, &expected, now).unwrap());
    assert!(w.bytes <= 16 * token.len() as u64 + (1 << 16), "{w:?} for {}", token.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Any response, for each operation: no panic, and work under a bound linear in its length.
    #[test]
    fn any_response_decodes_in_linear_work(
        op in proptest::sample::select(&OPS[..]),
        status in proptest::sample::select(&[200u16, 201, 401, 429, 500][..]),
        ct in content_type(),
        body in body(),
        repeat in 1usize..64,
    ) {
        // Repeating a body's middle makes long inputs of the same shape.
        let mut text = body.to_vec();
        let middle = text.len() / 2;
        let chunk = text[middle..].to_vec();
        for _ in 1..repeat {
            text.extend_from_slice(&chunk);
        }
        let len = text.len() as u64;
        let w = work(op, make_response(status, ct.as_deref(), None, Bytes::from(text)));
        prop_assert!(w.bytes <= 256 * len + 256 * 1024, "{op:?}: {w:?} for {len} bytes");
        prop_assert!(w.allocations <= 8 * len + 2_000, "{op:?}: {w:?} for {len} bytes");
    }
}
