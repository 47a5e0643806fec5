package app.tandem.shell

import app.tandem.ffi.AppLock
import app.tandem.ffi.generateStorageKey
import java.io.File
import java.nio.file.Files
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.PosixFilePermissions
import java.time.DateTimeException
import java.time.ZoneId
import app.tandem.ffi.TandemException
import app.tandem.ffi.VisibilityScreenModel
import app.tandem.ffi.VisibleKind

// What only the tests use: each screen read through the controller alone
// (the app reads them through TandemSession.load), a file key store, lock settings.

internal fun TandemController.todayScreen(zone: String): TodayScreen = shown { core.todayScreen(zone) }
internal fun TandemController.ritualsScreen(zone: String): RitualsScreen = shown { core.ritualsScreen(zone) }
internal fun TandemController.agreementsScreen(zone: String): AgreementsScreen = shown { core.agreementsScreen(zone) }
internal fun TandemController.checkInScreen(zone: String): CheckInScreen = shown { core.checkInScreen(zone) }
internal fun TandemController.notebookScreen(zone: String): NotebookScreen = shown { core.notebookScreen(zone) }
internal fun TandemController.insightsTab(zone: String): InsightsScreen = shown { core.insightsTab(zone) }
internal fun TandemController.visibilityScreen(zone: String): VisibilityScreen = zoned(zone) { shown { core.visibilityScreen(zone) } }
internal fun TandemController.visibilityScreenAll(zone: String): VisibilityScreen = zoned(zone) { shown { core.visibilityScreenAll(zone) } }
internal fun TandemController.pauseScreen(zone: String): PauseScreen = when (val r = zoned(zone) { shown { PauseScreen.of(core.pauseScreen(zone)) } }) {
    is Rendered.Shown -> r.model
    is Rendered.Failed -> PauseScreen.Failed(r.message, r.error)
}

private inline fun <M> shown(read: () -> M): Rendered<M> = try {
    Rendered.Shown(read())
} catch (e: TandemException) {
    Rendered.Failed(UserMessages.forError(e), e)
}

/** An unknown zone is the phone's settings, said as such. */
private inline fun <M> zoned(zone: String, read: () -> Rendered<M>): Rendered<M> = try {
    ZoneId.of(zone)
    read()
} catch (e: DateTimeException) {
    Rendered.Failed(UserMessages.UNKNOWN_ZONE, e)
}

/** The row with the core's stable key [name] ("withdrawals and silences"), or null. */
internal fun app.tandem.ffi.InsightsScreenModel.row(name: String) = rows.firstOrNull { it.name == name }

// The Privacy screen's parts, as the tests read them.
internal val Rendered.Shown<VisibilityScreenModel>.heading get() = model.heading
internal val Rendered.Shown<VisibilityScreenModel>.empty get() = model.empty
internal val Rendered.Shown<VisibilityScreenModel>.groups get() = model.groups
internal val Rendered.Shown<VisibilityScreenModel>.auditHeading get() = model.auditHeading
internal val Rendered.Shown<VisibilityScreenModel>.audit get() = model.audit
internal val Rendered.Shown<VisibilityScreenModel>.auditMore get() = model.auditMore
internal val Rendered.Shown<VisibilityScreenModel>.showAll get() = model.showAll
internal fun Rendered.Shown<VisibilityScreenModel>.group(kind: VisibleKind) = model.groups.firstOrNull { it.kind == kind }

/** A person's [action] in one core call ([ReminderCoordinator.carryOut]). */
internal fun ReminderCoordinator.perform(action: UserAction, zone: String): ActionEffects = carryOut(zone, { it }) { core, phone -> core.perform(action, phone) }

/** App lock settings for code that sets one (the settings screen offers the core's choices). */
object LockSetting {
    val OFF: AppLockSetting = AppLock.Off

    /** On, asking again after [seconds] away (0: every time; past 3600 the core refuses it). */
    fun after(seconds: Int): AppLockSetting = AppLock.On(if (seconds < 0) UInt.MAX_VALUE else seconds.toUInt())
}

/** Keeps the key in a file readable by its owner only: the JVM demo's (a phone uses the Keystore). */
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
