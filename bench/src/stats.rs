//! Medians and percentiles: the machine is shared, so a bench reports the middle of several
//! interleaved rounds rather than their mean, which one busy moment would drag.

use std::time::Duration;

/// The `p`-th percentile (0.0..=1.0) of `values` by nearest rank; zero when empty.
pub fn percentile(values: &[Duration], p: f64) -> Duration {
    if values.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// The median of `values`; zero when empty.
pub fn median(values: &[Duration]) -> Duration {
    percentile(values, 0.5)
}

/// The median of plain numbers; zero when empty.
pub fn median_f64(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
}

/// `d` in microseconds, for tables.
pub fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// `d` in milliseconds, for tables.
pub fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
