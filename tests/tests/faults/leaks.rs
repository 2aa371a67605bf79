//! Issue 8's secret-leak sweep (part 6), over the whole fault matrix.
//!
//! Every row x operation x adapter of the matrix runs with sentinel secrets: the config's token,
//! the sign-in password and 2FA code, the linked PIN code (each operation's request carries its
//! own, see `ops::Op::sends`), and the secrets the server answers with under secret names
//! (`authToken`, `accessToken`, the transient token, `apiKey`, service tokens, the PIN's `code`,
//! and every token FakePlex issues).
//! After each call, none of them may appear, raw or in any encoding a server could echo it in, in:
//! - the output's `Debug` (`{:?}` and `{:#?}`): answer secrets reach callers only through
//!   `expose_secret()`;
//! - the error's `Display`, `Debug` (`{:?}` and `{:#?}`) and every `source()` below it, with
//!   the same three renderings;
//! - everything `tracing` recorded at TRACE level during the call, spans included.
//!
//! The calls go through the core's own drivers (`execute`, `execute_blocking`), as users'
//! calls do, so this checks the scrubbing and tracing users get. Tracing is captured by one
//! global subscriber whose writer routes each event to the capture of the test that emitted it:
//! the thread that makes the call and the worker threads of the test's runtimes are tagged with
//! it. Events from threads no test tagged (reqwest's blocking client thread, the servers) go to
//! every live capture, so nothing escapes the check; a leak there may fail a neighbouring test
//! too, never none.
//!
//! A failure names the row, operation, adapter and call, which sentinel leaked in which form and
//! where, with the surrounding text and the sentinel itself replaced by its name.

use super::ops::{
    ANSWERED_TOKEN, CODE, KEY, Out, PASSWORD, PIN_CODE, SERVER_TOKEN, SERVICE_TOKEN, TOKEN, TRANSIENT_TOKEN,
};
use plex_auth_core::Error;
use std::cell::RefCell;
use std::io::Write;
use std::sync::{Arc, Mutex, Once, Weak};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

/// The fixed sentinels, by the name a failure shows instead of the value.
const SENTINELS: &[(&str, &str)] = &[
    ("the config token", TOKEN),
    ("the password", PASSWORD),
    ("the 2FA code", CODE),
    ("the PIN code linked and in PIN answers", PIN_CODE),
    ("the apiKey in answers", KEY),
    ("the authToken in answers", ANSWERED_TOKEN),
    ("the transient token in answers", TRANSIENT_TOKEN),
    ("the device accessToken in answers", SERVER_TOKEN),
    ("the service token in FakePlex's answers", SERVICE_TOKEN),
];

/// One test's trace text.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

thread_local! {
    /// The capture this thread's events go to.
    static CURRENT: RefCell<Option<Capture>> = const { RefCell::new(None) };
}

/// Every capture alive, for events from threads no test tagged.
static LIVE: Mutex<Vec<Weak<Mutex<Vec<u8>>>>> = Mutex::new(Vec::new());

impl Capture {
    /// A new capture (installing the global subscriber on first use).
    pub fn start() -> Self {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_span_events(FmtSpan::CLOSE)
                .with_ansi(false)
                .with_writer(Router)
                .finish();
            tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
        });
        let capture = Self::default();
        let mut live = LIVE.lock().unwrap();
        live.retain(|c| c.strong_count() > 0);
        live.push(Arc::downgrade(&capture.0));
        capture
    }

    /// Sends the calling thread's events here from now on.
    pub fn tag_this_thread(&self) {
        CURRENT.with(|c| *c.borrow_mut() = Some(self.clone()));
    }

    /// How many bytes were captured so far.
    pub fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }

    /// The text captured from byte `from` on.
    pub fn since(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()[from..]).into_owned()
    }
}

/// The global subscriber's writer: to the emitting thread's capture, else to every live one.
struct Router;

impl<'a> MakeWriter<'a> for Router {
    type Writer = Router;
    fn make_writer(&'a self) -> Router {
        Router
    }
}

