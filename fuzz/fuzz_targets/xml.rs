//! `xml`: the bounded XML reader (`plex_auth_core::fuzzing::xml`) on raw bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plex_auth_fuzz::check::xml_target(data));
