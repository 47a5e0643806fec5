package app.tandem.shell

import app.tandem.ffi.Capacity
import app.tandem.ffi.CheckInFormCheck
import app.tandem.ffi.Insights
import app.tandem.ffi.LabelCount
import app.tandem.ffi.Milestone
import app.tandem.ffi.Need

/** One line of a weekly chart: a series' [label] and one value per week, oldest first. */
data class ChartRow(
    /** The core's series name ("rituals kept", "my check-ins", …), capitalised for display. */
    val label: String,
    /** One value per entry of [InsightsScreen.Shown.weeks]. */
    val values: List<Double>,
) {
    /** "Rituals kept: 3 5 4": whole numbers without a decimal point, others to one place. */
    val text: String
        get() = "$label: " + values.joinToString(" ") { v ->
            if (v % 1.0 == 0.0) v.toLong().toString() else String.format(java.util.Locale.ROOT, "%.1f", v)
        }
}

/**
 * What the Insights screen renders. The core computes everything (the
 * weekly counts, triggers, temperatures, sentences); the screen only lays it
 * out. The sentences are the core's own, blame-free words, shown as they are.
 */
sealed class InsightsScreen {
    data class Shown(
        /** The Monday ("YYYY-MM-DD") of each week, oldest first; the last is this week. */
        val weeks: List<String>,
        /** One row per series, in the core's order. */
        val rows: List<ChartRow>,
        /** Tags most often logged on a withdrawal or silence (this phone's private log). */
        val triggers: List<LabelCount>,
        val derailingTopics: List<LabelCount>,
        val milestones: List<Milestone>,
        val sentences: List<String>,
    ) : InsightsScreen() {
        /** The row named [name] as the core spells it ("withdrawals and silences"), or null. */
        fun row(name: String): ChartRow? = rows.firstOrNull { it.label == label(name) }
    }

    /** The core refused (weeks out of 1 to 520, an unknown zone); [message] is for a person. */
    data class Failed(val message: String, val error: Exception) : InsightsScreen()

    companion object {
        fun of(i: Insights): Shown = Shown(
            weeks = i.weeks,
            rows = i.series.map { ChartRow(label(it.name), it.values) },
            triggers = i.triggers,
            derailingTopics = i.derailingTopics,
            milestones = i.milestones,
            sentences = i.sentences,
        )

        fun label(name: String): String = name.replaceFirstChar { it.uppercaseChar() }
    }
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
