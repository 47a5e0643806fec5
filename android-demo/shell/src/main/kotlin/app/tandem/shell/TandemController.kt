package app.tandem.shell

import app.tandem.ffi.DeviceInfo
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Occurrence
import app.tandem.ffi.PairingStatus
import app.tandem.ffi.Ritual
import app.tandem.ffi.Reminder
import app.tandem.ffi.ReminderSettings
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import java.io.IOException

/** One row of the Today screen. */
data class AgendaRow(
    val ritualId: String,
    val title: String,
    /** "HH:MM" on this device's clock. */
    val time: String,
    /** "YYYY-MM-DD" on this device's clock. */
    val date: String,
    val startMs: Long,
    val minutes: Long,
    /** The IANA zone the ritual's time is defined in. */
    val zone: String,
    /**
     * "HH:MM" in [zone] when the wall time there differs from the device's
     * (a fixed-zone ritual seen from elsewhere): show it beside [time].
     * Null when both clocks read the same.
     */
    val zoneTime: String?,
)

/** What the Today screen renders. */
sealed class TodayState {
    /** The next 24 hours, soonest first; [rows] may be empty. */
    data class Agenda(val rows: List<AgendaRow>) : TodayState() {
        val emptyMessage: String? get() = if (rows.isEmpty()) UserMessages.EMPTY_TODAY else null
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: TandemException) : TodayState()
}

/**
 * The app's one handle on the core. Opens the database once, with the key from
 * [keys], and passes every call straight through: validation, time zones and
 * DST are the core's. Actions throw [TandemException] (turn it into words with
 * [UserMessages.forError]); the Today screen state carries its error instead.
 * Safe to call from several threads: the core serialises calls.
 */
class TandemController private constructor(private val tandem: Tandem) : AutoCloseable {

    companion object {
        const val DAY_MS: Long = 24L * 60 * 60 * 1000

        /**
         * Opens (or, with [deviceName], creates) the database at [path].
         * [clock] is for tests and demos; production passes none and the core
         * reads the system clock.
         */
        @Throws(TandemException::class)
        fun open(
            path: String,
            keys: StorageKeyProvider,
            deviceName: String?,
            clock: ManualClock? = null,
        ): TandemController {
            val key = keys.storageKey()
            val tandem = try {
                if (clock == null) {
                    Tandem.open(path, key, deviceName)
                } else {
                    Tandem.openWithClock(path, key, deviceName, clock)
                }
            } finally {
                key.fill(0)
            }
            return TandemController(tandem)
        }
    }

    @Throws(TandemException::class)
    fun device(): DeviceInfo = tandem.device()

    @Throws(TandemException::class)
    fun renameDevice(name: String) = tandem.setDeviceName(name)

    /**
     * Proposes a ritual as typed. [minutes] comes from a picker as an Int; a
     * negative value is passed on as a value the core refuses, never clamped.
     */
    @Throws(TandemException::class)
    fun proposeRitual(
        title: String,
        prompt: String?,
        minutes: Int,
        timeOfDay: String,
        zone: ZoneMode,
    ): Ritual = tandem.proposeRitual(draft(title, prompt, minutes, timeOfDay, zone))

    @Throws(TandemException::class)
    fun rituals(): List<Ritual> = tandem.rituals()

    /** Proposes a full draft (repeat, window, reminder leads) as built by a form. */
    @Throws(TandemException::class)
    fun proposeDraft(draft: RitualDraft): Ritual = tandem.proposeRitual(draft)

    // Reminders and occurrence marks. After any of the marks, re-plan
    // (ReminderCoordinator.replan with AFTER_LOCAL_CHANGE).

    /** The soonest [limit] reminders for active rituals, for a device in [deviceZone]. */
    @Throws(TandemException::class)
    fun planReminders(deviceZone: String, limit: UInt): List<Reminder> = tandem.planReminders(deviceZone, limit)

    @Throws(TandemException::class)
    fun reminderSettings(): ReminderSettings = tandem.reminderSettings()

    @Throws(TandemException::class)
    fun setReminderSettings(settings: ReminderSettings) = tandem.setReminderSettings(settings)

    /** [date] is the occurrence's key ([Occurrence.date]). */
    @Throws(TandemException::class)
    fun markDone(ritualId: String, date: String, note: String? = null, feeling: String? = null) =
        tandem.markDone(ritualId, date, note, feeling)

    @Throws(TandemException::class)
    fun skipOccurrence(ritualId: String, date: String) = tandem.skipOccurrence(ritualId, date)

    @Throws(TandemException::class)
    fun moveOccurrence(ritualId: String, date: String, toMs: Long) = tandem.moveOccurrence(ritualId, date, toMs)

    // Consent: each action returns the ritual as it now stands. The core
    // decides what is allowed (the buttons of [ritualsScreen] follow its
    // rules); a refusal is TandemException.InvalidInput, and for the five
    // actions without typed input it means the screen was out of date:
    // tell the person with [UserMessages.forRitualAction], then redraw.

    /** Accepts the version waiting for this phone's answer. */
    @Throws(TandemException::class)
    fun acceptRitual(id: String): Ritual = tandem.acceptRitual(id)

    /**
     * Declines what waits for this phone's answer; no reason is asked. A
     * proposal or suggested time ends; a change to a ritual in effect is
     * dropped and the ritual stays as it was.
     */
    @Throws(TandemException::class)
    fun declineRitual(id: String): Ritual = tandem.declineRitual(id)

