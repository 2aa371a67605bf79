//! proptest strategies shared by the property tests: valid client inputs, every model with
//! unknown fields and unknown enum values, arbitrary JSON values and responses.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // not every property file uses every strategy

use bytes::Bytes;
use plex_auth_core::*;
use proptest::collection::{btree_map, vec};
use proptest::option::of as opt;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

/// Cases per property: enough to find drift, small enough that the suite stays fast.
pub const CASES: u32 = 256;

/// Any text, control characters and non-ASCII included.
pub fn text() -> impl Strategy<Value = String> {
    vec(any::<char>(), 0..12).prop_map(String::from_iter)
}

/// Text with at least one non-whitespace character (what `trim().is_empty()` rejects).
pub fn non_blank() -> impl Strategy<Value = String> {
    (text(), any::<char>().prop_filter("non-whitespace", |c| !c.is_whitespace()), text())
        .prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

/// A header value a user may configure: UTF-8 without control characters.
pub fn header_text() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{1,24}"
}

/// A token as `check_token` accepts it: visible ASCII, not empty.
pub fn token() -> impl Strategy<Value = String> {
    "[!-~]{1,40}"
}

/// A client identifier: a header value that is not blank.
pub fn client_identifier() -> impl Strategy<Value = String> {
    "[^\\p{Cc}\\s][^\\p{Cc}]{0,23}"
}

/// An `http`/`https` base URL with an optional port, path and trailing slash.
pub fn base_url() -> impl Strategy<Value = String> {
    (
        select(&["http", "https"][..]),
        prop_oneof!["[a-z][a-z0-9-]{0,12}(\\.[a-z]{2,6}){0,2}", Just("127.0.0.1".to_owned())],
        opt(1u16..),
        "(/[A-Za-z0-9._~-]{1,8}){0,3}",
        any::<bool>(),
    )
        .prop_map(|(scheme, host, port, path, slash)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            format!("{scheme}://{host}{port}{path}{}", if slash { "/" } else { "" })
        })
}

/// Any JSON value whose text form decodes back to an equal value (floats are exact eighths).
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-4096i32..4096).prop_map(|n| Value::from(f64::from(n) / 8.0)),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::from),
            btree_map(text(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Unknown fields for a model whose known JSON names are `fields`.
pub fn extra(fields: &'static [&'static str]) -> impl Strategy<Value = Map<String, Value>> {
    let key = prop_oneof!["[a-z][a-zA-Z0-9]{0,10}", text()]
        .prop_filter("must not collide with a known field", move |k| !fields.contains(&k.as_str()));
    btree_map(key, json_value(), 0..3).prop_map(|m| m.into_iter().collect())
}

/// A string enum value: a known raw value or any other text, which becomes `Unknown(raw)`.
fn open_str<E: for<'a> From<&'a str> + std::fmt::Debug>(known: &'static [&'static str]) -> impl Strategy<Value = E> {
    prop_oneof![select(known).prop_map(String::from), text()].prop_map(|raw| E::from(raw.as_str()))
}

/// An integer enum value: often a known one, else any `i64`.
fn open_int<E: From<i64> + std::fmt::Debug>() -> impl Strategy<Value = E> {
    prop_oneof![0i64..5, any::<i64>()].prop_map(E::from)
}

fn secret() -> impl Strategy<Value = Secret> {
    text().prop_map(Secret::new)
}

fn strings() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..3)
}

/// A value of a free-form `Value` field: `null` would decode as an absent field.
fn non_null_value() -> impl Strategy<Value = Value> {
    json_value().prop_filter("null is absence", |v| !v.is_null())
}

pub fn profile() -> BoxedStrategy<UserProfile> {
    (
        (opt(any::<bool>()), opt(text()), opt(strings()), opt(open_int()), opt(text()), opt(strings())),
        (opt(open_int()), opt(open_int()), opt(open_int()), opt(open_int()), opt(open_int()), opt(strings())),
        extra(UserProfile::FIELDS),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k, l), extra)| UserProfile {
            auto_select_audio: a,
            default_audio_language: b,
            default_audio_languages: c,
            default_audio_accessibility: d,
            default_subtitle_language: e,
            default_subtitle_languages: f,
            auto_select_subtitle: g,
            default_subtitle_accessibility: h,
            default_subtitle_forced: i,
            watched_indicator: j,
            media_reviews_visibility: k,
            media_reviews_languages: l,
            extra,
        })
        .boxed()
}

