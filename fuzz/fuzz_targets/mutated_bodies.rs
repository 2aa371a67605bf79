//! `mutated_bodies`: a reference body with fuzz-chosen structural mutations, decoded by every
//! operation and the error judge (`src/mutate.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plex_auth_fuzz::mutate::{MutatedInput, mutated_target};

fuzz_target!(|input: MutatedInput| mutated_target(&input));
