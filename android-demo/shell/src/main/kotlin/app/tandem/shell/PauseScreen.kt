package app.tandem.shell

import app.tandem.ffi.Choice
import app.tandem.ffi.PauseActionKind
import app.tandem.ffi.PauseButton
import app.tandem.ffi.PauseRowModel
import app.tandem.ffi.PauseScreenModel
import app.tandem.ffi.PauseState

/** A button on a pause's row, as the core decides it: only ever on this phone's own running pause. */
typealias PauseAction = PauseActionKind

/** One pause as this phone shows it: the core's row, with what EXTEND offers. */
data class PauseRow(
    val pauseId: String,
    /** Started on this phone. */
    val mine: Boolean,
    val state: PauseState,
    /** The core's words for the row and the banner; never "late", never anybody's fault. */
    val text: String,
    /** The return promised now on this device's clock, as the core words it ("21:10", "tomorrow 00:10"). */
    val returnAt: String,
    val returnAtMs: Long,
    val note: String?,
    val extended: Boolean,
    /** The buttons with the core's labels. */
    val buttons: List<PauseButton>,
    /** What EXTEND offers (the core's); null when it is not offered. */
    val extend: Choice? = null,
) {
    val actions: List<PauseAction> get() = buttons.map { it.action }
}

/** What the pause banner and its screen render: the core's [PauseScreenModel]. */
sealed class PauseScreen {
    /** [current]: running pauses, newest first; [past]: ended ones, without buttons. */
    data class Shown(
        val current: List<PauseRow>,
        val past: List<PauseRow>,
        /** The lengths "Take a pause" offers (the agreed cool-down among them). */
        val lengths: List<Choice>,
        /** The newest running pause's words, if any. */
        val banner: String?,
        /** "Take a pause" is offered while this phone has none running. */
        val canStart: Boolean,
        /** Beside the "Take a pause" button. */
        val startHint: String,
    ) : PauseScreen()

    /** The core refused or the zone is unknown; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : PauseScreen()

    companion object {
        fun of(m: PauseScreenModel): Shown = Shown(
            current = m.current.map { row(it, m.extend) },
            past = m.past.map { row(it, null) },
            lengths = m.lengths,
            banner = m.banner,
            canStart = m.canStart,
            startHint = m.startHint,
        )

        fun row(r: PauseRowModel, extend: Choice?): PauseRow = PauseRow(
            pauseId = r.id,
            mine = r.mine,
            state = r.state,
            text = r.text,
            returnAt = r.returnAt,
            returnAtMs = r.returnAtMs,
            note = r.note,
            extended = r.extended,
            buttons = r.buttons,
            extend = extend.takeIf { r.buttons.any { b -> b.action == PauseAction.EXTEND } },
        )
    }
}
