//! The conformance suite catches a transport that does not do its job: one that never touches the
//! network and answers every request with `200 ok` fails every check, with a message saying how.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};

use bytes::Bytes;
use plex_auth_core::transport::from_fn;
use plex_auth_core::{HttpRequest, HttpResponse, TransportError};
use plex_auth_testing::conformance::{self, AsyncSubject, BlockingSubject, run};

fn always_ok(_: HttpRequest) -> Result<HttpResponse, TransportError> {
    Ok(http::Response::new(Bytes::from_static(b"ok")))
}

/// Runs `check` and returns its panic message, failing the test if it passed.
fn failure(check: impl std::future::Future<Output = ()>) -> String {
    let panic = catch_unwind(AssertUnwindSafe(|| run(check))).expect_err("the check passed a transport that lies");
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

macro_rules! every_check_fails {
    ($subject:expr) => {{
        let subject = $subject;
        vec![
            failure(conformance::round_trip_keeps_request_and_response_unchanged(&subject)),
            failure(conformance::unauthorized_is_a_response_not_an_error(&subject)),
            failure(conformance::body_at_the_cap_is_accepted(&subject)),
            failure(conformance::declared_body_over_the_cap_is_too_large(&subject)),
            failure(conformance::streamed_body_over_the_cap_is_too_large(&subject)),
            failure(conformance::silent_server_times_out(&subject)),
            failure(conformance::stalled_body_times_out(&subject)),
            failure(conformance::unanswered_connect_times_out(&subject)),
            failure(conformance::truncated_body_is_io(&subject)),
            failure(conformance::reset_is_io(&subject)),
            failure(conformance::invalid_http_is_io(&subject)),
            failure(conformance::refused_connection_is_connect_and_hides_the_url(&subject)),
            failure(conformance::redirect_is_returned_not_followed(&subject)),
            failure(conformance::plugs_into_the_core_client(&subject)),
            failure(conformance::trickling_body_times_out(&subject)),
        ]
    }};
}

#[test]
fn a_transport_that_always_answers_200_fails_every_check() {
    let messages = every_check_fails!(AsyncSubject(|_cap| from_fn(always_ok)));
    assert_eq!(messages.len(), 15);
    assert!(messages[0].contains("round trip: the status changed"), "{}", messages[0]);
    assert!(
        messages[3]
            .contains("declared body over the cap: expected a transport error of kind BodyTooLarge, got status 200")
    );
    assert!(messages[5].contains("silent server: expected a transport error of kind Timeout, got status 200"));
    assert!(messages[11].contains("refused: expected a transport error of kind Connect, got status 200"));
    assert!(messages[13].contains("token details through the transport failed"));
    assert!(messages[14].contains("trickling body: expected a transport error of kind Timeout, got status 200"));
}

#[test]
fn the_blocking_face_reports_the_same_failures() {
    let messages = every_check_fails!(BlockingSubject(|_cap| from_fn(always_ok)));
    assert!(
        messages[9].contains("connection reset: expected a transport error of kind Io, got status 200"),
        "{}",
        messages[9]
    );
}

#[test]
fn a_blocking_transport_without_a_timeout_fails_as_hung_instead_of_hanging_the_test() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let finished = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&finished);
    let subject = BlockingSubject(move |_cap| {
        let flag = Arc::clone(&flag);
        from_fn(move |req| {
            std::thread::sleep(conformance::HANG_LIMIT + std::time::Duration::from_secs(5));
            flag.store(true, Ordering::SeqCst);
            always_ok(req)
        })
    });
    let message = failure(conformance::silent_server_times_out(&subject));
    assert!(message.contains("the transport hung for 10s: it needs a whole-request timeout"), "{message}");
    assert!(!finished.load(Ordering::SeqCst), "the check waited for the hung transport instead of failing");
}
