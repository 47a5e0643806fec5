package app.tandem.shell

import app.tandem.ffi.ManualClock
import app.tandem.ffi.FormRequest
import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.UserAction
import app.tandem.ffi.coreVersion
import app.tandem.ffi.generateStorageKey
import java.io.File
import java.io.RandomAccessFile
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * The facade's basics through the generated Kotlin: the core version,
 * storage keys, the manual clock, the device identity, and every way opening
 * or using a database is refused (InvalidInput, WrongKey,
 * NotATandemDatabase, DatabaseTooNew, Storage, Closed).
 */
class FacadeTests : StoreTestBase() {
    @Test
    @DisplayName("coreVersion is the workspace version")
    fun `coreVersion is the workspace version`() {
        val v = coreVersion()
        assertTrue(Regex("""\d+\.\d+\.\d+""").matches(v)) { "coreVersion <$v> is not MAJOR.MINOR.PATCH" }
        val expected = System.getProperty("tandem.expectedVersion")
        assertTrue(!expected.isNullOrEmpty()) { "the runner did not pass -Dtandem.expectedVersion" }
        assertEquals(expected, v, "coreVersion")
    }

    @Test
    @DisplayName("generateStorageKey: 32 random bytes each call")
    fun `generateStorageKey - 32 random bytes each call`() {
        val a = generateStorageKey()
        val b = generateStorageKey()
        assertEquals(32, a.size, "key length")
        assertEquals(32, b.size, "key length")
        assertTrue(!a.contentEquals(b)) { "two keys are equal" }
        assertTrue(a.any { it != 0.toByte() }) { "key is all zeros" }
    }

    @Test
    @DisplayName("ManualClock: nowMs, set, advance")
    fun `ManualClock - nowMs, set, advance`() {
        val clock = ManualClock(T0)
        assertEquals(T0, clock.nowMs(), "nowMs after new")
        clock.advance(1_500)
        assertEquals(T0 + 1_500, clock.nowMs(), "nowMs after advance")
        clock.set(ms("2030-01-01T00:00:00Z"))
        assertEquals(1_893_456_000_000L, clock.nowMs(), "nowMs after set")
        clock.advance(-DAY)
        assertEquals(1_893_456_000_000L - DAY, clock.nowMs(), "nowMs after advancing backwards")
    }

    @Test
    @DisplayName("device: 32-hex id stable across reopen; name set, trimmed, round-trips")
    fun `device - 32-hex id stable across reopen, name set, trimmed, round-trips`() {
        val db = newDb(name = "  Ana's phone  ")
        val first = db.tandem.closing { t ->
            val d = t.device()
            assertTrue(Regex("[0-9a-f]{32}").matches(d.deviceId)) { "device id <${d.deviceId}> is not 32 hex chars" }
            assertEquals("Ana's phone", d.name, "device name (trimmed)")
            t.setDeviceName("Ana’s Pixel 🌙 ünïcode")
            assertEquals("Ana’s Pixel 🌙 ünïcode", t.device().name, "name after setDeviceName")
            d
        }
        reopen(db).closing { t ->
            assertEquals(first.deviceId, t.device().deviceId, "device id after reopen")
            assertEquals("Ana’s Pixel 🌙 ünïcode", t.device().name, "name after reopen")
        }
        // A name given to an existing database is for creation only: the
        // name the person chose stays.
        reopen(db, name = "Kitchen tablet").closing { t ->
            assertEquals(first.deviceId, t.device().deviceId, "device id after reopen with a name")
            assertEquals("Ana’s Pixel 🌙 ünïcode", t.device().name, "name after reopen with a name")
        }
        // Without a ManualClock too (system clock): same identity.
        Tandem.open(db.path, db.key, null).closing { t ->
            assertEquals(first.deviceId, t.device().deviceId, "device id via Tandem.open")
        }
        val other = newDb()
        other.tandem.closing { t -> assertTrue(t.device().deviceId != first.deviceId) { "two databases share a device id" } }
    }

