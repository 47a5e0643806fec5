package app.tandem.shell

import app.tandem.ffi.PairingStatus

/** What the Sync screen renders. */
sealed class SyncScreen {
    data class Shown(
        /** Paired, digits confirmed on this phone: sending and receiving work. */
        val paired: Boolean,
        /** What to do next, in words ("Pair first", "Send your changes…", …). */
        val next: String,
        /** Files from the partner waiting in the inbox. */
        val waiting: Int,
        /**
         * Changes the partner's phone has not confirmed holding
         * ([TandemController.changesToSend]); null until paired.
         */
        val toSend: Int?,
        /** The lines of the last send or receive on this screen, oldest first; empty before one. */
        val last: List<String>,
    ) : SyncScreen() {
        /** "Send changes" is offered once paired (the core refuses before: NotPaired). */
        val canSend: Boolean get() = paired

        /** "3 changes to send", "1 change to send", "Your partner's phone has everything"; null until paired. */
        val toSendLine: String? get() = toSend?.let { SyncTexts.toSend(it) }
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : SyncScreen()

    companion object {
        /**
         * The screen from the core's pairing [status] and [toSend] (null
         * where the core said NotPaired): files waiting are received first,
         * then changes are sent; with nothing either way the hint says a
         * send after receiving tells the partner's phone what arrived.
         */
        fun of(status: PairingStatus, toSend: Int?, waiting: Int, last: List<String>): Shown {
            val paired = status is PairingStatus.Paired && toSend != null
            val next = when {
                status is PairingStatus.AwaitingConfirmation -> SyncTexts.CONFIRM_FIRST
                !paired -> SyncTexts.PAIR_FIRST
                waiting > 0 -> SyncTexts.waiting(waiting)
                (toSend ?: 0) > 0 -> SyncTexts.SEND_CHANGES
                else -> SyncTexts.NOTHING_TO_SEND
            }
            return Shown(paired, next, waiting, if (paired) toSend else null, last)
        }
    }
}

/** The words of the Sync screen and of files shared to the phone. */
object SyncTexts {
    const val PAIR_FIRST = "Pair first: syncing starts once your phones are paired on the Pairing screen."
    const val CONFIRM_FIRST = "Confirm the check code on the Pairing screen first, then sync."
    const val SEND_CHANGES = "Send your changes to your partner. They stay counted here until your partner's phone confirms it has them."
    const val NOTHING_TO_SEND = "Nothing new to send. When files from your partner arrive, receive them, then send an update so their phone knows."
    const val EVERYTHING_SENT = "Your partner's phone has everything"
    fun waiting(n: Int) = if (n == 1) "1 file from your partner is waiting: receive it." else "$n files from your partner are waiting: receive them."

    /** The count of changes the partner's phone has not confirmed holding. */
    fun toSend(n: Int) = when (n) {
        0 -> EVERYTHING_SENT
        1 -> "1 change to send"
        else -> "$n changes to send"
    }

    /**
     * After a send: the changes it carried (counted just before the
     * export) and the files. With no changes the files still carry this
     * phone's acknowledgement of what arrived, so the line calls it an update.
     */
    fun sent(r: SyncOutResult): String {
        val files = if (r.payloads == 1) "1 file" else "${r.payloads} files"
        return when (r.changes) {
            0 -> "Sent an update as $files: it lets your partner's phone know what arrived here."
            1 -> "Sent 1 change as $files."
            else -> "Sent ${r.changes} changes as $files."
        }
    }

    /** After a receive: what arrived, the core's sentences on what the partner changed, then each refused file with its message. */
    fun received(r: SyncInResult): List<String> {
        if (r.items.isEmpty()) return listOf(NOTHING_WAITING)
        val got = when (val n = r.applied) {
            0L -> "No new changes received."
            1L -> "1 change received."
            else -> "$n changes received."
        }
        val confirmed = if (r.partnerConfirmed) listOf(PARTNER_CONFIRMED) else emptyList()
        return listOf(got) + r.news + confirmed + r.refused.map { "${it.source}: ${it.message}" }
    }

    const val NOTHING_WAITING = "Nothing waiting to receive. Files your partner shares to this phone land here."
    const val PARTNER_CONFIRMED = "Your partner's phone confirmed the pairing."

    /** A shared file whose name could point outside the inbox or hide there. */
    const val UNSAFE_NAME = "This file's name can't be used for a sync file, so it was not saved. Ask your partner to send it again from Tandem."
    const val TOO_BIG = "This file is too large to be a Tandem sync file, so it was not saved."
    const val NOT_SYNC_TEXT = "This file isn't a Tandem sync file, so it was not saved."
    const val UNREADABLE = "This file couldn't be opened, so it was not saved. Share it again."
    const val FILES_FAILED = "Tandem couldn't read or write its sync files. Check that the device has free space, then try again."

    /** One line per file shared to the phone: saved, or why not. */
    fun accepted(a: FileSyncTransport.Accepted): String? = when (a) {
        is FileSyncTransport.Accepted.Saved -> null
        is FileSyncTransport.Accepted.Refused -> "${a.name}: ${a.message}"
    }
}
