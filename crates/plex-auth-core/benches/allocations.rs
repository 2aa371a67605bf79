//! Allocations per encode and per decode, ours vs the floor, counted by a counting global
//! allocator (`allocation-counter`) on the same cases as the `decode` and `encode` benches.
//! Counts, not times: they are exact and the same on every run.
//!
//! Run with `cargo bench -p plex-auth-core --bench allocations`; it prints a Markdown table
//! for `BENCHMARKS.md`. The output is dropped inside the count, so frees do not hide
//! allocations, and building the response or the operation is outside it.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

mod support;

use bytes::Bytes;
use plex_auth_core::{ClientConfig, Endpoint, Error, HttpRequest};
use serde::de::DeserializeOwned;
use std::hint::black_box;
use support::{Decodes, Encodes, response};

/// Allocations and bytes allocated while `f` runs.
fn count<T>(f: impl FnOnce() -> T) -> (u64, u64) {
    let info = allocation_counter::measure(|| {
        black_box(f());
    });
    (info.count_total, info.bytes_total)
}

/// Collects one table row per case.
#[derive(Default)]
struct Rows(Vec<String>);

impl Rows {
    fn push(&mut self, name: &str, floor: (u64, u64), ours: (u64, u64)) {
        self.0.push(format!(
            "| {name} | {} ({} B) | {} ({} B) | {:+} |",
            floor.0,
            floor.1,
            ours.0,
            ours.1,
            ours.0 as i64 - floor.0 as i64
        ));
    }

    fn print(&self, title: &str, floor: &str) {
        println!("\n{title}\n\n| case | {floor} | ours | extra allocations |\n|---|---|---|---|");
        for row in &self.0 {
            println!("{row}");
        }
    }
}

impl Decodes for Rows {
    fn pair<P: DeserializeOwned, E: Endpoint>(
        &mut self,
        name: &str,
        op: E,
        status: u16,
        body: Bytes,
        check: fn(&Result<E::Output, Error>) -> bool,
    ) {
        assert!(check(&op.from_response(response(status, &body))), "{name}: ours decodes it");
        let floor = count(|| serde_json::from_slice::<P>(&body).unwrap());
        let resp = response(status, &body);
        let ours = count(|| op.from_response(resp));
        self.push(&format!("{name}, {} bytes", body.len()), floor, ours);
    }

    fn status_only<E: Endpoint>(&mut self, name: &str, op: E, status: u16) {
        let resp = response(status, &Bytes::new());
        let floor = count(|| resp.status().is_success());
        let resp = response(status, &Bytes::new());
        let ours = count(|| op.from_response(resp).unwrap());
        self.push(name, floor, ours);
    }
}

impl Encodes for Rows {
    fn pair<E: Endpoint>(&mut self, name: &str, op: E, cfg: &ClientConfig, by_hand: impl Fn() -> HttpRequest) {
        support::by_hand::assert_same(name, &op.to_request(cfg).unwrap(), &by_hand());
        // Once first: a shared header value's first clone may allocate its reference count.
        black_box(op.to_request(cfg).unwrap());
        self.push(name, count(&by_hand), count(|| op.to_request(cfg).unwrap()));
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing else we use.
    let mut decode = Rows::default();
    support::decode_cases(&mut decode);
    decode.print("Allocations per decode (`from_response`)", "floor (`serde_json::from_slice`)");
    let mut encode = Rows::default();
    support::encode_cases(&mut encode);
    encode.print("Allocations per encode (`to_request`)", "floor (by hand)");
}
