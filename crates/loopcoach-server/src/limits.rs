//! Sign-in rate limiting, decided here and counted in PostgreSQL (so every server copy sees
//! the same counts): failures per email and per client address within a sliding window.
//! [`LoginLimits::decide`] is the whole rule; storage only counts and records.

/// How many failed sign-ins are allowed within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// The sliding window, in seconds.
    pub window_secs: i64,
    /// Failures for one email within the window before it is refused.
    pub per_email: usize,
    /// Failures from one client address within the window before it is refused.
    pub per_client: usize,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits {
            window_secs: 15 * 60,
            per_email: 5,
            per_client: 30,
        }
    }
}

/// Whether an attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    Allowed,
    /// Refused: try again in this many seconds (at least 1).
    Wait(u64),
}

impl LoginLimits {
    /// Decide from the ages (seconds ago, any order) of the failures counted within the window
    /// for the email and for the client. When a count has reached its limit, the wait is until
    /// enough of the oldest failures leave the window for one more attempt to fit.
    pub fn decide(&self, email_ages: &[f64], client_ages: &[f64]) -> Throttle {
        let wait = |ages: &[f64], limit: usize| -> Option<u64> {
            if ages.len() < limit {
                return None;
            }
            let mut oldest_first: Vec<f64> = ages.to_vec();
            oldest_first.sort_by(|a, b| b.total_cmp(a));
            // Once this one leaves the window, the count is limit - 1.
            let age = oldest_first.get(ages.len() - limit).copied().unwrap_or(0.0);
            let left = (self.window_secs as f64 - age).ceil();
            Some(left.max(1.0) as u64)
        };
        match (
            wait(email_ages, self.per_email),
            wait(client_ages, self.per_client),
        ) {
            (None, None) => Throttle::Allowed,
            (a, b) => Throttle::Wait(a.unwrap_or(0).max(b.unwrap_or(0))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: LoginLimits = LoginLimits {
        window_secs: 600,
        per_email: 3,
        per_client: 5,
    };

    #[test]
    fn under_the_limits_is_allowed() {
        assert_eq!(L.decide(&[], &[]), Throttle::Allowed);
        assert_eq!(
            L.decide(&[1.0, 2.0], &[1.0, 2.0, 3.0, 4.0]),
            Throttle::Allowed
        );
    }

    #[test]
    fn at_the_email_limit_waits_for_the_oldest_to_leave_the_window() {
        assert_eq!(L.decide(&[10.0, 500.0, 20.0], &[]), Throttle::Wait(100));
        // Two over the limit: the second oldest must leave too.
        assert_eq!(
            L.decide(&[10.0, 500.0, 20.0, 400.0], &[]),
            Throttle::Wait(200)
        );
    }

    #[test]
    fn the_client_limit_counts_across_emails_and_the_longer_wait_wins() {
        let client = [1.0, 2.0, 3.0, 4.0, 300.0];
        assert_eq!(L.decide(&[], &client), Throttle::Wait(300));
        assert_eq!(L.decide(&[590.0, 1.0, 2.0], &client), Throttle::Wait(300));
        assert_eq!(L.decide(&[100.0, 1.0, 2.0], &client), Throttle::Wait(500));
    }

    #[test]
    fn the_wait_is_at_least_a_second() {
        assert_eq!(L.decide(&[599.99, 1.0, 1.0], &[]), Throttle::Wait(1));
        assert_eq!(L.decide(&[700.0, 1.0, 1.0], &[]), Throttle::Wait(1));
    }
}
