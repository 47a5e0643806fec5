package app.tandem.shell

import app.tandem.ffi.generateStorageKey
import java.io.File
import java.nio.file.Files
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.PosixFilePermissions

/**
 * Where the 32-byte storage key lives. On Android this is backed by the
 * Keystore (a key wrapped by a hardware key); on a plain JVM by memory or a
 * file. The shell never inspects the key: the core checks its length and
 * whether it opens the database.
 */
interface StorageKeyProvider {
    /** The key for this device's database; made once, then always the same (until deleted). */
    fun storageKey(): ByteArray

    /**
     * Whether a key is held now, without making one. [TandemLauncher] asks
     * this before opening an existing database, so a lost key is never
     * silently replaced by a new one.
     */
    fun hasStorageKey(): Boolean

    /**
     * Forgets the key for good (after [TandemController.wipe]); the next
     * [storageKey] makes a new one. Deleting a key that is gone is fine.
     */
    fun deleteStorageKey()
}

/** Holds the key in memory: tests and demos. */
class InMemoryStorageKeyProvider(key: ByteArray = generateStorageKey()) : StorageKeyProvider {
    private var key: ByteArray? = key.copyOf()

    /** Whether a key is held now (false after [deleteStorageKey] until the next [storageKey]). */
    val hasKey: Boolean @Synchronized get() = key != null

    override fun hasStorageKey(): Boolean = hasKey

    @Synchronized
    override fun storageKey(): ByteArray = (key ?: generateStorageKey().also { key = it }).copyOf()

    @Synchronized
    override fun deleteStorageKey() {
        key?.fill(0)
        key = null
    }
}

/**
 * Keeps the key in a file readable by its owner only; the first call makes a
 * key with the core's `generateStorageKey()` and writes it. For the JVM demo;
 * a phone uses the Keystore instead.
 */
class FileStorageKeyProvider(private val file: File) : StorageKeyProvider {
    override fun hasStorageKey(): Boolean = file.exists()

    @Synchronized
    override fun storageKey(): ByteArray {
        if (file.exists()) return file.readBytes()
        val key = generateStorageKey()
        val path = file.toPath()
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        Files.write(path, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC)
        return key
    }

    /** Overwrites the key file with zeros, then removes it. */
    @Synchronized
    override fun deleteStorageKey() {
        if (!file.exists()) return
        Files.write(file.toPath(), ByteArray(file.length().toInt()), StandardOpenOption.WRITE, StandardOpenOption.SYNC)
        Files.deleteIfExists(file.toPath())
    }
}
