package app.tandem.android

import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.database.Cursor
import android.database.MatrixCursor
import android.net.Uri
import android.os.ParcelFileDescriptor
import android.provider.OpenableColumns
import java.io.File
import java.io.FileNotFoundException

/**
 * Shares the files of the outbox (files/sync-out/) and of an export
 * (files/export/) read-only, by name, to the app the person picks in the
 * share sheet (FLAG_GRANT_READ_URI_PERMISSION); the platform's own
 * ContentProvider, in place of AndroidX's FileProvider. Nothing else in
 * files/ can be named: a name with a path in it is refused.
 */
class SyncFilesProvider : ContentProvider() {
    override fun onCreate() = true

    private fun file(uri: Uri): File {
        val folder = uri.pathSegments.getOrNull(0)?.takeIf { it in FOLDERS } ?: throw FileNotFoundException("not shared: $uri")
        val name = uri.pathSegments.getOrNull(1)?.takeIf { uri.pathSegments.size == 2 && !it.startsWith(".") }
            ?: throw FileNotFoundException("not shared: $uri")
        return File(File(context!!.filesDir, folder), name).takeIf { it.isFile } ?: throw FileNotFoundException(name)
    }

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor {
        if (mode != "r") throw SecurityException("read only")
        return ParcelFileDescriptor.open(file(uri), ParcelFileDescriptor.MODE_READ_ONLY)
    }

    override fun query(uri: Uri, projection: Array<out String>?, selection: String?, args: Array<out String>?, sort: String?): Cursor {
        val f = file(uri)
        val columns = projection ?: arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE)
        return MatrixCursor(columns).apply {
            addRow(columns.map { if (it == OpenableColumns.SIZE) f.length() else if (it == OpenableColumns.DISPLAY_NAME) f.name else null })
        }
    }

    override fun getType(uri: Uri) = "text/plain"
    override fun insert(uri: Uri, values: ContentValues?): Uri? = throw UnsupportedOperationException()
    override fun delete(uri: Uri, selection: String?, args: Array<out String>?) = 0
    override fun update(uri: Uri, values: ContentValues?, selection: String?, args: Array<out String>?) = 0

    companion object {
        val FOLDERS = setOf("sync-out", "export")

        /** content://<package>.files/<folder>/<name> for a file of a shared folder. */
        fun uri(context: Context, file: File): Uri =
            Uri.parse("content://${context.packageName}.files/${file.parentFile?.name}/${Uri.encode(file.name)}")
    }
}
