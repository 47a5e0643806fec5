//! The consent fold: a shared ritual's ops, in fold order, decide which
//! version is in effect, what waits for an answer, and its status.
//!
//! - A proposal founds the ritual at version 1; its author accepts it by
//!   proposing. A counter is a new version, accepted by its author.
//! - A version is in effect once both people of the pair accepted that
//!   exact version (acceptances name the version's hash). The fold sees
//!   each op under the phone of the person who wrote it (sync/people.rs
//!   maps a restored phone's ancestors to it and leaves out anyone who is
//!   not one of the two), so two ids here are the two people. A newer version waits beside it:
//!   nothing in effect is silently replaced.
//! - Declining needs no reason and ends a proposal that is not in effect.
//! - Either partner may pause and resume (the later op wins) or retire.

use crate::change::Change;
use crate::device::DeviceId;
use crate::rituals::change::RitualChange;
use crate::rituals::spec::{RitualSpec, Version};
use crate::rituals::timeline::{Period, TimelineBuilder};
use crate::sync::hlc::Hlc;
use crate::sync::op::Op;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RitualStatus {
    /// Proposed; waiting for the partner's answer (never a failure).
    Proposed,
    /// The partner suggested another time or day; waiting for an answer.
    Countered,
    Active,
    Paused,
    Declined,
    Retired,
}

impl RitualStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RitualStatus::Proposed => "proposed",
            RitualStatus::Countered => "countered",
            RitualStatus::Active => "active",
            RitualStatus::Paused => "paused",
            RitualStatus::Declined => "declined",
            RitualStatus::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "proposed" => RitualStatus::Proposed,
            "countered" => RitualStatus::Countered,
            "active" => RitualStatus::Active,
            "paused" => RitualStatus::Paused,
            "declined" => RitualStatus::Declined,
            "retired" => RitualStatus::Retired,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VersionEntry {
    pub spec: RitualSpec,
    pub hash: Version,
    pub author: DeviceId,
    pub at: Hlc,
}

/// What the ops of one shared ritual add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded {
    pub proposer: DeviceId,
    pub proposed_at: Hlc,
    pub status: RitualStatus,
    /// The version both accepted, if any.
    pub in_effect: Option<VersionEntry>,
    /// The newest version waiting for an answer, if any: not yet accepted
    /// by both, not declined, and the ritual neither declined nor retired.
    pub pending: Option<VersionEntry>,
    /// The newest version of all (what a declined proposal said).
    pub latest: VersionEntry,
    /// The versions that were in effect, and when (history.rs).
    pub timeline: Vec<Period>,
}

impl Folded {
    /// The version to show: the one in effect, else the newest.
    pub fn shown(&self) -> &VersionEntry {
        self.in_effect.as_ref().unwrap_or(&self.latest)
    }
}

/// The ritual change an op carries, if it carries one (other capabilities'
/// changes will share the log).
fn ritual_change(op: &Op) -> Option<&RitualChange> {
    match &op.change {
        Change::Ritual(c) => Some(c),
        _ => None,
    }
}

/// Folds a personal ritual's private ops: no one else to ask, so its
/// proposal is in effect at once and every new version replaces the last.
pub fn fold_personal(ops: &[Op]) -> Option<Folded> {
    let entry = |op: &Op, spec: &RitualSpec| VersionEntry {
        hash: spec.version(),
        spec: spec.clone(),
        author: op.device,
        at: op.hlc,
    };
    let (index, current) = ops
        .iter()
        .enumerate()
        .find_map(|(i, op)| match ritual_change(op) {
            Some(RitualChange::Proposed(spec)) => Some((i, entry(op, spec))),
            _ => None,
        })?;
    let founding = &ops[index];
    let (mut current, mut paused, mut retired) = (current, false, false);
    let mut timeline = TimelineBuilder::default();
    timeline.observe(founding.hlc.wall_ms, Some(&current.spec));
    for op in &ops[index + 1..] {
        match ritual_change(op) {
            Some(RitualChange::Countered(spec)) => current = entry(op, spec),
            Some(RitualChange::Paused) => paused = true,
            Some(RitualChange::Resumed) => paused = false,
            Some(RitualChange::Retired) => retired = true,
            _ => continue,
        }
        timeline.observe(
            op.hlc.wall_ms,
            Some(&current.spec).filter(|_| !paused && !retired),
        );
        if retired {
            break;
        }
    }
    let status = match (retired, paused) {
        (true, _) => RitualStatus::Retired,
        (false, true) => RitualStatus::Paused,
        (false, false) => RitualStatus::Active,
    };
    Some(Folded {
        proposer: founding.device,
        proposed_at: founding.hlc,
        status,
        in_effect: Some(current.clone()),
        pending: None,
        latest: current,
        timeline: timeline.finish(),
    })
}

