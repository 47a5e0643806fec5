package app.tandem.shell

import app.tandem.ffi.PendingChange
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode

/** A button on a ritual's row; [RitualRow.actions] lists them in this order. */
enum class RitualAction {
    /** "Accept": the version waiting for this phone's answer. */
    ACCEPT,

    /**
     * "Decline": no reason asked. Ends a proposal or a suggested time; for a
     * change to a ritual in effect, drops the change and keeps the ritual.
     */
    DECLINE,

    /** "Suggest another time": a counter, or a change to a ritual in effect (the partner answers it). */
    COUNTER,
    PAUSE,
    RESUME,

    /** "Retire": ends the ritual on both phones. */
    RETIRE,
}

/** One ritual on the Rituals screen, as this phone sees it. */
data class RitualRow(
    val ritualId: String,
    val title: String,
    /** "HH:MM": the version in effect, else the one waiting for an answer. */
    val time: String,
    val minutes: Int,
    /** The IANA zone of a fixed-zone ritual; null when it follows the phone's zone. */
    val zone: String?,
    /** Where the ritual stands, in words, from this phone's side ([RitualTexts]). */
    val status: String,
    /**
     * A change waiting beside the version in effect (an amendment): show it
     * as "suggested: …" next to [time], which stays in effect until it is
     * accepted. Null when nothing is in effect yet (then [time] is the
     * suggestion) and when nothing waits.
     */
    val suggestion: PendingChange?,
    val actions: List<RitualAction>,
)

/** What the Rituals screen renders. */
sealed class RitualsScreen {
    /**
     * [rows]: rituals waiting for an answer, active or paused, in the order
     * they were proposed (the same on both phones). [ended]: declined and
     * retired ones, for a "past" section; they have no buttons.
     */
    data class Rows(val rows: List<RitualRow>, val ended: List<RitualRow>) : RitualsScreen() {
        val emptyMessage: String? get() = if (rows.isEmpty()) RitualTexts.EMPTY else null
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: TandemException) : RitualsScreen()

    companion object {
        /** The screen for [rituals] as seen from the device [myDeviceId] (hex). */
        fun of(rituals: List<Ritual>, myDeviceId: String): Rows {
            val (ended, live) = rituals.partition { it.status == RitualStatus.DECLINED || it.status == RitualStatus.RETIRED }
            return Rows(live.map { row(it, myDeviceId) }, ended.map { row(it, myDeviceId) })
        }

        /** Whether [r]'s waiting version is for [myDeviceId] to answer. */
        fun awaitsAnswerFrom(r: Ritual, myDeviceId: String): Boolean {
            val pending = r.pending ?: return false
            return pending.by != myDeviceId && when (r.status) {
                RitualStatus.PROPOSED, RitualStatus.COUNTERED, RitualStatus.ACTIVE, RitualStatus.PAUSED -> true
                RitualStatus.DECLINED, RitualStatus.RETIRED -> false
            }
        }

        fun row(r: Ritual, myDeviceId: String): RitualRow {
            val mine = awaitsAnswerFrom(r, myDeviceId)
            // A change of mine waits beside the version in effect.
            val myChange = r.pending != null && !mine
            val (status, actions) = when (r.status) {
                RitualStatus.PROPOSED ->
                    if (mine) RitualTexts.WAITING_FOR_YOU to ANSWER else RitualTexts.WAITING_FOR_PARTNER to NONE
                RitualStatus.COUNTERED ->
                    if (mine) RitualTexts.ANOTHER_TIME to ANSWER else RitualTexts.WAITING_FOR_PARTNER to NONE
                // A change to a ritual in effect: accepting replaces the version
                // in effect, declining drops the change, countering suggests another.
                RitualStatus.ACTIVE -> when {
                    mine -> RitualTexts.ACTIVE_CHANGE_FOR_YOU to ANSWER + listOf(RitualAction.PAUSE, RitualAction.RETIRE)
                    myChange -> RitualTexts.ACTIVE_CHANGE_FOR_PARTNER to ACTIVE
                    else -> RitualTexts.ACTIVE to ACTIVE
                }
                RitualStatus.PAUSED -> when {
                    mine -> RitualTexts.PAUSED_CHANGE_FOR_YOU to ANSWER + listOf(RitualAction.RESUME, RitualAction.RETIRE)
                    myChange -> RitualTexts.PAUSED_CHANGE_FOR_PARTNER to PAUSED
                    else -> RitualTexts.PAUSED to PAUSED
                }
                RitualStatus.DECLINED -> RitualTexts.NOT_GOING_AHEAD to NONE
                RitualStatus.RETIRED -> RitualTexts.RETIRED to NONE
            }
            val inEffect = r.status == RitualStatus.ACTIVE || r.status == RitualStatus.PAUSED
            return RitualRow(
                ritualId = r.id,
                title = r.title,
                time = r.timeOfDay,
                minutes = r.minutes.toInt(),
                zone = (r.zone as? ZoneMode.Fixed)?.zone,
                status = status,
                suggestion = if (inEffect) r.pending else null,
                actions = actions,
            )
        }

        private val NONE = emptyList<RitualAction>()
        private val ANSWER = listOf(RitualAction.ACCEPT, RitualAction.DECLINE, RitualAction.COUNTER)
        private val ACTIVE = listOf(RitualAction.COUNTER, RitualAction.PAUSE, RitualAction.RETIRE)
        private val PAUSED = listOf(RitualAction.COUNTER, RitualAction.RESUME, RitualAction.RETIRE)
    }
}

/**
 * The words on the Rituals screen. A ritual waiting for an answer is never a
 * failure and nobody is blamed: no "missed", no "ignored", no "late".
 */
object RitualTexts {
    const val WAITING_FOR_YOU = "Waiting for your answer"
    const val WAITING_FOR_PARTNER = "Waiting for your partner"

    /** The partner suggested another version of this phone's proposal. */
    const val ANOTHER_TIME = "Another time suggested"
    const val ACTIVE = "Active"
    const val ACTIVE_CHANGE_FOR_YOU = "A change waits for your answer"
    const val ACTIVE_CHANGE_FOR_PARTNER = "Active; your change waits for your partner"
    const val PAUSED = "Paused"
    const val PAUSED_CHANGE_FOR_YOU = "Paused; a change waits for your answer"
    const val PAUSED_CHANGE_FOR_PARTNER = "Paused; your change waits for your partner"

    /** Declined, on both phones: says what happens, not who did it. */
    const val NOT_GOING_AHEAD = "Not going ahead"
    const val RETIRED = "Retired"

    const val EMPTY = "No rituals yet. Suggest one to your partner."
}
