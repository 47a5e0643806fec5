package app.tandem.android

import android.app.AlarmManager
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.provider.Settings
import org.robolectric.RuntimeEnvironment
import app.tandem.ffi.AppLock
import app.tandem.shell.LaunchState
import app.tandem.shell.LockGuard
import app.tandem.shell.Screen
import app.tandem.shell.UserMessages
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager
import org.xmlpull.v1.XmlPullParser

/** The app's launch, lock and backup rules on Robolectric's Android 15, with the real core. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = TestApp::class)
class AppTests {
    private val context: Context = RuntimeEnvironment.getApplication()
    private fun app() = context as TandemApp

    private fun launch(): MainActivity {
        val activity = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        shadowOf(android.os.Looper.getMainLooper()).idle()
        return activity
    }

    private fun shown(a: MainActivity) = texts(a.window.decorView)

    @Test
    fun `every launch shows the notices while access is missing`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        assertTrue(app().session.state is LaunchState.Opened)
        repeat(3) { i ->
            val a = launch()
            assertTrue("launch $i: ${shown(a)}", exactAlarmsOff() in shown(a))
            a.finish()
        }
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val a = launch()
        assertTrue("allowed now: ${shown(a)}", exactAlarmsOff() !in shown(a))
    }

    @Test
    fun `the exact-alarm setting opens for this app, by its package URI`() {
        val i = exactAlarmSettings(context)
        assertEquals(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, i.action)
        assertEquals(Uri.parse("package:${context.packageName}"), i.data)
    }

    @Test
    fun `boot, time set, zone change, app update and the permission change each re-plan and arm the core's plan`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        app().core().addPersonalRitual(stretch())
        val alarms = context.getSystemService(AlarmManager::class.java)!!
        val planned = app().core().armReminders(java.time.ZoneId.systemDefault().id, app.tandem.ffi.ReplanTrigger.APP_START, emptyList(), app.tandem.shell.ReminderAccess.ALL.forCore()).planned.map { it.fireAtMs }.sorted()
        assertTrue(planned.isNotEmpty())
        listOf(Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_TIME_CHANGED, Intent.ACTION_TIMEZONE_CHANGED, Intent.ACTION_MY_PACKAGE_REPLACED,
            AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED).forEach { action ->
            AlarmScheduler(context).let { it.cancel(it.pendingIds()) } // nothing armed, nothing recorded
            assertEquals(0, shadowOf(alarms).scheduledAlarms.size)
            context.sendBroadcast(Intent(action).setPackage(context.packageName)) // through the manifest's receiver
            shadowOf(android.os.Looper.getMainLooper()).idle()
            assertEquals(action, planned, shadowOf(alarms).scheduledAlarms.map { it.triggerAtMs }.sorted())
        }
    }

    @Test
    fun `the app lock is asked for before export, unpair and wipe`() {
        app().session.controller!!.setAppLock(AppLock.On(0u))
        val asked = mutableListOf<String>()
        val a = launch()
        app().authenticator = app.tandem.shell.UserAuthenticator { reason, done -> asked += reason; done(false) }
        a.guarded(LockGuard.EXPORT) { _ -> app().core().exportData("long enough passphrase") }
        a.guarded(LockGuard.UNPAIR) { _ -> app().session.pairing()?.press(app.tandem.shell.PairingAction.UNPAIR, a.zone()) }
        a.guarded(LockGuard.WIPE) { it.wipe() }
        shadowOf(android.os.Looper.getMainLooper()).idle()
        assertEquals(listOf(LockGuard.EXPORT, LockGuard.UNPAIR, LockGuard.WIPE).map { it.reason("en-US") }, asked)
        assertEquals("Confirm it's you to erase Tandem from this phone", asked.last())
        assertTrue("refused: nothing wiped", app().core().rituals().isEmpty())
    }

    @Test
    fun `the pairing screen draws the core's words and buttons, and each button is the core's step`() {
        val a = launch()
        a.show(Screen.PAIRING)
        shadowOf(android.os.Looper.getMainLooper()).idle()
        fun click(label: String) {
            val b = buttons(a.window.decorView).firstOrNull { it.text.toString() == label } ?: error("no button <$label> in ${shown(a)}")
            b.performClick()
            shadowOf(android.os.Looper.getMainLooper()).idle()
        }
        assertTrue(shown(a).toString(), listOf("Pair your phones", "Show my code", "Scan my partner's code").all { it in shown(a) })
        click("Scan my partner's code")
        // No camera permission under Robolectric: the core's words for asking, and a way out.
        assertTrue(shown(a).toString(), listOf("Allow the camera", "Close the camera").all { it in shown(a) })
        assertTrue(shown(a).toString(), shown(a).any { it.startsWith("Tandem needs the camera") })
        click("Close the camera")
        assertTrue(shown(a).toString(), "Allow the camera" !in shown(a))
        click("Show my code")
        assertTrue(shown(a).toString(), "Let your partner scan this, then scan the code on their screen." in shown(a))
        assertTrue(shown(a).toString(), shown(a).any { it.startsWith("Good until ") })
        assertTrue(shown(a).toString(), listOf("Check the code is still good", "Cancel").all { it in shown(a) })
        click("Cancel")
        assertEquals(app.tandem.ffi.PairingStatus.Unpaired, app().core().pairingStatus())
        assertTrue(shown(a).toString(), "Show my code" in shown(a))
    }

    @Test
    fun `backup and device transfer exclude the database and the key`() {
        val res = context.resources
        fun excludes(name: String): Map<String, List<Pair<String, String>>> {
            val id = res.getIdentifier(name, "xml", context.packageName)
            assertTrue("no res/xml/$name", id != 0)
            val p = res.getXml(id)
            val out = linkedMapOf<String, MutableList<Pair<String, String>>>()
            var section = "full-backup-content"
            while (p.next() != XmlPullParser.END_DOCUMENT) {
                if (p.eventType != XmlPullParser.START_TAG) continue
                when (p.name) {
                    "cloud-backup", "device-transfer" -> section = p.name
                    "exclude" -> out.getOrPut(section) { mutableListOf() } += p.getAttributeValue(null, "domain") to p.getAttributeValue(null, "path")
                }
            }
            return out
        }
        // files/tandem.db (+ -wal, -shm), files/storage-key.wrapped: the "file" domain, whole; databases/ and prefs too.
        val needed = listOf("file" to ".", "database" to ".", "sharedpref" to ".", "root" to ".")
        val transfer = excludes("data_extraction_rules")
        assertEquals(setOf("cloud-backup", "device-transfer"), transfer.keys)
        transfer.forEach { (section, ex) -> assertTrue("$section: $ex", ex.containsAll(needed)) }
        assertTrue(excludes("backup_rules").getValue("full-backup-content").containsAll(needed))
        assertEquals(false, context.applicationInfo.flags and android.content.pm.ApplicationInfo.FLAG_ALLOW_BACKUP != 0)
    }
}

/** A key store that refuses (Robolectric has no AndroidKeyStore: KeyStoreException, a GeneralSecurityException). */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = KeystoreApp::class)
class KeystoreFailureTests {
    private val context: Context = RuntimeEnvironment.getApplication()

    @Test
    fun `a key store failure shows the recovery screen, never a crash, and broadcasts stay quiet`() {
        val app = context as TandemApp
        assertTrue("${app.session.state}", app.session.state is LaunchState.KeyStoreFailed)
        context.sendBroadcast(Intent(Intent.ACTION_BOOT_COMPLETED).setPackage(context.packageName))
        shadowOf(android.os.Looper.getMainLooper()).idle() // the receiver ran: no throw, nothing armed
        assertEquals(0, shadowOf(context.getSystemService(android.app.AlarmManager::class.java)!!).scheduledAlarms.size)
        val a = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        shadowOf(android.os.Looper.getMainLooper()).idle()
        val shown = texts(a.window.decorView)
        assertTrue("$shown", UserMessages.KEYSTORE_FAILED in shown && "Try again" in shown)
        assertEquals(false, java.io.File(context.filesDir, "tandem.db").exists())
    }
}
