package app.tandem.android

import android.app.AlarmManager
import android.content.Context
import app.tandem.ffi.PauseState
import app.tandem.shell.RitualForm
import app.tandem.shell.Screen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager

/**
 * A button performs what the core's screen model gave it (`perform`), one
 * core call: what its outcome says is armed on AlarmManager and shown; a
 * form opens as the core opens it; the Privacy screen's show-all.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = TestApp::class)
class ActionTests {
    private val context: Context = RuntimeEnvironment.getApplication()
    private fun app() = context as TandemApp
    private fun idle() = shadowOf(android.os.Looper.getMainLooper()).idle()
    private fun shown(a: MainActivity) = texts(a.window.decorView)

    private fun open(screen: Screen): MainActivity {
        val a = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        idle()
        a.show(screen)
        idle()
        return a
    }

    /** The last button labelled [label] (the tab row comes first). */
    private fun click(a: MainActivity, label: String) {
        val b = buttons(a.window.decorView).lastOrNull { it.text.toString() == label } ?: error("no button <$label> in ${shown(a)}")
        b.performClick()
        idle()
    }

    @Test
    fun `pausing and resuming a ritual cancels and arms on AlarmManager what the outcome says`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val alarms = shadowOf(context.getSystemService(AlarmManager::class.java)!!)
        app().session.change { it.core.addPersonalRitual(RitualForm(title = "Stretch", time = "07:00", minutes = "10").draft()) }
        val armed = alarms.scheduledAlarms.map { it.triggerAtMs }.sorted()
        assertTrue("the stretch armed", armed.isNotEmpty())
        val a = open(Screen.RITUALS)
        click(a, "Pause")
        assertEquals("paused: every reminder cancelled", 0, alarms.scheduledAlarms.size)
        assertEquals(emptyList<String>(), AlarmScheduler(context).pendingIds())
        assertTrue(shown(a).toString(), "Resume" in shown(a))
        click(a, "Resume")
        assertEquals("resumed: the same reminders armed again", armed, alarms.scheduledAlarms.map { it.triggerAtMs }.sorted())
    }

    @Test
    fun `the pause banner's buttons on Today perform what they carry - a little more time, then I'm back`() {
        val started = app().core().startPause(null, null)
        val a = open(Screen.TODAY)
        // The core's label, the same words as on iOS.
        val extend = app().core().pauseScreen(java.time.ZoneId.systemDefault().id).current.single().buttons.first().label
        assertEquals("A little more time", extend)
        click(a, extend)
        assertTrue("extended in the core", app().core().pauses().single().extended)
        assertTrue(shown(a).toString(), extend !in shown(a))
        click(a, "I'm back")
        assertEquals(started.id, app().core().pauses().single().id)
        assertEquals(PauseState.ENDED, app().core().pauses().single().state)
        assertTrue(shown(a).toString(), "I'm back" !in shown(a))
    }

    @Test
    fun `a new ritual's form opens as the core opens it - 20 00 for 10 minutes`() {
        val a = open(Screen.RITUALS)
        click(a, "New ritual")
        val fields = shown(a)
        assertTrue(fields.toString(), "20:00" in fields && "10" in fields)
    }

    @Test
    fun `a long Privacy screen says what it left out, and its button shows everything`() {
        repeat(31) { i -> app().core().appreciate("Thank you for the tea, $i") }
        val a = open(Screen.PRIVACY)
        assertEquals(shown(a).toString(), 30, shown(a).count { it.contains("Thank you for the tea") })
        assertTrue(shown(a).toString(), "Only the newest 30 are shown here." in shown(a))
        click(a, "Show everything")
        assertEquals(shown(a).toString(), 31, shown(a).count { it.contains("Thank you for the tea") })
        assertTrue(shown(a).toString(), "Only the newest 30 are shown here." !in shown(a) && "Show everything" !in shown(a))
    }
}
