//! Every operation of `plex-auth-core`, run on canned answers: each request is built, a small
//! realistic response is decoded, and one line says what was sent and what came back. A device
//! JWT is signed with a fixed seed, a Plex JWT is verified at a fixed time, and a key is drawn
//! from the `os-rng` feature's RNG. No I/O beyond stdout: this is the core proving it runs on
//! `wasm32-wasip1` (`examples/wasi/run.sh` builds it and runs it under Node's `node:wasi`,
//! comparing stdout with `expected.txt`), and natively (its test compares the same lines).
//!
//! No line may contain a secret: every token, password, code, JWT and private key used here is
//! listed, and the program fails before printing anything if one of them appears in a line, in
//! the `Debug` of a decoded value or in the redacted `Debug` of a request.

use plex_auth_core::bytes::Bytes;
use plex_auth_core::jwt::{
    DeviceJwtClaims, DeviceKey, Expected, PlexJwt, Scopes, decode_header, sign_claims, verify_signed,
};
use plex_auth_core::*;
use serde_json::json;
use std::fmt::Debug;
use std::time::{Duration, SystemTime};

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

const CLIENT_ID: &str = "3381b62b-9ab7-4e37-827b-203e9809eb58";
const TOKEN: &str = "abcdefghij0123456789";
const SERVER: &str = "http://192.168.1.10:32400";
const PLEX_DIRECT: &str = "https://192-168-1-10.abc.plex.direct:32400";
const SOURCE: &str = "server://546684a3d18ac5c39037360ec9ce900b7af9cc36";
const LOGIN: &str = "ana@example.com";
const PASSWORD: &str = "correct horse";
const VERIFICATION_CODE: &str = "123456";
const PIN_CODE: &str = "7RQZ";
/// The fixed time every JWT is signed and checked at (2024-01-20T21:20:03Z): the core never
/// reads a clock.
const NOW: u64 = 1_705_785_603;
/// The device key's seed: fixed, so the output is stable. A real device draws it once from an
/// RNG (`DeviceKey::generate`, or `DeviceKey::generate_with` and any RNG) and stores it.
const DEVICE_SEED: [u8; 32] = [7; 32];
/// Stands in for Plex's signing key, so that the canned Plex JWT can be verified.
const PLEX_SEED: [u8; 32] = [42; 32];

const JSON: &str = "application/json; charset=utf-8";
const XML: &str = "application/xml";

const TRANSIENT_JSON: &str = r#"{"MediaContainer":{"size":0,"token":"transient-9f8e7d"}}"#;
const TRANSIENT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" token="transient-xml-1"/>"#;
const SOURCE_INFO: &str = r#"{"MediaContainer":{"size":1,"Device":{"accessToken":"access-4c5d","clientIdentifier":"546684a3d18ac5c39037360ec9ce900b7af9cc36","name":"Living Room","Connection":[{"uri":"http://192.168.1.10:32400","address":"192.168.1.10","port":32400,"protocol":"http","local":true,"relay":false},{"uri":"https://162-243-175-222.fc6b.plex.direct:8443","address":"162.243.175.222","port":"8443","protocol":"https","local":"0","relay":1}]}}}"#;
const ACCOUNT: &str = r#"{"id":62735028,"uuid":"b9h6f3c8k1","username":"ana","title":"ana","email":"ana@example.com","confirmed":true,"joinedAt":1552593531,"authToken":"jx9nTbVbHk1gM","twoFactorEnabled":1,"subscription":{"active":true,"status":"Active","plan":"lifetime","features":["pass","sync"]},"mailingListStatus":"unsubscribed","someFieldPlexAddsLater":"kept in extra"}"#;
const RESOURCES: &str = r#"[{"name":"StreamMaster","product":"Plex Media Server","productVersion":"1.50.7.9541-913b34e21","platform":"Linux","device":"Docker Container","clientIdentifier":"8276c3fa6bc24e44b347e19c71fbb98b9287c1e9","provides":"server","ownerId":null,"accessToken":"Hg7FGK9xVGdWZRa_sj76","owned":true,"presence":true,"httpsRequired":false,"connections":[{"protocol":"https","address":"192.168.1.150","port":32400,"uri":"https://192-168-1-150.fc6b48db927de7394036856ade1760b9.plex.direct:32400","local":true,"relay":false,"IPv6":false},{"protocol":"https","address":"54.231.109.34","port":45678,"uri":"https://54-231-109-34.fc6b48db927de7394036856ade1760b9.plex.direct:45678","local":false,"relay":false,"IPv6":false},{"protocol":"https","address":"162.243.175.222","port":8443,"uri":"https://162-243-175-222.fc6b48db927de7394036856ade1760b9.plex.direct:8443","local":false,"relay":true,"IPv6":false}]},{"name":"Ana's iPhone","product":"Plex for iOS","platform":"iOS","clientIdentifier":"a1b2c3d4","provides":"client,player","owned":"1","presence":"0","connections":[]}]"#;
const IDENTITY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" apiVersion="1.1.1" claimed="1" machineIdentifier="8276c3fa6bc24e44b347e19c71fbb98b9287c1e9" version="1.50.7.9541-913b34e21">
</MediaContainer>"#;
const PIN: &str = r#"{"id":373040866,"code":"7RQZ","product":"0","trusted":false,"qr":"https://plex.tv/api/v2/pins/qr/7RQZ","clientIdentifier":"3381b62b-9ab7-4e37-827b-203e9809eb58","location":{"code":"NL","country":"The Netherlands"},"expiresIn":876,"createdAt":"2024-07-16T17:03:05Z","expiresAt":"2024-07-16T17:18:05Z","authToken":null,"newRegistration":null}"#;
const PIN_APPROVED: &str = r#"{"id":373040866,"code":"7RQZ","product":"0","trusted":true,"qr":"https://plex.tv/api/v2/pins/qr/7RQZ","clientIdentifier":"3381b62b-9ab7-4e37-827b-203e9809eb58","location":{"code":"NL","country":"The Netherlands"},"expiresIn":512,"createdAt":"2024-07-16T17:03:05Z","expiresAt":"2024-07-16T17:18:05Z","authToken":"pin-tok-Rk29xLq81Vb","newRegistration":false}"#;
const NONCE: &str = r#"{"nonce":"7c415b56-8f48-488a-98ab-847ef4460442"}"#;

