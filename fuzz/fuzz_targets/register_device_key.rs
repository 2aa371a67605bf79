//! `register_device_key`: `from_response` of one operation on a fuzz-chosen status, content type,
//! `Retry-After` and body (layout in `src/input.rs`), with the invariants of `src/check.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plex_auth_fuzz::check::{Op, response_target};
use plex_auth_fuzz::input::FuzzResponse;

fuzz_target!(|input: FuzzResponse| response_target(Op::RegisterDeviceKey, &input));
