package app.tandem.shell

import app.tandem.ffi.PairingStatus

/** What the Sync screen renders. */
sealed class SyncScreen {
    data class Shown(
        /** Paired, digits confirmed on this phone: sending and receiving work. */
        val paired: Boolean,
        /** What to do next, in words ("Pair first", …). */
        val next: String,
        /** Files from the partner waiting in the inbox. */
        val waiting: Int,
        /** The lines of the last send or receive on this screen, oldest first; empty before one. */
        val last: List<String>,
    ) : SyncScreen() {
        /** "Send changes" is offered once paired (the core refuses before: NotPaired). */
        val canSend: Boolean get() = paired
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : SyncScreen()

    companion object {
        fun of(status: PairingStatus, waiting: Int, last: List<String>): Shown {
            val paired = status is PairingStatus.Paired
            val next = when {
                status is PairingStatus.AwaitingConfirmation -> SyncTexts.CONFIRM_FIRST
                !paired -> SyncTexts.PAIR_FIRST
                waiting > 0 -> SyncTexts.waiting(waiting)
                else -> SyncTexts.READY
            }
            return Shown(paired, next, waiting, last)
        }
    }
}

/** The words of the Sync screen and of files shared to the phone. */
object SyncTexts {
    const val PAIR_FIRST = "Pair first: syncing starts once your phones are paired on the Pairing screen."
    const val CONFIRM_FIRST = "Confirm the six digits on the Pairing screen first, then sync."
    const val READY = "Send your changes to your partner, or receive the files they sent you."
    fun waiting(n: Int) = if (n == 1) "1 file from your partner is waiting: receive it." else "$n files from your partner are waiting: receive them."

    /**
     * After a send. The core hands over sealed payloads, not a count of
     * the changes inside, so the line counts files.
     */
    fun sent(r: SyncOutResult) = if (r.payloads == 1) "Sent your changes as 1 file." else "Sent your changes as ${r.payloads} files."

    /** After a receive: what arrived, then each refused file with its message. */
    fun received(r: SyncInResult): List<String> {
        if (r.items.isEmpty()) return listOf(NOTHING_WAITING)
        val got = when (val n = r.applied) {
            0L -> "No new changes received."
            1L -> "1 change received."
            else -> "$n changes received."
        }
        val confirmed = if (r.partnerConfirmed) listOf(PARTNER_CONFIRMED) else emptyList()
        return listOf(got) + confirmed + r.refused.map { "${it.source}: ${it.message}" }
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
