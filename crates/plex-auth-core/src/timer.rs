//! Time for code that waits (retries now, flows later): the core never reads the clock or sleeps
//! by itself, so the caller hands it a timer.
//!
//! Implementations live where a runtime is: `TokioTimer` in the async adapter crates, `StdTimer`
//! in `plex-auth-reqwest` (feature `blocking`), and `FakeClock` in `plex-auth-testing`, whose
//! sleeps advance time instantly so tests of waiting never wait.

use std::future::Future;
use std::time::SystemTime;

/// An async clock that can sleep.
pub trait Timer: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
    /// Completes at `deadline` (at once if it has passed).
    fn sleep_until(&self, deadline: SystemTime) -> impl Future<Output = ()> + Send;
}

/// A clock that can block the current thread until a deadline.
pub trait BlockingTimer {
    /// The current time.
    fn now(&self) -> SystemTime;
    /// Returns at `deadline` (at once if it has passed).
    fn sleep_until(&self, deadline: SystemTime);
}

impl<T: Timer + ?Sized> Timer for &T {
    fn now(&self) -> SystemTime {
        (**self).now()
    }
    fn sleep_until(&self, deadline: SystemTime) -> impl Future<Output = ()> + Send {
        (**self).sleep_until(deadline)
    }
}

impl<T: Timer + ?Sized> Timer for std::sync::Arc<T> {
    fn now(&self) -> SystemTime {
        (**self).now()
    }
    fn sleep_until(&self, deadline: SystemTime) -> impl Future<Output = ()> + Send {
        (**self).sleep_until(deadline)
    }
}

impl<T: BlockingTimer + ?Sized> BlockingTimer for &T {
    fn now(&self) -> SystemTime {
        (**self).now()
    }
    fn sleep_until(&self, deadline: SystemTime) {
        (**self).sleep_until(deadline);
    }
}

impl<T: BlockingTimer + ?Sized> BlockingTimer for std::sync::Arc<T> {
    fn now(&self) -> SystemTime {
        (**self).now()
    }
    fn sleep_until(&self, deadline: SystemTime) {
        (**self).sleep_until(deadline);
    }
}