pub fn subscription() -> BoxedStrategy<Subscription> {
    (
        opt(strings()),
        opt(any::<bool>()),
        opt(text()),
        opt(open_str(&["Active", "Inactive"])),
        opt(text()),
        opt(text()),
        extra(Subscription::FIELDS),
    )
        .prop_map(|(features, active, subscribed_at, status, payment_service, plan, extra)| Subscription {
            features,
            active,
            subscribed_at,
            status,
            payment_service,
            plan,
            extra,
        })
        .boxed()
}

pub fn service() -> BoxedStrategy<Service> {
    (
        opt(text()),
        opt(text()),
        opt(secret()),
        opt(secret()),
        opt(open_str(&["online", "offline"])),
        extra(Service::FIELDS),
    )
        .prop_map(|(identifier, endpoint, token, secret, status, extra)| Service {
            identifier,
            endpoint,
            token,
            secret,
            status,
            extra,
        })
        .boxed()
}

pub fn billing() -> BoxedStrategy<Billing> {
    (opt(non_null_value()), opt(any::<i64>()), extra(Billing::FIELDS))
        .prop_map(|(internal_payment_method, payment_method_id, extra)| Billing {
            internal_payment_method,
            payment_method_id,
            extra,
        })
        .boxed()
}

pub fn past_subscription() -> BoxedStrategy<PastSubscription> {
    (
        (opt(text()), opt(text()), opt(any::<i64>()), opt(any::<i64>()), opt(any::<bool>()), opt(any::<bool>())),
        (opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>())),
        (opt(text()), opt(text()), opt(open_str(&["ended"])), opt(billing())),
        extra(PastSubscription::FIELDS),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k), (l, m, n, o), extra)| PastSubscription {
            id: a,
            mode: b,
            renews_at: c,
            ends_at: d,
            canceled: e,
            grace_period: f,
            on_hold: g,
            can_reactivate: h,
            can_upgrade: i,
            can_downgrade: j,
            can_convert: k,
            kind: l,
            transfer: m,
            state: n,
            billing: o,
            extra,
        })
        .boxed()
}

/// Any account, every field and block included or left out, with unknown fields at every level.
pub fn account() -> BoxedStrategy<UserPlexAccount> {
    let b = || opt(any::<bool>());
    let i = || opt(any::<i64>());
    let s = || opt(text());
    (
        (i(), s(), s(), s(), s(), s(), s(), b(), i(), b(), b(), b()).boxed(),
        (s(), opt(secret()), opt(open_str(&["active", "unsubscribed", "removed"])), b(), s(), s()).boxed(),
        (opt(subscription()), s(), b(), b(), b(), b(), i(), b(), i(), i()).boxed(),
        (opt(profile()), opt(strings()), opt(strings()), opt(vec(subscription(), 0..3))).boxed(),
        (opt(vec(past_subscription(), 0..3)), opt(vec(json_value(), 0..3)), opt(vec(service(), 0..3))).boxed(),
        (b(), i(), i(), b(), b(), b(), s(), s()).boxed(),
        extra(UserPlexAccount::FIELDS).boxed(),
    )
        .prop_map(
            |(
                (
                    id,
                    uuid,
                    username,
                    title,
                    email,
                    friendly_name,
                    locale,
                    confirmed,
                    joined_at,
                    email_only_auth,
                    has_password,
                    protected,
                ),
                (thumb, auth_token, mailing_list_status, mailing_list_active, scrobble_types, country),
                (
                    subscription,
                    subscription_description,
                    restricted,
                    anonymous,
                    home,
                    guest,
                    home_size,
                    home_admin,
                    max_home_size,
                    remember_expires_at,
                ),
                (profile, entitlements, roles, subscriptions),
                (past_subscriptions, trials, services),
                (
                    ads_consent,
                    ads_consent_set_at,
                    ads_consent_reminder_at,
                    experimental_features,
                    two_factor_enabled,
                    backup_codes_created,
                    attribution_partner,
                    pin,
                ),
                extra,
            )| UserPlexAccount {
                id,
                uuid,
                username,
                title,
                email,
                friendly_name,
                locale,
                confirmed,
                joined_at,
                email_only_auth,
                has_password,
                protected,
                thumb,
                auth_token,
                mailing_list_status,
                mailing_list_active,
                scrobble_types,
                country,
                subscription,
                subscription_description,
                restricted,
                anonymous,
                home,
                guest,
                home_size,
                home_admin,
                max_home_size,
                remember_expires_at,
                profile,
                entitlements,
                roles,
                subscriptions,
                past_subscriptions,
                trials,
                services,
                ads_consent,
                ads_consent_set_at,
                ads_consent_reminder_at,
                experimental_features,
                two_factor_enabled,
                backup_codes_created,
                attribution_partner,
                pin,
                extra,
            },
        )
        .boxed()
}

