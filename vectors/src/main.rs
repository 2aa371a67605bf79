//! `plex-auth-vectors write` regenerates `vectors/requests/*.json` and `vectors/decoding/*.json`
//! from the core; `plex-auth-vectors check` fails, naming each stale file, when the committed
//! files differ from what the core produces now.

use plex_auth_vectors::{FileDiff, generate, stale_files};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn write(root: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let files = generate()?;
    for diff in stale_files(root, &files)? {
        if let FileDiff::Unexpected(path) = &diff {
            std::fs::remove_file(root.join(path))?;
            println!("removed vectors/{path}");
        }
    }
    for (path, text) in &files {
        let target = root.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&target, text)?;
            println!("wrote vectors/{path}");
        }
    }
    let requests = files.keys().filter(|p| p.starts_with("requests/")).count();
    println!("{requests} request vectors, {} decoding vectors", files.len() - requests);
    Ok(())
}

fn check(root: &Path) -> Result<bool, Box<dyn std::error::Error>> {
    let files = generate()?;
    let diffs = stale_files(root, &files)?;
    if diffs.is_empty() {
        println!("{} test vectors are up to date", files.len());
        return Ok(true);
    }
    for diff in &diffs {
        eprintln!("{diff}");
    }
    eprintln!(
        "{} of {} test vectors are out of date: run `cargo run -p plex-auth-vectors -- write`",
        diffs.len(),
        files.len()
    );
    Ok(false)
}

fn main() -> ExitCode {
    let root = root();
    let outcome = match std::env::args().nth(1).as_deref() {
        Some("write") => write(&root).map(|()| true),
        Some("check") => check(&root),
        _ => {
            eprintln!("usage: plex-auth-vectors write|check");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
