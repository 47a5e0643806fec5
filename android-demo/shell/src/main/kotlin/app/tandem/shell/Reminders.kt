package app.tandem.shell

import app.tandem.ffi.Reminder
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.TandemException
import app.tandem.ffi.reconcileReminders

/**
 * The platform's notification scheduler (AlarmManager + NotificationManager
 * on Android). It only holds what it was told to arm; the core plans and
 * [ReminderCoordinator] decides how each alarm is timed.
 */
interface ReminderScheduler {
    /**
     * Ids of every reminder armed and not yet cancelled (fired ones may stay).
     * On Android this is the scheduler's own record (AlarmManager has no
     * list); after a reboot or a force stop the platform has dropped the
     * alarms, which the re-arming triggers ([ReplanTrigger.rearmsAll]) cover.
     */
    fun pendingIds(): List<String>

    /** What the person allows now: notifications shown, exact alarms. */
    fun access(): ReminderAccess

    /**
     * Arms [alarm] under its id, replacing one armed under the same id, and
     * remembers the id. [Alarm.title] and [Alarm.body] are already the
     * private text when the reminder hides content.
     */
    fun arm(alarm: Alarm)

    /** Cancels these ids; unknown ids are ignored. */
    fun cancel(ids: List<String>)
}

/**
 * What the person allows. [notifications]: POST_NOTIFICATIONS (Android 13+)
 * and the app's notifications switched on. [exactAlarms]: "Alarms &
 * reminders" (`AlarmManager.canScheduleExactAlarms()`, Android 12+).
 */
data class ReminderAccess(val notifications: Boolean, val exactAlarms: Boolean) {
    companion object {
        val ALL = ReminderAccess(notifications = true, exactAlarms = true)
    }
}

/** When the platform fires an alarm. */
sealed class AlarmTiming {
    /** At [atMs] exactly, even while the phone idles (`setExactAndAllowWhileIdle`). */
    data class Exact(val atMs: Long) : AlarmTiming()

    /**
     * From [startMs], a little late at most: the fallback without the
     * exact-alarm permission. Android arms it with `setAndAllowWhileIdle`,
     * which fires in Doze too (`setWindow` would wait for Doze's next
     * maintenance window, hours); [lengthMs] is the lateness a person is
     * told to expect. Never before the planned time, so a body such as
     * "In 30 min" is never early.
     */
    data class Window(val startMs: Long, val lengthMs: Long) : AlarmTiming()
}

/**
 * One alarm to arm: the core's reminder, the text to show, its channel and
 * timing. The notification built from it is always
 * `Notification.VISIBILITY_PRIVATE` ([lockScreenPrivate]) with a
 * public version holding only [publicTitle] and [publicBody]: on a locked
 * screen (or wherever the system shows the public version) nothing of the
 * ritual shows, whatever the person chose for [title] and [body].
 */
data class Alarm(
    val reminder: Reminder,
    val title: String,
    val body: String,
    val channel: ReminderChannel,
    val timing: AlarmTiming,
) {
    val id: String get() = reminder.id

    /** The public version's title: the core's private wording ("Tandem"), never the ritual's. */
    val publicTitle: String get() = reminder.privateTitle

    /** The public version's body: the core's private wording ("A moment for the two of you", …). */
    val publicBody: String get() = reminder.privateBody

    /** Always true: the app sets `VISIBILITY_PRIVATE` and the public version on every notification. */
    val lockScreenPrivate: Boolean get() = true

    /** The notification's Int id on Android: stable for the reminder's id. */
    val notificationId: Int get() = reminder.id.hashCode()
}

/**
 * The notification channel a reminder is armed on (Android channels, which
 * a person can mute one by one). The `when` in [ReminderChannel.of] is
 * exhaustive, so a new [ReminderKind] fails the build here until it has one.
 */
enum class ReminderChannel(val title: String) {
    /** An occurrence of a ritual, snoozed or not. */
    RITUALS("Rituals"),

    /** Looking back together: a trial's last day, an agreement's review date. */
    LOOK_BACK("Looking back together"),

    /** A pause's promised return, on both phones. */
    PAUSES("Pauses");

    companion object {
        fun of(kind: ReminderKind): ReminderChannel = when (kind) {
            ReminderKind.RITUAL, ReminderKind.SNOOZED -> RITUALS
            ReminderKind.TRIAL_REVIEW, ReminderKind.AGREEMENT_REVIEW -> LOOK_BACK
            ReminderKind.PAUSE_RETURN -> PAUSES
        }
    }
}

/**
 * Why the reminders are planned again; the app calls
 * [ReminderCoordinator.replan] with one of these at each moment:
 * [APP_START] when the app process starts, [AFTER_IMPORT] after
 * `syncIn` or a restore, [AFTER_LOCAL_CHANGE] after any local change that
 * touches schedules, [TIME_CHANGED] on `ACTION_TIME_CHANGED` (TIME_SET),
 * [ZONE_CHANGED] on `ACTION_TIMEZONE_CHANGED`, [BOOT] on `BOOT_COMPLETED`,
 * [EXACT_ALARM_PERMISSION_CHANGED] on
 * `ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED` (and when the app
 * comes back from the settings screen).
 *
 * [rearmsAll]: the platform may have dropped or mistimed what the
 * scheduler's record says is armed (a reboot drops every alarm; a force
 * stop or a revoked exact-alarm permission cancels them without telling
 * the app; a granted one should turn windowed alarms into exact ones), so
 * every planned reminder is armed again, whatever the record says.
 */
