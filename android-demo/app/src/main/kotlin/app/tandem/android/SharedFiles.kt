package app.tandem.android

import android.content.ContentResolver
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.provider.OpenableColumns
import android.os.Build
import app.tandem.shell.SharedFile
import java.io.ByteArrayInputStream
import java.io.IOException

/**
 * Sync files shared to Tandem (ACTION_SEND, ACTION_SEND_MULTIPLE, ACTION_VIEW)
 * as the shell's [SharedFile]s: each is opened on the worker, where the
 * shell checks its name and size and saves it into the inbox (sync-in/).
 * Sync text shared as plain text (no file) arrives the same way.
 */
object SharedFiles {
    /** What an intent shares: files by URI, or sync text shared as text. */
    class Shared(val uris: List<Uri>, val text: String?)

    /** What [intent] shares; null when it shares nothing (a launch, say). Cheap: nothing is read here. */
    fun from(intent: Intent?): Shared? {
        if (intent == null) return null
        val uris: List<Uri> = when (intent.action) {
            Intent.ACTION_SEND -> listOfNotNull(stream(intent))
            Intent.ACTION_SEND_MULTIPLE -> streams(intent).orEmpty().filterNotNull()
            Intent.ACTION_VIEW -> listOfNotNull(intent.data)
            else -> return null
        }
        val text = if (intent.action == Intent.ACTION_SEND && uris.isEmpty()) intent.getStringExtra(Intent.EXTRA_TEXT) else null
        return if (uris.isEmpty() && text == null) null else Shared(uris, text)
    }

    @Suppress("DEPRECATION") // the typed getters are API 33
    private fun stream(intent: Intent): Uri? =
        if (Build.VERSION.SDK_INT >= 33) intent.getParcelableExtra(Intent.EXTRA_STREAM, Uri::class.java) else intent.getParcelableExtra(Intent.EXTRA_STREAM)

    @Suppress("DEPRECATION")
    private fun streams(intent: Intent): List<Uri?>? =
        if (Build.VERSION.SDK_INT >= 33) intent.getParcelableArrayListExtra(Intent.EXTRA_STREAM, Uri::class.java) else intent.getParcelableArrayListExtra(Intent.EXTRA_STREAM)

    /** [shared] as the shell's files, each opened when the shell reads it. Call on the worker: names are queried here. */
    fun files(context: Context, shared: Shared): List<SharedFile> {
        val resolver = context.applicationContext.contentResolver
        val text = shared.text?.let { t -> SharedFile(null) { ByteArrayInputStream(t.toByteArray(Charsets.UTF_8)) } }
        return listOfNotNull(text) + shared.uris.map { uri -> SharedFile(name(resolver, uri)) { resolver.openInputStream(uri) } }
    }

    /** An export file picked for a restore, or null when it can't be read. Call on the worker. */
    fun read(context: Context, uri: Uri): ByteArray? = try {
        context.contentResolver.openInputStream(uri)?.use { it.readBytes() }
    } catch (e: IOException) {
        null
    } catch (e: SecurityException) {
        null
    }

    /**
     * The name the sender gave the file: the provider's display name, else
     * the last path segment. The shell refuses names that could leave the inbox.
     */
    private fun name(resolver: ContentResolver, uri: Uri): String? {
        if (uri.scheme != ContentResolver.SCHEME_CONTENT) return uri.lastPathSegment
        return try {
            resolver.query(uri, arrayOf(OpenableColumns.DISPLAY_NAME), null, null, null)?.use { c ->
                if (c.moveToFirst() && !c.isNull(0)) c.getString(0) else null
            }
        } catch (e: SecurityException) {
            null
        } catch (e: IllegalArgumentException) {
            null
        }
    }
}
