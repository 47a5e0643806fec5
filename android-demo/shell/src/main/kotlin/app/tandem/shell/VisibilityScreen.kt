package app.tandem.shell

import app.tandem.ffi.AuditEntry
import app.tandem.ffi.VisibleItem
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** One thing the partner's phone holds about this person. */
data class VisibleRow(
    val id: String,
    /** The core's summary (a title, a boundary's text, a check-in's words), shown as it is. */
    val summary: String,
    val sinceMs: Long,
    /** "YYYY-MM-DD HH:MM" on this device's clock; null when the core gives no time (0, as for the device name). */
    val since: String?,
    /**
     * The core's caveat, shown under the row as it is: for something made
     * private (or retired) after it was sent, it is already on the
     * partner's phone and cannot be recalled. Null when there is none.
     */
    val caveat: String? = null,
)

/** The rows of one kind ("boundary", "shared ritual", …), under a [heading]. */
data class VisibleGroup(
    /** The core's kind, as it spells it. */
    val kind: String,
    val heading: String,
    /** In the core's order. */
    val rows: List<VisibleRow>,
)

/** One sharing change this person made, or something done with this phone's record (an export, unpairing, the app lock), in words. */
data class AuditLine(
    val id: String,
    val atMs: Long,
    /** "YYYY-MM-DD HH:MM" on this device's clock. */
    val at: String,
    /** The core's change ("shared a boundary"), as it spells it. */
    val change: String,
    /** "You shared a boundary". */
    val text: String,
)

/**
 * The mirror: what the partner's phone holds about this person (grouped by
 * kind) and the sharing changes this person made, newest first. The core
 * decides what is visible (private boundaries and check-ins, personal
 * rituals and the pattern log never are); the screen only lays it out.
 */
sealed class VisibilityScreen {
    data class Shown(val groups: List<VisibleGroup>, val audit: List<AuditLine>) : VisibilityScreen() {
        val heading: String get() = VisibilityTexts.HEADING
        val emptyMessage: String? get() = if (groups.isEmpty()) VisibilityTexts.NOTHING_VISIBLE else null
        val auditHeading: String get() = VisibilityTexts.AUDIT_HEADING

        /** The group of [kind], or null. */
        fun group(kind: String): VisibleGroup? = groups.firstOrNull { it.kind == kind }
    }

    /** The core refused (closed, say) or the zone is unknown; [message] is for a person. */
    data class Failed(val message: String, val error: Exception) : VisibilityScreen()

    companion object {
        private val AT: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")

        /** The kinds in screen order; a kind the core adds later follows them, in its order. */
        val KIND_ORDER = listOf(
            "device name", "shared ritual", "ritual note", "agreement", "boundary", "check-in",
            "appreciation", "repair", "phrase", "pause", "rest week", "answer", "made private",
        )

        fun of(items: List<VisibleItem>, audit: List<AuditEntry>, zone: ZoneId): Shown {
            val byKind = items.groupBy { it.kind } // keeps the core's order within a kind
            val kinds = KIND_ORDER.filter { it in byKind } + byKind.keys.filter { it !in KIND_ORDER }
            val groups = kinds.map { kind ->
                VisibleGroup(
                    kind = kind,
                    heading = VisibilityTexts.heading(kind),
                    rows = byKind.getValue(kind).map {
                        VisibleRow(it.id, it.summary, it.sinceMs, if (it.sinceMs == 0L) null else at(it.sinceMs, zone), it.caveat)
                    },
                )
            }
            val lines = audit.map { AuditLine(it.id, it.atMs, at(it.atMs, zone), it.change, "You ${it.change}") }
            return Shown(groups, lines)
        }

        private fun at(ms: Long, zone: ZoneId): String = AT.format(Instant.ofEpochMilli(ms).atZone(zone))
    }
}

object VisibilityTexts {
    const val HEADING = "Your partner's phone holds"
    const val AUDIT_HEADING = "What you shared, exported or changed here"
    const val NOTHING_VISIBLE = "Your partner's phone holds nothing about you yet."

    private val HEADINGS = mapOf(
        "device name" to "Your phone's name",
        "shared ritual" to "Shared rituals",
        "ritual note" to "Notes on shared rituals",
        "agreement" to "Agreements",
        "boundary" to "Boundaries you shared",
        "check-in" to "Check-ins you shared",
        "appreciation" to "Appreciations",
        "repair" to "Repairs you shared",
        "phrase" to "Phrases you shared",
        "pause" to "Pauses",
        "rest week" to "Rest weeks",
        "answer" to "Your answers",
        "made private" to "Sent before you made it private",
    )

    /** The heading for [kind]; an unknown kind is shown capitalised. */
    fun heading(kind: String): String = HEADINGS[kind] ?: kind.replaceFirstChar { it.uppercaseChar() }
}
