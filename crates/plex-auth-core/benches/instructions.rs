//! Instruction counts of the decode cases, for callgrind: times vary on a shared machine,
//! instruction counts do not. `bench/decode-instructions.sh` runs this binary under
//! `valgrind --tool=callgrind` and prints, per case, the floor's and our instructions per
//! decode (building and dropping the response subtracted) and their ratio.
//!
//! `instructions MODE CASE N`: MODE is `floor`, `ours` or `response` (only build and drop the
//! response), CASE the case's index in `support::decode_cases`, N the repetitions. Under
//! `cargo bench` (no arguments of ours) it lists the cases and exits.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

mod support;

use bytes::Bytes;
use plex_auth_core::{Endpoint, Error};
use serde::de::DeserializeOwned;
use std::hint::black_box;

/// Runs case `case` in `mode` `n` times, or lists the cases when `mode` is `None`.
struct Run {
    mode: Option<String>,
    case: usize,
    n: usize,
    index: usize,
}

impl support::Decodes for Run {
    fn pair<P: DeserializeOwned, E: Endpoint>(
        &mut self,
        name: &str,
        op: E,
        status: u16,
        body: Bytes,
        _check: fn(&Result<E::Output, Error>) -> bool,
    ) {
        match self.mode.as_deref() {
            None => println!("{} {name}", self.index),
            Some(mode) if self.index == self.case => {
                for _ in 0..self.n {
                    match mode {
                        "floor" => drop(black_box(serde_json::from_slice::<P>(black_box(&body)).ok())),
                        "ours" => drop(black_box(op.from_response(black_box(support::response(status, &body))).ok())),
                        _ => drop(black_box(support::response(status, &body))),
                    }
                }
            }
            Some(_) => {}
        }
        self.index += 1;
    }

    fn status_only<E: Endpoint>(&mut self, _: &str, _: E, _: u16) {
        self.index += 1;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let mut run = Run { mode: None, case: 0, n: 0, index: 0 };
    if let [mode, case, n] = args.as_slice() {
        run = Run { mode: Some(mode.clone()), case: case.parse().unwrap(), n: n.parse().unwrap(), index: 0 };
    } else {
        println!("decode cases (run bench/decode-instructions.sh for their instruction counts):");
    }
    support::decode_cases(&mut run);
}
