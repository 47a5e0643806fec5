//! What a phone arms and cancels so its notifications match the plan. The
//! core decides all of it (which ids go, which alarms come, with what words,
//! on which channel, exactly or in a window, and what to tell the person);
//! a shell runs the list. Before, each shell reconciled on its own and they
//! disagreed: Android armed while notifications were off and re-armed
//! everything after a boot, iOS did neither.

use std::collections::BTreeSet;

use crate::catalog::Locale;
use crate::clock::Millis;
use crate::reminders::{Reminder, ReminderKind};
use crate::screens::notices::Notice;

/// How many reminders a phone keeps armed: iOS holds 64 pending
/// notifications per app, and a few stay spare. Android keeps the same, so
/// both phones remind of the same things.
pub const ARMED_AT_MOST: u32 = 60;

/// How late a reminder may come without exact alarms: Android 14 does not
/// honour a shorter window, and the notice tells the person this figure.
pub const WINDOW_MS: Millis = 10 * 60 * 1000;

/// The armed list a shell passes: up to 10,000 reminder ids of 1 to 200
/// characters (what its record can honestly hold).
pub fn check_armed(armed: &[String]) -> crate::error::Result<()> {
    if armed.len() > 10_000 || armed.iter().any(|id| id.is_empty() || id.len() > 200) {
        return Err(crate::error::Error::invalid(
            "the armed list holds up to 10,000 reminder ids of 1 to 200 characters",
        ));
    }
    Ok(())
}

/// Why the phone plans again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The app started or came to the foreground.
    AppStart,
    /// A payload from the partner, or a restore, was imported.
    AfterImport,
    /// This phone changed something that is scheduled.
    AfterLocalChange,
    /// The clock was set.
    TimeChanged,
    /// The device's zone changed (travel, a DST rule).
    ZoneChanged,
    /// The phone restarted.
    Boot,
    /// Notifications or exact alarms were allowed or refused.
    PermissionChanged,
    /// A background task ran (the system may have dropped some meanwhile).
    BackgroundRefresh,
    /// The phone's language changed: the words of every reminder change.
    LanguageChanged,
}

impl Trigger {
    /// Whether the platform may have dropped or mistimed what the shell's
    /// record says is armed: a restart drops every alarm, a force stop or a
    /// revoked permission cancels them without a word, a granted exact-alarm
    /// permission should turn windows into exact times. Then every planned
    /// reminder is armed again, whatever the record says.
    pub fn rearms_all(self) -> bool {
        matches!(
            self,
            Trigger::AppStart | Trigger::Boot | Trigger::PermissionChanged
        )
    }
}

/// Whether the person lets the app show notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Allowed,
    Denied,
    /// Not asked yet (iOS asks once).
    NotAsked,
}

/// What the phone allows now, as its shell reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub notifications: Permission,
    /// Exact alarms (Android 12+'s "Alarms & reminders"); true where the
    /// platform has no such limit.
    pub exact_alarms: bool,
    /// Whether the platform keeps alarms armed while notifications are off
    /// (Android does, and shows them once allowed again; iOS refuses to add
    /// a notification it may not show). A fact of the platform, not a choice.
    pub holds_alarms_when_off: bool,
    /// Whether the armed ids come from the platform itself (iOS lists its
    /// pending requests) rather than a record the app keeps (AlarmManager
    /// has no list, and a restart or force stop drops alarms behind the
    /// record's back). A true list never needs re-arming for a trigger.
    pub lists_pending: bool,
}

/// The groups a person can mute one by one (Android channels, iOS threads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Channel {
    /// An occurrence of a ritual, snoozed or not.
    Rituals,
    /// A trial's last day, an agreement's review date.
    LookBack,
    /// A pause's promised return.
    Pauses,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Rituals, Channel::LookBack, Channel::Pauses];

    pub fn of(kind: ReminderKind) -> Channel {
        match kind {
            ReminderKind::Ritual | ReminderKind::Snoozed => Channel::Rituals,
            ReminderKind::TrialReview | ReminderKind::AgreementReview => Channel::LookBack,
            ReminderKind::PauseReturn => Channel::Pauses,
        }
    }

    /// A stable key for the platform (a channel id, a thread id): no words.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Rituals => "rituals",
            Channel::LookBack => "look-back",
            Channel::Pauses => "pauses",
        }
    }

    /// Its name in the phone's notification settings.
    pub fn title(self, l: Locale) -> String {
        l.say(match self {
            Channel::Rituals => "reminder-channel-rituals",
            Channel::LookBack => "reminder-channel-look-back",
            Channel::Pauses => "reminder-channel-pauses",
        })
    }
}

