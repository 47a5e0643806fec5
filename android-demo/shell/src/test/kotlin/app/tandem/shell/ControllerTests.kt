package app.tandem.shell

import app.tandem.ffi.ManualClock
import app.tandem.ffi.ErrorContext
import app.tandem.ffi.ErrorKind
import app.tandem.ffi.TandemException
import app.tandem.ffi.errorMessage
import app.tandem.ffi.ZoneMode
import java.io.File
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * The shell controller: the storage key file, proposing and the Today agenda
 * across zones, refusals, the system clock, and UserMessages for every
 * error.
 */
class ControllerTests : StoreTestBase() {
    @Test
    @DisplayName("FileStorageKeyProvider: makes 32 bytes once, owner-only, then the same key")
    fun `FileStorageKeyProvider - makes 32 bytes once, owner-only, then the same key`() {
        val file = File(tempDir(), "storage.key")
        val first = FileStorageKeyProvider(file).storageKey()
        assertEquals(32, first.size, "key length")
        assertEquals(32L, file.length(), "key file length")
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath())), "key file permissions")
        assertTrue(first.contentEquals(FileStorageKeyProvider(file).storageKey())) { "a second provider read another key" }
        val mem = InMemoryStorageKeyProvider()
        val k = mem.storageKey()
        k.fill(0)
        assertTrue(mem.storageKey().any { it != 0.toByte() }) { "the in-memory key can be changed by a caller" }
    }

    @Test
    @DisplayName("controller: propose, rituals, upcoming, today agenda across zones")
    fun `controller - propose, rituals, upcoming, today agenda across zones`() {
        val dir = tempDir()
        val keys = FileStorageKeyProvider(File(dir, "storage.key"))
        val now = ms("2027-06-01T12:00:00Z") // 08:00 in New York
        val clock = ManualClock(now)
        val path = File(dir, "tandem.db").path
        val c = TandemController.open(path, keys, "Ana's phone", clock)
        try {
            assertEquals("Ana's phone", c.core.device().name, "device name")
            val morning = c.core.addPersonalRitual(draft("Morning coffee", null, 15u, "07:00", ZoneMode.Floating))
            assertEquals(now, morning.proposedAtMs, "proposedAtMs from the controller's clock")
            // rituals() is ordered by proposal time, then by (random) id: step the clock.
            clock.advance(MINUTE)
            val call = c.core.addPersonalRitual(draft("Call", "What made you laugh?", 60u, "20:00", ZoneMode.Fixed(BERLIN)))
            assertEquals(now + MINUTE, call.proposedAtMs, "proposedAtMs after advance")
            assertEquals(listOf(morning, call), c.core.rituals(), "rituals")
            assertEquals(8, c.core.upcoming(now, now + 4 * DAY, NY).size, "two a day for four days")

            val today = c.todayModel(NY)
            assertEquals(null, today.empty, "empty message with rows")
            assertEquals(
                listOf(
                    listOf(call.id, "Call", "14:00", "2027-06-01", "20:00 Europe/Berlin", "in 5 h 59 min · 1 h"),
                    listOf(morning.id, "Morning coffee", "07:00", "2027-06-02", null, "in 22 h 59 min · 15 min"),
                ),
                today.coming.map { listOf(it.ritualId, it.title, it.time, it.date, it.zoneTime, it.detail) },
                "Today rows in New York, as the core words them",
            )
            assertEquals(listOf(ms("2027-06-01T18:00:00Z"), ms("2027-06-02T11:00:00Z")), today.coming.map { it.startMs }, "starts")
            // Fourteen hours later, the call has started (open, not missed) and tomorrow's call is in.
            clock.set(now + 14 * HOUR)
            val later = c.todayModel(NY)
            assertEquals(listOf("Call"), later.due.map { it.title }, "the call waits to be marked")
            assertEquals(listOf("Morning coffee", "Call"), later.coming.map { it.title }, "rows 14 h later")
            assertEquals("2027-06-02", later.coming[1].date, "next call's date")
            clock.set(now)

            // On a Berlin clock the call reads 20:00 with no second time.
            val inBerlin = c.todayModel(BERLIN)
            val callRow = inBerlin.coming.first { it.ritualId == call.id }
            assertEquals("20:00", callRow.time, "call time in Berlin")
            assertEquals(null, callRow.zoneTime, "no second time in Berlin")

            c.core.setDeviceName("Ana's Pixel")
            assertEquals("Ana's Pixel", c.core.device().name, "renamed")
        } finally {
            c.close()
        }
        // Reopen through the same key file: same device, same rituals.
        TandemController.open(path, keys, null, clock).use { again ->
            assertEquals("Ana's Pixel", again.core.device().name, "name after reopen")
            assertEquals(2, again.core.rituals().size, "rituals after reopen")
        }
    }

    @Test
    @DisplayName("controller: empty Today, refused input, wrong key, closed")
    fun `controller - empty Today, refused input, wrong key, closed`() {
        val dir = tempDir()
        val path = File(dir, "tandem.db").path
        val keys = InMemoryStorageKeyProvider()
        val now = ms("2027-03-13T12:00:00Z")
        val c = TandemController.open(path, keys, "phone", ManualClock(now))

        val empty = c.todayModel(NY)
        assertEquals(emptyList(), empty.coming, "no rows")
        assertEquals("Nothing for today. A quiet day is fine too.", empty.empty, "empty message")

        val badZone = c.todayScreen("Mars/Olympus")
        assertTrue(badZone is Rendered.Failed) { "expected Failed, got $badZone" }
        badZone as Rendered.Failed
        assertTrue(badZone.error is TandemException.InvalidInput) { "expected InvalidInput, got ${badZone.error}" }
        assertEquals(UserMessages.forError(badZone.error as TandemException), badZone.message, "message for a bad zone")
        assertTrue(!badZone.message.contains("Mars")) { "the message shows user text" }

        assertFailsWith<TandemException.InvalidInput>("negative minutes") { c.core.proposeRitual(draft("Walk", null, UInt.MAX_VALUE, "08:00", ZoneMode.Floating)) }
        assertFailsWith<TandemException.InvalidInput>("zero minutes") { c.core.proposeRitual(draft("Walk", null, 0u, "08:00", ZoneMode.Floating)) }
        // The gap rule through the controller: 02:30 on the spring-forward night.
        c.core.addPersonalRitual(draft("Night feed", null, 20u, "02:30", ZoneMode.Floating))
        val gap = c.todayModel(NY).coming.single()
        assertEquals("03:30", gap.time, "gap time shown")
        assertEquals(ms("2027-03-14T07:30:00Z"), gap.startMs, "gap startMs")

        val wrong = assertFailsWith<TandemException.WrongKey>("another key provider") {
            TandemController.open(path, InMemoryStorageKeyProvider(), null)
        }
        assertEquals(UserMessages.forError(wrong), UserMessages.forError(TandemException.WrongKey("x")), "wrong-key message")

        c.close()
        c.close()
        val closed = c.todayScreen(NY)
        assertTrue(closed is Rendered.Failed && closed.error is TandemException.Closed) { "expected Failed(Closed), got $closed" }
        assertFailsWith<TandemException.Closed>("propose after close") { c.core.proposeRitual(draft("Walk", null, 10u, "08:00", ZoneMode.Floating)) }
    }

    @Test
    @DisplayName("controller: system clock stamps proposals with the current time")
    fun `controller - system clock stamps proposals with the current time`() {
        val path = File(tempDir(), "tandem.db").path
        TandemController.open(path, InMemoryStorageKeyProvider(), "phone").use { c ->
            val before = System.currentTimeMillis()
            val r = c.core.proposeRitual(draft("Walk", null, 10u, "08:00", ZoneMode.Floating))
            val after = System.currentTimeMillis()
            assertTrue(r.proposedAtMs in before..after) { "proposedAtMs ${r.proposedAtMs} not in [$before, $after]" }
        }
    }

    @Test
    @DisplayName("UserMessages: one distinct message per variant, never the reason")
    fun `UserMessages - one distinct message per variant, never the reason`() {
        val marker = "Secret title 🌙 /home/ana"
        val all = listOf(
            TandemException.InvalidInput(marker),
            TandemException.NotAllowedNow(marker),
            TandemException.NotFound(marker),
            TandemException.WrongKey(marker),
            TandemException.NotATandemDatabase(marker),
            TandemException.DatabaseTooNew(marker),
            TandemException.PairingFailed(marker),
            TandemException.PairingOutdated(marker),
            TandemException.PairingExpired(marker),
            TandemException.AlreadyPaired(marker),
            TandemException.NotPaired(marker),
            TandemException.PayloadRejected(marker),
            TandemException.PayloadTooOld(marker),
            TandemException.ClockSkew(marker),
            TandemException.Storage(marker),
            TandemException.Damaged(marker),
            TandemException.Closed(marker),
            TandemException.WrongPassphrase(marker),
        )
        val messages = all.map { UserMessages.forError(it) }
        assertEquals(ErrorKind.values().toSet(), all.map { UserMessages.kindOf(it) }.toSet(), "every kind is mapped once")
        // The bindings carry the core's words and codes, the same on both phones.
        assertEquals(
            listOf("ritual.gone", "ritual.changed", "gone", "sync.too-old", "export.passphrase-short", "restore.not-empty"),
            listOf(
                errorMessage(ErrorKind.NOT_FOUND, ErrorContext.RITUAL), errorMessage(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.RITUAL),
                errorMessage(ErrorKind.NOT_FOUND, ErrorContext.ANYTHING), errorMessage(ErrorKind.PAYLOAD_TOO_OLD, ErrorContext.PAUSE),
                errorMessage(ErrorKind.INVALID_INPUT, ErrorContext.EXPORT), errorMessage(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.RESTORE),
            ).map { it.code },
            "codes",
        )
        assertEquals(
            "This ritual isn't on this phone any more, so nothing was done. Here is the list as it stands now.",
            UserMessages.forRitualAction(TandemException.NotFound(marker)), "a ritual that is gone, in the core's words",
        )
        assertTrue(messages.all { it.isNotBlank() }) { "a blank message" }
        assertEquals(all.size, messages.toSet().size, "distinct messages")
        assertTrue(messages.none { it.contains("Secret") || it.contains("reason") }) { "a message shows the reason" }
        assertEquals(UserMessages.PAYLOAD_TOO_OLD, UserMessages.forError(TandemException.PayloadTooOld(marker)), "PayloadTooOld's message")
        assertTrue(UserMessages.PAYLOAD_TOO_OLD.contains("nothing was lost") && UserMessages.PAYLOAD_TOO_OLD.contains("sync again")) {
            "PayloadTooOld should say nothing was lost and to sync again: ${UserMessages.PAYLOAD_TOO_OLD}"
        }
    }

    @Test
    @DisplayName("UserMessages: NotAllowedNow and NotFound read as their own person-readable text, with no user text")
    fun `UserMessages - NotAllowedNow and NotFound read as their own person-readable text, with no user text`() {
        val marker = "Secret walk 🌙"
        val notNow = UserMessages.forError(TandemException.NotAllowedNow(marker))
        val notFound = UserMessages.forError(TandemException.NotFound(marker))
        assertEquals(UserMessages.NOT_ALLOWED_NOW, notNow, "NotAllowedNow")
        assertEquals(UserMessages.NOT_FOUND, notFound, "NotFound")
        assertTrue(notNow != notFound) { "the two read the same" }
        assertTrue(notNow != UserMessages.forError(TandemException.InvalidInput(marker))) { "NotAllowedNow reads as InvalidInput" }
        assertTrue(notFound != UserMessages.forError(TandemException.InvalidInput(marker))) { "NotFound reads as InvalidInput" }
        for (m in listOf(notNow, notFound, UserMessages.RITUAL_CHANGED, UserMessages.RITUAL_GONE)) {
            assertTrue(m.isNotBlank() && !m.contains("Secret") && !m.contains("🌙") && !m.contains("reason")) { "<$m> shows the reason" }
        }
        // Real refusals, with the typed title in the core's reason or not: the message never shows it.
        val p = phone(ANA)
        using(p) {
            val walk = p.c.core.proposeRitual(draft(marker, null, 10u, "08:00", ZoneMode.Floating))
            val own = assertFailsWith<TandemException.NotAllowedNow>("accept one's own proposal") { p.c.core.acceptRitual(walk.id) }
            val none = assertFailsWith<TandemException.NotFound>("pause an unknown id") { p.c.core.pauseRitual("0123456789abcdef01234567") }
            assertEquals(UserMessages.RITUAL_CHANGED to UserMessages.RITUAL_GONE, UserMessages.forRitualAction(own) to UserMessages.forRitualAction(none), "the row messages")
            assertEquals(notNow to notFound, UserMessages.forError(own) to UserMessages.forError(none), "the general messages")
        }
    }
}
