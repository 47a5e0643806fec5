package app.tandem.android

import android.content.Intent
import android.net.Uri
import app.tandem.shell.SyncScreen
import java.io.File

/**
 * Sync over files: "Send changes" exports into the outbox and shares every
 * file it wrote (a large backlog makes several: ACTION_SEND_MULTIPLE then);
 * files shared to the phone land in the inbox and are imported (see
 * [SharedFiles]); "Receive" imports what waits there. Lines and refusals are
 * the shell's words.
 */
fun Ui.sync(s: SyncScreen) {
    when (s) {
        is SyncScreen.Failed -> text(s.message)
        is SyncScreen.Shown -> {
            s.toSendLine?.let { text(it) }
            text(s.next)
            if (s.canSend) {
                button(words.syncSend) { activity.send { files -> share(activity, files, words.syncShareTitle) } }
                button(if (s.waiting > 0) "${words.syncReceive} (${s.waiting})" else words.syncReceive) { activity.receive() }
            }
            s.last.forEach { quiet(it) }
        }
    }
}

/** Opens the share sheet with every file of one send, in order, through [SyncFilesProvider]. */
fun share(activity: MainActivity, files: List<File>, title: String) {
    if (files.isEmpty()) return
    val uris = ArrayList<Uri>(files.map { SyncFilesProvider.uri(activity, it) })
    val intent = if (uris.size == 1) {
        Intent(Intent.ACTION_SEND).putExtra(Intent.EXTRA_STREAM, uris[0])
    } else {
        Intent(Intent.ACTION_SEND_MULTIPLE).putParcelableArrayListExtra(Intent.EXTRA_STREAM, uris)
    }
    intent.setType("text/plain").addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    activity.startActivity(Intent.createChooser(intent, title))
}
