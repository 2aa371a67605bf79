//! Encoding speed: every operation's `to_request` vs building the same `http::Request` by
//! hand (`support/by_hand.rs`: the URL formatted, each header from a string, the body encoded
//! per call), measured in the same run. Each pair is checked equal before it is timed.
//!
//! Run with `cargo bench -p plex-auth-core --bench encode`; results go in `BENCHMARKS.md`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

mod support;

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use plex_auth_core::{ClientConfig, Endpoint, HttpRequest};
use std::time::Duration;
use support::Encodes;

/// Times each case as a criterion group `encode/<case>` with a `floor` and an `ours`.
struct Timed<'a>(&'a mut Criterion);

impl Encodes for Timed<'_> {
    fn pair<E: Endpoint>(&mut self, name: &str, op: E, cfg: &ClientConfig, by_hand: impl Fn() -> HttpRequest) {
        support::by_hand::assert_same(name, &op.to_request(cfg).unwrap(), &by_hand());
        let mut group = self.0.benchmark_group(format!("encode/{name}"));
        group.bench_function("floor", |b| b.iter(&by_hand));
        group.bench_function("ours", |b| b.iter(|| black_box(&op).to_request(black_box(cfg))));
        group.finish();
    }
}

fn encode(c: &mut Criterion) {
    support::encode_cases(&mut Timed(c));
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = encode
}
criterion_main!(benches);
