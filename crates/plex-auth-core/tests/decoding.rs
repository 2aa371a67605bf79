//! Decoding tests: the reference's sign-in fixtures, every drift of `peers.md` pain point 1,
//! and XML bodies, through each operation's public `from_response`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::*;
use serde_json::json;
use support::*;

fn sign_in() -> PostUsersSignInData {
    PostUsersSignInData::new("ana", "pw")
}

/// Decodes `value` as a `GET /user` answer.
fn account(value: serde_json::Value) -> UserPlexAccount {
    GetTokenDetails::new().from_response(json(200, value.to_string())).unwrap()
}

#[test]
fn signin_fixture_decodes_with_real_values() {
    let a = sign_in().from_response(json(201, SIGNIN_201)).unwrap();
    assert_eq!(a.id, Some(62_735_028));
    assert_eq!(a.uuid.as_deref(), Some("b9h6f3c8k1"));
    assert_eq!(a.username.as_deref(), Some("ZjFvKLCb"));
    assert_eq!(a.title.as_deref(), Some("ZjFvKLCb"));
    assert_eq!(a.email.as_deref(), Some("c9eMdShR@example.com"));
    assert_eq!(a.friendly_name.as_deref(), Some(""));
    assert_eq!(a.locale, None, "null is absent");
    assert_eq!(a.confirmed, Some(false));
    assert_eq!(a.joined_at, Some(1_552_593_531));
    assert_eq!(a.has_password, Some(true));
    assert_eq!(a.thumb.as_deref(), Some("https://plex.tv/users/b9h6f3c8k1/avatar?c=1724402119"));
    assert_eq!(a.auth_token.as_ref().map(ExposeSecret::expose_secret), Some("jx9nTbVbHk1gM"));
    assert_eq!(a.mailing_list_status, Some(MailingListStatus::Unsubscribed));
    assert_eq!(a.mailing_list_active, Some(false));
    assert_eq!(a.scrobble_types.as_deref(), Some(""));
    assert_eq!(a.country.as_deref(), Some("ES"));
    assert_eq!(a.subscription_description, None);
    assert_eq!(a.home_size, Some(1));
    assert_eq!(a.max_home_size, Some(15));
    assert_eq!(a.remember_expires_at, Some(1_725_611_719));
    assert_eq!(a.entitlements, Some(vec![]));
    assert_eq!(a.subscriptions, Some(vec![]));
    assert_eq!(a.trials, Some(vec![]));
    assert_eq!(a.ads_consent, None);
    assert_eq!(a.ads_consent_set_at, None);
    assert_eq!(a.two_factor_enabled, Some(false));
    assert_eq!(a.attribution_partner, None);
    assert_eq!(a.roles, None, "not sent");
    assert!(a.extra.is_empty(), "every fixture field is modelled: {:?}", a.extra.keys().collect::<Vec<_>>());

    let sub = a.subscription.as_ref().unwrap();
    assert_eq!(sub.active, Some(false));
    assert_eq!(sub.subscribed_at.as_deref(), Some("2019-03-16T15:20:12Z"));
    assert_eq!(sub.status, Some(SubscriptionStatus::Inactive));
    assert_eq!(sub.payment_service, None);
    let features = sub.features.as_ref().unwrap();
    assert_eq!(features.len(), 59);
    assert_eq!(features.first().map(String::as_str), Some("guided-upgrade"));
    assert_eq!(features.last().map(String::as_str), Some("web_server_dashboard"));
    assert!(features.iter().any(|f| f == "Android - Dolby Vision"));

    let profile = a.profile.as_ref().unwrap();
    assert_eq!(profile.auto_select_audio, Some(true));
    assert_eq!(profile.default_audio_language.as_deref(), Some("ja"));
    assert_eq!(profile.default_subtitle_language.as_deref(), Some("en"));
    assert_eq!(profile.auto_select_subtitle, Some(AutoSelectSubtitle::ShownWithForeignAudio));
    assert_eq!(profile.default_subtitle_accessibility, Some(SubtitleAccessibility::PreferNonSdh));
    assert_eq!(profile.default_subtitle_forced, Some(SubtitleForced::PreferNonForced));
    assert_eq!(profile.watched_indicator, Some(WatchedIndicator::MoviesAndTvShows));
    assert_eq!(profile.media_reviews_visibility, Some(MediaReviewsVisibility::NoOne));

    let past = a.past_subscriptions.as_ref().unwrap();
    assert_eq!(past.len(), 1);
    assert_eq!(past[0].id, None);
    assert_eq!(past[0].renews_at, None);
    assert_eq!(past[0].ends_at, Some(1_556_281_940));
    assert_eq!(past[0].kind.as_deref(), Some("plexpass"));
    assert_eq!(past[0].state, Some(PastSubscriptionState::Ended));
    assert_eq!(past[0].can_convert, Some(false));
    let billing = past[0].billing.as_ref().unwrap();
    assert_eq!(billing.payment_method_id, None);
    assert_eq!(billing.internal_payment_method, Some(json!({})));

    let services = a.services.as_ref().unwrap();
    assert_eq!(services.len(), 20);
    assert_eq!(services[0].identifier.as_deref(), Some("epg"));
    assert_eq!(services[0].endpoint.as_deref(), Some("https://epg.provider.plex.tv"));
    assert_eq!(services[0].token.as_ref().map(ExposeSecret::expose_secret), Some("d2h7zUjKgT5oLwQ3cQ6d"));
    assert_eq!(services[0].status, Some(ServiceStatus::Online));
    assert_eq!(services.iter().filter(|s| s.token.is_some()).count(), 13);
    let lyricfind = services.iter().find(|s| s.identifier.as_deref() == Some("lyricfind")).unwrap();
    assert_eq!(lyricfind.secret.as_ref().map(ExposeSecret::expose_secret), Some("a1d5vWxHpQ6oLyT4gR3c"));
    assert_eq!(lyricfind.token.as_ref().map(ExposeSecret::expose_secret), Some("m3y4tUjKlN8fMxC7oQ2b"));
}