/// Folds one ritual's ops (already in fold order). `None` until its
/// founding proposal has arrived.
pub fn fold(ops: &[Op]) -> Option<Folded> {
    let (founding, spec) = ops.iter().find_map(|op| match ritual_change(op) {
        Some(RitualChange::Proposed(spec)) => Some((op, spec)),
        _ => None,
    })?;
    let first = VersionEntry {
        hash: spec.version(),
        spec: spec.clone(),
        author: founding.device,
        at: founding.hlc,
    };
    let mut versions = vec![first.clone()];
    // Each device's latest acceptance.
    let mut accepted: Vec<(DeviceId, Version)> = vec![(founding.device, first.hash)];
    let mut in_effect: Option<VersionEntry> = None;
    let (mut declined, mut paused, mut retired) = (false, false, false);
    // Versions turned down: a declined change to a ritual in effect.
    let mut turned_down: Vec<Version> = Vec::new();
    let mut timeline = TimelineBuilder::default();

    let accept =
        |accepted: &mut Vec<(DeviceId, Version)>, device: DeviceId, hash: Version| match accepted
            .iter_mut()
            .find(|(d, _)| *d == device)
        {
            Some(slot) => slot.1 = hash,
            None => accepted.push((device, hash)),
        };
    // Ops that arrived before the founding proposal (impossible from an
    // honest device) are ignored on every replica alike.
    for (op, change) in ops
        .iter()
        .filter(|op| op.order_key() > founding.order_key())
        .filter_map(|op| ritual_change(op).map(|c| (op, c)))
    {
        if retired {
            break;
        }
        match change {
            RitualChange::Proposed(_) => {}
            RitualChange::Countered(spec) => {
                if declined {
                    continue;
                }
                let entry = VersionEntry {
                    hash: spec.version(),
                    spec: spec.clone(),
                    author: op.device,
                    at: op.hlc,
                };
                accept(&mut accepted, op.device, entry.hash);
                // Suggested again after being turned down: it waits anew.
                turned_down.retain(|h| *h != entry.hash);
                versions.push(entry);
            }
            RitualChange::Accepted { version } => {
                let known = versions
                    .iter()
                    .any(|v| v.hash == *version && v.author != op.device);
                if known && !declined {
                    accept(&mut accepted, op.device, *version);
                }
            }
            RitualChange::Declined { version } => {
                let latest = versions.last().map(|v| (v.hash, v.author));
                if latest.is_some_and(|(h, a)| h == *version && a != op.device) {
                    if in_effect.is_some() {
                        // A change to a ritual in effect: the change is
                        // dropped, the ritual stays as it was.
                        turned_down.push(*version);
                    } else {
                        declined = true;
                    }
                }
            }
            RitualChange::Paused => paused = in_effect.is_some(),
            RitualChange::Resumed => paused = false,
            RitualChange::Retired => retired = true,
            // Marks on single occurrences are folded in marks.rs.
            RitualChange::Done { .. }
            | RitualChange::Skipped { .. }
            | RitualChange::Moved { .. } => {}
        }
        // The newest version both people accepted is in effect.
        if let Some(v) = versions
            .iter()
            .rev()
            .find(|v| accepted.iter().filter(|(_, h)| *h == v.hash).count() >= 2)
        {
            in_effect = Some(v.clone());
        }
        let effective = in_effect
            .as_ref()
            .filter(|_| !paused && !retired)
            .map(|v| &v.spec);
        timeline.observe(op.hlc.wall_ms, effective);
    }

    let latest = versions.last().cloned().unwrap_or(first);
    let pending = Some(&latest)
        .filter(|v| in_effect.as_ref().is_none_or(|e| e.at < v.at))
        .filter(|v| !turned_down.contains(&v.hash))
        .filter(|_| !declined && !retired)
        .cloned();
    let status = if retired {
        RitualStatus::Retired
    } else if in_effect.is_some() {
        if paused {
            RitualStatus::Paused
        } else {
            RitualStatus::Active
        }
    } else if declined {
        RitualStatus::Declined
    } else if pending
        .as_ref()
        .is_some_and(|p| p.author != founding.device)
    {
        RitualStatus::Countered
    } else {
        RitualStatus::Proposed
    };
    Some(Folded {
        proposer: founding.device,
        proposed_at: founding.hlc,
        status,
        in_effect,
        pending,
        latest,
        timeline: timeline.finish(),
    })
}
