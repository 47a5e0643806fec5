package app.tandem.android

import android.content.Intent
import android.net.Uri
import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.core.content.FileProvider
import androidx.compose.runtime.Composable
import app.tandem.shell.SyncScreen
import java.io.File

/**
 * Sync over files: "Send changes" exports into the outbox and shares every
 * file it wrote (a large backlog makes several: ACTION_SEND_MULTIPLE then);
 * files shared to the phone land in the inbox and are imported (see
 * [SharedFiles]); "Receive" imports what waits there. Lines and refusals are
 * the shell's words.
 */
@Composable
fun SyncView(activity: MainActivity, s: SyncScreen) {
    when (s) {
        is SyncScreen.Failed -> Text(s.message)
        is SyncScreen.Shown -> {
            s.toSendLine?.let { Text(it) }
            Text(s.next)
            if (s.canSend) {
                Button(onClick = { activity.send { files -> share(activity, files) } }) { Text("Send changes") }
                Button(onClick = { activity.receive() }) { Text(if (s.waiting > 0) "Receive (${s.waiting})" else "Receive") }
            }
            s.last.forEach { Quiet(it) }
        }
    }
}

/** Opens the share sheet with every file of one send, in order. */
private fun share(activity: MainActivity, files: List<File>) {
    if (files.isEmpty()) return
    val uris = ArrayList<Uri>(files.map { FileProvider.getUriForFile(activity, "${activity.packageName}.files", it) })
    val intent = if (uris.size == 1) {
        Intent(Intent.ACTION_SEND).putExtra(Intent.EXTRA_STREAM, uris[0])
    } else {
        Intent(Intent.ACTION_SEND_MULTIPLE).putParcelableArrayListExtra(Intent.EXTRA_STREAM, uris)
    }
    intent.setType("text/plain").addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    activity.startActivity(Intent.createChooser(intent, "Send to your partner"))
}