pub fn connection() -> BoxedStrategy<Connection> {
    (
        opt(text()),
        opt(text()),
        opt(any::<u16>()),
        opt(text()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        extra(Connection::FIELDS),
    )
        .prop_map(|(uri, address, port, protocol, local, relay, extra)| Connection {
            uri,
            address,
            port,
            protocol,
            local,
            relay,
            extra,
        })
        .boxed()
}

pub fn source_info() -> BoxedStrategy<SourceConnectionInformation> {
    (opt(secret()), opt(text()), opt(text()), opt(vec(connection(), 0..4)), extra(SourceConnectionInformation::FIELDS))
        .prop_map(|(access_token, client_identifier, name, connections, extra)| SourceConnectionInformation {
            access_token,
            client_identifier,
            name,
            connections,
            extra,
        })
        .boxed()
}

pub fn resource_connection() -> BoxedStrategy<ResourceConnection> {
    (
        opt(open_str::<ConnectionProtocol>(&["http", "https"])),
        opt(text()),
        opt(any::<u16>()),
        opt(text()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        extra(ResourceConnection::FIELDS),
    )
        .prop_map(|(protocol, address, port, uri, local, relay, ipv6, extra)| ResourceConnection {
            protocol,
            address,
            port,
            uri,
            local,
            relay,
            ipv6,
            extra,
        })
        .boxed()
}

pub fn resource() -> BoxedStrategy<Resource> {
    (
        (opt(text()), opt(text()), opt(text()), opt(text()), opt(text()), opt(text())),
        (opt(text()), opt(text()), opt(text()), opt(text()), opt(any::<i64>()), opt(text())),
        (opt(text()), opt(secret()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>())),
        (opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>())),
        (opt(vec(resource_connection(), 0..4)), extra(Resource::FIELDS)),
    )
        .prop_map(
            |(
                (name, product, product_version, platform, platform_version, device),
                (client_identifier, created_at, last_seen_at, provides, owner_id, source_title),
                (public_address, access_token, owned, home, synced, relay),
                (presence, https_required, public_address_matches, dns_rebinding_protection, nat_loopback_supported),
                (connections, extra),
            )| Resource {
                name,
                product,
                product_version,
                platform,
                platform_version,
                device,
                client_identifier,
                created_at,
                last_seen_at,
                provides,
                owner_id,
                source_title,
                public_address,
                access_token,
                owned,
                home,
                synced,
                relay,
                presence,
                https_required,
                public_address_matches,
                dns_rebinding_protection,
                nat_loopback_supported,
                connections,
                extra,
            },
        )
        .boxed()
}

pub fn server_identity() -> BoxedStrategy<ServerIdentity> {
    (non_blank(), opt(text()), opt(any::<bool>()), extra(ServerIdentity::FIELDS))
        .prop_map(|(id, version, claimed, extra)| ServerIdentity {
            machine_identifier: Some(id),
            version,
            claimed,
            extra,
        })
        .boxed()
}

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

/// A JWK: often a real Ed25519 public key, else any text in any field.
pub fn jwk() -> BoxedStrategy<jwt::Jwk> {
    let ed25519 = any::<[u8; 32]>().prop_map(|seed| jwt::Jwk::from(jwt::DeviceKey::from_seed(seed).public_jwk()));
    let any_jwk =
        (opt(text()), opt(text()), opt(text()), opt(text()), opt(text()), opt(text()), extra(jwt::Jwk::FIELDS))
            .prop_map(|(kty, crv, x, use_, alg, kid, extra)| jwt::Jwk { kty, crv, x, use_, alg, kid, extra });
    prop_oneof![ed25519, any_jwk].boxed()
}

/// Plex's key set: keys or none, with unknown fields.
pub fn jwk_set() -> BoxedStrategy<jwt::JwkSet> {
    (opt(vec(jwk(), 0..4)), extra(jwt::JwkSet::FIELDS)).prop_map(|(keys, extra)| jwt::JwkSet { keys, extra }).boxed()
}

/// The `user` claim of a Plex JWT.
pub fn jwt_user() -> BoxedStrategy<jwt::JwtUser> {
    let b = || opt(any::<bool>());
    (
        (opt(any::<i64>()), opt(text()), opt(text()), opt(text()), opt(text())),
        (b(), b(), opt(any::<i64>()), extra(jwt::JwtUser::FIELDS)),
    )
        .prop_map(|((id, uuid, username, email, friendly_name), (restricted, anonymous, joined_at, extra))| {
            jwt::JwtUser { id, uuid, username, email, friendly_name, restricted, anonymous, joined_at, extra }
        })
        .boxed()
}

/// The claims of a Plex JWT, any of them present or not.
pub fn plex_jwt_claims() -> BoxedStrategy<jwt::PlexJwtClaims> {
    (
        (opt(text()), opt(strings()), opt(any::<i64>()), opt(any::<i64>())),
        (opt(text()), opt(text()), opt(jwt_user()), extra(jwt::PlexJwtClaims::FIELDS)),
    )
        .prop_map(|((iss, aud, iat, exp), (nonce, thumbprint, user, extra))| jwt::PlexJwtClaims {
            iss,
            aud,
            iat,
            exp,
            nonce,
            thumbprint,
            user,
            extra,
        })
        .boxed()
}

/// A `Content-Type` that a server might send, or none.
pub fn content_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        select(
            &[
                "application/json",
                "application/json; charset=utf-8",
                "APPLICATION/JSON",
                "text/xml;charset=utf-8",
                "application/xml",
                "text/html",
                "text/plain",
                "application/octet-stream",
            ][..]
        )
        .prop_map(|s| Some(s.to_owned())),
        "[ -~]{0,24}".prop_map(Some),
    ]
}

