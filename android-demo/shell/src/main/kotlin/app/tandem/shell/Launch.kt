package app.tandem.shell

import app.tandem.ffi.ManualClock
import app.tandem.ffi.TandemException
import java.io.File
import java.io.IOException
import java.nio.file.Files
import java.security.GeneralSecurityException
import java.security.ProviderException
import java.nio.file.StandardCopyOption

/** What the app shows when it starts: Tandem, or why not and what can be done. */
sealed class LaunchState {
    /** Open. [restored] is the number of changes restored when this came from an export. */
    data class Opened(val controller: TandemController, val restored: Long? = null) : LaunchState()

    /** The database is here but its key is gone; nothing was changed. [error] is a refused restore's. */
    data class KeyMissing(val message: String, val error: TandemException? = null) : LaunchState()

    /** It can't be opened and nothing was changed; [message] is for a person. */
    data class Failed(val message: String, val error: TandemException) : LaunchState()

    /**
     * The phone's key store refused: nothing was opened, changed or deleted,
     * and the next [TandemSession.start] asks again. Never a crash: this runs
     * at every process start, alarms and broadcasts included.
     */
    data class KeyStoreFailed(val message: String, val error: Exception) : LaunchState()
}

/**
 * Opens the app's one database at [database] with the key from [keys],
 * creating both on first start ([deviceName] names a new Tandem). A key
 * missing while the database exists is [LaunchState.KeyMissing]: no key is
 * made and the file is left as it is until the person chooses.
 */
class TandemLauncher(
    private val database: File,
    private val keys: StorageKeyProvider,
    private val deviceName: String,
    private val clock: ManualClock? = null,
) {
    val keyMissing: Boolean get() = database.exists() && !keys.hasStorageKey()

    @Synchronized
    fun open(): LaunchState = keyStore {
        try {
            if (keyMissing) {
                LaunchState.KeyMissing(UserMessages.KEY_MISSING)
            } else {
                LaunchState.Opened(TandemController.open(database.path, keys, if (database.exists()) null else deviceName, clock))
            }
        } catch (e: TandemException) {
            LaunchState.Failed(UserMessages.forError(e), e)
        }
    }

    /**
     * After [LaunchState.KeyMissing]: sets the locked files aside and
     * restores [file] into a new key and database, all or nothing; refused,
     * the new ones are erased and the locked files put back.
     */
    @Synchronized
    @Throws(IOException::class)
    fun restoreFromExport(file: ByteArray, passphrase: String?): LaunchState {
        val aside = setAside()
        val opened = open()
        if (opened !is LaunchState.Opened) {
            putBack(aside)
            return opened
        }
        return try {
            LaunchState.Opened(opened.controller, opened.controller.importExport(file, passphrase))
        } catch (e: TandemException) {
            try {
                opened.controller.wipe()
            } catch (_: TandemException) {
                runCatching { opened.controller.close() }
                keys.deleteStorageKey()
            }
            // Whatever the attempt left (the core's wipe marker too: this
            // Tandem was never the person's, so no later audit names its
            // wipe); the locked files, an earlier marker included, are aside.
            companions().forEach { it.delete() }
            putBack(aside)
            LaunchState.KeyMissing(UserMessages.forImport(e), e)
        }
    }

    /** After [LaunchState.KeyMissing] and the warning: the locked files go into a folder beside (never deleted). */
    @Synchronized
    @Throws(IOException::class)
    fun startOver(): LaunchState {
        setAside()
        return open()
    }

    /** The database and its SQLite companions (-wal, -shm, -journal). */
    private fun companions(): List<File> =
        database.absoluteFile.parentFile?.listFiles { f -> f.isFile && f.name.startsWith(database.name) }?.toList().orEmpty()

    /** Moves the locked files into "<name>.locked-N" beside them; returns that folder. */
    private fun setAside(): File {
        // Not stdlib `check`: the tests' package-level `check` would shadow it.
        if (!keyMissing) throw IllegalStateException("the key is not missing: nothing to set aside")
        val parent = database.absoluteFile.parentFile
        val dir = generateSequence(1) { it + 1 }.map { File(parent, "${database.name}.locked-$it") }.first { !it.exists() }
        Files.createDirectories(dir.toPath())
        companions().forEach { Files.move(it.toPath(), File(dir, it.name).toPath(), StandardCopyOption.ATOMIC_MOVE) }
        return dir
    }

    private fun putBack(dir: File) {
        dir.listFiles()?.forEach { Files.move(it.toPath(), File(database.absoluteFile.parentFile, it.name).toPath(), StandardCopyOption.ATOMIC_MOVE) }
        dir.delete()
    }
}

/** [open], with the phone's key store refusing ([StorageKeyProvider]) as [LaunchState.KeyStoreFailed]. */
internal inline fun keyStore(open: () -> LaunchState): LaunchState = try {
    open()
} catch (e: GeneralSecurityException) {
    LaunchState.KeyStoreFailed(UserMessages.KEYSTORE_FAILED, e)
} catch (e: ProviderException) {
    LaunchState.KeyStoreFailed(UserMessages.KEYSTORE_FAILED, e)
}
