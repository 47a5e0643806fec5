//! The reminder arming across the FFI: one call gives a shell the ids to
//! cancel and the alarms to arm, worded, with their channel and timing.

use tandem_core::arming as core;

use crate::refusals::NoticeKind;
use crate::{Reminder, ReminderKind, Result, Tandem};

/// Why the phone plans again (see `tandem_core::arming::Trigger`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReplanTrigger {
    AppStart,
    AfterImport,
    AfterLocalChange,
    TimeChanged,
    ZoneChanged,
    Boot,
    PermissionChanged,
    BackgroundRefresh,
    LanguageChanged,
}

/// Whether the person lets the app show notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotificationPermission {
    Allowed,
    Denied,
    NotAsked,
}

/// What the platform allows now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ReminderAccess {
    pub notifications: NotificationPermission,
    /// Exact alarms; true where the platform has no such limit (iOS).
    pub exact_alarms: bool,
    /// The platform keeps alarms while notifications are off (Android: true;
    /// iOS refuses to add them: false).
    pub holds_alarms_when_off: bool,
    /// The armed ids come from the platform (iOS lists pending requests:
    /// true), not a record the app keeps (Android: false).
    pub lists_pending: bool,
}

/// A group a person can mute (an Android channel, an iOS thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReminderChannel {
    Rituals,
    LookBack,
    Pauses,
}

/// One notification to arm.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Alarm {
    /// Arm under this id, replacing one armed under it.
    pub id: String,
    pub kind: ReminderKind,
    pub channel: ReminderChannel,
    /// A stable id for the channel or thread ("rituals"): no words.
    pub channel_key: String,
    /// The channel's name in the phone's settings, in its language.
    pub channel_title: String,
    /// Never before this instant (Unix ms).
    pub fire_at_ms: i64,
    /// 0: exactly then; otherwise at most this much later.
    pub window_ms: i64,
    /// "2027-03-14 20:20" on this phone, and whether the alarm keeps that
    /// wall time through a zone change.
    pub local_time: String,
    pub follows_device_zone: bool,
    /// What it shows (already the private words when content is hidden).
    pub title: String,
    pub body: String,
    /// What a locked screen shows: never the ritual's words.
    pub public_title: String,
    pub public_body: String,
}

/// A notice that comes with a re-plan, with its words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderNotice {
    pub kind: NoticeKind,
    pub text: String,
    /// The phone's "Alarms & reminders" setting fixes it.
    pub opens_exact_alarm_settings: bool,
}

/// The work of one re-plan: cancel `cancel`, then arm `arm` in order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderArming {
    pub cancel: Vec<String>,
    pub arm: Vec<Alarm>,
    pub notices: Vec<ReminderNotice>,
    /// The whole plan, soonest first, armed or not.
    pub planned: Vec<Reminder>,
}

#[uniffi::export]
impl Tandem {
    /// What to cancel and arm so this phone's notifications match the plan.
    /// `armed`: the ids the shell's record holds; `access`: what the
    /// platform allows now. Call it for every trigger; run the result as
    /// it is (cancel first, then arm). The core keeps the exactness last
    /// armed with, so a change of exact-alarm access re-arms everything.
    pub fn arm_reminders(
        &self,
        device_zone: String,
        trigger: ReplanTrigger,
        armed: Vec<String>,
        access: ReminderAccess,
    ) -> Result<ReminderArming> {
        let access = access.to_core();
        let trigger = match trigger {
            ReplanTrigger::AppStart => core::Trigger::AppStart,
            ReplanTrigger::AfterImport => core::Trigger::AfterImport,
            ReplanTrigger::AfterLocalChange => core::Trigger::AfterLocalChange,
            ReplanTrigger::TimeChanged => core::Trigger::TimeChanged,
            ReplanTrigger::ZoneChanged => core::Trigger::ZoneChanged,
            ReplanTrigger::Boot => core::Trigger::Boot,
            ReplanTrigger::PermissionChanged => core::Trigger::PermissionChanged,
            ReplanTrigger::BackgroundRefresh => core::Trigger::BackgroundRefresh,
            ReplanTrigger::LanguageChanged => core::Trigger::LanguageChanged,
        };
        self.with(|c| {
            let locale = c.locale();
            let w = c.arm_reminders(&device_zone, trigger, &armed, access)?;
            Ok(arming(w, locale))
        })
    }
}

/// The core's arming as the bindings carry it, its notices in `locale`.
pub(crate) fn arming(w: core::Arming, locale: tandem_core::catalog::Locale) -> ReminderArming {
    ReminderArming {
        cancel: w.cancel,
        arm: w.arm.into_iter().map(alarm).collect(),
        notices: worded(w.notices, locale),
        planned: w.planned.into_iter().map(Into::into).collect(),
    }
}

/// Why reminders will not show or may come late under `access`, as the
/// platform allows things now (read on every return to the app), in the
/// language of `locale_tag`; empty when everything is allowed.
#[uniffi::export]
pub fn reminder_notices(access: ReminderAccess, locale_tag: String) -> Vec<ReminderNotice> {
    let locale = tandem_core::catalog::Locale::parse(&locale_tag).unwrap_or_default();
    worded(core::notices(access.to_core()), locale)
}

impl ReminderAccess {
    pub(crate) fn to_core(self) -> core::Access {
        core::Access {
            notifications: match self.notifications {
                NotificationPermission::Allowed => core::Permission::Allowed,
                NotificationPermission::Denied => core::Permission::Denied,
                NotificationPermission::NotAsked => core::Permission::NotAsked,
            },
            exact_alarms: self.exact_alarms,
            holds_alarms_when_off: self.holds_alarms_when_off,
            lists_pending: self.lists_pending,
        }
    }
}

fn worded(
    notices: Vec<tandem_core::screens::notices::Notice>,
    locale: tandem_core::catalog::Locale,
) -> Vec<ReminderNotice> {
    notices
        .into_iter()
        .map(|n| ReminderNotice {
            kind: n.into(),
            text: n.text(locale),
            opens_exact_alarm_settings: n == tandem_core::screens::notices::Notice::ExactAlarmsOff,
        })
        .collect()
}

fn alarm(a: core::Alarm) -> Alarm {
    Alarm {
        channel: match a.channel {
            core::Channel::Rituals => ReminderChannel::Rituals,
            core::Channel::LookBack => ReminderChannel::LookBack,
            core::Channel::Pauses => ReminderChannel::Pauses,
        },
        channel_key: a.channel.key().to_owned(),
        kind: crate::types::reminder_kind(a.kind),
        id: a.id,
        channel_title: a.channel_title,
        fire_at_ms: a.fire_at_ms,
        window_ms: a.window_ms,
        local_time: a.local_time,
        follows_device_zone: a.follows_device_zone,
        title: a.title,
        body: a.body,
        public_title: a.public_title,
        public_body: a.public_body,
    }
}