/// A response body: random bytes, random JSON, or things shaped like Plex answers.
pub fn body() -> impl Strategy<Value = Bytes> {
    // Codes and messages the predicates read (1003 rate limited, 1097 jwk missing, the JWT 422s)
    // as often as any others.
    let code = prop_oneof![any::<i64>(), select(&[1001i64, 1003, 1020, 1029, 1097][..])];
    let message = prop_oneof![
        text(),
        select(&["Signature Verification Failed", "Thumbprint Already Taken", "Token Expired", "Invalid token"][..])
            .prop_map(String::from),
    ];
    let error_entry = (opt(code), opt(message), opt(any::<i64>()))
        .prop_map(|(code, message, status)| serde_json::json!({"code": code, "message": message, "status": status}));
    prop_oneof![
        vec(any::<u8>(), 0..128).prop_map(Bytes::from),
        json_value().prop_map(|v| Bytes::from(v.to_string())),
        vec(error_entry, 0..3).prop_map(|e| Bytes::from(serde_json::json!({ "errors": e }).to_string())),
        (text(), text(), text()).prop_map(|(a, b, c)| Bytes::from(format!(
            "<errors><error code=\"{a}\" message=\"{b}\">{c}</error></errors>"
        ))),
        (text(), text()).prop_map(|(a, b)| Bytes::from(format!("<MediaContainer token=\"{a}\"><Device {b}/>"))),
        json_value().prop_map(|v| Bytes::from(
            serde_json::json!({"MediaContainer": {"token": v.clone(), "Device": v}}).to_string()
        )),
        account().prop_map(|a| Bytes::from(serde_json::to_vec(&a).unwrap())),
        vec(resource(), 0..3).prop_map(|r| Bytes::from(serde_json::to_vec(&r).unwrap())),
        pin().prop_map(|p| Bytes::from(serde_json::to_vec(&p).unwrap())),
        nonce_answer().prop_map(|n| Bytes::from(serde_json::to_vec(&n).unwrap())),
        token_answer().prop_map(|t| Bytes::from(serde_json::to_vec(&t).unwrap())),
        jwk_set().prop_map(|k| Bytes::from(serde_json::to_vec(&k).unwrap())),
        text().prop_map(|e| Bytes::from(serde_json::json!({ "error": e }).to_string())),
        (text(), text()).prop_map(|(a, b)| Bytes::from(format!(
            "<MediaContainer machineIdentifier=\"{a}\"><Device name=\"{b}\"><Connection port=\"{a}\"/></Device>"
        ))),
    ]
}

/// A response with `status`, optional `Content-Type` and `Retry-After`, and `body`.
pub fn make_response(status: u16, content_type: Option<&str>, retry_after: Option<&str>, body: Bytes) -> HttpResponse {
    let mut builder = http::Response::builder().status(status);
    if let Some(ct) = content_type {
        builder = builder.header(http::header::CONTENT_TYPE, ct);
    }
    if let Some(ra) = retry_after {
        builder = builder.header(http::header::RETRY_AFTER, ra);
    }
    builder.body(body).unwrap()
}