/// Every secret the run handles, by name, and every text that must not contain one.
#[derive(Default)]
struct Run {
    lines: Vec<String>,
    checked: Vec<String>,
    secrets: Vec<(&'static str, String)>,
}

impl Run {
    fn secret(&mut self, name: &'static str, value: impl Into<String>) {
        self.secrets.push((name, value.into()));
    }

    /// A JWT is a secret, and so is each of its claims and signature parts.
    fn secret_jwt(&mut self, name: &'static str, jwt: &Secret) {
        let jwt = jwt.expose_secret();
        self.secret(name, jwt);
        for part in jwt.split('.').skip(1) {
            self.secret(name, part);
        }
    }

    /// A private key's PEM: each base64 line of it.
    fn secret_key(&mut self, name: &'static str, key: &DeviceKey) -> Fallible<()> {
        let pem = key.to_pkcs8_pem()?;
        for line in pem.lines().filter(|l| !l.starts_with("-----") && !l.is_empty()) {
            self.secret(name, line);
        }
        Ok(())
    }

    /// Builds `op`'s request with `cfg`, decodes `answer` (status, content type, body) with it,
    /// and adds the line `METHOD scheme://host/path -> what(output)` (the query is left out: it
    /// can hold a JWT).
    fn op<E: Endpoint>(
        &mut self,
        cfg: &ClientConfig,
        op: &E,
        answer: (u16, Option<&str>, &str),
        what: impl FnOnce(&E::Output) -> String,
    ) -> Fallible<E::Output>
    where
        E::Output: Debug,
    {
        let request = op.to_request(cfg)?;
        if let Some(token) = request.headers().get(X_PLEX_TOKEN) {
            if !token.is_sensitive() {
                return Err(format!(
                    "{} {}: X-Plex-Token is not marked sensitive",
                    request.method(),
                    request.uri().path()
                )
                .into());
            }
        }
        let uri = request.uri();
        let target = format!(
            "{} {}://{}{}",
            request.method(),
            uri.scheme_str().unwrap_or_default(),
            uri.authority().map(|a| a.as_str()).unwrap_or_default(),
            uri.path()
        );
        self.checked.push(format!("{:?}", redacted(&request)));
        let (status, content_type, body) = answer;
        let mut response = http::Response::builder().status(status);
        if let Some(content_type) = content_type {
            response = response.header(http::header::CONTENT_TYPE, content_type);
        }
        let output = op.from_response(response.body(Bytes::copy_from_slice(body.as_bytes()))?)?;
        self.checked.push(format!("{output:?}"));
        self.lines.push(format!("{target} -> {}", what(&output)));
        Ok(output)
    }

