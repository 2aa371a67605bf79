#![allow(missing_docs, clippy::unwrap_used)]
#[path = "../benches/support/mod.rs"]
mod support;
use bytes::Bytes;
use plex_auth_core::{Endpoint, Error};
use serde::de::DeserializeOwned;
use std::hint::black_box;
struct Run {
    mode: String,
    case: usize,
    n: usize,
    i: usize,
}
impl support::Decodes for Run {
    fn pair<P: DeserializeOwned, E: Endpoint>(
        &mut self,
        name: &str,
        op: E,
        status: u16,
        body: Bytes,
        _c: fn(&Result<E::Output, Error>) -> bool,
    ) {
        if self.i == self.case {
            eprintln!("{name}");
            for _ in 0..self.n {
                match self.mode.as_str() {
                    "floor" => {
                        black_box(serde_json::from_slice::<P>(black_box(&body)).ok());
                    }
                    "ours" => {
                        black_box(op.from_response(black_box(support::response(status, &body))).ok());
                    }
                    _ => {
                        black_box(support::response(status, &body));
                    }
                }
            }
        }
        self.i += 1;
    }
    fn status_only<E: Endpoint>(&mut self, _: &str, _: E, _: u16) {
        self.i += 1;
    }
}
fn main() {
    let a: Vec<String> = std::env::args().collect();
    support::decode_cases(&mut Run { mode: a[1].clone(), case: a[2].parse().unwrap(), n: a[3].parse().unwrap(), i: 0 });
}
