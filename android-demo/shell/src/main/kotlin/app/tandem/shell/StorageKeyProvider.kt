package app.tandem.shell

import app.tandem.ffi.generateStorageKey

/** Where the storage key lives (Android: wrapped by a Keystore key); the core checks it, the shell never does. */
interface StorageKeyProvider {
    /** The key for this device's database; made once, then always the same (until deleted). */
    fun storageKey(): ByteArray

    /** Without making one: a lost key is never silently replaced over an existing database. */
    fun hasStorageKey(): Boolean

    /** For good (after [TandemController.wipe]); the next [storageKey] makes a new one. */
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
