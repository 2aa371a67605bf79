//! What the decoding vectors cannot express, on their inputs: typed enum variants (known or
//! `Unknown`), which unknown fields land in `extra`, secrets typed as secrets, and the body a
//! decode error keeps. Every decoding case itself (the response, and the decoded model as JSON
//! or the error's kind, status, codes and predicates) is a JSON file in `vectors/decoding/`,
//! checked against the core by `vectors/tests/vectors.rs`; add a case there
//! (`vectors/src/cases.rs`, then `cargo run -p plex-auth-vectors -- write`), not here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::*;
use serde_json::json;
use support::*;

fn sign_in() -> PostUsersSignInData {
    PostUsersSignInData::new("ana", "pw")
}

/// Decodes the vector `name` as a `GET /user` answer.
fn account(name: &str) -> UserPlexAccount {
    GetTokenDetails::new().from_response(vector_response(name)).unwrap()
}

#[test]
fn signin_fixture_models_every_field_with_typed_enums_and_secrets() {
    let a = sign_in().from_response(vector_response("sign_in_fixture")).unwrap();
    assert!(a.extra.is_empty(), "every fixture field is modelled: {:?}", a.extra.keys().collect::<Vec<_>>());
    assert_eq!(a.auth_token.as_ref().map(ExposeSecret::expose_secret), Some("jx9nTbVbHk1gM"));
    assert_eq!(a.mailing_list_status, Some(MailingListStatus::Unsubscribed));
    assert_eq!(a.subscription.as_ref().and_then(|s| s.status.clone()), Some(SubscriptionStatus::Inactive));
    let profile = a.profile.as_ref().unwrap();
    assert_eq!(profile.auto_select_subtitle, Some(AutoSelectSubtitle::ShownWithForeignAudio));
    assert_eq!(profile.default_subtitle_accessibility, Some(SubtitleAccessibility::PreferNonSdh));
    assert_eq!(profile.default_subtitle_forced, Some(SubtitleForced::PreferNonForced));
    assert_eq!(profile.watched_indicator, Some(WatchedIndicator::MoviesAndTvShows));
    assert_eq!(profile.media_reviews_visibility, Some(MediaReviewsVisibility::NoOne));
    let past = a.past_subscriptions.as_ref().unwrap();
    assert_eq!(past[0].state, Some(PastSubscriptionState::Ended));
    let services = a.services.as_ref().unwrap();
    assert_eq!(services[0].status, Some(ServiceStatus::Online));
    assert_eq!(services[0].token.as_ref().map(ExposeSecret::expose_secret), Some("d2h7zUjKgT5oLwQ3cQ6d"));
    let lyricfind = services.iter().find(|s| s.identifier.as_deref() == Some("lyricfind")).unwrap();
    assert_eq!(lyricfind.secret.as_ref().map(ExposeSecret::expose_secret), Some("a1d5vWxHpQ6oLyT4gR3c"));
}

#[test]
fn open_integer_enums_map_known_values_and_keep_unknown_ones() {
    let p = account("account_integer_enums_known").profile.unwrap();
    assert_eq!(p.auto_select_subtitle, Some(AutoSelectSubtitle::AlwaysEnabled));
    assert_eq!(p.default_subtitle_accessibility, Some(SubtitleAccessibility::OnlyNonSdh));
    assert_eq!(p.default_subtitle_forced, Some(SubtitleForced::OnlyForced));
    assert_eq!(p.watched_indicator, Some(WatchedIndicator::TvShows));
    assert_eq!(p.media_reviews_visibility, Some(MediaReviewsVisibility::PlexUsersOnly));
    assert_eq!(p.default_audio_accessibility, Some(AudioAccessibility::PreferAccessibility));

    let p = account("account_integer_enums_unknown").profile.unwrap();
    assert_eq!(p.auto_select_subtitle, Some(AutoSelectSubtitle::Unknown(7)));
    assert_eq!(p.watched_indicator, Some(WatchedIndicator::Unknown(-1)));
    assert_eq!(p.default_subtitle_forced, Some(SubtitleForced::Unknown(9)));
    assert_eq!(p.media_reviews_visibility, Some(MediaReviewsVisibility::CriticsOnly), "true counts as 1");
    assert_eq!(AutoSelectSubtitle::Unknown(7).as_i64(), 7);
}

#[test]
fn open_string_enums_keep_unknown_values() {
    // In JSON a known `offline` and an unknown `degraded` look alike; the types tell them apart.
    let a = account("account_string_enums_unknown");
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
    assert_eq!(account("account_mailing_list_removed").mailing_list_status, Some(MailingListStatus::Removed));
}

#[test]
fn unknown_and_impossible_values_land_in_extra() {
    let a = sign_in().from_response(vector_response("sign_in_unknown_fields_at_every_level")).unwrap();
    assert_eq!(a.extra.get("newTopLevel"), Some(&json!({"nested": [1, "two", null]})));
    assert_eq!(a.extra.get("jwtEnabled"), Some(&json!(true)));
    assert_eq!(a.extra.len(), 2);
    assert_eq!(a.profile.as_ref().unwrap().extra.get("defaultSubtitleLanguagesV2"), Some(&json!(["en", "de"])));
    assert_eq!(a.subscription.as_ref().unwrap().extra.get("trialEndsAt"), Some(&json!(1_800_000_000)));
    assert_eq!(a.services.as_ref().unwrap()[0].extra.get("region"), Some(&json!("eu")));
    let billing = a.past_subscriptions.as_ref().unwrap()[0].billing.as_ref().unwrap();
    assert_eq!(billing.extra.get("currency"), Some(&json!("EUR")));

    let a = account("account_impossible_values");
    assert_eq!((a.confirmed, a.profile), (None, None), "impossible values are absent from the model");
    assert_eq!(a.extra.get("confirmed"), Some(&json!("maybe")));
    assert_eq!(a.extra.get("profile"), Some(&json!([1, 2])));

    let op = GetSourceConnectionInformation::new("server://546684a3d18ac5c39037360ec9ce900b7af9cc36");
    let info = op.from_response(vector_response("source_info_device_object")).unwrap();
    assert_eq!(info.connections.as_ref().unwrap()[1].extra.get("IPv6"), Some(&json!(false)));
}

#[test]
fn a_missing_transient_token_keeps_the_body() {
    for name in [
        "transient_token_missing",
        "transient_token_empty",
        "transient_token_no_container",
        "transient_token_missing_xml",
    ] {
        let resp = vector_response(name);
        let sent = resp.body().clone();
        match GetTransientToken::new().from_response(resp) {
            Err(Error::Decode { reason: DecodeReason::MissingField(f), body: kept, .. }) => {
                assert_eq!(f, "MediaContainer.token", "{name}");
                assert_eq!(kept.as_bytes(), sent.as_ref(), "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}