    @Test
    @DisplayName("InvalidInput: storage key length and a new database without a name")
    fun `InvalidInput - storage key length and a new database without a name`() {
        val dir = tempDir()
        val path = File(dir, "new.db").path
        for (len in listOf(0, 31, 33)) {
            assertFailsWith<TandemException.InvalidInput>("$len-byte key") { Tandem.open(path, ByteArray(len) { 7 }, "phone") }
        }
        assertFailsWith<TandemException.InvalidInput>("new database without a device name") {
            Tandem.open(path, generateStorageKey(), null)
        }
        assertFailsWith<TandemException.InvalidInput>("new database with a blank device name") {
            Tandem.open(path, generateStorageKey(), "  ")
        }
        assertTrue(!File(path).exists() || File(path).length() == 0L) { "a refused open created a database" }
        // An existing database refuses a short key too, before anything else.
        val db = newDb()
        db.tandem.closeDatabase()
        assertFailsWith<TandemException.InvalidInput>("31-byte key on an existing database") {
            Tandem.open(db.path, db.key.copyOf(31), null)
        }
    }

    @Test
    @DisplayName("WrongKey: another key is refused and the file is left untouched")
    fun `WrongKey - another key is refused and the file is left untouched`() {
        val db = newDb()
        db.tandem.closing { it.proposeRitual(draft()) }
        val before = File(db.path).readBytes()
        val e = assertFailsWith<TandemException.WrongKey>("another key") { Tandem.open(db.path, generateStorageKey(), null) }
        assertTrue(e.reason.isNotBlank()) { "empty reason" }
        assertFailsWith<TandemException.WrongKey>("another key with a name") { Tandem.open(db.path, generateStorageKey(), "Thief") }
        assertTrue(before.contentEquals(File(db.path).readBytes())) { "the file changed" }
        reopen(db).closing { t ->
            assertEquals(1, t.rituals().size, "the right key still opens it")
            assertEquals("Ana's phone", t.device().name, "the refused name was not written")
        }
    }

    @Test
    @DisplayName("NotATandemDatabase: a text file is refused and left untouched")
    fun `NotATandemDatabase - a text file is refused and left untouched`() {
        val file = File(tempDir(), "notes.txt")
        val text = "Shopping: milk, eggs, and a very long line to fill the first page of what SQLite would read.\n".repeat(20)
        file.writeText(text)
        assertFailsWith<TandemException.NotATandemDatabase>("text file") { Tandem.open(file.path, generateStorageKey(), null) }
        assertFailsWith<TandemException.NotATandemDatabase>("text file with a name") { Tandem.open(file.path, generateStorageKey(), "phone") }
        assertEquals(text, file.readText(), "text file contents")
    }

    @Test
    @DisplayName("DatabaseTooNew: user_version 999 is refused and left untouched")
    fun `DatabaseTooNew - user_version 999 is refused and left untouched`() {
        val db = newDb()
        db.tandem.closeDatabase()
        val copy = File(File(db.path).parentFile, "copy.db")
        File(db.path).copyTo(copy)
        RandomAccessFile(copy, "rw").use { f ->
            f.seek(60)
            f.writeInt(999) // big-endian, as SQLite stores user_version
        }
        val before = copy.readBytes()
        val e = assertFailsWith<TandemException.DatabaseTooNew>("user_version 999") { Tandem.open(copy.path, db.key, null) }
        assertTrue(e.reason.contains("999")) { "reason does not name the version: ${e.reason}" }
        assertTrue(before.contentEquals(copy.readBytes())) { "the file changed" }
        // The original still opens.
        reopen(db).closing { t -> assertEquals("Ana's phone", t.device().name, "original opens") }
    }

    @Test
    @DisplayName("Storage: a path in a directory that does not exist")
    fun `Storage - a path in a directory that does not exist`() {
        val path = File(tempDir(), "no/such/dir/tandem.db").path
        val e = assertFailsWith<TandemException.Storage>("missing directory") { Tandem.open(path, generateStorageKey(), "phone") }
        assertTrue(e.reason.isNotBlank()) { "empty reason" }
        assertTrue(!File(path).parentFile.exists()) { "the directory was created" }
    }