#[test]
fn signin_fixture_variant_decodes() {
    let a = sign_in().from_response(json(201, SIGNIN_201_VARIANT)).unwrap();
    assert_eq!(a.id, Some(62_735_028));
    assert_eq!(a.anonymous, None);
    assert_eq!(a.mailing_list_status, Some(MailingListStatus::Active));
    assert_eq!(a.past_subscriptions, Some(vec![]));
    let sub = a.subscription.as_ref().unwrap();
    assert_eq!(sub.subscribed_at, None);
    assert_eq!(sub.features.as_ref().map(Vec::len), Some(59));
    let profile = a.profile.as_ref().unwrap();
    assert_eq!(profile.default_audio_language, None);
    assert_eq!(profile.default_subtitle_language, None);
    assert_eq!(profile.auto_select_audio, Some(true));
}

#[test]
fn sign_in_accepts_200_and_token_details_decodes_the_same_body() {
    let from_201 = sign_in().from_response(json(201, SIGNIN_201)).unwrap();
    let from_200 = sign_in().from_response(json(200, SIGNIN_201)).unwrap();
    let details = GetTokenDetails::new().from_response(json(200, SIGNIN_201)).unwrap();
    assert_eq!(from_201, from_200);
    assert_eq!(from_201, details);
}

#[test]
fn decoded_account_reserializes_to_the_same_json() {
    let a = sign_in().from_response(json(201, SIGNIN_201)).unwrap();
    let mut want = fixture_value();
    strip_nulls(&mut want);
    assert_eq!(serde_json::to_value(&a).unwrap(), want);
}

/// Removes `null` object members (a model writes absent fields by leaving them out).
fn strip_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

