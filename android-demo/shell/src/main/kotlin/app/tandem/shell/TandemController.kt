package app.tandem.shell

import app.tandem.ffi.GuardedAction
import app.tandem.ffi.ManualClock
import app.tandem.ffi.SyncLast
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.afterImport
import java.io.File
import java.io.IOException
import java.time.ZoneId

/**
 * The app's one handle on the core: opens the database once, with the key
 * from [keys], and maps the screens' buttons onto core calls; every rule,
 * number and word is the core's. Actions throw [TandemException] (words:
 * [UserMessages]); a screen carries its error instead. Calls reach the
 * database, so the app makes them off the main thread. The controller arms
 * nothing: [TandemSession] carries out what each action's outcome says.
 */
class TandemController private constructor(
    private val tandem: Tandem,
    /** Kept for [wipe], which deletes the key after the data. */
    private val keys: StorageKeyProvider,
) : AutoCloseable, LockPolicy {

    /** The generated core itself, for what the app has no screen for (the tests). */
    internal val core: Tandem get() = tandem

    companion object {
        /**
         * Opens (or, with [deviceName], creates) the database at [path]. An
         * existing database whose key [keys] no longer holds is WrongKey and
         * no key is made ([TandemLauncher] offers restore or start over).
         * [clock] is for tests and demos; [language] words every screen.
         */
        @Throws(TandemException::class)
        fun open(
            path: String,
            keys: StorageKeyProvider,
            deviceName: String?,
            clock: ManualClock? = null,
            language: String = java.util.Locale.getDefault().toLanguageTag(),
        ): TandemController {
            if (File(path).exists() && !keys.hasStorageKey()) {
                // Never make a new key over an existing database.
                throw TandemException.WrongKey("no storage key for an existing database")
            }
            val key = keys.storageKey()
            val tandem = try {
                if (clock == null) Tandem.open(path, key, deviceName) else Tandem.openWithClock(path, key, deviceName, clock)
            } finally {
                key.fill(0)
            }
            return TandemController(tandem, keys).also { it.setLanguage(language) }
        }
    }

    /**
     * Words the screens in [tag]'s language from now on; true when it changed.
     * A tag the core refuses reads as English: there are always words to show.
     */
    fun setLanguage(tag: String): Boolean {
        if (tag == language) return false
        try {
            tandem.setLocale(tag)
        } catch (e: TandemException.InvalidInput) {
            tandem.setLocale("en")
        }
        language = tag
        return true
    }

    /** The tag last given to [setLanguage]; reminders are re-worded when it changes. */
    var language: String? = null
        private set

    /** With [waitingFiles] in the inbox and what the last tap did ([SyncScreen.lastOf]). */
    @Throws(TandemException::class)
    fun syncScreen(waitingFiles: Int, last: SyncLast?) = tandem.syncScreen(waitingFiles.coerceAtLeast(0).toUInt(), last)

    /** The app lock's choices and, after unpairing, the clean exit. */
    @Throws(TandemException::class)
    fun settingsScreen(): SettingsScreen = tandem.settingsScreen()

    /** The pairing screen's steps, one core call each. */
    fun pairingFlow(): PairingFlow = PairingFlow(tandem)

    // A person's actions (accept, mark done, snooze, pause, ...) are the
    // core's UserAction, carried by each screen button and done by
    // TandemSession.perform in one call whose outcome says what to arm and
    // to show; a button that opens a form names it. What follows has no action yet.

    /** Guarded by the app lock (CLEAN_EXIT); what it did, in words. */
    fun cleanExit(step: CleanExitStep): CleanExitDone = tandem.cleanExit(step)
    fun setAppLock(setting: AppLockSetting) = tandem.setAppLock(setting)
    override fun lockDue(awayMs: Long?): Boolean = tandem.lockDue(awayMs)
    override fun needsUnlockFor(action: GuardedAction): Boolean = tandem.needsUnlockFor(action)

    /** The form a screen button's `opens` names, filled in by the core, with its submits ([TandemSession.submit] sends it). */
    @Throws(TandemException::class)
    fun openForm(request: FormRequest): FormEdit = FormEdit.of(tandem.openForm(request))

    // Sync: the transport moves bytes; the core seals, checks and applies them.

    /**
     * Exports everything the partner lacks to [transport] (NotPaired before
     * the digits are confirmed). A failed transport loses nothing: the next
     * export carries the same changes.
     */
    @Throws(TandemException::class, IOException::class)
    fun syncOut(transport: SyncTransport): SyncOutResult {
        val changes = tandem.changesToSend().coerceAtMost(Int.MAX_VALUE.toUInt()).toInt()
        val payloads = tandem.exportPayloads()
        return SyncOutResult(changes = changes, payloads = payloads.size, sentTo = transport.send(payloads))
    }

    /**
     * Imports every payload [transport] holds, each all or nothing; a refused
     * one is reported and the others still import. What becomes of each file
     * is the core's decision ([afterImport]).
     */
    @Throws(IOException::class)
    fun syncIn(transport: SyncTransport, deviceZone: String = ZoneId.systemDefault().id): SyncInResult = SyncInResult(
        transport.receive().map { item ->
            try {
                val report = tandem.importPayloadIn(item.payload(), deviceZone)
                transport.finish(item, afterImport(null))
                SyncItem.Imported(item.source, report)
            } catch (e: TandemException) {
                transport.finish(item, afterImport(UserMessages.kindOf(e)))
                SyncItem.Refused(item.source, UserMessages.forError(e), e)
            }
        },
    )

    /** The sealed export (Argon2id, about a second), written to [file] beside, then moved over it. */
    @Throws(TandemException::class, IOException::class)
    fun exportSealedTo(file: File, passphrase: String): File {
        writeBesideThenMove(file, tandem.exportData(passphrase))
        return file
    }

    /** Restores an export into this new, empty Tandem, all or nothing; the changes restored. */
    @Throws(TandemException::class)
    fun importExport(file: ByteArray, passphrase: String?): Long = tandem.importData(file, passphrase).toLong()

    /**
     * Erases this phone's Tandem data (the core overwrites, removes and
     * closes), then deletes the storage key. If the core refuses, the key is
     * kept, so the data it still holds stays readable.
     */
    @Throws(TandemException::class)
    fun wipe() {
        tandem.wipe()
        keys.deleteStorageKey()
    }

    /**
     * Closes the database; later calls fail with Closed (twice is fine). The
     * native handle is released by uniffi's cleaner when this is collected,
     * so late calls get Closed, not a crash.
     */
    @Throws(TandemException::class)
    override fun close() = tandem.closeDatabase()
}
