//! The store against a real temp dir: permissions, planted symlinks, failures, races, limits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use std::sync::{Arc, Barrier};

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn client_id_is_generated_once_and_token_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("nested"));
    assert_eq!(store.token().unwrap(), None);
    let id = store.client_id().unwrap();
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(store.client_id().unwrap(), id);
    let path = store.save_token("tok-1").unwrap();
    store.save_token("tok-2").unwrap();
    assert_eq!(store.token().unwrap().as_deref(), Some("tok-2"));
    assert_eq!(entries(store.dir()), ["client-id", "token"], "no temp file is left behind");
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&store.dir().join("client-id")), 0o600);
        assert_eq!(mode(store.dir()), 0o700, "the config dir is created owner-only");
    }
    assert_ne!(generate_id(), generate_id());
}

/// The old code wrote through `.token.<pid>.tmp`; whatever is planted at a guessable temp name
/// must be left alone.
#[cfg(unix)]
#[test]
fn a_symlink_planted_at_the_temp_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "victim").unwrap();
    let store = Store::at(dir.path().join("config"));
    store.client_id().unwrap();
    let planted = store.dir().join(format!(".token.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    store.save_token("tok-secret-1").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim", "the token was written through the symlink");
    assert_eq!(std::fs::read_to_string(store.dir().join("token")).unwrap(), "tok-secret-1");
    assert!(std::fs::symlink_metadata(&planted).unwrap().file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_world_readable_file_planted_at_the_temp_name_does_not_make_the_token_readable() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    let planted = dir.path().join(format!(".token.{}.tmp", std::process::id()));
    std::fs::write(&planted, "").unwrap();
    set_mode(&planted, 0o644);
    let path = store.save_token("tok-secret-2").unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(std::fs::read_to_string(&planted).unwrap(), "", "the planted file was reused");
}

#[cfg(unix)]
#[test]
fn a_symlink_at_the_target_is_replaced_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "victim").unwrap();
    let store = Store::at(dir.path().join("config"));
    store.client_id().unwrap();
    std::os::unix::fs::symlink(&victim, store.dir().join("token")).unwrap();
    let path = store.save_token("tok-secret-3").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
    assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_file());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(store.token().unwrap().as_deref(), Some("tok-secret-3"));
}

#[test]
fn a_failed_write_leaves_no_temp_file_holding_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    // A non-empty directory where the token goes: the final rename fails.
    std::fs::create_dir_all(dir.path().join("token").join("occupied")).unwrap();
    let failure = store.save_token("tok-secret-4").unwrap_err();
    assert_eq!(failure.exit_code(), 1, "{}", failure.message());
    assert!(failure.message().contains("token"), "{}", failure.message());
    assert!(!failure.message().contains("tok-secret-4"), "{}", failure.message());
    assert_eq!(entries(dir.path()), ["token"], "a temp file holding the token was left behind");
}

#[cfg(unix)]
#[test]
fn a_loose_config_dir_and_token_file_are_tightened() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("config"));
    store.save_token("tok-5").unwrap();
    let token = store.dir().join("token");
    set_mode(store.dir(), 0o755);
    set_mode(&token, 0o644);
    assert_eq!(store.token().unwrap().as_deref(), Some("tok-5"));
    assert_eq!((mode(store.dir()), mode(&token)), (0o700, 0o600));
    set_mode(store.dir(), 0o775);
    store.save_token("tok-6").unwrap();
    assert_eq!(mode(store.dir()), 0o700);
}

#[test]
fn concurrent_first_runs_agree_on_one_client_id() {
    const RUNS: usize = 8;
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("fresh");
        let barrier = Arc::new(Barrier::new(RUNS));
        let ids: Vec<String> = (0..RUNS)
            .map(|_| {
                let (barrier, config) = (Arc::clone(&barrier), config.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::at(config).client_id().unwrap()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        let stored = std::fs::read_to_string(config.join("client-id")).unwrap();
        assert!(ids.iter().all(|id| *id == stored), "round {round}: {ids:?} but {stored} is stored");
        assert_eq!(entries(&config), ["client-id"], "round {round}: temp files left behind");
    }
}

#[test]
fn oversized_or_unusable_files_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    std::fs::write(dir.path().join("token"), vec![b'a'; 10 * 1024 * 1024]).unwrap();
    let message = match store.token() {
        Err(failure) => failure.message(),
        Ok(token) => panic!("a {}-byte token was read", token.map_or(0, |t| t.len())),
    };
    assert!(message.contains("token") && message.contains("larger than 65536 bytes"), "{message}");
    std::fs::write(dir.path().join("client-id"), "abc\r\nX-Injected: 1").unwrap();
    let message = store.client_id().unwrap_err().message();
    assert!(message.contains("client-id") && message.contains("control"), "{message}");
    std::fs::write(dir.path().join("token"), "  tok-7\n").unwrap();
    assert_eq!(store.token().unwrap().as_deref(), Some("tok-7"));
}

#[test]
fn unusable_tokens_are_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    for bad in ["abc\r\ndef", "   ", "", "tok\u{1b}[2J", "tök"] {
        let failure = store.save_token(bad).unwrap_err();
        assert_eq!((failure.kind(), failure.exit_code()), ("decode", 8), "{bad:?}");
        assert!(failure.message().contains("not saved"), "{}", failure.message());
    }
    assert!(entries(dir.path()).is_empty());
}
