package app.tandem.shell

import app.tandem.ffi.PendingChange
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode

/** A button on a ritual's row; [RitualRow.actions] lists them in this order. */
enum class RitualAction(val label: String) {
    /**
     * "Look back": a gentle experiment reached its last day. Offers keep,
     * adjust or stop ([TandemController.keepRitual], [TandemController.adjustRitual],
     * [TandemController.stopRitual]). While it shows, changes go through
     * the review's adjust, so COUNTER and CHANGE are not offered.
     */
    REVIEW("Look back"),

    /** "Accept": the version waiting for this phone's answer. */
    ACCEPT("Accept"),

    /**
     * "Decline": no reason asked. Ends a proposal or a suggested time; for a
     * change to a ritual in effect, drops the change and keeps the ritual.
     */
    DECLINE("Decline"),

    /** "Suggest another time": a counter, or a change to a ritual in effect (the partner answers it). */
    COUNTER("Suggest another time"),

    /** "Change": a personal ritual's new version, in effect at once (the same core call as COUNTER). */
    CHANGE("Change"),
    PAUSE("Pause"),
    RESUME("Resume"),

    /** "Retire": ends the ritual on both phones. */
    RETIRE("Retire"),
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
    /** This phone's own ritual: never synced, needs no answer, nobody else sees it. */
    val personal: Boolean = false,
    /** "YYYY-MM-DD": the version in effect is a gentle experiment tried until this day. */
    val trialUntil: String? = null,
    /** The experiment reached its last day and waits for a look back ([RitualAction.REVIEW]). */
    val reviewDue: Boolean = false,
    /**
     * The version waiting for this phone's answer, every field in the core's
     * words ("repeats: Mon to Thu"), to read whole before accepting; empty
     * when nothing waits for this phone.
     */
    val reads: List<String> = emptyList(),
    /** What that version changes: "repeats: Tue and Thu instead of every day". */
    val changes: List<String> = emptyList(),
    /** The version an answer names ([TandemController.acceptRitualVersion]); null when nothing waits for this phone. */
    val answerVersion: String? = null,
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

        /** The rows whose experiment waits for a look back, for a section at the top. */
        val reviewsDue: List<RitualRow> get() = rows.filter { it.reviewDue }
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: TandemException) : RitualsScreen()

    companion object {
        /**
         * The screen for [rituals] as seen from the device [myDeviceId] (hex);
         * [reviewsDue] holds the ids the core's `reviewsDue` returned.
         */
        fun of(rituals: List<Ritual>, myDeviceId: String, reviewsDue: Set<String> = emptySet()): Rows {
            val (ended, live) = rituals.partition { it.status == RitualStatus.DECLINED || it.status == RitualStatus.RETIRED }
            return Rows(live.map { row(it, myDeviceId, it.id in reviewsDue) }, ended.map { row(it, myDeviceId, false) })
        }

        /** Whether [r]'s waiting version is for [myDeviceId] to answer. */
        fun awaitsAnswerFrom(r: Ritual, myDeviceId: String): Boolean {
            val pending = r.pending ?: return false
            return pending.by != myDeviceId && when (r.status) {
                RitualStatus.PROPOSED, RitualStatus.COUNTERED, RitualStatus.ACTIVE, RitualStatus.PAUSED -> true
                RitualStatus.DECLINED, RitualStatus.RETIRED -> false
            }
        }

        fun row(r: Ritual, myDeviceId: String, reviewDue: Boolean = false): RitualRow {
            val mine = awaitsAnswerFrom(r, myDeviceId)
            // A change of mine waits beside the version in effect.
            val myChange = r.pending != null && !mine
            val (status, actions) = if (r.personal) personal(r) else when (r.status) {
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
            // Due for a look back: changes go through the review's adjust.
            val (shownStatus, shownActions) = if (reviewDue && inEffect) {
                RitualTexts.REVIEW_DUE to listOf(RitualAction.REVIEW) +
                    actions.filter { it != RitualAction.COUNTER && it != RitualAction.CHANGE }
            } else {
                status to actions
            }
            return RitualRow(
                ritualId = r.id,
                title = r.title,
                time = r.timeOfDay,
                minutes = r.minutes.toInt(),
                zone = (r.zone as? ZoneMode.Fixed)?.zone,
                status = shownStatus,
                suggestion = if (inEffect) r.pending else null,
                actions = shownActions,
                personal = r.personal,
                trialUntil = r.trialUntil,
                reviewDue = reviewDue && inEffect,
                reads = if (mine) r.pending?.terms.orEmpty().map { "${it.label}: ${it.text}" } else emptyList(),
                changes = if (mine) r.pending?.changes.orEmpty().map { it.summary } else emptyList(),
                answerVersion = if (mine) r.pending?.version else null,
            )
        }

        /** A personal ritual: nobody to wait for, so it is in effect, paused or retired. */
        private fun personal(r: Ritual): Pair<String, List<RitualAction>> = when (r.status) {
            RitualStatus.ACTIVE -> RitualTexts.PERSONAL to listOf(RitualAction.CHANGE, RitualAction.PAUSE, RitualAction.RETIRE)
            RitualStatus.PAUSED -> RitualTexts.PERSONAL_PAUSED to listOf(RitualAction.CHANGE, RitualAction.RESUME, RitualAction.RETIRE)
            RitualStatus.RETIRED, RitualStatus.DECLINED -> RitualTexts.RETIRED to NONE
            // Not made by the core for a personal ritual; shown as in effect.
            RitualStatus.PROPOSED, RitualStatus.COUNTERED -> RitualTexts.PERSONAL to NONE
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

    /** A personal ritual in effect: this phone's own, shared with nobody. */
    const val PERSONAL = "Just for you"
    const val PERSONAL_PAUSED = "Paused; just for you"

    /** A gentle experiment reached its last day. */
    const val REVIEW_DUE = "Time to look back: keep it, adjust it, or stop?"

    const val EMPTY = "No rituals yet. Suggest one to your partner."
}
