package app.tandem.shell

import app.tandem.ffi.Capacity
import app.tandem.ffi.EntryKind
import app.tandem.ffi.LogEntry
import app.tandem.ffi.Need
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** One option of a picker: the core's [value] and its words. */
data class Choice<T>(val value: T, val label: String)

/** One of this person's check-ins today. */
data class CheckInRow(
    val entryId: String,
    val atMs: Long,
    /** "HH:MM" on this device's clock. */
    val time: String,
    val temperature: Int,
    /** The core's words for [temperature] ("stirred"). */
    val words: String,
    val shared: Boolean,
    /** "20:10 · stirred · some bandwidth · needs space · “note”". */
    val text: String,
)

/** What the Check-in screen renders: the form's options and today's own check-ins. */
sealed class CheckInScreen {
    data class Shown(
        /** The core's words for 1 to 10, in order ([label] reads them). */
        val words: List<String>,
        val capacities: List<Choice<Capacity>>,
        val needs: List<Choice<Need>>,
        /** This person's check-ins since the device's local midnight, oldest first. */
        val today: List<CheckInRow>,
    ) : CheckInScreen() {
        /** The slider's label: "7 · heated"; just the number for a value the core has no words for. */
        fun label(slider: Int): String =
            words.getOrNull(slider - CheckInForm.MIN)?.let { "$slider · $it" } ?: "$slider"

        val emptyMessage: String? get() = if (today.isEmpty()) CheckInTexts.NONE_TODAY else null
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : CheckInScreen()

    companion object {
        private val HM: DateTimeFormatter = DateTimeFormatter.ofPattern("HH:mm")

        /**
         * The screen from the core's [words] for 1 to 10 and [entries] (as
         * `entries` returned them since local midnight): only this phone's
         * own check-ins become rows, with times in [zone].
         */
        fun of(words: List<String>, entries: List<LogEntry>, zone: ZoneId): Shown = Shown(
            words = words,
            capacities = Capacity.values().map { Choice(it, CheckInTexts.capacity(it)) },
            needs = Need.values().map { Choice(it, CheckInTexts.need(it)) },
            today = entries.filter { it.mine }.mapNotNull { e -> row(e, zone) },
        )

        fun row(e: LogEntry, zone: ZoneId): CheckInRow? {
            val k = e.kind as? EntryKind.CheckIn ?: return null
            val time = HM.format(Instant.ofEpochMilli(e.atMs).atZone(zone))
            val parts = listOf(time, k.temperatureWords, CheckInTexts.capacity(k.capacity).lowercase(), CheckInTexts.needs(k.need)) +
                listOfNotNull(k.note?.let { "“$it”" }, if (e.shared) CheckInTexts.SHARED else null)
            return CheckInRow(e.id, e.atMs, time, k.temperature.toInt(), k.temperatureWords, e.shared, parts.joinToString(" · "))
        }

        /** The start of the local day holding [nowMs] in [zone] (a day starting in a DST gap starts at its end). */
        fun midnight(nowMs: Long, zone: ZoneId): Long =
            Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli()
    }
}

/** The words of the check-in form. */
object CheckInTexts {
    const val SLIDER = "How warm is it inside?"
    const val NONE_TODAY = "No check-ins today yet."
    const val SHARED = "shared"
    const val DONE = "Checked in."

    fun capacity(c: Capacity): String = when (c) {
        Capacity.LOW -> "Low bandwidth"
        Capacity.SOME -> "Some bandwidth"
        Capacity.PLENTY -> "Plenty of bandwidth"
    }

    fun need(n: Need): String = when (n) {
        Need.SPACE -> "Space"
        Need.CLOSENESS -> "Closeness"
        Need.REASSURANCE -> "Reassurance"
        Need.PRACTICAL_HELP -> "Practical help"
        Need.NOTHING_RIGHT_NOW -> "Nothing right now"
    }

    /** "needs space", … as a row reads it. */
    fun needs(n: Need): String = "needs " + need(n).lowercase()
}
