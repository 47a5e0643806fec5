//! Hybrid logical clock: wall time in milliseconds plus a logical counter, so
//! ops are ordered consistently with causality even when phone clocks drift.
//!
//! A wrong clock must never block sync for long: a change made while one
//! phone's clock ran ahead keeps its timestamp, and every later change of
//! that phone (its clock never goes back) carries one at least as late, so
//! refusing "ahead" ops at a tight bound blocked every payload until real
//! time caught up (hours). Ops are admitted up to `MAX_AHEAD_MS` ahead of
//! the receiving phone: that covers a phone a day wrong (a time set by hand,
//! a zone mix-up) and still bounds how far a partner can push the shared
//! clock: never past the receiver's own clock plus that margin, however many
//! payloads it sends, because each op is checked against the receiver's wall
//! clock, not against the shared one. Beyond it a payload is refused with
//! `ClockSkew`, which names the gap: the fix is a person setting a phone's
//! time. Anything more than `NOTICE_AHEAD_MS` ahead is admitted and reported.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::error::{Error, Result};

/// How far ahead of this device a partner's clock may be.
pub const MAX_AHEAD_MS: i64 = 48 * 60 * 60 * 1000;

/// A gap worth telling the person about (phones agree within seconds when
/// both take their time from the network).
pub const NOTICE_AHEAD_MS: i64 = 5 * 60 * 1000;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Hlc {
    pub wall_ms: Millis,
    pub logical: u32,
}

impl Hlc {
    pub fn new(wall_ms: Millis, logical: u32) -> Self {
        Self { wall_ms, logical }
    }

    /// The timestamp for a new local event.
    pub fn tick(self, now: Millis) -> Hlc {
        if now > self.wall_ms {
            Hlc::new(now, 0)
        } else {
            self.bump()
        }
    }

    /// Merges a remote timestamp into ours after receiving it.
    pub fn observe(self, remote: Hlc, now: Millis) -> Result<Hlc> {
        check_remote(remote, now)?;
        let wall = self.wall_ms.max(remote.wall_ms).max(now);
        let next = if wall == self.wall_ms && wall == remote.wall_ms {
            Hlc::new(wall, self.logical.max(remote.logical)).bump()
        } else if wall == self.wall_ms {
            self.bump()
        } else if wall == remote.wall_ms {
            remote.bump()
        } else {
            Hlc::new(wall, 0)
        };
        Ok(next)
    }

    fn bump(self) -> Hlc {
        match self.logical.checked_add(1) {
            Some(l) => Hlc::new(self.wall_ms, l),
            // Four billion events in one millisecond: borrow from the future.
            None => Hlc::new(self.wall_ms.saturating_add(1), 0),
        }
    }
}

/// Refuses a remote timestamp that runs too far ahead of `now`.
pub fn check_remote(remote: Hlc, now: Millis) -> Result<()> {
    let ahead = remote.wall_ms.saturating_sub(now);
    if ahead > MAX_AHEAD_MS {
        return Err(Error::ClockSkew {
            ahead_ms: ahead,
            max_ms: MAX_AHEAD_MS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tick_follows_wall_time_then_counts() {
        let h = Hlc::default().tick(100);
        assert_eq!(h, Hlc::new(100, 0));
        assert_eq!(h.tick(100), Hlc::new(100, 1));
        assert_eq!(
            h.tick(50),
            Hlc::new(100, 1),
            "a clock going back never goes back"
        );
        assert_eq!(h.tick(200), Hlc::new(200, 0));
    }

    #[test]
    fn observe_moves_past_remote() {
        let local = Hlc::new(100, 3);
        assert_eq!(
            local.observe(Hlc::new(150, 7), 120).unwrap(),
            Hlc::new(150, 8)
        );
        assert_eq!(
            local.observe(Hlc::new(100, 9), 90).unwrap(),
            Hlc::new(100, 10)
        );
        assert_eq!(
            local.observe(Hlc::new(50, 9), 90).unwrap(),
            Hlc::new(100, 4)
        );
        assert_eq!(
            local.observe(Hlc::new(50, 9), 500).unwrap(),
            Hlc::new(500, 0)
        );
    }

    #[test]
    fn remote_too_far_ahead_is_refused() {
        let now = 1_000_000;
        assert!(
            Hlc::default()
                .observe(Hlc::new(now + MAX_AHEAD_MS, 0), now)
                .is_ok()
        );
        let err = Hlc::default()
            .observe(Hlc::new(now + MAX_AHEAD_MS + 1, 0), now)
            .unwrap_err();
        assert!(matches!(err, Error::ClockSkew { .. }));
    }

    #[test]
    fn logical_overflow_moves_wall() {
        assert_eq!(Hlc::new(5, u32::MAX).tick(5), Hlc::new(6, 0));
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x41C),
            ..ProptestConfig::default()
        })]
        #[test]
        fn observe_is_greater_than_both(l in 0i64..1_000_000, ll in 0u32..10, r in 0i64..1_000_000, rl in 0u32..10, now in 0i64..1_000_000) {
            let local = Hlc::new(l, ll);
            let remote = Hlc::new(r, rl);
            if let Ok(next) = local.observe(remote, now) {
                prop_assert!(next > local);
                prop_assert!(next > remote);
                prop_assert!(next.wall_ms >= now);
            }
        }

        #[test]
        fn ticks_strictly_increase(start in 0i64..1_000, steps in proptest::collection::vec(-50i64..50, 1..50)) {
            let mut h = Hlc::default();
            let mut now = start;
            for s in steps {
                now += s;
                let next = h.tick(now);
                prop_assert!(next > h);
                h = next;
            }
        }
    }
}
