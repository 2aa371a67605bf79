//! Decoding speed: `GetTokenDetails::from_response` on a full account body vs a plain
//! `serde_json::from_slice` into a struct with the same fields, measured in the same run.
//!
//! The body is the API reference's §6.1 sign-in fixture (59 features, 20 services, a past
//! subscription), compacted as plex.tv sends it. Run with
//! `cargo bench -p plex-auth-core --bench decode`; results go in `BENCHMARKS.md`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

use bytes::Bytes;
use criterion::{BatchSize, Criterion, black_box, criterion_group, criterion_main};
use plex_auth_core::{Endpoint, GetTokenDetails, HttpResponse};
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;

/// The floor: the same fields, no leniency, no unknown-field map, no secrets.
#[allow(dead_code)] // fields are decoded to be measured, never read
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainAccount {
    id: Option<i64>,
    uuid: Option<String>,
    username: Option<String>,
    title: Option<String>,
    email: Option<String>,
    friendly_name: Option<String>,
    locale: Option<String>,
    confirmed: Option<bool>,
    joined_at: Option<i64>,
    email_only_auth: Option<bool>,
    has_password: Option<bool>,
    protected: Option<bool>,
    thumb: Option<String>,
    auth_token: Option<String>,
    mailing_list_status: Option<String>,
    mailing_list_active: Option<bool>,
    scrobble_types: Option<String>,
    country: Option<String>,
    subscription: Option<PlainSubscription>,
    subscription_description: Option<String>,
    restricted: Option<bool>,
    anonymous: Option<bool>,
    home: Option<bool>,
    guest: Option<bool>,
    home_size: Option<i64>,
    home_admin: Option<bool>,
    max_home_size: Option<i64>,
    remember_expires_at: Option<i64>,
    profile: Option<PlainProfile>,
    entitlements: Option<Vec<String>>,
    roles: Option<Vec<String>>,
    subscriptions: Option<Vec<PlainSubscription>>,
    past_subscriptions: Option<Vec<PlainPastSubscription>>,
    trials: Option<Vec<Value>>,
    services: Option<Vec<PlainService>>,
    ads_consent: Option<bool>,
    ads_consent_set_at: Option<i64>,
    ads_consent_reminder_at: Option<i64>,
    experimental_features: Option<bool>,
    two_factor_enabled: Option<bool>,
    backup_codes_created: Option<bool>,
    attribution_partner: Option<String>,
    pin: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainProfile {
    auto_select_audio: Option<bool>,
    default_audio_language: Option<String>,
    default_audio_languages: Option<Vec<String>>,
    default_audio_accessibility: Option<i64>,
    default_subtitle_language: Option<String>,
    default_subtitle_languages: Option<Vec<String>>,
    auto_select_subtitle: Option<i64>,
    default_subtitle_accessibility: Option<i64>,
    default_subtitle_forced: Option<i64>,
    watched_indicator: Option<i64>,
    media_reviews_visibility: Option<i64>,
    media_reviews_languages: Option<Vec<String>>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainSubscription {
    features: Option<Vec<String>>,
    active: Option<bool>,
    subscribed_at: Option<String>,
    status: Option<String>,
    payment_service: Option<String>,
    plan: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainService {
    identifier: Option<String>,
    endpoint: Option<String>,
    token: Option<String>,
    secret: Option<String>,
    status: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainPastSubscription {
    id: Option<String>,
    mode: Option<String>,
    renews_at: Option<i64>,
    ends_at: Option<i64>,
    canceled: Option<bool>,
    grace_period: Option<bool>,
    on_hold: Option<bool>,
    can_reactivate: Option<bool>,
    can_upgrade: Option<bool>,
    can_downgrade: Option<bool>,
    can_convert: Option<bool>,
    #[serde(rename = "type")]
    kind: Option<String>,
    transfer: Option<String>,
    state: Option<String>,
    billing: Option<PlainBilling>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainBilling {
    internal_payment_method: Option<Value>,
    payment_method_id: Option<i64>,
}

/// The fixture, compacted (no pretty-printing whitespace) as the server sends it.
fn body() -> Bytes {
    let value: Value = serde_json::from_slice(include_bytes!("../tests/fixtures/signin-201.json")).unwrap();
    Bytes::from(serde_json::to_vec(&value).unwrap())
}

fn response(body: &Bytes) -> HttpResponse {
    http::Response::builder()
        .status(200)
        .header(http::header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(body.clone())
        .unwrap()
}

fn decode(c: &mut Criterion) {
    let body = body();
    let op = GetTokenDetails::new();
    // Both decoders must accept the body, or the comparison means nothing.
    let account = op.from_response(response(&body)).unwrap();
    assert_eq!(account.services.as_ref().map(Vec::len), Some(20));
    assert!(serde_json::from_slice::<PlainAccount>(&body).is_ok());

    let mut group = c.benchmark_group(format!("decode account ({} bytes)", body.len()));
    // Setup (building the http::Response, cloning Bytes) and dropping outputs are not timed.
    group.bench_function("serde_json::from_slice plain struct", |b| {
        b.iter_batched(
            || body.clone(),
            |bytes| serde_json::from_slice::<PlainAccount>(black_box(&bytes)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("GetTokenDetails::from_response", |b| {
        b.iter_batched(|| response(&body), |resp| op.from_response(black_box(resp)), BatchSize::SmallInput)
    });
    // One field that fits no accepted form sends the body down the degrading path (a second
    // pass that buffers objects and lists so nothing is lost): what drift costs.
    let drifted =
        Bytes::from(String::from_utf8_lossy(&body).replacen("\"confirmed\":false", "\"confirmed\":\"maybe\"", 1));
    assert_ne!(drifted, body, "the fixture has the field the drift replaces");
    let account = op.from_response(response(&drifted)).unwrap();
    assert_eq!((account.confirmed, account.services.as_ref().map(Vec::len)), (None, Some(20)));
    group.bench_function("GetTokenDetails::from_response, one field drifted", |b| {
        b.iter_batched(|| response(&drifted), |resp| op.from_response(black_box(resp)), BatchSize::SmallInput)
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(5));
    targets = decode
}
criterion_main!(benches);
