//! Entry points for the fuzz targets in `fuzz/` and for work-counting property tests.
//!
//! Not part of the supported API: hidden from the docs and free to change. They reach decoders
//! that are otherwise only reachable through an operation's `from_response`.

use crate::error::Error;
use crate::transport::HttpResponse;

/// Parses `bytes` with the bounded XML reader; returns the number of elements read.
pub fn xml(bytes: &[u8]) -> Result<usize, String> {
    crate::decode::xml::parse(bytes).map(|root| count(&root)).map_err(|e| e.to_string())
}

/// The steps (events plus attributes) the XML reader takes on `bytes`, whatever the outcome.
pub fn xml_steps(bytes: &[u8]) -> usize {
    crate::decode::xml::parse_counted(bytes).1.steps()
}

fn count(e: &crate::decode::xml::Element) -> usize {
    1 + e.children.iter().map(count).sum::<usize>()
}

/// Judges a non-success response as every operation does: the `Error::Api` with Plex's error list.
pub fn error_body(resp: HttpResponse) -> Error {
    const ROUTE: crate::ops::Route = crate::ops::Route::new("FUZZ /error", crate::ops::Host::Given, "/error");
    crate::decode::expect_success(&ROUTE, resp).err().unwrap_or_else(|| Error::invalid("status", "2xx"))
}