impl Write for Router {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match CURRENT.try_with(|c| c.borrow().clone()).ok().flatten() {
            Some(capture) => capture.0.lock().unwrap().extend_from_slice(buf),
            None => {
                for capture in LIVE.lock().unwrap().iter().filter_map(Weak::upgrade) {
                    capture.lock().unwrap().extend_from_slice(buf);
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every form in which `value` could be echoed: raw, form-encoded, JSON-escaped, XML-escaped.
fn forms(value: &str) -> Vec<(&'static str, String)> {
    let mut out = vec![("raw", value.to_owned())];
    let encoded: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let json = serde_json::to_string(value).unwrap();
    let xml = value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    for (form, text) in
        [("form-encoded", encoded), ("JSON-escaped", json.trim_matches('"').to_owned()), ("XML-escaped", xml)]
    {
        if !out.iter().any(|(_, t)| *t == text) {
            out.push((form, text));
        }
    }
    out
}

/// The sentinels, with `issued` (tokens FakePlex made up during the test) added.
fn sentinels(issued: &[String]) -> Vec<(String, String)> {
    let fixed = SENTINELS.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned()));
    let made = issued.iter().enumerate().map(|(i, t)| (format!("FakePlex's issued token #{i}"), t.clone()));
    fixed.chain(made).collect()
}

/// Every rendering of `result` a program or a log could show, each named.
fn renderings(result: &Result<Out, Error>) -> Vec<(String, String)> {
    match result {
        Ok(out) => {
            vec![("the output's {:?}".into(), format!("{out:?}")), ("the output's {:#?}".into(), format!("{out:#?}"))]
        }
        Err(err) => {
            let mut shown = vec![
                ("the error's Display".into(), err.to_string()),
                ("the error's {:?}".into(), format!("{err:?}")),
                ("the error's {:#?}".into(), format!("{err:#?}")),
            ];
            let mut source = std::error::Error::source(err);
            let mut depth = 1;
            while let Some(s) = source {
                shown.push((format!("source #{depth}'s Display"), s.to_string()));
                shown.push((format!("source #{depth}'s {{:?}}"), format!("{s:?}")));
                shown.push((format!("source #{depth}'s {{:#?}}"), format!("{s:#?}")));
                source = s.source();
                depth += 1;
            }
            shown
        }
    }
}

/// Fails, naming `what`, if a sentinel (or FakePlex's `issued` token) appears in any rendering
/// of `result` or in `trace`.
pub fn check(what: &str, result: &Result<Out, Error>, trace: &str, issued: &[String]) {
    let mut texts = renderings(result);
    texts.push(("the TRACE-level tracing output".into(), trace.to_owned()));
    check_texts(what, &texts, issued);
}

/// Fails if a sentinel appears in any of the named `texts`.
pub fn check_texts(what: &str, texts: &[(String, String)], issued: &[String]) {
    check_texts_with(what, texts, &sentinels(issued));
}

/// Fails if any of the fixed sentinels, or of `more` (named secrets of the caller's own), appears
/// in any of the named `texts`.
pub fn check_with(what: &str, texts: &[(String, String)], more: &[(String, String)]) {
    let mut all = sentinels(&[]);
    all.extend(more.iter().cloned());
    check_texts_with(what, texts, &all);
}

fn check_texts_with(what: &str, texts: &[(String, String)], sentinels: &[(String, String)]) {
    let sentinels = sentinels.to_vec();
    for (where_, text) in texts {
        for (name, value) in &sentinels {
            for (form, needle) in forms(value) {
                if let Some(at) = text.find(&needle) {
                    let context = excerpt(text, at, needle.len(), &sentinels);
                    panic!("leak sweep: {what}: {name} ({form}) appears in {where_}: ...{context}...");
                }
            }
        }
    }
}

/// About 120 characters of `text` around byte `at`, with every sentinel replaced by its name.
fn excerpt(text: &str, at: usize, len: usize, sentinels: &[(String, String)]) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(at.saturating_sub(60));
    let end = floor((at + len + 60).min(text.len()));
    let mut shown = text[start..end].to_owned();
    for (name, value) in sentinels {
        for (_, needle) in forms(value) {
            shown = shown.replace(&needle, &format!("<{name}>"));
        }
    }
    shown
}

#[test]
fn a_leak_is_reported_by_name_and_never_by_value() {
    let leaked: Result<Out, Error> =
        Err(Error::invalid("password", format!("bad: {}", PASSWORD.replace(' ', "+").replace('&', "%26"))));
    let message = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check("row / op / via", &leaked, "", &[])))
        .unwrap_err();
    let message = message.downcast_ref::<String>().unwrap();
    assert!(message.starts_with("leak sweep: row / op / via: the password ("), "{message}");
    assert!(
        message.contains("appears in the error's Display: ...") && message.contains("bad: <the password>"),
        "{message}"
    );
    for (_, form) in forms(PASSWORD) {
        assert!(!message.contains(&form), "{message}");
    }
    let issued = vec!["fake-issued-Q7".to_owned()];
    let message = std::panic::catch_unwind(|| check("t", &Ok(Out::Token("x".into())), "log fake-issued-Q7", &issued))
        .unwrap_err();
    let message = message.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("FakePlex's issued token #0 (raw) appears in the TRACE-level tracing output"),
        "{message}"
    );
    assert!(!message.contains("fake-issued-Q7"), "{message}");
}

#[test]
fn forms_cover_what_a_server_echoes() {
    let forms: Vec<String> = forms(PASSWORD).into_iter().map(|(_, t)| t).collect();
    assert_eq!(forms, [PASSWORD, "matrix+pass%26word-Hb27", "matrix pass&amp;word-Hb27"]);
}
