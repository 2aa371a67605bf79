//! Decoding speed: every operation's `from_response` on a realistic body vs a plain
//! `serde_json::from_slice` into a struct with the same fields, measured in the same run
//! (the cases are in `support/mod.rs`).
//!
//! Building the response and dropping the output are not timed for either side
//! (`iter_batched`). Run with `cargo bench -p plex-auth-core --bench decode`; results go in
//! `BENCHMARKS.md`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

mod support;

use bytes::Bytes;
use criterion::{BatchSize, Criterion, black_box, criterion_group, criterion_main};
use plex_auth_core::{Endpoint, Error, GetTokenDetails};
use serde::de::DeserializeOwned;
use std::time::Duration;
use support::{Decodes, response};

/// Times each case as a criterion group `decode/<case>` with a `floor` and an `ours`.
struct Timed<'a>(&'a mut Criterion);

impl Decodes for Timed<'_> {
    fn pair<P: DeserializeOwned, E: Endpoint>(
        &mut self,
        name: &str,
        op: E,
        status: u16,
        body: Bytes,
        check: fn(&Result<E::Output, Error>) -> bool,
    ) {
        // Both decoders must accept the body, or the comparison means nothing.
        assert!(check(&op.from_response(response(status, &body))), "{name}: ours decodes it");
        serde_json::from_slice::<P>(&body).unwrap_or_else(|e| panic!("{name}: the floor decodes it: {e}"));
        let mut group = self.0.benchmark_group(format!("decode/{name} ({} bytes)", body.len()));
        group.bench_function("floor", |b| {
            b.iter_batched(
                || body.clone(),
                |bytes| serde_json::from_slice::<P>(black_box(&bytes)),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("ours", |b| {
            b.iter_batched(|| response(status, &body), |resp| op.from_response(black_box(resp)), BatchSize::SmallInput)
        });
        group.finish();
    }

    fn status_only<E: Endpoint>(&mut self, name: &str, op: E, status: u16) {
        let body = Bytes::new();
        assert!(op.from_response(response(status, &body)).is_ok(), "{name}: ours accepts it");
        let mut group = self.0.benchmark_group(format!("decode/{name} (no body)"));
        group.bench_function("floor", |b| {
            b.iter_batched(
                || response(status, &body),
                |resp| black_box(resp).status().is_success(),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("ours", |b| {
            b.iter_batched(|| response(status, &body), |resp| op.from_response(black_box(resp)), BatchSize::SmallInput)
        });
        group.finish();
    }
}

fn decode(c: &mut Criterion) {
    support::decode_cases(&mut Timed(c));
}

/// One field that fits no accepted form sends the account down the degrading path (a second
/// pass that buffers objects and lists so nothing is lost): what drift costs.
fn drift(c: &mut Criterion) {
    let body = support::bodies::account();
    let drifted =
        Bytes::from(String::from_utf8_lossy(&body).replacen("\"confirmed\":false", "\"confirmed\":\"maybe\"", 1));
    assert_ne!(drifted, body, "the fixture has the field the drift replaces");
    let op = GetTokenDetails::new();
    let account = op.from_response(response(200, &drifted)).unwrap();
    assert_eq!((account.confirmed, account.services.as_ref().map(Vec::len)), (None, Some(20)));
    let mut group = c.benchmark_group("decode/account, one field drifted");
    group.bench_function("floor", |b| {
        b.iter_batched(
            || body.clone(),
            |bytes| serde_json::from_slice::<support::plain_account::PlainAccount>(black_box(&bytes)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("ours", |b| {
        b.iter_batched(|| response(200, &drifted), |resp| op.from_response(black_box(resp)), BatchSize::SmallInput)
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = decode, drift
}
criterion_main!(benches);