#[test]
fn booleans_as_numbers_and_strings() {
    let a = account(json!({
        "confirmed": 1, "emailOnlyAuth": 0, "hasPassword": "1", "protected": "0",
        "mailingListActive": "true", "restricted": "false", "anonymous": true, "home": "TRUE",
        "guest": 0.0, "homeAdmin": false, "adsConsent": "1", "experimentalFeatures": 1,
        "twoFactorEnabled": "0", "backupCodesCreated": " 1 ",
        "profile": {"autoSelectAudio": 0},
        "subscription": {"active": "1"},
        "pastSubscriptions": [{"canceled": 1, "onHold": "false"}]
    }));
    assert_eq!(a.confirmed, Some(true));
    assert_eq!(a.email_only_auth, Some(false));
    assert_eq!(a.has_password, Some(true));
    assert_eq!(a.protected, Some(false));
    assert_eq!(a.mailing_list_active, Some(true));
    assert_eq!(a.restricted, Some(false));
    assert_eq!(a.anonymous, Some(true));
    assert_eq!(a.home, Some(true));
    assert_eq!(a.guest, Some(false));
    assert_eq!(a.home_admin, Some(false));
    assert_eq!(a.ads_consent, Some(true));
    assert_eq!(a.experimental_features, Some(true));
    assert_eq!(a.two_factor_enabled, Some(false));
    assert_eq!(a.backup_codes_created, Some(true));
    assert_eq!(a.profile.and_then(|p| p.auto_select_audio), Some(false));
    assert_eq!(a.subscription.and_then(|s| s.active), Some(true));
    let past = &a.past_subscriptions.unwrap()[0];
    assert_eq!((past.canceled, past.on_hold), (Some(true), Some(false)));
}

#[test]
fn numbers_and_strings_cross_over() {
    let a = account(json!({
        "id": "62735028", "joinedAt": "1552593531", "homeSize": 1.0, "adsConsentSetAt": "1700000000",
        "uuid": 12345, "country": 34, "scrobbleTypes": true
    }));
    assert_eq!(a.id, Some(62_735_028));
    assert_eq!(a.joined_at, Some(1_552_593_531));
    assert_eq!(a.home_size, Some(1));
    assert_eq!(a.ads_consent_set_at, Some(1_700_000_000));
    assert_eq!(a.uuid.as_deref(), Some("12345"));
    assert_eq!(a.country.as_deref(), Some("34"));
    assert_eq!(a.scrobble_types.as_deref(), Some("true"));
}

#[test]
fn open_integer_enums_keep_unknown_values() {
    let profile = |p: serde_json::Value| account(json!({ "profile": p })).profile.unwrap();
    let p = profile(json!({"autoSelectSubtitle": 2, "defaultSubtitleAccessibility": 3, "defaultSubtitleForced": "2",
        "watchedIndicator": 3, "mediaReviewsVisibility": 2, "defaultAudioAccessibility": 1}));
    assert_eq!(p.auto_select_subtitle, Some(AutoSelectSubtitle::AlwaysEnabled));
    assert_eq!(p.default_subtitle_accessibility, Some(SubtitleAccessibility::OnlyNonSdh));
    assert_eq!(p.default_subtitle_forced, Some(SubtitleForced::OnlyForced));
    assert_eq!(p.watched_indicator, Some(WatchedIndicator::TvShows));
    assert_eq!(p.media_reviews_visibility, Some(MediaReviewsVisibility::PlexUsersOnly));
    assert_eq!(p.default_audio_accessibility, Some(AudioAccessibility::PreferAccessibility));

    let p = profile(json!({"autoSelectSubtitle": 7, "watchedIndicator": -1, "defaultSubtitleForced": "9",
        "mediaReviewsVisibility": true}));
    assert_eq!(p.auto_select_subtitle, Some(AutoSelectSubtitle::Unknown(7)));
    assert_eq!(p.watched_indicator, Some(WatchedIndicator::Unknown(-1)));
    assert_eq!(p.default_subtitle_forced, Some(SubtitleForced::Unknown(9)));
    assert_eq!(p.media_reviews_visibility, Some(MediaReviewsVisibility::CriticsOnly), "true counts as 1");
    // Unknown values re-serialize to the raw value.
    assert_eq!(serde_json::to_value(&p).unwrap()["autoSelectSubtitle"], json!(7));
    assert_eq!(AutoSelectSubtitle::Unknown(7).as_i64(), 7);
}

