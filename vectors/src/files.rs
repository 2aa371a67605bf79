//! The JSON files: rendered from the cases through the core, compared with the committed ones.

use crate::dispatch::Operation;
use crate::secrets::secrets_of;
use crate::{VectorError, decoding_cases, error_summary, request_cases, request_expectation};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The folders under `vectors/` that hold generated files.
pub const FOLDERS: [&str; 2] = ["requests", "decoding"];

fn pretty(value: &Value) -> Result<String, VectorError> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| VectorError::new(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Every vector file, rendered from the cases through the core: relative path
/// (`requests/<case>.json`, `decoding/<case>.json`) to contents.
pub fn generate() -> Result<BTreeMap<String, String>, VectorError> {
    let mut files = BTreeMap::new();
    let mut add = |path: String, value: Value| -> Result<(), VectorError> {
        let text = pretty(&value)?;
        if files.insert(path.clone(), text).is_some() {
            return Err(VectorError::new(format!("two cases write {path}")));
        }
        Ok(())
    };
    for case in request_cases()? {
        let cfg = case.config.build()?;
        let op = Operation::from_json(&case.operation, &case.params)?;
        let req = op.to_request(&cfg).map_err(|e| VectorError::new(format!("{}: {e}", case.name)))?;
        let value = json!({
            "name": case.name,
            "description": case.description,
            "config": case.config,
            "operation": case.operation,
            "params": case.params,
            "expected": request_expectation(&req)?,
        });
        add(format!("requests/{}.json", case.name), value)?;
    }
    for case in decoding_cases()? {
        let op = Operation::from_json(&case.operation, &case.params)?;
        let decoded = op.decode(case.response.to_http()?)?;
        let secrets = secrets_of(&case.params, &case.response, decoded.as_ref().ok(), op.output_is_secret());
        let expected = match decoded {
            Ok(v) => json!({ "ok": v }),
            Err(e) => json!({ "error": error_summary(&e) }),
        };
        let value = json!({
            "name": case.name,
            "description": case.description,
            "operation": case.operation,
            "params": case.params,
            "response": case.response,
            "expected": expected,
            "secrets": secrets,
        });
        add(format!("decoding/{}.json", case.name), value)?;
    }
    Ok(files)
}

/// How a committed file differs from what the core produces now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileDiff {
    /// No committed file for a case.
    Missing(String),
    /// A committed file that no case produces.
    Unexpected(String),
    /// A committed file whose contents differ: its path and a line diff.
    Changed(String, String),
}

impl fmt::Display for FileDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(p) => write!(f, "vectors/{p}: missing (a case produces it)"),
            Self::Unexpected(p) => write!(f, "vectors/{p}: no case produces it"),
            Self::Changed(p, diff) => write!(f, "vectors/{p}: stale\n{diff}"),
        }
    }
}

/// The lines that differ, `-` committed and `+` generated, from the first difference on (at most
/// 20 lines each).
fn line_diff(committed: &str, generated: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (committed.lines().collect(), generated.lines().collect());
    let start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let (mut old_end, mut new_end) = (old.len(), new.len());
    while old_end > start && new_end > start && old[old_end - 1] == new[new_end - 1] {
        old_end -= 1;
        new_end -= 1;
    }
    let mut out = format!("  @@ line {} @@\n", start + 1);
    for line in old[start..old_end].iter().take(20) {
        out.push_str(&format!("  - {line}\n"));
    }
    for line in new[start..new_end].iter().take(20) {
        out.push_str(&format!("  + {line}\n"));
    }
    out
}

/// The committed `.json` files under `root`'s [`FOLDERS`], relative path to contents.
pub fn committed(root: &Path) -> Result<BTreeMap<String, String>, VectorError> {
    let mut files = BTreeMap::new();
    for folder in FOLDERS {
        let dir = root.join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let entry = entry.map_err(|e| VectorError::new(format!("{}: {e}", dir.display())))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| VectorError::new(format!("{}: {e}", entry.path().display())))?;
            files.insert(format!("{folder}/{name}"), text);
        }
    }
    Ok(files)
}

/// Compares `generated` with the committed files under `root`: every difference, by path.
pub fn stale_files(root: &Path, generated: &BTreeMap<String, String>) -> Result<Vec<FileDiff>, VectorError> {
    let on_disk = committed(root)?;
    let mut diffs = Vec::new();
    for (path, text) in generated {
        match on_disk.get(path) {
            None => diffs.push(FileDiff::Missing(path.clone())),
            Some(old) if old != text => diffs.push(FileDiff::Changed(path.clone(), line_diff(old, text))),
            Some(_) => {}
        }
    }
    for path in on_disk.keys().filter(|p| !generated.contains_key(*p)) {
        diffs.push(FileDiff::Unexpected(path.clone()));
    }
    Ok(diffs)
}

/// Regenerates in memory and compares with the files under `root` (the `vectors/` folder).
pub fn check(root: &Path) -> Result<Vec<FileDiff>, VectorError> {
    stale_files(root, &generate()?)
}
