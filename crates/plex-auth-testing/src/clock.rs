//! A clock whose sleeps return at once and move time forward: tests of waiting never wait.

use plex_auth_core::{BlockingTimer, Timer};
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

/// A fake [`Timer`] and [`BlockingTimer`]. Clones share one clock.
///
/// `sleep_until` records how long it was asked to wait and jumps `now` to the deadline, like
/// quinn-proto's test pair jumping to the next wake-up.
///
/// ```
/// use plex_auth_core::BlockingTimer;
/// use plex_auth_testing::FakeClock;
/// use std::time::Duration;
///
/// let clock = FakeClock::new();
/// let start = clock.now();
/// clock.sleep_until(start + Duration::from_secs(90));
/// assert_eq!(clock.now(), start + Duration::from_secs(90));
/// assert_eq!(clock.sleeps(), vec![Duration::from_secs(90)]);
/// ```
#[derive(Debug, Clone)]
pub struct FakeClock {
    state: Arc<Mutex<ClockState>>,
}

#[derive(Debug)]
struct ClockState {
    now: SystemTime,
    sleeps: Vec<Duration>,
}

impl Default for FakeClock {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeClock {
    /// A clock at 2026-01-01T00:00:00Z.
    pub fn new() -> Self {
        Self::at(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
    }

    /// A clock at `now`.
    pub fn at(now: SystemTime) -> Self {
        Self { state: Arc::new(Mutex::new(ClockState { now, sleeps: Vec::new() })) }
    }

    fn lock(&self) -> MutexGuard<'_, ClockState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The current fake time (the same as both timer traits' `now`).
    pub fn now(&self) -> SystemTime {
        self.lock().now
    }

    /// Moves time forward by `by` without recording a sleep.
    pub fn advance(&self, by: Duration) {
        self.lock().now += by;
    }

    /// Every wait asked of this clock, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    /// The time slept in all.
    pub fn slept(&self) -> Duration {
        self.lock().sleeps.iter().sum()
    }

    fn jump_to(&self, deadline: SystemTime) {
        let mut state = self.lock();
        let wait = deadline.duration_since(state.now).unwrap_or_default();
        state.sleeps.push(wait);
        state.now += wait;
    }
}

impl Timer for FakeClock {
    fn now(&self) -> SystemTime {
        self.lock().now
    }

    fn sleep_until(&self, deadline: SystemTime) -> impl Future<Output = ()> + Send {
        self.jump_to(deadline);
        std::future::ready(())
    }
}

impl BlockingTimer for FakeClock {
    fn now(&self) -> SystemTime {
        self.lock().now
    }

    fn sleep_until(&self, deadline: SystemTime) {
        self.jump_to(deadline);
    }
}
