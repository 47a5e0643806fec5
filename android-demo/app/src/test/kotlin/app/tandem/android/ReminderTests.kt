package app.tandem.android

import android.app.AlarmManager
import android.app.Notification
import android.app.NotificationManager
import android.content.Context
import android.content.Intent
import org.robolectric.RuntimeEnvironment
import app.tandem.shell.ReplanTrigger
import app.tandem.shell.SystemEvents
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager

/** The scheduler on the real AlarmManager (Robolectric's), the receiver on the real NotificationManager. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = TestApp::class)
class ReminderTests {
    private val context: Context = RuntimeEnvironment.getApplication()
    private val alarms = context.getSystemService(AlarmManager::class.java)!!
    private val T = 1_900_000_000_000L
    private val EXACT = 0L // AlarmManager.WINDOW_EXACT (hidden)

    private fun scheduled() = shadowOf(alarms).scheduledAlarms.sortedBy { it.triggerAtMs }

    @Test
    fun `with exact alarms allowed, each reminder of the plan is an exact alarm that fires in Doze`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val s = AlarmScheduler(context)
        assertTrue(s.access().exactAlarms)
        listOf(alarm("a", T), alarm("b", T + 60_000)).forEach { s.arm(it) }
        val armed = scheduled()
        assertEquals(listOf(T, T + 60_000), armed.map { it.triggerAtMs })
        assertTrue(armed.all { it.isAllowWhileIdle && it.windowLengthMs == EXACT && it.type == AlarmManager.RTC_WAKEUP })
        assertEquals(setOf("a", "b"), s.pendingIds().toSet())
    }

    @Test
    fun `without exact alarms, each reminder is setAndAllowWhileIdle from its time, never setWindow`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        val s = AlarmScheduler(context)
        assertEquals(false, s.access().exactAlarms)
        s.arm(alarm("a", T, exact = false))
        // An Exact timing that lost the permission in a race falls back the same way (no SecurityException).
        s.arm(alarm("b", T + 1, exact = true))
        val armed = scheduled()
        assertEquals(listOf(T, T + 1), armed.map { it.triggerAtMs })
        assertTrue("allow while idle, inexact: ${armed.map { it.windowLengthMs }}",
            armed.all { it.isAllowWhileIdle && it.windowLengthMs != EXACT })
    }

    @Test
    fun `cancel drops exactly what the plan dropped`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val s = AlarmScheduler(context)
        listOf("a", "b", "c").forEachIndexed { i, id -> s.arm(alarm(id, T + i)) }
        s.cancel(listOf("b"))
        assertEquals(listOf(T, T + 2), scheduled().map { it.triggerAtMs })
        assertEquals(setOf("a", "c"), s.pendingIds().toSet())
    }

    @Test
    fun `the fired alarm posts on its channel, private on the lock screen, with the public version, hiding the text when asked`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val s = AlarmScheduler(context)
        s.arm(alarm("hidden", T, hide = true))
        s.arm(alarm("shown", T + 1, hide = false))
        scheduled().forEach { a -> ReminderReceiver().onReceive(context, shadowOf(a.operation).savedIntent) }
        val posted = shadowOf(context.getSystemService(NotificationManager::class.java)).allNotifications
        assertEquals(2, posted.size)
        posted.forEach { n ->
            assertEquals("rituals", n.channelId)
            assertEquals(Notification.VISIBILITY_PRIVATE, n.visibility)
            assertEquals("Tandem", n.publicVersion.extras.getString(Notification.EXTRA_TITLE))
            assertEquals("A moment for the two of you", n.publicVersion.extras.getCharSequence(Notification.EXTRA_TEXT).toString())
        }
        val titles = posted.map { it.extras.getString(Notification.EXTRA_TITLE) }.toSet()
        assertEquals(setOf("Tandem", "Walk together"), titles) // the hidden one shows only the private wording
        // The channel is made as the alarm is armed, named in the core's words.
        val channel = context.getSystemService(NotificationManager::class.java)!!.getNotificationChannel("rituals")
        assertEquals("Rituals", channel.name.toString())
        assertEquals(Notification.VISIBILITY_PRIVATE, channel.lockscreenVisibility)
    }

    @Test
    fun `no notification while notifications are off`() {
        shadowOf(context.getSystemService(NotificationManager::class.java)).setNotificationsEnabled(false)
        ReminderReceiver().onReceive(context, Intent().putExtra(ReminderReceiver.TITLE, "x"))
        assertEquals(0, shadowOf(context.getSystemService(NotificationManager::class.java)).allNotifications.size)
    }

    @Test
    fun `boot, time set, zone change, app update and the exact-alarm permission reach SystemEventsReceiver and map to re-plans`() {
        val expected = mapOf(
            Intent.ACTION_BOOT_COMPLETED to ReplanTrigger.BOOT,
            Intent.ACTION_TIME_CHANGED to ReplanTrigger.TIME_CHANGED,
            Intent.ACTION_TIMEZONE_CHANGED to ReplanTrigger.ZONE_CHANGED,
            Intent.ACTION_MY_PACKAGE_REPLACED to SystemEvents.trigger(SystemEvents.PACKAGE_REPLACED),
            AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED to ReplanTrigger.PERMISSION_CHANGED,
        )
        expected.forEach { (action, trigger) ->
            val receivers = context.packageManager.queryBroadcastReceivers(Intent(action).setPackage(context.packageName), 0)
            assertTrue("$action reaches SystemEventsReceiver: $receivers", receivers.any { it.activityInfo.name == SystemEventsReceiver::class.java.name })
            assertEquals(action, trigger, SystemEvents.trigger(action))
            assertTrue(trigger != null)
        }
    }
}
