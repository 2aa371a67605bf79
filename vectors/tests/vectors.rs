//! The core against the committed vectors: every `requests/*.json` is rebuilt from its inputs and
//! compared field by field (method, URL, the exact header set, body, which headers are
//! sensitive); every `decoding/*.json` response is decoded and compared with the model's JSON or
//! the error's kind, status, codes, reason and predicates. These are the core's golden and
//! decoding cases (crates/plex-auth-core/tests/golden.rs and decoding.rs keep only what vectors
//! cannot express). The last test fails when the files are stale, like
//! `cargo run -p plex-auth-vectors -- check`.

use plex_auth_vectors::dispatch::Operation;
use plex_auth_vectors::{VectorConfig, VectorResponse, error_summary, request_expectation};
use serde_json::Value;
use std::path::{Path, PathBuf};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every `.json` file of `vectors/<folder>`, parsed, with its file name.
fn files(folder: &str) -> Result<Vec<(String, Value)>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join(folder))? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        out.push((name, value));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn field<'a>(file: &str, value: &'a Value, key: &str) -> Result<&'a Value, String> {
    value.get(key).ok_or_else(|| format!("{file}: no `{key}`"))
}

/// Compares `got` with `want` key by key so a failure names the field.
fn compare(file: &str, what: &str, got: &Value, want: &Value, failures: &mut Vec<String>) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for key in g.keys().chain(w.keys().filter(|k| !g.contains_key(*k))) {
                let (gv, wv) = (g.get(key).unwrap_or(&Value::Null), w.get(key).unwrap_or(&Value::Null));
                if !(g.contains_key(key) && w.contains_key(key)) {
                    failures.push(format!("{file}: {what}.{key}: got {gv}, want {wv}"));
                } else {
                    compare(file, &format!("{what}.{key}"), gv, wv, failures);
                }
            }
        }
        _ if got != want => failures.push(format!("{file}: {what}: got {got}, want {want}")),
        _ => {}
    }
}

#[test]
fn every_request_vector_is_what_the_core_builds() -> TestResult {
    let vectors = files("requests")?;
    assert!(vectors.len() >= 40, "expected the golden requests, found {}", vectors.len());
    let mut failures = Vec::new();
    let mut operations = std::collections::BTreeSet::new();
    for (file, v) in &vectors {
        let config: VectorConfig = serde_json::from_value(field(file, v, "config")?.clone())?;
        let operation = field(file, v, "operation")?.as_str().ok_or("operation is not a string")?;
        operations.insert(operation.to_owned());
        let op = Operation::from_json(operation, field(file, v, "params")?)?;
        let req = op.to_request(&config.build()?).map_err(|e| format!("{file}: {e}"))?;
        let got = request_expectation(&req)?;
        let want = field(file, v, "expected")?;
        compare(file, "expected", &got, want, &mut failures);
        // The same facts straight from the request, not through the renderer.
        if want["method"] != req.method().as_str() || want["url"] != req.uri().to_string().as_str() {
            failures.push(format!("{file}: method or URL differ from the built request"));
        }
        for name in want["sensitive_headers"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !req.headers().get(name).is_some_and(|h| h.is_sensitive()) {
                failures.push(format!("{file}: {name} is not marked sensitive"));
            }
        }
        if want["body"].as_str().map(str::as_bytes) != Some(req.body().as_ref()) {
            failures.push(format!("{file}: body bytes differ"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let names: Vec<&str> = plex_auth_vectors::dispatch::OPERATIONS.iter().map(|(n, _)| *n).collect();
    for name in names {
        assert!(operations.contains(name), "no request vector for {name}");
    }
    Ok(())
}

#[test]
fn every_decoding_vector_is_what_the_core_decodes() -> TestResult {
    let vectors = files("decoding")?;
    assert!(vectors.len() >= 70, "expected the decoding cases, found {}", vectors.len());
    let mut failures = Vec::new();
    let (mut oks, mut errors) = (0, 0);
    for (file, v) in &vectors {
        let operation = field(file, v, "operation")?.as_str().ok_or("operation is not a string")?;
        let op = Operation::from_json(operation, field(file, v, "params")?)?;
        let response: VectorResponse = serde_json::from_value(field(file, v, "response")?.clone())?;
        let expected = field(file, v, "expected")?;
        match (op.decode(response.to_http()?)?, expected.get("ok"), expected.get("error")) {
            (Ok(got), Some(want), None) => {
                oks += 1;
                compare(file, "ok", &got, want, &mut failures);
            }
            (Err(err), None, Some(want)) => {
                errors += 1;
                compare(file, "error", &error_summary(&err), want, &mut failures);
            }
            (Ok(got), _, _) => failures.push(format!("{file}: decoded {got}, but the vector expects {expected}")),
            (Err(err), _, _) => failures.push(format!("{file}: failed ({err}), but the vector expects {expected}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(oks >= 30 && errors >= 30, "{oks} decoded, {errors} errors");
    Ok(())
}

#[test]
fn the_committed_vectors_are_up_to_date() -> TestResult {
    let diffs = plex_auth_vectors::check(&root())?;
    let shown: Vec<String> = diffs.iter().map(ToString::to_string).collect();
    assert!(shown.is_empty(), "run `cargo run -p plex-auth-vectors -- write`:\n{}", shown.join("\n"));
    Ok(())
}

/// The decoded model of the decoding vector `name`.
fn decoded(name: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(root().join("decoding").join(format!("{name}.json")))?;
    let vector: Value = serde_json::from_str(&text)?;
    Ok(vector["expected"]["ok"].clone())
}

/// The response body of the decoding vector `name`, parsed as JSON, `null` members removed.
fn body_without_nulls(name: &str) -> Result<Value, Box<dyn std::error::Error>> {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.retain(|_, v| !v.is_null());
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(root().join("decoding").join(format!("{name}.json")))?;
    let vector: Value = serde_json::from_str(&text)?;
    let mut body: Value = serde_json::from_str(vector["response"]["body"].as_str().ok_or("body is not text")?)?;
    strip(&mut body);
    Ok(body)
}

#[test]
fn a_model_is_written_back_as_it_came_without_its_nulls() -> TestResult {
    // Nothing is lost: every field, unknown and impossible ones included, survives a round trip.
    for name in [
        "sign_in_fixture",
        "sign_in_unknown_fields_at_every_level",
        "account_impossible_values",
        "create_pin_spec_example",
    ] {
        assert_eq!(decoded(name)?, body_without_nulls(name)?, "{name}");
    }
    Ok(())
}

#[test]
fn sign_in_at_200_or_201_and_token_details_decode_the_same_account() -> TestResult {
    let account = decoded("sign_in_fixture")?;
    assert!(account.get("authToken").is_some(), "the fixture decoded: {account}");
    assert_eq!(decoded("sign_in_fixture_200")?, account);
    assert_eq!(decoded("token_details_fixture")?, account);
    Ok(())
}
