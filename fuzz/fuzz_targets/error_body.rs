//! `error_body`: the judge every operation applies to a non-2xx answer
//! (`plex_auth_core::fuzzing::error_body`), on a fuzz-chosen status, content type, `Retry-After`
//! and body (layout in `src/input.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plex_auth_fuzz::check::error_body_target;
use plex_auth_fuzz::input::FuzzResponse;

fuzz_target!(|input: FuzzResponse| error_body_target(&input));
