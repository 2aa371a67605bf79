//! Timers for [`Retrying`](plex_auth_core::Retrying) (and, later, flows): the system clock and
//! this crate's runtime's sleep. The core never reads the clock itself.

use plex_auth_core::Timer;
use std::future::Future;
use std::time::SystemTime;

/// The system clock, sleeping with `tokio::time` (needs a tokio runtime with time enabled).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioTimer;

impl Timer for TokioTimer {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep_until(&self, deadline: SystemTime) -> impl Future<Output = ()> + Send {
        tokio::time::sleep(deadline.duration_since(SystemTime::now()).unwrap_or_default())
    }
}
