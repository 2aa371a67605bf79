//! `token_file`: the CLI's parser for its token and client-id files (`parse_token_file`), on raw
//! bytes: no panic; what it accepts is trimmed, bounded and sendable as a header (core's
//! `check_token`); what it refuses, it refuses without quoting the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plex_auth_fuzz::check::token_file_target(data));
