package app.tandem.shell

import app.tandem.ffi.NoticeKind
import app.tandem.ffi.ManualClock
import app.tandem.ffi.TandemException
import app.tandem.ffi.qrCode
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * App support: system broadcasts to triggers, the QR matrix, and
 * TandemSession's open and re-plan cycle.
 */
class AppSupportTests : StoreTestBase() {
    @Test
    @DisplayName("app support: each system broadcast maps to its trigger; unknown ones to none")
    fun `app support - each system broadcast maps to its trigger, unknown ones to none`() {
        assertEquals(ReplanTrigger.BOOT, SystemEvents.trigger("android.intent.action.BOOT_COMPLETED"), "boot")
        assertEquals(ReplanTrigger.TIME_CHANGED, SystemEvents.trigger("android.intent.action.TIME_SET"), "time")
        assertEquals(ReplanTrigger.ZONE_CHANGED, SystemEvents.trigger("android.intent.action.TIMEZONE_CHANGED"), "zone")
        assertEquals(ReplanTrigger.PERMISSION_CHANGED, SystemEvents.trigger("android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED"), "exact")
        assertEquals(ReplanTrigger.APP_START, SystemEvents.trigger("android.intent.action.MY_PACKAGE_REPLACED"), "update")
        assertEquals(null, SystemEvents.trigger("android.intent.action.SCREEN_ON"), "unknown")
        assertEquals(null, SystemEvents.trigger(null), "none")
    }

    @Test
    @DisplayName("app support: QrMatrix adds the quiet zone around the core's modules")
    fun `app support - QrMatrix adds the quiet zone around the core's modules`() {
        val qr = qrCode("TANDEM-TEST")
        val m = QrMatrix.of(qr)
        val n = qr.size.toInt()
        assertEquals(n + 8, m.side, "side")
        for (y in 0 until m.side) for (x in 0 until m.side) {
            val inside = x in 4 until n + 4 && y in 4 until n + 4
            val expected = inside && qr.modules[(y - 4) * n + (x - 4)].toInt() == 1
            if (m.dark(x, y) != expected) fail("module ($x, $y)")
        }
        assertTrue(m.dark(4, 4)) { "the finder pattern's corner is dark" }
        assertEquals(32, newStorageKey().size, "storage key")
    }

    @Test
    @DisplayName("app support: TandemSession opens and plans at start, re-plans after a change, a sync and each event, and stays closed while the key is missing")
    fun `app support - TandemSession opens and plans at start, re-plans after a change, a sync and each event, and stays closed while the key is missing`() {
        val dir = tempDir()
        val keys = InMemoryStorageKeyProvider()
        val scheduler = FakeScheduler()
        val clock = ManualClock(T0)
        val session = TandemSession(TandemLauncher(File(dir, "tandem.db"), keys, ANA, clock), scheduler) { NY }
        assertTrue(session.start() is LaunchState.Opened) { "start: ${session.state}" }
        assertEquals(listOf("pending"), scheduler.take(), "planned at start (nothing yet)")
        val walk = session.change { it.core.addPersonalRitual(walkDraft()) }
        assertEquals(6, scheduler.armed.size, "armed after the change")
        assertEquals(walk.id, session.controller!!.core.planReminders(NY, 60u).map { it.sourceId }.distinct().single(), "the walk's reminders")
        scheduler.take()
        assertEquals(ReplanTrigger.BOOT, session.replan(ReplanTrigger.BOOT)?.trigger, "boot")
        assertEquals(6, scheduler.take().count { it.startsWith("arm ") }, "boot re-arms")
        session.controller!!.close()

        keys.deleteStorageKey()
        val again = TandemSession(TandemLauncher(File(dir, "tandem.db"), keys, ANA, clock), FakeScheduler()) { NY }
        assertEquals(LaunchState.KeyMissing(UserMessages.KEY_MISSING), again.start(), "key missing")
        assertEquals(null, again.replan(ReplanTrigger.BOOT), "no re-plan while closed")
        assertEquals(null, again.controller, "no controller")
    }

    @Test
    @DisplayName("app support: the notices are there on every launch while access is missing, not only after the re-plan that first saw it")
    fun `app support - the notices are there on every launch while access is missing`() {
        val dir = tempDir()
        val keys = InMemoryStorageKeyProvider()
        val clock = ManualClock(T0)
        val scheduler = FakeScheduler().apply { access = ReminderAccess(notifications = false, exactAlarms = false) }
        val expected = listOf(NoticeKind.NOTIFICATIONS_OFF, NoticeKind.EXACT_ALARMS_OFF)
        for (launch in 1..3) { // each a new process: a new session over the same files
            val session = TandemSession(TandemLauncher(File(dir, "tandem.db"), keys, ANA, clock), scheduler) { NY }
            assertEquals(emptyList<ReminderNotice>(), session.notices(), "launch $launch: nothing before it is open")
            assertTrue(session.start() is LaunchState.Opened) { "launch $launch: ${session.state}" }
            assertEquals(expected, session.notices().kinds(), "launch $launch")
            // Back in the foreground with nothing changed: no re-plan, the notices still stand.
            assertEquals(null, session.resumed(), "launch $launch: resumed re-plans nothing")
            assertEquals(expected, session.notices().kinds(), "launch $launch, resumed")
            session.controller!!.close()
        }
        scheduler.access = ReminderAccess(notifications = true, exactAlarms = false)
        val session = TandemSession(TandemLauncher(File(dir, "tandem.db"), keys, ANA, clock), scheduler) { NY }
        session.start()
        assertEquals(listOf(NoticeKind.EXACT_ALARMS_OFF), session.notices().kinds(), "notifications allowed again")
        scheduler.access = ReminderAccess.ALL
        assertEquals(emptyList<ReminderNotice>(), session.notices(), "everything allowed: no notice")
        session.controller!!.close()
    }

    @Test
    @DisplayName("app support: a key store failure (GeneralSecurityException or ProviderException) is KeyStoreFailed, changes nothing, and the next start tries again")
    fun `app support - a key store failure is KeyStoreFailed and the next start tries again`() {
        val dir = tempDir()
        val db = File(dir, "tandem.db")
        val real = InMemoryStorageKeyProvider()
        val failures = ArrayDeque<Exception>(listOf(java.security.KeyStoreException("keystore daemon gone"), java.security.ProviderException("Keystore operation failed")))
        val flaky = object : StorageKeyProvider {
            fun fail() { failures.removeFirstOrNull()?.let { throw it } }
            override fun storageKey(): ByteArray { fail(); return real.storageKey() }
            override fun hasStorageKey(): Boolean { fail(); return real.hasStorageKey() }
            override fun deleteStorageKey() = real.deleteStorageKey()
        }
        val scheduler = FakeScheduler()
        val session = TandemSession(TandemLauncher(db, flaky, ANA, ManualClock(T0)), scheduler) { NY }
        val first = session.start()
        assertTrue(first is LaunchState.KeyStoreFailed && first.error is java.security.GeneralSecurityException) { "first: $first" }
        assertEquals(UserMessages.KEYSTORE_FAILED, (first as LaunchState.KeyStoreFailed).message)
        assertEquals(null, session.replan(ReplanTrigger.BOOT), "a broadcast while it failed re-plans nothing and throws nothing")
        val second = session.start()
        assertTrue(second is LaunchState.KeyStoreFailed && second.error is java.security.ProviderException) { "second: $second" }
        assertEquals(false, db.exists(), "nothing was made while the key store refused")
        assertTrue(session.start() is LaunchState.Opened) { "the third start opens: ${session.state}" }
        session.controller!!.close()
    }
}
