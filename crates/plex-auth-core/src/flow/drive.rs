//! Running a [`Flow`] over a transport and a timer.

use super::{Flow, RequestId, Step};
use crate::error::Error;
use crate::scrub::SentSecrets;
use crate::timer::{BlockingTimer, Timer};
use crate::trace;
use crate::transport::{BlockingTransport, HttpRequest, HttpResponse, Transport, TransportError};
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;

type Sending<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// Runs `flow` to its end, sending its requests with `transport` and waiting with `timer`.
///
/// Requests the flow asks for run concurrently; while the flow waits, the first response to
/// arrive wakes it before its deadline. When the flow finishes, requests still in flight are
/// dropped (cancelled), never awaited. Every request is traced like a single operation's, and an
/// error the flow ends with is scrubbed of the secrets its requests carried.
pub async fn drive<T, C, F>(transport: &T, timer: &C, mut flow: F) -> Result<F::Output, Error>
where
    T: Transport + ?Sized,
    C: Timer + ?Sized,
    F: Flow,
{
    let mut sent = SentSecrets::default();
    let mut in_flight: Vec<(RequestId, Sending<'_>)> = Vec::new();
    loop {
        match flow.poll(timer.now()).map_err(|e| sent.scrub(e))? {
            Step::Done(output) => return Ok(output),
            Step::Send(id, req) => {
                sent.merge(SentSecrets::of(&req));
                in_flight.push((id, Box::pin(send_traced(transport, req))));
            }
            Step::WaitUntil(deadline) if in_flight.is_empty() => timer.sleep_until(deadline).await,
            Step::AwaitResponse if in_flight.is_empty() => {
                return Err(sent.scrub(Error::invalid("flow", "awaits a response but none is in flight")));
            }
            Step::AwaitResponse => {
                let (i, result) = poll_fn(|cx| match first_ready(&mut in_flight, cx) {
                    Some(arrived) => Poll::Ready(arrived),
                    None => Poll::Pending,
                })
                .await;
                let (id, _) = in_flight.swap_remove(i);
                flow.on_response(id, result, timer.now());
            }
            Step::WaitUntil(deadline) => {
                // Answers already in get their turn before any time passes (a fake clock jumps
                // as soon as it is asked to sleep).
                let arrived = match poll_fn(|cx| Poll::Ready(first_ready(&mut in_flight, cx))).await {
                    Some(arrived) => Some(arrived),
                    None => {
                        let mut sleep = std::pin::pin!(timer.sleep_until(deadline));
                        poll_fn(|cx| match first_ready(&mut in_flight, cx) {
                            Some(arrived) => Poll::Ready(Some(arrived)),
                            None => sleep.as_mut().poll(cx).map(|()| None),
                        })
                        .await
                    }
                };
                if let Some((i, result)) = arrived {
                    let (id, _) = in_flight.swap_remove(i);
                    flow.on_response(id, result, timer.now());
                }
            }
        }
    }
}

/// The first request in flight that has its answer, by index.
fn first_ready(
    in_flight: &mut [(RequestId, Sending<'_>)],
    cx: &mut std::task::Context<'_>,
) -> Option<(usize, Result<HttpResponse, TransportError>)> {
    in_flight.iter_mut().enumerate().find_map(|(i, (_, sending))| match sending.as_mut().poll(cx) {
        Poll::Ready(result) => Some((i, result)),
        Poll::Pending => None,
    })
}

/// One exchange inside its tracing span, with the transport error naming its target.
async fn send_traced<T: Transport + ?Sized>(transport: &T, req: HttpRequest) -> Result<HttpResponse, TransportError> {
    use tracing::Instrument;
    let span = trace::request_span(&req);
    async move {
        trace::sending(&req);
        let uri = req.uri().clone();
        let resp = transport.send(req).await.map_err(|e| e.with_target(&uri));
        trace::received(&resp);
        resp
    }
    .instrument(span)
    .await
}

/// Blocking form of [`drive`]: requests are sent one at a time, in the order the flow asks for
/// them, and each response is handed back before the flow is polled again.
pub fn drive_blocking<T, C, F>(transport: &T, timer: &C, mut flow: F) -> Result<F::Output, Error>
where
    T: BlockingTransport + ?Sized,
    C: BlockingTimer + ?Sized,
    F: Flow,
{
    let mut sent = SentSecrets::default();
    loop {
        match flow.poll(timer.now()).map_err(|e| sent.scrub(e))? {
            Step::Done(output) => return Ok(output),
            Step::WaitUntil(deadline) => timer.sleep_until(deadline),
            // Every request was answered before the flow was polled again.
            Step::AwaitResponse => {
                return Err(sent.scrub(Error::invalid("flow", "awaits a response but none is in flight")));
            }
            Step::Send(id, req) => {
                sent.merge(SentSecrets::of(&req));
                let _entered = trace::request_span(&req).entered();
                trace::sending(&req);
                let uri = req.uri().clone();
                let resp = transport.send(req).map_err(|e| e.with_target(&uri));
                trace::received(&resp);
                flow.on_response(id, resp, timer.now());
            }
        }
    }
}

/// Blocking driver that sends concurrently: each request runs on a thread of its own with a
/// clone of `transport`, so a flow such as the connection race probes every candidate at once.
/// When the flow finishes, requests still out are not waited for: their threads end by
/// themselves at the transport's own timeout and their answers are dropped.
pub fn drive_threaded<T, C, F>(transport: &T, timer: &C, mut flow: F) -> Result<F::Output, Error>
where
    T: BlockingTransport + Clone + Send + 'static,
    C: BlockingTimer + ?Sized,
    F: Flow,
{
    use std::sync::mpsc;
    let (answers, arrivals) = mpsc::channel::<(RequestId, Result<HttpResponse, TransportError>)>();
    let mut sent = SentSecrets::default();
    let mut in_flight = 0usize;
    let deliver =
        |flow: &mut F, (id, result): (RequestId, Result<HttpResponse, TransportError>), in_flight: &mut usize| {
            *in_flight -= 1;
            trace::received(&result);
            flow.on_response(id, result, timer.now());
        };
    loop {
        match flow.poll(timer.now()).map_err(|e| sent.scrub(e))? {
            Step::Done(output) => return Ok(output),
            Step::Send(id, req) => {
                sent.merge(SentSecrets::of(&req));
                trace::sending(&req);
                let transport = transport.clone();
                let answers = answers.clone();
                in_flight += 1;
                std::thread::spawn(move || {
                    let uri = req.uri().clone();
                    let result = transport.send(req).map_err(|e| e.with_target(&uri));
                    let _ = answers.send((id, result));
                });
            }
            Step::WaitUntil(deadline) if in_flight == 0 => timer.sleep_until(deadline),
            Step::WaitUntil(deadline) => {
                let wait = deadline.duration_since(timer.now()).unwrap_or_default();
                match arrivals.recv_timeout(wait) {
                    Ok(arrived) => deliver(&mut flow, arrived, &mut in_flight),
                    // The deadline passed in real time; a fake clock is moved to it too.
                    Err(_) => timer.sleep_until(deadline),
                }
            }
            Step::AwaitResponse => match arrivals.recv() {
                Ok(arrived) => deliver(&mut flow, arrived, &mut in_flight),
                Err(_) => return Err(sent.scrub(Error::invalid("flow", "awaits a response but none is in flight"))),
            },
        }
    }
}