/// One notification to arm, with everything the platform needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    /// The reminder's id: arm under it, replacing one armed under it.
    pub id: String,
    pub kind: ReminderKind,
    pub channel: Channel,
    pub channel_title: String,
    /// Never before this instant.
    pub fire_at_ms: Millis,
    /// 0: exactly at `fire_at_ms`; otherwise up to this much later (the
    /// fallback without exact alarms).
    pub window_ms: Millis,
    /// The wall time on this phone ("2027-03-14 20:20") and whether the
    /// alarm follows it through a zone change (see `Reminder`).
    pub local_time: String,
    pub follows_device_zone: bool,
    /// What it shows: the private words when the person hides content.
    pub title: String,
    pub body: String,
    /// What a locked screen shows: never the ritual's words.
    pub public_title: String,
    pub public_body: String,
}

impl Alarm {
    fn of(r: &Reminder, exact: bool, l: Locale) -> Alarm {
        let channel = Channel::of(r.kind);
        let (title, body) = if r.hide_content {
            (&r.private_title, &r.private_body)
        } else {
            (&r.title, &r.body)
        };
        Alarm {
            id: r.id.clone(),
            kind: r.kind,
            channel,
            channel_title: channel.title(l),
            fire_at_ms: r.fire_at_ms,
            window_ms: if exact { 0 } else { WINDOW_MS },
            local_time: r.local_time.clone(),
            follows_device_zone: r.follows_device_zone,
            title: title.clone(),
            body: body.clone(),
            public_title: r.private_title.clone(),
            public_body: r.private_body.clone(),
        }
    }
}

/// The work for one re-plan, in the order to do it: cancel, then arm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arming {
    /// Ids armed and no longer wanted, sorted, each once.
    pub cancel: Vec<String>,
    /// In fire-time order.
    pub arm: Vec<Alarm>,
    /// What to tell the person (reminders will not show, or may be late);
    /// empty when everything is allowed.
    pub notices: Vec<Notice>,
    /// The whole plan, soonest first, whether or not it can be armed.
    pub planned: Vec<Reminder>,
}

/// What a shell tells the core about its last re-plan: only the exactness
/// it armed with, kept by the core between calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Memory {
    pub armed_exact: Option<bool>,
}

/// The work that makes `armed` (the ids the shell's record holds) match
/// `planned` under `access`. Pure: the same inputs give the same work.
pub fn work(
    planned: Vec<Reminder>,
    armed: &[String],
    (trigger, access): (Trigger, Access),
    memory: &mut Memory,
    l: Locale,
) -> Arming {
    let can_arm = access.notifications == Permission::Allowed || access.holds_alarms_when_off;
    // What cannot be shown is not kept armed where the platform would not
    // hold it: turning notifications on later re-plans (PermissionChanged).
    let wanted: Vec<&Reminder> = if can_arm {
        planned.iter().collect()
    } else {
        Vec::new()
    };
    let wanted_ids: BTreeSet<&str> = wanted.iter().map(|r| r.id.as_str()).collect();
    let armed_ids: BTreeSet<&str> = armed.iter().map(String::as_str).collect();
    let cancel = armed_ids
        .iter()
        .filter(|id| !wanted_ids.contains(*id))
        .map(|id| (*id).to_owned())
        .collect();
    let exactness_changed = memory
        .armed_exact
        .is_some_and(|was| was != access.exact_alarms);
    let rearm = (trigger.rearms_all() && !access.lists_pending) || exactness_changed;
    let arm = wanted
        .into_iter()
        .filter(|r| rearm || !armed_ids.contains(r.id.as_str()))
        .map(|r| Alarm::of(r, access.exact_alarms, l))
        .collect();
    if can_arm {
        memory.armed_exact = Some(access.exact_alarms);
    }
    Arming {
        cancel,
        arm,
        notices: notices(access),
        planned,
    }
}