enum class ReplanTrigger(val rearmsAll: Boolean) {
    APP_START(true),
    AFTER_IMPORT(false),
    AFTER_LOCAL_CHANGE(false),
    TIME_CHANGED(false),
    ZONE_CHANGED(false),
    BOOT(true),
    EXACT_ALARM_PERMISSION_CHANGED(true),
}

/** What one re-plan did. */
sealed class ReplanResult {
    abstract val trigger: ReplanTrigger

    /**
     * [armed] in fire-time order; [cancelled] as the core listed them.
     * [access] is what the scheduler reported; [notices] are for a person
     * (why reminders will not show, or may come late), empty when all is
     * allowed. Nothing planned is lost either way: the alarms are armed.
     */
    data class Replanned(
        override val trigger: ReplanTrigger,
        val planned: List<Reminder>,
        val armed: List<String>,
        val cancelled: List<String>,
        val access: ReminderAccess = ReminderAccess.ALL,
        val notices: List<ReminderNotice> = emptyList(),
    ) : ReplanResult() {
        /** The timing used for the alarms armed: exact, or windowed as the fallback. */
        val exact: Boolean get() = access.exactAlarms
    }

    /** Planning failed; the scheduler was not touched. */
    data class Failed(
        override val trigger: ReplanTrigger,
        val message: String,
        val error: TandemException,
    ) : ReplanResult()
}

/**
 * Keeps the armed notifications equal to the core's plan: plans the soonest
 * [LIMIT] reminders, reconciles their ids with the scheduler's, cancels the
 * stale ones and then arms the new ones. Ids are stable across re-plans, so
 * an unchanged state touches nothing, except for a trigger that
 * [ReplanTrigger.rearmsAll] or a change of exact-alarm access seen since the
 * last re-plan: then every planned reminder is armed again. Without exact
 * alarms each is armed in a [WINDOW_MS] window from its time, and
 * [ReplanResult.Replanned.notices] says why. Call [replan] for every trigger.
 */
class ReminderCoordinator(
    private val plan: (deviceZone: String, limit: UInt) -> List<Reminder>,
    private val scheduler: ReminderScheduler,
    /** This device's IANA zone now (production: ZoneId.systemDefault().id). */
    private val deviceZone: () -> String,
) {
    constructor(controller: TandemController, scheduler: ReminderScheduler, deviceZone: () -> String) :
        this({ zone, limit -> controller.planReminders(zone, limit) }, scheduler, deviceZone)

    companion object {
        /** 60 fits under iOS's 64 pending notifications; Android uses the same. */
        const val LIMIT: UInt = 60u

        /** The window of a windowed alarm: Android 14 does not honour shorter ones. */
        const val WINDOW_MS: Long = 10L * 60 * 1000

        /** The text to show: the private variant when content is hidden. */
        fun shownText(r: Reminder): Pair<String, String> =
            if (r.hideContent) r.privateTitle to r.privateBody else r.title to r.body

        /** How [r] is armed under [access]. */
        fun alarm(r: Reminder, access: ReminderAccess): Alarm {
            val (title, body) = shownText(r)
            val timing = if (access.exactAlarms) AlarmTiming.Exact(r.fireAtMs) else AlarmTiming.Window(r.fireAtMs, WINDOW_MS)
            return Alarm(r, title, body, ReminderChannel.of(r.kind), timing)
        }

        /** What a person is told about [access]; empty when everything is allowed. */
        fun notices(access: ReminderAccess): List<ReminderNotice> = listOfNotNull(
            ReminderNotice.NOTIFICATIONS_OFF.takeUnless { access.notifications },
            ReminderNotice.EXACT_ALARMS_OFF.takeUnless { access.exactAlarms },
        )
    }

    private var lastExact: Boolean? = null

    /** What the scheduler allowed at the last re-plan that reached it; null before one. */
    @Volatile
    var lastAccess: ReminderAccess? = null
        private set

    /** Serialised: two triggers at once must not interleave cancel and arm. */
    @Synchronized
    fun replan(trigger: ReplanTrigger): ReplanResult {
        val planned = try {
            plan(deviceZone(), LIMIT)
        } catch (e: TandemException) {
            return ReplanResult.Failed(trigger, UserMessages.forError(e), e)
        }
        val access = scheduler.access()
        val rearm = trigger.rearmsAll || (lastExact != null && lastExact != access.exactAlarms)
        val r = reconcileReminders(planned.map { it.id }, scheduler.pendingIds())
        if (r.cancel.isNotEmpty()) scheduler.cancel(r.cancel)
        val toArm = r.arm.toSet()
        val arming = if (rearm) planned else planned.filter { it.id in toArm }
        arming.forEach { scheduler.arm(alarm(it, access)) }
        lastExact = access.exactAlarms
        lastAccess = access
        return ReplanResult.Replanned(trigger, planned, arming.map { it.id }, r.cancel, access, notices(access))
    }
}

/**
 * Why reminders may not show, or may come late: a notice with its words
 * and what the app can open to fix it, so the app never decides by
 * comparing sentences.
 */
enum class ReminderNotice {
    NOTIFICATIONS_OFF,
    EXACT_ALARMS_OFF,
    ;

    /** The words for a person. */
    val text: String
        get() = when (this) {
            NOTIFICATIONS_OFF -> UserMessages.NOTIFICATIONS_OFF
            EXACT_ALARMS_OFF -> UserMessages.EXACT_ALARMS_OFF
        }

    /** The phone's "Alarms & reminders" setting fixes it. */
    val opensExactAlarmSettings: Boolean get() = this == EXACT_ALARMS_OFF
}
