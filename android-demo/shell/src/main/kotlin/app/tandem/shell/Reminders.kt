package app.tandem.shell

import app.tandem.ffi.Reminder
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.TandemException
import app.tandem.ffi.reconcileReminders

/**
 * The platform's notification scheduler (AlarmManager + NotificationManager
 * on Android). It only holds what it was told to arm; the core plans.
 */
interface ReminderScheduler {
    /** Ids of every reminder armed and not yet cancelled (fired ones may stay). */
    fun pendingIds(): List<String>

    /**
     * Arms [reminder] at its fireAtMs under its id, showing [title] and
     * [body] (already the private text when the reminder hides content), on
     * the channel `ReminderChannel.of(reminder.kind)`.
     */
    fun arm(reminder: Reminder, title: String, body: String)

    /** Cancels these ids; unknown ids are ignored. */
    fun cancel(ids: List<String>)
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

/** Why the reminders are planned again. */
enum class ReplanTrigger {
    APP_START,
    AFTER_IMPORT,
    AFTER_LOCAL_CHANGE,
    TIME_OR_ZONE_CHANGED,
    AFTER_BOOT,
    EXACT_ALARM_PERMISSION_CHANGED,
}

/** What one re-plan did. */
sealed class ReplanResult {
    abstract val trigger: ReplanTrigger

    /** [armed] in fire-time order; [cancelled] as the core listed them. */
    data class Replanned(
        override val trigger: ReplanTrigger,
        val planned: List<Reminder>,
        val armed: List<String>,
        val cancelled: List<String>,
    ) : ReplanResult()

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
 * an unchanged state touches nothing. Call [replan] for every trigger.
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

        /** The text to show: the private variant when content is hidden. */
        fun shownText(r: Reminder): Pair<String, String> =
            if (r.hideContent) r.privateTitle to r.privateBody else r.title to r.body
    }

    /** Serialised: two triggers at once must not interleave cancel and arm. */
    @Synchronized
    fun replan(trigger: ReplanTrigger): ReplanResult {
        val planned = try {
            plan(deviceZone(), LIMIT)
        } catch (e: TandemException) {
            return ReplanResult.Failed(trigger, UserMessages.forError(e), e)
        }
        val r = reconcileReminders(planned.map { it.id }, scheduler.pendingIds())
        if (r.cancel.isNotEmpty()) scheduler.cancel(r.cancel)
        val toArm = r.arm.toSet()
        val arming = planned.filter { it.id in toArm }
        arming.forEach { reminder ->
            val (title, body) = shownText(reminder)
            scheduler.arm(reminder, title, body)
        }
        return ReplanResult.Replanned(trigger, planned, arming.map { it.id }, r.cancel)
    }
}
