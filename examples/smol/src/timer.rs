//! The clock the core's flows wait on: the system time, and async-io's timer for sleeping.

use plex_auth_core::Timer;
use std::future::Future;
use std::time::{Instant, SystemTime};

/// The system clock, sleeping with async-io's [`smol::Timer`] (no runtime needs to be set up:
/// async-io drives its timers from `smol::block_on`, or from a thread of its own otherwise).
#[derive(Debug, Clone, Copy, Default)]
pub struct SmolTimer;

impl Timer for SmolTimer {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep_until(&self, deadline: SystemTime) -> impl Future<Output = ()> + Send {
        let wait = deadline.duration_since(SystemTime::now()).unwrap_or_default();
        // A deadline too far away for an `Instant` is never reached.
        let timer = Instant::now().checked_add(wait).map_or_else(smol::Timer::never, smol::Timer::at);
        async move {
            timer.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn sleeps_until_the_deadline_and_not_for_a_past_one() {
        let timer = SmolTimer;
        let start = Instant::now();
        smol::block_on(timer.sleep_until(timer.now() + Duration::from_millis(50)));
        assert!(start.elapsed() >= Duration::from_millis(45), "woke after {:?}", start.elapsed());
        let start = Instant::now();
        smol::block_on(timer.sleep_until(SystemTime::UNIX_EPOCH));
        assert!(start.elapsed() < Duration::from_secs(1));
    }
}
