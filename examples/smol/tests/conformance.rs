//! The transport conformance suite every adapter of this workspace passes, against
//! [`SmolTransport`]. The suite's scripted servers run on tokio (a dev-dependency only); the
//! transport's own I/O and timers are async-io's, driven by its own thread.

use plex_auth_example_smol::SmolTransport;
use plex_auth_testing::conformance::AsyncSubject;
use std::time::Duration;

/// The transport under test: the given body cap, and timeouts short enough for the suite.
fn smol_transport(max_body_bytes: usize) -> SmolTransport {
    SmolTransport::new()
        .with_max_body_bytes(max_body_bytes)
        .with_connect_timeout(Duration::from_millis(500))
        .with_timeout(Duration::from_millis(800))
}

plex_auth_testing::transport_conformance!(conformance, AsyncSubject(smol_transport));
