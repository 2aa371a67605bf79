//! Device keys, property-tested: any seed's key round trips through PKCS#8 PEM, anything it
//! signs verifies with its public key, and a single changed byte of message or signature fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plex_auth_core::jwt::{DeviceKey, verify_ed25519};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn keys_round_trip_and_signatures_verify_only_unchanged(
        seed in any::<[u8; 32]>(),
        message in proptest::collection::vec(any::<u8>(), 0..512),
        flip in any::<(usize, u8)>(),
    ) {
        let key = DeviceKey::from_seed(seed);
        let back = DeviceKey::from_pkcs8_pem(&key.to_pkcs8_pem().unwrap()).unwrap();
        prop_assert_eq!(back.public_key(), key.public_key());
        prop_assert_eq!(back.kid(), key.kid());

        let signature = key.sign(&message);
        prop_assert!(verify_ed25519(&key.public_key(), &message, &signature));
        let bit = flip.1 | 1;
        let mut forged = signature;
        forged[flip.0 % 64] ^= bit;
        prop_assert!(!verify_ed25519(&key.public_key(), &message, &forged));
        if !message.is_empty() {
            let mut changed = message.clone();
            changed[flip.0 % message.len()] ^= bit;
            prop_assert!(!verify_ed25519(&key.public_key(), &changed, &signature));
        }
        let other = DeviceKey::from_seed(seed.map(|b| b.wrapping_add(1)));
        prop_assert!(!verify_ed25519(&other.public_key(), &message, &signature));
    }
}