    /// The lines, once no secret is in any of them, in a decoded value's `Debug` or in a
    /// redacted request. The error names the secret, never shows it.
    fn finish(self) -> Fallible<Vec<String>> {
        for (name, secret) in &self.secrets {
            if secret.is_empty() {
                return Err(format!("secret {name} is empty").into());
            }
            if let Some(at) = self.lines.iter().position(|t| t.contains(secret.as_str())) {
                return Err(format!("secret {name} would be printed (line {})", at + 1).into());
            }
            if let Some(at) = self.checked.iter().position(|t| t.contains(secret.as_str())) {
                return Err(format!("secret {name} is in a Debug string (number {})", at + 1).into());
            }
        }
        Ok(self.lines)
    }
}

/// The lines the program prints, in order.
fn lines() -> Fallible<Vec<String>> {
    let mut run = Run::default();
    for (name, value) in [
        ("token", TOKEN),
        ("password", PASSWORD),
        ("2FA code", VERIFICATION_CODE),
        ("PIN code", PIN_CODE),
        ("transient token", "transient-9f8e7d"),
        ("transient token (XML)", "transient-xml-1"),
        ("source access token", "access-4c5d"),
        ("account token", "jx9nTbVbHk1gM"),
        ("server access token", "Hg7FGK9xVGdWZRa_sj76"),
        ("PIN token", "pin-tok-Rk29xLq81Vb"),
    ] {
        run.secret(name, value);
    }
    let cfg = ClientConfig::builder()
        .client_identifier(CLIENT_ID)
        .product("plex-auth on wasm")
        .version("0.1.0")
        .platform("WASI")
        .server_url(SERVER)
        .token(TOKEN)
        .build()?;
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(NOW);

    // A Plex Media Server.
    for (method, answer) in [
        (TransientTokenMethod::Get, (200, Some(JSON), TRANSIENT_JSON)),
        (TransientTokenMethod::Post, (200, Some(XML), TRANSIENT_XML)),
    ] {
        run.op(&cfg, &GetTransientToken::new().method(method), answer, |token| {
            format!("transient token {token:?} ({} chars)", token.expose_secret().len())
        })?;
    }
    run.op(&cfg, &GetSourceConnectionInformation::new(SOURCE), (200, Some(JSON), SOURCE_INFO), |info| {
        let first = info.connections().first().and_then(|c| c.uri.as_deref()).unwrap_or_default();
        format!(
            "source name={} connections={} first={first}",
            info.name.as_deref().unwrap_or_default(),
            info.connections().len()
        )
    })?;
    run.op(&cfg, &GetServerIdentity::new(PLEX_DIRECT)?, (200, Some(XML), IDENTITY), |server| {
        format!(
            "server machineIdentifier={} version={} claimed={}",
            server.machine_identifier.as_deref().unwrap_or_default(),
            server.version.as_deref().unwrap_or_default(),
            server.claimed.unwrap_or_default()
        )
    })?;

    // plex.tv: the account.
    let account = |a: &UserPlexAccount| {
        format!(
            "account id={} username={} twoFactorEnabled={} subscription={} token={:?} extra={}",
            a.id.unwrap_or_default(),
            a.username.as_deref().unwrap_or_default(),
            a.two_factor_enabled.unwrap_or_default(),
            a.subscription.as_ref().and_then(|s| s.plan.as_deref()).unwrap_or_default(),
            a.auth_token,
            a.extra.keys().cloned().collect::<Vec<_>>().join(",")
        )
    };
    run.op(&cfg, &GetTokenDetails::new(), (200, Some(JSON), ACCOUNT), account)?;
    let sign_in = PostUsersSignInData::new(LOGIN, PASSWORD).verification_code(VERIFICATION_CODE);
    run.op(&cfg, &sign_in, (201, Some(JSON), ACCOUNT), account)?;
    run.op(&cfg, &Ping::new(), (200, None, ""), |()| "ok (200)".to_owned())?;
    run.op(&cfg, &SignOut::new(), (204, None, ""), |()| "ok (204)".to_owned())?;
    run.op(&cfg, &GetResources::new(), (200, Some(JSON), RESOURCES), |devices| {
        let servers: Vec<String> = devices
            .iter()
            .filter(|d| d.is_server())
            .map(|d| format!("{} ({} connections)", d.name.as_deref().unwrap_or_default(), d.connections().len()))
            .collect();
        format!("resources devices={} servers=[{}]", devices.len(), servers.join(", "))
    })?;

    // PIN login.
    let pin = |label: &str| {
        let label = label.to_owned();
        move |p: &Pin| {
            format!(
                "{label} id={} expiresIn={} approved={} code={} chars",
                p.id.unwrap_or_default(),
                p.expires_in.unwrap_or_default(),
                p.token().is_some(),
                p.code.as_deref().map(str::len).unwrap_or_default()
            )
        }
    };
    run.op(&cfg, &CreatePin::new(), (201, Some(JSON), PIN), pin("PIN"))?;
    run.op(&cfg, &GetPin::new(373040866), (200, Some(JSON), PIN_APPROVED), pin("PIN"))?;
    run.op(&cfg, &LinkPin::new(PIN_CODE), (204, None, ""), |()| "linked (204)".to_owned())?;

    // JWT device authentication, at the fixed `now`.
    let device = DeviceKey::from_seed(DEVICE_SEED);
    run.secret_key("device key", &device)?;
    let kid = device.kid();
    run.op(&cfg, &RegisterDeviceKey::new(device.public_jwk()), (201, None, ""), |()| {
        format!("registered kid={kid} (201)")
    })?;
    let nonce = run.op(&cfg, &GetNonce::new(), (200, Some(JSON), NONCE), |n| format!("nonce={n}"))?;
    let device_jwt = device.sign_device_jwt(CLIENT_ID, &nonce, Scopes::all(), now)?;
    run.secret_jwt("device JWT", &device_jwt);
    let (header, claims): (_, DeviceJwtClaims) =
        verify_signed(device_jwt.expose_secret(), &device.public_jwk().into())?;
    run.lines.push(format!(
        "sign device JWT (fixed seed) -> alg={} kid={} iss={} aud={} lifetime={}s scope={}",
        header.alg,
        header.kid.as_deref().unwrap_or_default(),
        claims.iss,
        claims.aud,
        claims.exp - claims.iat,
        claims.scope
    ));

    // What plex.tv would answer: a Plex JWT for this device, signed by the stand-in Plex key.
    let plex = DeviceKey::from_seed(PLEX_SEED);
    run.secret_key("Plex key", &plex)?;
    let iat = i64::try_from(NOW)?;
    let plex_claims = json!({
        "iss": "plex.tv", "aud": ["plex.tv", CLIENT_ID], "iat": iat, "exp": iat + 7 * 86_400,
        "nonce": nonce, "thumbprint": kid, "scope": claims.scope,
        "user": {"id": 62735028, "uuid": "b9h6f3c8k1", "username": "ana"},
    });
    let plex_jwt = sign_claims(&plex, &plex_claims)?;
    run.secret_jwt("Plex JWT", &plex_jwt);
    let token_answer = json!({ "auth_token": plex_jwt.expose_secret() }).to_string();
    let token = run.op(&cfg, &ExchangeDeviceJwt::new(device_jwt), (200, Some(JSON), &token_answer), |t| {
        let header = decode_header(t.expose_secret());
        let alg = header.as_ref().map(|h| h.alg.as_str()).unwrap_or("?");
        format!("Plex JWT {t:?} alg={alg} (not yet verified)")
    })?;
    let key_set = json!({"keys": [
        plex.public_jwk(),
        {"kty": "RSA", "kid": "r1", "n": "0vx7", "e": "AQAB"},
    ]})
    .to_string();
    let keys = run.op(&cfg, &GetPlexKeys::new(), (200, Some(JSON), &key_set), |k| {
        let usable = k.keys().iter().filter(|k| k.ed25519_public_key().is_some()).count();
        format!("keys count={} ed25519={usable}", k.keys().len())
    })?;
    let verified = PlexJwt::verify(token, &keys, &Expected::new(CLIENT_ID, &kid), now)?;
    run.checked.push(format!("{verified:?}"));
    let user = verified.claims.user.as_ref();
    run.lines.push(format!(
        "verify Plex JWT -> username={} thumbprint=ours remaining={}h",
        user.and_then(|u| u.username.as_deref()).unwrap_or_default(),
        verified.remaining(now).as_secs() / 3600
    ));

    // The `os-rng` feature: getrandom (WASI's `random_get` on wasm32-wasip1).
    let (a, b) = (DeviceKey::generate()?, DeviceKey::generate()?);
    run.secret_key("generated key", &a)?;
    run.secret_key("generated key", &b)?;
    let fresh = a.public_key() != b.public_key() && a.public_key() != device.public_key();
    run.lines.push(format!("generate device key (os-rng) -> two fresh keys differ={fresh}"));

    run.finish()
}

fn main() -> Fallible<()> {
    for line in lines()? {
        println!("{line}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_expected_lines() -> Fallible<()> {
        let printed: String = lines()?.iter().map(|l| format!("{l}\n")).collect();
        assert_eq!(
            printed,
            include_str!("../expected.txt"),
            "update examples/wasi/expected.txt if this change is intended"
        );
        Ok(())
    }

    #[test]
    fn a_secret_in_a_line_fails_the_run() {
        let mut run = Run::default();
        run.secret("token", TOKEN);
        run.lines.push(format!("GET https://plex.tv/api/v2/user -> token={TOKEN}"));
        let error = run.finish().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.starts_with("secret token would be printed"), "{error}");
        assert!(!error.contains(TOKEN), "{error}");
    }
}
