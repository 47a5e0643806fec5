package app.tandem.shell

import app.tandem.ffi.NotificationPermission
import app.tandem.ffi.PhoneNow
import app.tandem.ffi.Reminder
import app.tandem.ffi.ReminderArming
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.reminderNotices

/** One notification to arm, as the core words and times it (see `tandem_core::arming`). */
typealias Alarm = app.tandem.ffi.Alarm

/** Why the reminders are planned again (the core's list of moments). */
typealias ReplanTrigger = app.tandem.ffi.ReplanTrigger

/** Why reminders may not show or may come late, with the core's words. */
typealias ReminderNotice = app.tandem.ffi.ReminderNotice

/** Android's notification id for an alarm: stable for its reminder id. */
val Alarm.notificationId: Int get() = id.hashCode()

/** Armed exactly at [Alarm.fireAtMs]; otherwise at most [Alarm.windowMs] later. */
val Alarm.exact: Boolean get() = windowMs == 0L

/** The platform's notification scheduler (AlarmManager + NotificationManager); what to arm, the core decides. */
interface ReminderScheduler {
    /**
     * Ids armed and not cancelled: on Android the scheduler's own record
     * (AlarmManager has no list), which a reboot or force stop makes stale.
     */
    fun pendingIds(): List<String>

    fun access(): ReminderAccess

    /** Arms [alarm] under its id (on its channel), replacing one armed under the same id, and remembers the id. */
    fun arm(alarm: Alarm)

    /** Unknown ids are ignored. */
    fun cancel(ids: List<String>)
}

/**
 * What the person allows. [notifications]: POST_NOTIFICATIONS (Android 13+)
 * and the app's notifications switched on. [exactAlarms]: "Alarms &
 * reminders" (`AlarmManager.canScheduleExactAlarms()`, Android 12+).
 */
data class ReminderAccess(val notifications: Boolean, val exactAlarms: Boolean) {
    /**
     * As the core reads it: Android keeps alarms while notifications are
     * off, and the armed ids are the scheduler's record (AlarmManager has
     * no list), which a reboot or force stop can make stale.
     */
    fun forCore() = app.tandem.ffi.ReminderAccess(
        notifications = if (notifications) NotificationPermission.ALLOWED else NotificationPermission.DENIED,
        exactAlarms = exactAlarms,
        holdsAlarmsWhenOff = true,
        listsPending = false,
    )

    fun notices(language: String): List<ReminderNotice> = reminderNotices(forCore(), language)

    companion object {
        val ALL = ReminderAccess(notifications = true, exactAlarms = true)
    }
}

/** What one re-plan did. */
sealed class ReplanResult {
    abstract val trigger: ReplanTrigger

    /** [armed] in fire-time order; [cancelled] sorted; [notices] for a person, empty when all is allowed. */
    data class Replanned(
        override val trigger: ReplanTrigger,
        val planned: List<Reminder>,
        val armed: List<String>,
        val cancelled: List<String>,
        val access: ReminderAccess = ReminderAccess.ALL,
        val notices: List<ReminderNotice> = emptyList(),
    ) : ReplanResult() {
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
 * Keeps the armed notifications equal to the core's plan: cancels and arms
 * exactly what the core says, after a re-plan and after a person's action
 * or form ([carryOut]), one at a time.
 */
class ReminderCoordinator(
    private val core: Tandem,
    private val scheduler: ReminderScheduler,
    /** This device's IANA zone now (production: ZoneId.systemDefault().id). */
    private val deviceZone: () -> String,
) {
    constructor(controller: TandemController, scheduler: ReminderScheduler, deviceZone: () -> String) :
        this(controller.core, scheduler, deviceZone)

    /** What the scheduler allowed at the last re-plan that reached it; null before one. */
    @Volatile
    var lastAccess: ReminderAccess? = null
        private set

    /** Serialised with [carryOut]: two triggers at once must not interleave cancel and arm. */
    @Synchronized
    fun replan(trigger: ReplanTrigger): ReplanResult {
        val access = scheduler.access()
        val w = try {
            core.armReminders(deviceZone(), trigger, scheduler.pendingIds(), access.forCore())
        } catch (e: TandemException) {
            return ReplanResult.Failed(trigger, UserMessages.forError(e), e)
        }
        arm(w, access)
        return ReplanResult.Replanned(trigger, w.planned, w.arm.map { it.id }, w.cancel, access, w.notices)
    }

    /**
     * Makes [call] (an action, a form's submit: one core call) against this
     * phone as it stands in [zone] (the scheduler's record and what it
     * allows), then carries out the reminders of the outcome it answers
     * with ([effects]; null: nothing changed, nothing to arm). A refusal
     * throws [TandemException]: nothing changed, the scheduler untouched.
     */
    @Synchronized
    fun <T> carryOut(zone: String, effects: (T) -> ActionEffects?, call: (Tandem, PhoneNow) -> T): T {
        val access = scheduler.access()
        return call(core, PhoneNow(zone, scheduler.pendingIds(), access.forCore())).also { r -> effects(r)?.let { arm(it.reminders, access) } }
    }

    /** Cancels first, then arms: the one place an arming reaches the scheduler. */
    private fun arm(w: ReminderArming, access: ReminderAccess) {
        if (w.cancel.isNotEmpty()) scheduler.cancel(w.cancel)
        w.arm.forEach(scheduler::arm)
        lastAccess = access
    }
}
