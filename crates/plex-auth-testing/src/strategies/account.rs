//! The account (`GET /user`, sign-in) and every block in it.

use super::json::{extra, json_value, non_null_value, open_int, open_str, secret, strings};
use super::text::text;
use plex_auth_core::*;
use proptest::collection::vec;
use proptest::option::of as opt;
use proptest::prelude::*;

/// An account's `profile` block: any field present or not, open enums with unknown values.
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

/// A `subscription` block (also each entry of `subscriptions`).
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

/// An entry of `services`; its `token` and `secret` are secrets.
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

/// A past subscription's `billing` block.
pub fn billing() -> BoxedStrategy<Billing> {
    (opt(non_null_value()), opt(any::<i64>()), extra(Billing::FIELDS))
        .prop_map(|(internal_payment_method, payment_method_id, extra)| Billing {
            internal_payment_method,
            payment_method_id,
            extra,
        })
        .boxed()
}

/// An entry of `pastSubscriptions`.
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
