//! The raw floor's idea of an account: the same fields `UserPlexAccount` has, all `Option`,
//! strict types, no unknown-field map, no secrets. Copied from the core's decode bench
//! (`crates/plex-auth-core/benches/decode.rs`) so both benches compare against the same struct.

use serde::Deserialize;
use serde_json::Value;

/// An account as a plain `serde` struct. Fields are decoded to be measured, never read.
#[allow(dead_code)] // fields are decoded to be measured, never read
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainAccount {
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

impl PlainAccount {
    /// How many services the account lists: a check that the floor decoded the whole body.
    pub fn service_count(&self) -> usize {
        self.services.as_ref().map_or(0, Vec::len)
    }
}
