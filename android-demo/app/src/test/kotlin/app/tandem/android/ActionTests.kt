package app.tandem.android

import android.app.AlarmManager
import app.tandem.ffi.PauseState
import app.tandem.shell.ReplanTrigger
import app.tandem.shell.Screen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
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
class ActionTests : ViewTestBase() {
    /** The last button labelled [label] (the tab row comes first). */
    private fun clickLast(a: MainActivity, label: String) {
        val b = buttons(a.window.decorView).lastOrNull { it.text.toString() == label } ?: error("no button <$label> in ${shown(a)}")
        b.performClick()
        idle()
    }

    @Test
    fun `pausing and resuming a ritual cancels and arms on AlarmManager what the outcome says`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val alarms = shadowOf(context.getSystemService(AlarmManager::class.java)!!)
        app().core().addPersonalRitual(stretch())
        app().session.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
        val armed = alarms.scheduledAlarms.map { it.triggerAtMs }.sorted()
        assertTrue("the stretch armed", armed.isNotEmpty())
        val a = open(Screen.RITUALS)
        clickLast(a, "Pause")
        assertEquals("paused: every reminder cancelled", 0, alarms.scheduledAlarms.size)
        assertEquals(emptyList<String>(), AlarmScheduler(context).pendingIds())
        assertTrue(shown(a).toString(), "Resume" in shown(a))
        clickLast(a, "Resume")
        assertEquals("resumed: the same reminders armed again", armed, alarms.scheduledAlarms.map { it.triggerAtMs }.sorted())
    }

    @Test
    fun `the pause banner's buttons on Today perform what they carry - a little more time, then I'm back`() {
        val started = app().core().startPause(null, null)
        val a = open(Screen.TODAY)
        // The core's label, the same words as on iOS.
        val extend = app().core().pauseScreen(java.time.ZoneId.systemDefault().id).current.single().buttons.first().label
        assertEquals("A little more time", extend)
        clickLast(a, extend)
        assertTrue("extended in the core", app().core().pauses().single().extended)
        assertTrue(shown(a).toString(), extend !in shown(a))
        clickLast(a, "I'm back")
        assertEquals(started.id, app().core().pauses().single().id)
        assertEquals(PauseState.ENDED, app().core().pauses().single().state)
        assertTrue(shown(a).toString(), "I'm back" !in shown(a))
    }

    @Test
    fun `a new ritual's form opens as the core opens it, a refused field shows the core's words, Just for me sends it and arms it`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val alarms = shadowOf(context.getSystemService(AlarmManager::class.java)!!)
        val a = open(Screen.RITUALS)
        clickLast(a, "New ritual")
        assertEquals(listOf("", "", "20:00", "10", ""), fields(a.window.decorView).map { it.text.toString() })
        assertTrue(shown(a).toString(), "Suggest to my partner" in shown(a) && "Just for me" in shown(a))
        clickLast(a, "Just for me")
        assertTrue(shown(a).toString(), "Give your ritual a short title." in shown(a))
        assertEquals("nothing sent, nothing armed", 0 to 0, app().core().rituals().size to alarms.scheduledAlarms.size)
        fields(a.window.decorView).first().setText("Stretch")
        clickLast(a, "Just for me")
        assertEquals(listOf("Stretch"), app().core().rituals().map { it.title })
        assertTrue("armed as the outcome says", alarms.scheduledAlarms.isNotEmpty())
        assertTrue(shown(a).toString(), "New ritual" in shown(a) && "Just for me" !in shown(a))
    }

    @Test
    fun `a ritual's change button opens the core's form, and Save changes it at once`() {
        app().core().addPersonalRitual(stretch())
        val a = open(Screen.RITUALS)
        val change = app().core().ritualsScreen(a.zone()).rows.single().buttons.single { it.opens != null }.label
        clickLast(a, change)
        assertTrue(shown(a).toString(), "Save" in shown(a) && "Stretch" in shown(a))
        fields(a.window.decorView)[3].setText("15")
        clickLast(a, "Save")
        assertEquals(15u, app().core().rituals().single().minutes)
        assertTrue(shown(a).toString(), "Save" !in shown(a))
    }

    @Test
    fun `the check-in is sent through the core - out of range words, then Checked in`() {
        val a = open(Screen.CHECK_IN)
        val submit = app().core().checkInScreen(a.zone()).submitLabel
        fields(a.window.decorView).first().setText("n".repeat(501))
        clickLast(a, submit)
        assertTrue(shown(a).toString(), "The note is 501 characters long; it can be up to 500." in shown(a))
        fields(a.window.decorView).first().setText("Long day")
        clickLast(a, submit)
        assertTrue(shown(a).toString(), "Checked in." in shown(a))
        assertEquals(1, app().core().entries(0L, Long.MAX_VALUE).size)
    }

    @Test
    fun `a long Privacy screen says what it left out, and its button shows everything`() {
        repeat(31) { i -> app().core().appreciate("Thank you for the tea, $i") }
        val a = open(Screen.PRIVACY)
        assertEquals(shown(a).toString(), 30, shown(a).count { it.contains("Thank you for the tea") })
        assertTrue(shown(a).toString(), "Only the newest 30 are shown here." in shown(a))
        clickLast(a, "Show everything")
        assertEquals(shown(a).toString(), 31, shown(a).count { it.contains("Thank you for the tea") })
        assertTrue(shown(a).toString(), "Only the newest 30 are shown here." !in shown(a) && "Show everything" !in shown(a))
    }
}
