//! `verify_plex_jwt`: Plex JWT verification against a fixed key set, on arbitrary token text or
//! on arbitrary claims the key signs properly (the first byte chooses; see `src/check.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plex_auth_fuzz::check::verify_plex_jwt_target(data));