    @Test
    @DisplayName("Closed: every call after close; closing twice is fine")
    fun `Closed - every call after close, closing twice is fine`() {
        val db = newDb()
        val t = db.tandem
        t.closeDatabase()
        t.closeDatabase()
        val calls: Map<String, () -> Unit> = mapOf(
            "device" to { t.device() },
            "setDeviceName" to { t.setDeviceName("x") },
            "submitRitualForm Propose" to { t.submitRitualForm(draft().asForm(), RitualPurpose.Propose, phoneNow()) },
            "rituals" to { t.rituals() },
            "perform AcceptRitual" to { t.perform(UserAction.AcceptRitual(UNKNOWN_ID), phoneNow()) },
            "perform DeclineRitual" to { t.perform(UserAction.DeclineRitual(UNKNOWN_ID), phoneNow()) },
            "submitRitualForm Change" to { t.submitRitualForm(draft().asForm(), RitualPurpose.Change(UNKNOWN_ID), phoneNow()) },
            "perform PauseRitual" to { t.perform(UserAction.PauseRitual(UNKNOWN_ID), phoneNow()) },
            "perform ResumeRitual" to { t.perform(UserAction.ResumeRitual(UNKNOWN_ID), phoneNow()) },
            "perform RetireRitual" to { t.perform(UserAction.RetireRitual(UNKNOWN_ID), phoneNow()) },
            "upcoming" to { t.upcoming(T0, T0 + DAY, NY) },
            "startPairing" to { t.startPairing() },
            "acceptPairing" to { t.acceptPairing("TANDEM:AAAA") },
            "completePairing" to { t.completePairing("TANDEM:AAAA") },
            "cancelPairing" to { t.cancelPairing() },
            "confirmPairing" to { t.confirmPairing() },
            "rejectPairing" to { t.rejectPairing() },
            "pairingStatus" to { t.pairingStatus() },
            "unpair" to { t.unpair() },
            "exportPayloads" to { t.exportPayloads() },
            "changesToSend" to { t.changesToSend() },
            "importPayload" to { t.importPayload(ByteArray(100)) },
            "submitRitualForm Personal" to { t.submitRitualForm(draft().asForm(), RitualPurpose.Personal, phoneNow()) },
            "openForm NewRitual" to { t.openForm(FormRequest.NewRitual) },
            "openForm ChangeRitual" to { t.openForm(FormRequest.ChangeRitual(UNKNOWN_ID)) },
            "perform KeepRitual" to { t.perform(UserAction.KeepRitual(UNKNOWN_ID), phoneNow()) },
            "reviewsDue" to { t.reviewsDue(NY) },
            "perform Snooze" to { t.perform(UserAction.Snooze(UNKNOWN_ID, "2027-03-01", 10u), phoneNow()) },
            "perform RestWeek" to { t.perform(UserAction.RestWeek("2027-03-01", true), phoneNow()) },
            "perform RestWeek off" to { t.perform(UserAction.RestWeek("2027-03-01", false), phoneNow()) },
            "restWeeks" to { t.restWeeks() },
            "exportIcs" to { t.exportIcs(true) },
        )
        for ((name, call) in calls) {
            val e = assertFailsWith<TandemException.Closed>(name) { call() }
            assertTrue(e.reason.isNotBlank()) { "$name: empty reason" }
        }
        // The file is released: it opens again.
        reopen(db).closing { assertEquals("Ana's phone", it.device().name, "reopened after close") }
    }

    @Test
    @DisplayName("checkStore: a healthy store says ok with no findings; Damaged has words of its own")
    fun `checkStore - a healthy store says ok with no findings`() {
        val db = newDb()
        db.tandem.closing { t ->
            val empty = t.checkStore()
            assertTrue(empty.ok) { "a new store: ${empty.findings}" }
            t.proposeRitual(draft())
            t.addPersonalRitual(draft(title = "Stretch", time = "07:00"))
            t.addBoundary("I need quiet mornings", true)
            val report = t.checkStore()
            assertTrue(report.ok) { "a store in use: ${report.findings}" }
            assertEquals(emptyList(), report.findings, "findings")
        }
        // Reopened, it still checks clean.
        reopen(db).closing { assertTrue(it.checkStore().ok) { "after reopening" } }
        val damaged = UserMessages.forError(TandemException.Damaged("rituals.shown does not open"))
        assertTrue(damaged.contains("damaged") && !damaged.contains("rituals")) { damaged }
    }
}