#[test]
fn open_string_enums_keep_unknown_values() {
    let a = account(json!({
        "mailingListStatus": "paused",
        "subscription": {"status": "Pending"},
        "services": [{"identifier": "epg", "status": "degraded"}, {"status": "offline"}],
        "pastSubscriptions": [{"state": "active"}]
    }));
    assert_eq!(a.mailing_list_status, Some(MailingListStatus::Unknown("paused".into())));
    assert_eq!(
        a.subscription.as_ref().and_then(|s| s.status.clone()),
        Some(SubscriptionStatus::Unknown("Pending".into()))
    );
    let services = a.services.as_ref().unwrap();
    assert_eq!(services[0].status, Some(ServiceStatus::Unknown("degraded".into())));
    assert_eq!(services[1].status, Some(ServiceStatus::Offline));
    let past = a.past_subscriptions.as_ref().unwrap();
    assert_eq!(past[0].state, Some(PastSubscriptionState::Unknown("active".into())));
    let again = serde_json::to_value(&a).unwrap();
    assert_eq!(again["mailingListStatus"], "paused");
    assert_eq!(again["services"][0]["status"], "degraded");
    // The spec-1.1.1 value is known.
    assert_eq!(account(json!({"mailingListStatus": "removed"})).mailing_list_status, Some(MailingListStatus::Removed));
}

#[test]
fn missing_optional_blocks_are_absent_not_errors() {
    let a = account(json!({"id": 1, "uuid": "u", "authToken": "t"}));
    assert_eq!(a.id, Some(1));
    assert!(a.subscription.is_none());
    assert!(a.profile.is_none());
    assert!(a.subscriptions.is_none());
    assert!(a.services.is_none());
    assert!(a.past_subscriptions.is_none());
    assert!(a.roles.is_none());
    // Even an empty object is an account (only sign-in insists on a token).
    assert_eq!(account(json!({})), UserPlexAccount::default());
    // Nulls everywhere, including inside blocks.
    let a = account(json!({"subscription": null, "profile": {"autoSelectSubtitle": null}, "services": null}));
    assert!(a.subscription.is_none());
    assert_eq!(a.profile, Some(UserProfile::default()));
}

#[test]
fn unknown_fields_are_kept_at_every_level() {
    let mut body = fixture_value();
    body["newTopLevel"] = json!({"nested": [1, "two", null]});
    body["jwtEnabled"] = json!(true);
    body["profile"]["defaultSubtitleLanguagesV2"] = json!(["en", "de"]);
    body["subscription"]["trialEndsAt"] = json!(1_800_000_000);
    body["services"][0]["region"] = json!("eu");
    body["pastSubscriptions"][0]["billing"]["currency"] = json!("EUR");
    let a = sign_in().from_response(json(201, body.to_string())).unwrap();
    assert_eq!(a.extra.get("newTopLevel"), Some(&json!({"nested": [1, "two", null]})));
    assert_eq!(a.extra.get("jwtEnabled"), Some(&json!(true)));
    assert_eq!(a.extra.len(), 2);
    assert_eq!(a.profile.as_ref().unwrap().extra.get("defaultSubtitleLanguagesV2"), Some(&json!(["en", "de"])));
    assert_eq!(a.subscription.as_ref().unwrap().extra.get("trialEndsAt"), Some(&json!(1_800_000_000)));
    assert_eq!(a.services.as_ref().unwrap()[0].extra.get("region"), Some(&json!("eu")));
    let billing = a.past_subscriptions.as_ref().unwrap()[0].billing.as_ref().unwrap();
    assert_eq!(billing.extra.get("currency"), Some(&json!("EUR")));
    // Nothing is lost when the account is written back.
    let mut want = body;
    strip_nulls(&mut want);
    assert_eq!(serde_json::to_value(&a).unwrap(), want);
}

