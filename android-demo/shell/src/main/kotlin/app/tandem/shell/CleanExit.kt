package app.tandem.shell

import app.tandem.ffi.AuditChange
import app.tandem.ffi.AuditEntry
import app.tandem.ffi.PairingStatus

/** One step of the clean exit, offered after unpairing; both act on this phone alone. */
enum class CleanExitAction(val label: String, val explanation: String) {
    /** [TandemController.stopShared]. */
    STOP_SHARED(
        "Stop our shared rituals and agreements on this phone",
        "They end here and their reminders stop. Your partner's phone is not told and keeps its own copy.",
    ),

    /** [TandemController.deletePartnerData]. */
    DELETE_PARTNER_DATA(
        "Delete what my partner shared from this phone",
        "Their check-ins, appreciations, boundaries, pauses and notes go from this phone. Your own entries stay.",
    ),
}

/**
 * The clean exit in the pairing settings: after this phone unpaired (the
 * core's audit has [AuditChange.UNPAIRED] and it is not paired again), it
 * offers to stop the shared things here and to delete the partner's data
 * here. A step done since the latest unpairing is no longer offered and
 * shows in [done]. Nothing here is sent to the partner. The app runs both
 * steps through the app lock ([LockGuard.CLEAN_EXIT]) and re-plans after.
 */
data class CleanExitScreen(
    /** Unpaired after having been paired: show the section. */
    val offered: Boolean,
    /** What is still offered, in order. */
    val actions: List<CleanExitAction>,
    /** The steps already done since unpairing, in words ("Stopped here: …"). */
    val done: List<String>,
) {
    val heading: String get() = CleanExitTexts.HEADING
    val note: String get() = CleanExitTexts.NOTE

    companion object {
        /** From the core's pairing [status] and [audit] (newest first). */
        fun of(status: PairingStatus, audit: List<AuditEntry>): CleanExitScreen {
            val own = audit.filter { it.id.isEmpty() } // this phone's own events
            val unpairedAt = own.indexOfFirst { it.change == AuditChange.UNPAIRED }
            if (status !is PairingStatus.Unpaired || unpairedAt < 0) return CleanExitScreen(false, emptyList(), emptyList())
            val since = own.subList(0, unpairedAt).map { it.change }.toSet()
            val steps = listOf(
                CleanExitAction.STOP_SHARED to AuditChange.STOPPED_SHARED,
                CleanExitAction.DELETE_PARTNER_DATA to AuditChange.DELETED_PARTNER_DATA,
            )
            return CleanExitScreen(
                offered = true,
                actions = steps.filter { it.second !in since }.map { it.first },
                done = steps.filter { it.second in since }.map { CleanExitTexts.done(it.first) },
            )
        }
    }
}

object CleanExitTexts {
    const val HEADING = "You unpaired this phone"
    const val NOTE = "What follows happens on this phone only. Nothing is sent to your partner."

    fun done(action: CleanExitAction): String = when (action) {
        CleanExitAction.STOP_SHARED -> "The shared rituals and agreements are stopped on this phone."
        CleanExitAction.DELETE_PARTNER_DATA -> "What your partner shared is deleted from this phone."
    }

    /** After a step: how many things it touched. */
    fun result(action: CleanExitAction, count: Int): String = when (action) {
        CleanExitAction.STOP_SHARED -> if (count == 1) "Stopped 1 shared thing on this phone." else "Stopped $count shared things on this phone."
        CleanExitAction.DELETE_PARTNER_DATA -> if (count == 1) "Deleted 1 of your partner's entries from this phone." else "Deleted $count of your partner's entries from this phone."
    }
}
