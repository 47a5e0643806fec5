package app.tandem.android

import android.content.Intent
import androidx.compose.foundation.layout.Column
import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.core.content.FileProvider
import app.tandem.shell.FileSyncTransport
import java.io.File

/**
 * Sync over files: "Send" exports into the outbox and opens the share sheet;
 * files shared to the phone are saved into the inbox, and "Receive" imports
 * them (the shell re-plans AFTER_IMPORT). Refusals are the shell's messages.
 */
@Composable
fun SyncScreen(activity: MainActivity) {
    val outbox = File(activity.filesDir, "sync-out")
    val inbox = File(activity.filesDir, "sync-in")
    val transport = remember { FileSyncTransport(outbox, inbox) }
    var report by remember { mutableStateOf(emptyList<String>()) }
    Column {
        Button(onClick = {
            activity.work {
                val sent = activity.session().controller?.syncOut(transport) ?: return@work null
                sent.sentTo.lastOrNull()?.let { name ->
                    val uri = FileProvider.getUriForFile(activity, "${activity.packageName}.files", File(outbox, name))
                    val share = Intent(Intent.ACTION_SEND).setType("text/plain").putExtra(Intent.EXTRA_STREAM, uri)
                        .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
                    activity.startActivity(Intent.createChooser(share, "Send to your partner"))
                }
            }
        }) { Text("Send changes") }
        Button(onClick = {
            activity.work {
                val result = activity.session().syncIn(transport)
                report = result.refused.map { it.message } + "${result.applied} changes received"
            }
        }) { Text("Receive") }
        report.forEach { Text(it) }
    }
}
