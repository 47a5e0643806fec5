package app.tandem.shell

import app.tandem.ffi.Capacity
import app.tandem.ffi.ChartRowModel
import app.tandem.ffi.CheckInFormCheck
import app.tandem.ffi.InsightsScreenModel
import app.tandem.ffi.Need

/** One weekly series as the core words it ("Rituals kept: 3 5 4"). */
typealias ChartRow = ChartRowModel

/**
 * What the Insights screen renders: the core's model (`screens::insights`):
 * the charts' rows with their words, the counts, the temperature comparison,
 * dated milestones and the core's blame-free sentences, in the phone's
 * language. Before, this shell capitalised the core's English series names
 * and wrote its own numbers.
 */
sealed class InsightsScreen {
    data class Shown(val model: InsightsScreenModel) : InsightsScreen() {
        val weeks: List<String> get() = model.weeks
        val rows: List<ChartRow> get() = model.rows
        val sentences: List<String> get() = model.sentences

        /** The row with the core's stable key [name] ("withdrawals and silences"), or null. */
        fun row(name: String): ChartRow? = model.rows.firstOrNull { it.name == name }
    }

    /** The core refused (weeks out of 1 to 520, an unknown zone); [message] is for a person. */
    data class Failed(val message: String, val error: Exception) : InsightsScreen()
}

/**
 * The check-in form: a 1–10 slider (1 calm, 10 flooded), capacity, need, an
 * optional note, and whether the partner sees it. The slider's Int becomes
 * the core's UByte as is: 0 or 11 reach the core, which refuses them; a
 * value no UByte holds becomes 255, refused the same way. Never clamped.
 */
data class CheckInForm(
    /** Where the core says the slider starts, on a new form. */
    val slider: Int,
    val capacity: Capacity = Capacity.SOME,
    val need: Need = Need.NOTHING_RIGHT_NOW,
    val note: String? = null,
    val shared: Boolean = false,
    /** The core's words under the fields that cannot be used, after a submit. */
    val check: CheckInFormCheck? = null,
) {
    val temperature: UByte get() = if (slider in 0..255) slider.toUByte() else UByte.MAX_VALUE
}