#[test]
fn single_object_where_a_list_is_expected() {
    let a = account(json!({"subscriptions": {"active": true, "plan": "lifetime"}, "roles": ["plexpass"]}));
    let subs = a.subscriptions.unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0].plan.as_deref(), Some("lifetime"));
    assert_eq!(a.roles, Some(vec!["plexpass".to_owned()]));
}

#[test]
fn impossible_values_degrade_to_none_with_the_raw_value_kept() {
    let a = GetTokenDetails::new()
        .from_response(json(200, r#"{"id": 1, "confirmed": "maybe", "profile": [1, 2]}"#))
        .unwrap();
    assert_eq!(a.id, Some(1));
    assert_eq!(a.confirmed, None);
    assert_eq!(a.profile, None);
    assert_eq!(a.extra.get("confirmed"), Some(&json!("maybe")));
    assert_eq!(a.extra.get("profile"), Some(&json!([1, 2])));
    assert_eq!(serde_json::to_value(&a).unwrap(), json!({"id": 1, "confirmed": "maybe", "profile": [1, 2]}));
}

// ---- transient token ----

#[test]
fn transient_token_json() {
    let body = r#"{"MediaContainer":{"size":0,"token":"transient-9f8e7d"}}"#;
    for op in [GetTransientToken::new(), GetTransientToken::new().method(TransientTokenMethod::Post)] {
        let token = op.from_response(json(200, body)).unwrap();
        assert_eq!(token.expose_secret(), "transient-9f8e7d");
    }
}

#[test]
fn transient_token_xml_by_content_type_and_by_sniffing() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" token="transient-xml-1"/>"#;
    let op = GetTransientToken::new();
    assert_eq!(
        op.from_response(response(200, Some("text/xml;charset=utf-8"), body)).unwrap().expose_secret(),
        "transient-xml-1"
    );
    assert_eq!(op.from_response(response(200, None, body)).unwrap().expose_secret(), "transient-xml-1");
    // Even when the server mislabels it as something else textual.
    let body = r#"<MediaContainer token="a&amp;b"></MediaContainer>"#;
    assert_eq!(op.from_response(response(200, Some("application/xml"), body)).unwrap().expose_secret(), "a&b");
}

#[test]
fn transient_token_numeric_token_is_accepted() {
    let token = GetTransientToken::new().from_response(json(200, r#"{"MediaContainer":{"token":123456789}}"#));
    assert_eq!(token.unwrap().expose_secret(), "123456789");
}

#[test]
fn transient_token_missing_is_a_missing_field() {
    for (ct, body) in [
        (Some("application/json"), r#"{"MediaContainer":{"size":0}}"#),
        (Some("application/json"), r#"{"MediaContainer":{"token":""}}"#),
        (Some("application/json"), r#"{}"#),
        (Some("text/xml"), r#"<MediaContainer size="0"/>"#),
    ] {
        match GetTransientToken::new().from_response(response(200, ct, body)) {
            Err(Error::Decode { reason: DecodeReason::MissingField(f), body: kept, .. }) => {
                assert_eq!(f, "MediaContainer.token");
                assert_eq!(kept.as_bytes(), body.as_bytes());
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn transient_token_malformed_xml_is_an_xml_error() {
    match GetTransientToken::new().from_response(response(200, Some("text/xml"), "<MediaContainer token=\"x\"")) {
        Err(Error::Decode { reason: DecodeReason::Xml(_), .. }) => {}
        other => panic!("{other:?}"),
    }
}

// ---- source connection information ----

fn device_json() -> serde_json::Value {
    json!({
        "accessToken": "access-4c5d",
        "clientIdentifier": "546684a3d18ac5c39037360ec9ce900b7af9cc36",
        "name": "Living Room",
        "Connection": [
            {"uri": "http://192.168.1.10:32400", "address": "192.168.1.10", "port": 32400, "protocol": "http",
             "local": true, "relay": false},
            {"uri": "https://162-243-175-222.fc6b.plex.direct:8443", "address": "162.243.175.222", "port": "8443",
             "protocol": "https", "local": "0", "relay": 1, "IPv6": false}
        ]
    })
}

fn assert_device(info: &SourceConnectionInformation) {
    assert_eq!(info.access_token.as_ref().map(ExposeSecret::expose_secret), Some("access-4c5d"));
    assert_eq!(info.client_identifier.as_deref(), Some("546684a3d18ac5c39037360ec9ce900b7af9cc36"));
    assert_eq!(info.name.as_deref(), Some("Living Room"));
    let c = info.connections.as_ref().unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].uri.as_deref(), Some("http://192.168.1.10:32400"));
    assert_eq!(c[0].address.as_deref(), Some("192.168.1.10"));
    assert_eq!(c[0].port, Some(32400));
    assert_eq!(c[0].protocol.as_deref(), Some("http"));
    assert_eq!((c[0].local, c[0].relay), (Some(true), Some(false)));
    assert_eq!(c[1].port, Some(8443));
    assert_eq!((c[1].local, c[1].relay), (Some(false), Some(true)));
    assert_eq!(c[1].protocol.as_deref(), Some("https"));
}

fn source_op() -> GetSourceConnectionInformation {
    GetSourceConnectionInformation::new("server://546684a3d18ac5c39037360ec9ce900b7af9cc36")
}

#[test]
fn source_info_device_as_object() {
    let body = json!({"MediaContainer": {"size": 1, "Device": device_json()}});
    let info = source_op().from_response(json(200, body.to_string())).unwrap();
    assert_device(&info);
    assert_eq!(info.connections.as_ref().unwrap()[1].extra.get("IPv6"), Some(&json!(false)));
}

#[test]
fn source_info_device_as_array_takes_the_first() {
    let mut second = device_json();
    second["name"] = json!("Other");
    let body = json!({"MediaContainer": {"size": 2, "Device": [device_json(), second]}});
    assert_device(&source_op().from_response(json(200, body.to_string())).unwrap());
}

#[test]
fn source_info_single_connection_object() {
    let mut device = device_json();
    device["Connection"] = device["Connection"][0].clone();
    let body = json!({"MediaContainer": {"Device": device}});
    let info = source_op().from_response(json(200, body.to_string())).unwrap();
    assert_eq!(info.connections.as_ref().map(Vec::len), Some(1));
}

#[test]
fn source_info_xml() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="1">
  <Device name="Living Room" clientIdentifier="546684a3d18ac5c39037360ec9ce900b7af9cc36" accessToken="access-4c5d">
    <Connection uri="http://192.168.1.10:32400" address="192.168.1.10" port="32400" protocol="http" local="1" relay="0"/>
    <Connection uri="https://162-243-175-222.fc6b.plex.direct:8443" address="162.243.175.222" port="8443" protocol="https" local="0" relay="1"/>
  </Device>
</MediaContainer>"#;
    assert_device(&source_op().from_response(response(200, Some("application/xml"), body)).unwrap());
    assert_device(&source_op().from_response(response(200, None, body)).unwrap());
}

#[test]
fn source_info_without_device_is_a_missing_field() {
    for (ct, body) in [
        ("application/json", r#"{"MediaContainer":{"size":0}}"#),
        ("application/json", r#"{"MediaContainer":{"size":0,"Device":[]}}"#),
        ("text/xml", r#"<MediaContainer size="0"/>"#),
    ] {
        match source_op().from_response(response(200, Some(ct), body)) {
            Err(Error::Decode { reason: DecodeReason::MissingField(f), .. }) => assert_eq!(f, "MediaContainer.Device"),
            other => panic!("{body}: {other:?}"),
        }
    }
}
