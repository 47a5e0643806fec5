package app.tandem.shell

import app.tandem.ffi.ChartRowModel
import app.tandem.ffi.InsightsScreenModel

/** One weekly series as the core words it ("Rituals kept: 3 5 4"). */
typealias ChartRow = ChartRowModel

/** What the Insights screen renders: the core's model (`screens::insights`). */
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
