package app.tandem.shell

import app.tandem.ffi.ManualClock
import app.tandem.ffi.Ritual
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import java.io.File
import java.io.RandomAccessFile
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

private fun launcherFiles(db: File): Map<String, List<Byte>> =
    db.parentFile.listFiles()!!.filter { it.isFile && it.name.startsWith(db.name) }.associate { it.name to it.readBytes().toList() }

/**
 * The launcher: first start, a missing key, restoring after a lost key,
 * starting over, and a database from a newer Tandem.
 */
class LauncherTests : StoreTestBase() {
    @Test
    @DisplayName("launcher: first start creates; a missing key is KeyMissing, makes no key and leaves the files byte for byte")
    fun `launcher - first start creates, a missing key is KeyMissing, makes no key and leaves the files byte for byte`() {
        val dir = tempDir()
        val db = File(dir, "tandem.db")
        val keys = InMemoryStorageKeyProvider()
        val first = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        assertTrue(first is LaunchState.Opened) { "first start: $first" }
        (first as LaunchState.Opened).controller.core.addPersonalRitual(draft("Stretch", null, 10u, "07:00", ZoneMode.Floating))
        first.controller.close()
        val again = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        assertTrue(again is LaunchState.Opened && again.controller.core.rituals().size == 1) { "reopened: $again" }
        (again as LaunchState.Opened).controller.close()

        keys.deleteStorageKey()
        val files = launcherFiles(db)
        val missing = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        assertEquals(LaunchState.KeyMissing(UserMessages.KEY_MISSING), missing, "state")
        assertEquals(false, keys.hasKey, "no key was made")
        assertEquals(files, launcherFiles(db), "files untouched")
        val direct = assertFailsWith<TandemException.WrongKey>("the controller refuses too") { TandemController.open(db.path, keys, null) }
        assertEquals(false, keys.hasKey, "still no key after the controller")
        assertTrue(!UserMessages.forError(direct).contains(direct.reason)) { "reason shown" }
        assertEquals(files, launcherFiles(db), "files untouched by the controller")
    }

    @Test
    @DisplayName("launcher: restore from an export after a lost key; a wrong passphrase puts everything back; start over sets the locked files aside")
    fun `launcher - restore from an export after a lost key, a wrong passphrase puts everything back, start over sets the locked files aside`() {
        val dir = tempDir()
        val db = File(dir, "tandem.db")
        val keys = InMemoryStorageKeyProvider()
        val opened = TandemLauncher(db, keys, ANA, ManualClock(T0)).open() as LaunchState.Opened
        val stretch = opened.controller.core.addPersonalRitual(draft("Stretch", null, 10u, "07:00", ZoneMode.Floating))
        val export = opened.controller.core.exportData("correct horse battery staple")
        opened.controller.close()
        keys.deleteStorageKey()
        val files = launcherFiles(db)
        val launcher = TandemLauncher(db, keys, "New phone", ManualClock(T0))

        val wrong = launcher.restoreFromExport(export, "wrong horse")
        assertTrue(wrong is LaunchState.KeyMissing && wrong.error is TandemException.WrongPassphrase) { "wrong passphrase: $wrong" }
        assertEquals(UserMessages.WRONG_PASSPHRASE, (wrong as LaunchState.KeyMissing).message, "message")
        assertEquals(false, keys.hasKey, "the new key is gone again")
        assertEquals(files, launcherFiles(db), "the locked files are back, byte for byte")
        assertEquals(listOf("tandem.db"), dir.list()!!.filter { !it.startsWith("tandem.db-") }.sorted(), "no folder left behind")
        assertEquals(LaunchState.KeyMissing(UserMessages.KEY_MISSING), launcher.open(), "still KeyMissing")

        val restored = launcher.restoreFromExport(export, "correct horse battery staple")
        assertTrue(restored is LaunchState.Opened && (restored.restored ?: 0) > 0) { "restore: $restored" }
        restored as LaunchState.Opened
        assertEquals(listOf(stretch.id), restored.controller.core.rituals().map { it.id }, "the ritual restored")
        assertEquals(ANA, restored.controller.core.device().name, "the exported device's name")
        val aside = File(dir, "tandem.db.locked-1")
        assertEquals(files, launcherFiles(File(aside, "tandem.db")), "the locked files set aside, byte for byte")
        restored.controller.close()
        assertFailsWith<IllegalStateException>("start over with a key") { launcher.startOver() }

        keys.deleteStorageKey()
        val files2 = launcherFiles(db)
        val fresh = launcher.startOver()
        assertTrue(fresh is LaunchState.Opened) { "start over: $fresh" }
        (fresh as LaunchState.Opened).controller.let {
            assertEquals(emptyList<Ritual>(), it.core.rituals(), "an empty Tandem")
            assertEquals("New phone", it.core.device().name, "named anew")
            it.close()
        }
        assertEquals(files2, launcherFiles(File(File(dir, "tandem.db.locked-2"), "tandem.db")), "the second locked set kept")
        assertEquals(true, keys.hasKey, "a new key")
    }

    @Test
    @DisplayName("launcher: a database from a newer Tandem is Failed(DatabaseTooNew) with its message; the file and the key are kept")
    fun `launcher - a database from a newer Tandem is Failed(DatabaseTooNew) with its message, the file and the key are kept`() {
        val dir = tempDir()
        val db = File(dir, "tandem.db")
        val keys = InMemoryStorageKeyProvider()
        (TandemLauncher(db, keys, ANA, ManualClock(T0)).open() as LaunchState.Opened).controller.close()
        RandomAccessFile(db, "rw").use { f ->
            f.seek(60)
            f.writeInt(999)
        }
        val files = launcherFiles(db)
        val key = keys.storageKey()
        val r = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        assertTrue(r is LaunchState.Failed && r.error is TandemException.DatabaseTooNew) { "expected Failed(DatabaseTooNew), got $r" }
        assertEquals(UserMessages.forError(TandemException.DatabaseTooNew("x")), (r as LaunchState.Failed).message, "message")
        assertTrue(r.message.contains("Update the app")) { "the message says what to do" }
        assertEquals(files, launcherFiles(db), "files untouched")
        assertTrue(key.contentEquals(keys.storageKey())) { "the key changed" }
    }
}