/// What to tell the person about `access`: why reminders will not show, or
/// may come late. Empty when everything is allowed.
pub fn notices(access: Access) -> Vec<Notice> {
    [
        (access.notifications == Permission::Denied).then_some(Notice::NotificationsOff),
        (access.notifications == Permission::NotAsked).then_some(Notice::NotificationsNotAsked),
        (!access.exact_alarms).then_some(Notice::ExactAlarmsOff),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reminder(id: &str, at: Millis, kind: ReminderKind) -> Reminder {
        Reminder {
            id: id.into(),
            kind,
            source_id: "r1".into(),
            occurrence_start_ms: at,
            fire_at_ms: at,
            local_time: "2027-03-14 20:20".into(),
            zone: "Europe/Berlin".into(),
            lead_minutes: 0,
            title: "Evening check-in".into(),
            body: "Now, 20:20".into(),
            private_title: "Tandem".into(),
            private_body: "A moment for the two of you".into(),
            hide_content: true,
            follows_device_zone: false,
        }
    }

    fn plan() -> Vec<Reminder> {
        vec![
            reminder("a", 1_000, ReminderKind::Ritual),
            reminder("b", 2_000, ReminderKind::TrialReview),
            reminder("c", 3_000, ReminderKind::PauseReturn),
        ]
    }

    const ALL: Access = Access {
        notifications: Permission::Allowed,
        exact_alarms: true,
        holds_alarms_when_off: false,
        lists_pending: false,
    };

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn armed_ids(a: &Arming) -> Vec<&str> {
        a.arm.iter().map(|x| x.id.as_str()).collect()
    }

    #[test]
    fn arms_the_new_and_cancels_the_gone_once_each_sorted() {
        let mut m = Memory::default();
        let w = work(
            plan(),
            &ids(&["z", "b", "y", "z"]),
            (Trigger::AfterLocalChange, ALL),
            &mut m,
            Locale::En,
        );
        assert_eq!(armed_ids(&w), ["a", "c"]);
        assert_eq!(w.cancel, ["y", "z"]);
        assert!(w.notices.is_empty());
        assert_eq!(w.planned.len(), 3);
        assert_eq!(m.armed_exact, Some(true));
    }

    #[test]
    fn an_unchanged_plan_touches_nothing_unless_the_platform_may_have_dropped_it() {
        let mut m = Memory::default();
        let all = ids(&["a", "b", "c"]);
        for t in [
            Trigger::AfterImport,
            Trigger::AfterLocalChange,
            Trigger::TimeChanged,
            Trigger::ZoneChanged,
            Trigger::BackgroundRefresh,
            Trigger::LanguageChanged,
        ] {
            let w = work(plan(), &all, (t, ALL), &mut m, Locale::En);
            assert!(w.arm.is_empty() && w.cancel.is_empty(), "{t:?}");
        }
        for t in [Trigger::AppStart, Trigger::Boot, Trigger::PermissionChanged] {
            let w = work(plan(), &all, (t, ALL), &mut m, Locale::En);
            assert_eq!(armed_ids(&w), ["a", "b", "c"], "{t:?}");
            assert!(w.cancel.is_empty());
        }
    }

    #[test]
    fn a_platform_that_lists_what_is_pending_is_never_rearmed_for_a_trigger() {
        let mut m = Memory::default();
        let ios = Access {
            lists_pending: true,
            ..ALL
        };
        let all = ids(&["a", "b", "c"]);
        for t in [Trigger::AppStart, Trigger::Boot, Trigger::PermissionChanged] {
            let w = work(plan(), &all, (t, ios), &mut m, Locale::En);
            assert!(w.arm.is_empty() && w.cancel.is_empty(), "{t:?}");
        }
        // What it lost it lists as gone: armed again from the list alone.
        let w = work(
            plan(),
            &ids(&["a"]),
            (Trigger::BackgroundRefresh, ios),
            &mut m,
            Locale::En,
        );
        assert_eq!(armed_ids(&w), ["b", "c"]);
    }

    #[test]
    fn losing_exact_alarms_rearms_everything_in_a_window_and_says_so() {
        let mut m = Memory::default();
        let all = ids(&["a", "b", "c"]);
        work(plan(), &[], (Trigger::AppStart, ALL), &mut m, Locale::En);
        let no_exact = Access {
            exact_alarms: false,
            ..ALL
        };
        let w = work(
            plan(),
            &all,
            (Trigger::AfterImport, no_exact),
            &mut m,
            Locale::En,
        );
        assert_eq!(armed_ids(&w), ["a", "b", "c"]);
        assert!(w.arm.iter().all(|a| a.window_ms == WINDOW_MS));
        assert_eq!(w.notices, [Notice::ExactAlarmsOff]);
        // Seen once: the next re-plan with the same access is quiet again.
        let again = work(
            plan(),
            &all,
            (Trigger::AfterImport, no_exact),
            &mut m,
            Locale::En,
        );
        assert!(again.arm.is_empty());
        let back = work(
            plan(),
            &all,
            (Trigger::AfterImport, ALL),
            &mut m,
            Locale::En,
        );
        assert!(back.arm.iter().all(|a| a.window_ms == 0));
        assert_eq!(back.arm.len(), 3);
    }

    #[test]
    fn notifications_off_cancels_all_where_the_platform_cannot_hold_them() {
        let mut m = Memory::default();
        let denied = Access {
            notifications: Permission::Denied,
            ..ALL
        };
        let w = work(
            plan(),
            &ids(&["a", "q"]),
            (Trigger::AppStart, denied),
            &mut m,
            Locale::En,
        );
        assert!(w.arm.is_empty());
        assert_eq!(w.cancel, ["a", "q"]);
        assert_eq!(w.planned.len(), 3, "the plan is still shown in the app");
        assert_eq!(w.notices, [Notice::NotificationsOff]);
        assert_eq!(m.armed_exact, None);
        let not_asked = Access {
            notifications: Permission::NotAsked,
            ..ALL
        };
        let w = work(
            plan(),
            &[],
            (Trigger::AppStart, not_asked),
            &mut m,
            Locale::En,
        );
        assert_eq!(w.notices, [Notice::NotificationsNotAsked]);
    }

    #[test]
    fn notifications_off_keeps_alarms_where_the_platform_holds_them() {
        let mut m = Memory::default();
        let android_off = Access {
            notifications: Permission::Denied,
            exact_alarms: false,
            holds_alarms_when_off: true,
            lists_pending: false,
        };
        let w = work(
            plan(),
            &ids(&["a"]),
            (Trigger::AfterLocalChange, android_off),
            &mut m,
            Locale::En,
        );
        assert_eq!(armed_ids(&w), ["b", "c"]);
        assert!(w.cancel.is_empty());
        assert_eq!(
            w.notices,
            [Notice::NotificationsOff, Notice::ExactAlarmsOff]
        );
    }

    #[test]
    fn an_alarm_shows_the_private_words_when_content_is_hidden_and_never_on_a_locked_screen() {
        let mut m = Memory::default();
        let mut shown = plan();
        shown[0].hide_content = false;
        let w = work(shown, &[], (Trigger::AppStart, ALL), &mut m, Locale::En);
        let (a, b) = (&w.arm[0], &w.arm[1]);
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("Evening check-in", "Now, 20:20")
        );
        assert_eq!(
            (b.title.as_str(), b.body.as_str()),
            ("Tandem", "A moment for the two of you")
        );
        for x in &w.arm {
            assert_eq!(x.public_title, "Tandem");
            assert!(!x.public_body.contains("Evening"));
        }
        assert_eq!(
            w.arm
                .iter()
                .map(|a| (a.channel, a.channel.key()))
                .collect::<Vec<_>>(),
            [
                (Channel::Rituals, "rituals"),
                (Channel::LookBack, "look-back"),
                (Channel::Pauses, "pauses")
            ]
        );
    }

    #[test]
    fn channel_titles_come_from_the_catalog() {
        assert_eq!(Channel::LookBack.title(Locale::En), "Looking back together");
        assert_eq!(Channel::Pauses.title(Locale::De), "Pausen");
        for c in Channel::ALL {
            assert!(Channel::ALL.iter().filter(|d| d.key() == c.key()).count() == 1);
        }
    }
}
