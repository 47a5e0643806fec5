package app.tandem.shell

import app.tandem.ffi.NoticeKind
import app.tandem.ffi.RefusedFile
import app.tandem.ffi.SyncLast
import app.tandem.ffi.SyncReceived
import app.tandem.ffi.SyncScreenModel

/** What the Sync screen renders: the core's [SyncScreenModel]. */
sealed class SyncScreen {
    data class Shown(
        /** Paired, digits confirmed on this phone: sending and receiving work. */
        val paired: Boolean,
        /** What to do next, the core's sentence. */
        val next: String,
        /** Files from the partner waiting in the inbox. */
        val waiting: Int,
        /** Changes the partner's phone has not confirmed holding; null until paired. */
        val toSend: Int?,
        /** The lines of the last send or receive on this screen; empty before one. */
        val last: List<String>,
        /** "3 changes to send", "Your partner's phone has everything"; null until paired. */
        val toSendLine: String? = null,
    ) : SyncScreen() {
        /** "Send changes" is offered once paired (the core refuses before: NotPaired). */
        val canSend: Boolean get() = paired
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : SyncScreen()

    companion object {
        fun of(m: SyncScreenModel): Shown = Shown(
            paired = m.paired,
            next = m.next,
            waiting = m.waitingFiles.toInt(),
            toSend = m.changesToSend?.toInt(),
            last = m.lines,
            toSendLine = m.changesText,
        )

        /** What a send did, for the core's lines. */
        fun lastOf(r: SyncOutResult): SyncLast = SyncLast.Sent(r.changes.toUInt(), r.payloads.toUInt())

        /** What a receive did, with the files refused before import ([accepted]'s refusals), for the core's lines. */
        fun lastOf(r: SyncInResult, refusedFiles: List<RefusedFile>): SyncLast = SyncLast.Received(
            SyncReceived(
                imported = r.imported.count { !it.report.alreadyImported }.toUInt(),
                alreadyImported = r.imported.count { it.report.alreadyImported }.toUInt(),
                applied = r.applied.toULong(),
                news = r.news,
                partnerConfirmed = r.partnerConfirmed,
                refused = r.refused.map { RefusedFile(it.source, it.message) } + refusedFiles,
            ),
        )
    }
}

/** Why a file shared to the phone was not saved into the inbox, in the core's words (the same as iOS's). */
object SyncTexts {
    val UNREADABLE get() = UserMessages.notice(NoticeKind.SYNC_FILE_UNREADABLE)

    /** How the Sync screen names a file shared without a name: the core's "(no name)". */
    val UNNAMED: String get() = labelsIn(java.util.Locale.getDefault().toLanguageTag()).unnamedFile

    /** A file shared to the phone that was not saved, for the Sync screen's lines. */
    fun refused(a: FileSyncTransport.Accepted): RefusedFile? = when (a) {
        is FileSyncTransport.Accepted.Saved -> null
        is FileSyncTransport.Accepted.Refused -> RefusedFile(a.name, a.message)
    }
}