    /**
     * Suggests another version of ritual [id] (title, prompt, length, time,
     * zone), typed as for [proposeRitual]. The ritual's repeat, window and
     * reminders are not on this form, so they carry over unchanged (a bare
     * draft would reset them to "every day"). For a ritual in effect the
     * suggestion waits beside the current version until the partner accepts.
     */
    @Throws(TandemException::class)
    fun counterRitual(
        id: String,
        title: String,
        prompt: String?,
        minutes: Int,
        timeOfDay: String,
        zone: ZoneMode,
    ): Ritual {
        val typed = draft(title, prompt, minutes, timeOfDay, zone)
        // An unknown id is the core's to refuse.
        val current = tandem.rituals().firstOrNull { it.id == id }
        val full = if (current == null) {
            typed
        } else {
            typed.copy(recurrence = current.recurrence, windowEnd = current.windowEnd, leadMinutes = current.leadMinutes)
        }
        return tandem.counterRitual(id, full)
    }

    @Throws(TandemException::class)
    fun pauseRitual(id: String): Ritual = tandem.pauseRitual(id)

    @Throws(TandemException::class)
    fun resumeRitual(id: String): Ritual = tandem.resumeRitual(id)

    /** Ends the ritual on both phones. */
    @Throws(TandemException::class)
    fun retireRitual(id: String): Ritual = tandem.retireRitual(id)

    /** The Rituals screen: every ritual, with words and buttons for this phone's side. */
    fun ritualsScreen(): RitualsScreen = try {
        val me = tandem.device().deviceId
        RitualsScreen.of(tandem.rituals(), me)
    } catch (e: TandemException) {
        RitualsScreen.Failed(UserMessages.forError(e), e)
    }

    @Throws(TandemException::class)
    fun upcoming(fromMs: Long, toMs: Long, deviceZone: String): List<Occurrence> =
        tandem.upcoming(fromMs, toMs, deviceZone)

    /** The Today screen: occurrences starting in the next 24 hours from [nowMs]. */
    fun todayAgenda(nowMs: Long, deviceZone: String): TodayState = try {
        TodayState.Agenda(
            tandem.upcoming(nowMs, nowMs + DAY_MS, deviceZone).map { o ->
                // The core renders both wall times as "YYYY-MM-DD HH:MM":
                // deviceLocalStart on this device's clock, localStart in o.zone.
                val (date, time) = splitLocal(o.deviceLocalStart)
                AgendaRow(
                    ritualId = o.ritualId,
                    title = o.title,
                    time = time,
                    date = date,
                    startMs = o.startMs,
                    minutes = (o.endMs - o.startMs) / 60_000,
                    zone = o.zone,
                    zoneTime = if (o.localStart != o.deviceLocalStart) splitLocal(o.localStart).second else null,
                )
            },
        )
    } catch (e: TandemException) {
        TodayState.Failed(UserMessages.forError(e), e)
    }

    /** The pairing screens, starting from the core's current status. */
    fun pairingFlow(): PairingFlow = PairingFlow(tandem).also { it.refresh() }

    @Throws(TandemException::class)
    fun pairingStatus(): PairingStatus = tandem.pairingStatus()

    /** Forgets the partner on this phone: their payloads are refused from now on. */
    @Throws(TandemException::class)
    fun unpair() = tandem.unpair()

    /**
     * Exports everything the partner lacks and hands it to [transport]. Throws
     * [TandemException.NotPaired] until the digits are confirmed. If the
     * transport fails, nothing is lost: the next export carries the same
     * changes again.
     */
    @Throws(TandemException::class, IOException::class)
    fun syncOut(transport: SyncTransport): SyncOutResult {
        val payloads = tandem.exportPayloads()
        return SyncOutResult(payloads.size, transport.send(payloads))
    }

    /**
     * Imports every payload [transport] holds, each all or nothing, and tells
     * the transport which ones the core now holds. A refused payload is
     * reported with a message and left with the transport; the others still
     * import.
     */
    @Throws(IOException::class)
    fun syncIn(transport: SyncTransport): SyncInResult = SyncInResult(
        transport.receive().map { item ->
            try {
                val report = tandem.importPayload(item.payload())
                transport.imported(item)
                SyncItem.Imported(item.source, report)
            } catch (e: TandemException) {
                SyncItem.Refused(item.source, UserMessages.forError(e), e)
            }
        },
    )

    /** A negative [minutes] from a picker is passed on as a value the core refuses, never clamped. */
    private fun draft(title: String, prompt: String?, minutes: Int, timeOfDay: String, zone: ZoneMode) = RitualDraft(
        title = title,
        prompt = prompt,
        minutes = if (minutes < 0) UInt.MAX_VALUE else minutes.toUInt(),
        timeOfDay = timeOfDay,
        zone = zone,
    )

    private fun splitLocal(local: String): Pair<String, String> =
        local.split(' ', limit = 2).let { it[0] to it.getOrElse(1) { "" } }

    /**
     * Closes the database (the core checkpoints and releases the file). Later
     * calls fail with [TandemException.Closed]; closing twice is fine. The
     * native handle itself is released by uniffi's cleaner when this
     * controller is collected, so late calls get `Closed`, not a crash.
     */
    @Throws(TandemException::class)
    override fun close() = tandem.closeDatabase()
}
