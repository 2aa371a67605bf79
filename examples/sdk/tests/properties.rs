//! The SDK's profile code, property-tested with the strategies `plex-auth-testing` publishes:
//! any account plex-auth-core can decode, drifted account JSON, and Plex error bodies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plex_auth_example_sdk::Profile;
use plex_auth_testing::json_response;
use plex_auth_testing::strategies::{CASES, account, drifted_account, error_body_json};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Every profile the SDK saves loads back the same.
    #[test]
    fn saved_profiles_load_back(account in account()) {
        let profile = Profile::from_account(&account);
        let loaded = Profile::load(&profile.save().unwrap()).unwrap();
        prop_assert_eq!(loaded, profile);
    }

    /// The display name is never blank, and names plex.tv sent come first.
    #[test]
    fn display_name_is_never_blank(account in account()) {
        let profile = Profile::from_account(&account);
        prop_assert!(!profile.display_name.trim().is_empty());
        if let Some(friendly) = account.friendly_name.as_deref().filter(|n| !n.trim().is_empty()) {
            prop_assert_eq!(profile.display_name, friendly.trim());
        }
    }

    /// A stored profile never holds the account's token, whatever plex.tv sent.
    #[test]
    fn saved_profiles_hold_no_token(account in account()) {
        let saved = Profile::from_account(&account).save().unwrap();
        prop_assert!(!saved.contains("authToken"));
        if let Some(token) = account.auth_token.as_ref().map(|t| plex_auth_core::ExposeSecret::expose_secret(t).to_owned()) {
            prop_assume!(token.len() >= 8);
            prop_assert!(!saved.contains(&token), "the token was stored");
        }
    }

    /// plex.tv's drift never breaks the SDK's sign-in: the profile keeps the account's identity.
    #[test]
    fn drifted_user_answers_still_make_a_profile(drifted in drifted_account()) {
        let profile = Profile::from_user_response(json_response(200, &drifted.json)).unwrap();
        prop_assert_eq!(profile.id, drifted.original.id);
        prop_assert_eq!(profile.uuid, drifted.original.uuid);
    }

    /// A Plex error is an error for the SDK too, never a profile made of nothing.
    #[test]
    fn error_answers_make_no_profile(status in 400u16..600, body in error_body_json()) {
        let result = Profile::from_user_response(json_response(status, &body));
        prop_assert_eq!(result.unwrap_err().status().map(|s| s.as_u16()), Some(status));
    }
}
