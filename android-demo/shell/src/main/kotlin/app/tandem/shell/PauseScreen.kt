package app.tandem.shell

import app.tandem.ffi.Choice
import app.tandem.ffi.Offers
import app.tandem.ffi.Pause
import app.tandem.ffi.PauseState
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** A button on a pause's row: only ever on this phone's own running pause. */
enum class PauseAction {
    /** "A little more time": once, within 24 hours in all ([TandemController.extendPause]). */
    EXTEND,

    /** "I'm back" ([TandemController.endPause]). */
    END,
}

/** One pause as this phone sees it. */
data class PauseRow(
    val pauseId: String,
    /** Started on this phone. */
    val mine: Boolean,
    val state: PauseState,
    /** What the banner says ([PauseTexts]); never "late", never anybody's fault. */
    val text: String,
    /** "HH:MM" on this device's clock: the return promised now. */
    val returnAt: String,
    val returnAtMs: Long,
    val note: String?,
    val extended: Boolean,
    val actions: List<PauseAction>,
    /** What EXTEND offers (the core's [Offers.extend]); null when it is not offered. */
    val extend: Choice? = null,
)

/** What the pause banner and its screen render. */
sealed class PauseScreen {
    /**
     * [current]: running pauses (this phone's and the partner's), newest
     * first; [past]: ended ones, newest first, without buttons.
     */
    data class Shown(
        val current: List<PauseRow>,
        val past: List<PauseRow>,
        /** The lengths "Take a pause" offers, as the core decided them (the agreed cool-down among them). */
        val lengths: List<Choice> = emptyList(),
    ) : PauseScreen() {
        /** The banner text: the newest running pause's, if any. */
        val banner: String? get() = current.firstOrNull()?.text

        /** "Take a pause" is offered while this phone has none running (the core refuses a second). */
        val canStart: Boolean get() = current.none { it.mine }
    }

    /** The core refused or the zone is unknown; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : PauseScreen()

    companion object {
        private val HM: DateTimeFormatter = DateTimeFormatter.ofPattern("HH:mm")

        /** "HH:MM" of [ms] in [zone]. */
        fun clock(ms: Long, zone: ZoneId): String = HM.format(Instant.ofEpochMilli(ms).atZone(zone))

        /**
         * The screen for [pauses] as the core returned them for this phone
         * (`mine` and `state` are from its side: the partner's pause stays
         * RUNNING until it ends or is 24 hours old, then ENDED; whether a
         * pause was kept is only ever known on its starter's phone), with
         * times in [zone].
         */
        fun of(pauses: List<Pause>, zone: ZoneId, offers: Offers? = null): Shown {
            val (ended, running) = pauses.partition { it.state == PauseState.ENDED }
            return Shown(running.map { row(it, zone, offers?.extend) }, ended.map { row(it, zone) }, offers?.pause.orEmpty())
        }

        fun row(p: Pause, zone: ZoneId, extend: Choice? = null): PauseRow {
            val at = clock(p.returnAtMs, zone)
            val text = when (p.state) {
                PauseState.RUNNING -> if (p.mine) PauseTexts.mine(at) else PauseTexts.partners(at)
                PauseState.TIME_TO_RECONNECT -> PauseTexts.TIME_TO_RECONNECT
                // The partner's pause its starter never ended reads as over after 24 hours, with no time and no blame.
                PauseState.ENDED -> p.endedAtMs?.let { PauseTexts.ended(clock(it, zone)) } ?: PauseTexts.OVER
            }
            val actions = if (!p.mine || p.state == PauseState.ENDED) {
                emptyList()
            } else {
                (if (p.extended) emptyList() else listOf(PauseAction.EXTEND)) + PauseAction.END
            }
            return PauseRow(p.id, p.mine, p.state, text, at, p.returnAtMs, p.note, p.extended, actions, extend.takeIf { PauseAction.EXTEND in actions })
        }
    }
}

/**
 * The words for pauses. A pause is a promise to come back, kept gently:
 * its end is never "late", "missed" or a "failure", and the partner's side
 * never counts the minutes.
 */
object PauseTexts {
    fun mine(at: String) = "You are taking a pause, back at $at"
    fun partners(at: String) = "Your partner needs a pause, back at $at"
    const val TIME_TO_RECONNECT = "Time to reconnect"
    fun ended(at: String) = "The pause ended at $at"

    /** A partner's pause that was never ended here, a day after it began. */
    const val OVER = "The pause is over"

    /** Beside the "Take a pause" button. */
    const val START_HINT = "Need a moment? Take a pause and say when you'll be back."
}
