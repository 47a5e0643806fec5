package app.tandem.android

import android.content.Context
import android.widget.Button
import app.tandem.ffi.FormModel
import app.tandem.ffi.FormRequest
import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.TodayActionKind
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

/** What every view test here does: an activity on [Screen], what it shows, a click by label. */
abstract class ViewTestBase {
    protected val context: Context = RuntimeEnvironment.getApplication()
    protected fun app() = context as TandemApp
    protected fun idle() = shadowOf(android.os.Looper.getMainLooper()).idle()
    protected fun shown(a: MainActivity) = texts(a.window.decorView)
    protected fun zone(): String = java.time.ZoneId.systemDefault().id

    protected fun open(screen: Screen): MainActivity {
        val a = Robolectric.buildActivity(MainActivity::class.java).setup().get()
        idle()
        a.show(screen)
        idle()
        return a
    }

    /** The first button labelled [label] below the tab row. */
    protected fun click(a: MainActivity, label: String) {
        val all = buttons(a.window.decorView)
        val b: Button = all.drop(Screen.TABS.size).firstOrNull { it.text.toString() == label } ?: error("no button <$label> in ${shown(a)}")
        b.performClick()
        idle()
    }
}

/** The Boundaries screen and its form, drawn from the core's models and acting through the session. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = TestApp::class)
class BoundariesViewTests : ViewTestBase() {
    @Test
    fun `the boundaries screen draws the core's words, the form's examples start the text, and the row's buttons change and retire it`() {
        val a = open(Screen.BOUNDARIES)
        val empty = app().core().boundariesScreen(zone())
        assertTrue(shown(a).toString(), listOf(empty.intro, empty.empty!!, empty.new.label).all { it in shown(a) })
        click(a, empty.new.label)
        val form = app().core().openForm(FormRequest.NewBoundary) as FormModel.Boundary
        assertTrue(shown(a).toString(), (listOf(form.heading, app().session.labels().boundaryExamples) + form.examples + form.submits.map { it.label }).all { it in shown(a) })
        click(a, form.submits.first().label) // blank: held back with the field's words
        assertTrue(shown(a).toString(), "Write what you need, in a sentence or two." in shown(a))
        assertEquals("nothing stored", 0, app().core().boundariesScreen(zone()).mine.size)
        click(a, form.examples[2])
        assertEquals(form.examples[2], fields(a.window.decorView).single().text.toString())
        click(a, form.submits.first().label)
        val row = app().core().boundariesScreen(zone()).mine.single()
        assertEquals(form.examples[2], row.text)
        assertTrue(shown(a).toString(), (listOf(row.text, "${row.status} · ${row.written}", empty.new.label) + row.buttons.map { it.label }).all { it in shown(a) })
        assertTrue("the form closed: ${shown(a)}", form.examples[0] !in shown(a))

        click(a, row.buttons.first { it.opens != null }.label)
        assertEquals(row.text, fields(a.window.decorView).single().text.toString())
        fields(a.window.decorView).single().setText("I need a quiet hour after work.")
        val edit = app().core().openForm(FormRequest.EditBoundary(row.id)) as FormModel.Boundary
        click(a, edit.submits.single().label)
        assertEquals("I need a quiet hour after work.", app().core().boundariesScreen(zone()).mine.single().text)
        assertTrue(shown(a).toString(), "I need a quiet hour after work." in shown(a))

        click(a, row.buttons.last().label) // Retire
        assertEquals(0, app().core().boundariesScreen(zone()).mine.size)
        assertTrue(shown(a).toString(), empty.empty!! in shown(a) && "I need a quiet hour after work." !in shown(a))
    }
}

/** A ritual's own screen: opened by tapping its row, drawn from the core's model, its day buttons acting from there. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = ClockedApp::class)
class RitualViewTests : ViewTestBase() {
    @Test
    fun `tapping a ritual's row opens its own screen, and a day's Done marks that day and draws the same screen again`() {
        ClockedApp.clock.set(ClockedApp.START)
        val id = app().core().addPersonalRitual(stretch()).id
        ClockedApp.clock.set(ClockedApp.START + java.time.Duration.ofDays(3).toMillis()) // three mornings have been
        val a = open(Screen.RITUALS)
        val title = shown(a).first { it.contains("Stretch") }
        val line = views(a.window.decorView).first { it is android.widget.TextView && it.text.toString() == title }
        line.performClick()
        idle()
        assertEquals(Screen.RITUAL, a.screen)
        val m = app().core().ritualScreen(id, zone())
        val expected = listOf(m.headings.terms, m.headings.next, m.headings.days) + listOfNotNull(m.kept) + m.terms + m.next +
            m.days.map { "${it.day} ${it.time} · ${it.state}" } + m.row.buttons.map { it.label }
        assertTrue(shown(a).toString(), expected.all { it in shown(a) })

        val newest = m.days.first()
        assertEquals(OccurrenceStatus.SCHEDULED, newest.status)
        click(a, newest.buttons.single { it.action == TodayActionKind.DONE }.label)
        val after = app().core().ritualScreen(id, zone())
        assertEquals(OccurrenceStatus.DONE, after.days.first().status)
        assertEquals(Screen.RITUAL, a.screen)
        assertTrue(shown(a).toString(), "${newest.day} ${newest.time} · ${after.days.first().state}" in shown(a))
        assertTrue(shown(a).toString(), listOfNotNull(after.kept).all { it in shown(a) })
    }
}
