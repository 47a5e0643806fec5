package app.tandem.shell

import app.tandem.ffi.BoundaryActionKind as BoundaryAction
import app.tandem.ffi.BoundaryPurpose
import app.tandem.ffi.FormRequest
import app.tandem.ffi.UserAction
import kotlin.test.assertEquals
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

private const val NO_BOUNDARIES = "You have not written a boundary yet. Start from an example or write your own."

private val BoundaryRow.actions get() = buttons.map { it.action }

private fun BoundaryRow.button(a: BoundaryAction) = buttons.singleOrNull { it.action == a } ?: fail("no $a button on <$text>: $actions")

/** [this] form as a boundary form. */
private val FormEdit.boundary get() = this as? FormEdit.Boundary ?: fail("expected a boundary form, got $this")

/** The index of the submit that sends as [purpose]. */
private fun FormEdit.Boundary.submitFor(purpose: BoundaryPurpose) = submits.indexOfFirst { it.purpose == purpose }.also { assertTrue(it >= 0) { "no $purpose submit in $submits" } }

/**
 * The boundaries screen and its form through the session as the app drives
 * them: rows, words and buttons from the core on both phones, each button
 * pressed as it is, the form opened from its button and sent from its submits.
 */
class BoundariesTests : StoreTestBase() {
    @Test
    @DisplayName("boundaries: a private boundary from the form's example stays on Ana's phone; its Share button lets Ben read it without buttons; Make private takes it back")
    fun `boundaries - a private boundary from the form's example stays on Ana's phone, its Share button lets Ben read it without buttons, Make private takes it back`() {
        appCouple { a, b ->
            val none = a.boundariesScreen()
            assertEquals(listOf<Any?>(emptyList<BoundaryRow>(), emptyList<BoundaryRow>(), NO_BOUNDARIES), listOf(none.mine, none.partners, none.empty), "Ana: nothing yet")
            assertEquals(listOf<Any?>(BoundaryAction.NEW, "New boundary", null, FormRequest.NewBoundary), none.new.let { listOf(it.action, it.label, it.perform, it.opens) }, "the New button opens the form")
            assertTrue(none.intro.isNotBlank()) { "no intro" }

            val form = a.open(none.new.opens).boundary
            assertEquals("New boundary" to "", form.heading to form.form.text, "a new boundary's form: blank")
            assertEquals(listOf("Keep it to myself" to BoundaryPurpose.Private, "Share with my partner" to BoundaryPurpose.Shared), form.submits.map { it.label to it.purpose }, "its submits")
            assertTrue(form.examples.size >= 3 && form.examples.all { it.isNotBlank() } && form.examples.distinct() == form.examples) { "examples: ${form.examples}" }

            // Blank words: held back with the field's words, nothing stored, nothing to send.
            val blank = a.submit(Screen.BOUNDARIES, form.typed { it.copy(text = "  \n ") }, form.submitFor(BoundaryPurpose.Private))
            val held = blank.value ?: fail("no answer: ${blank.outcome}")
            assertEquals(false to "Write what you need, in a sentence or two.", held.sent to held.form.boundary.check?.text, "held back with the field's words")
            assertEquals("  \n " to form.examples, held.form.boundary.form.text to held.form.boundary.examples, "the form stays as typed, with its examples")
            assertEquals(ActionOutcome.Done(null), blank.outcome, "nothing to say")
            assertEquals(emptyList<BoundaryRow>() to NO_BOUNDARIES, blank.model.boundaries.let { it.mine to it.empty }, "nothing stored")

            // An example picked and kept private.
            val picked = form.startFrom(1)
            assertEquals(form.examples[1], picked.form.text, "the example in the field")
            val kept = a.submit(Screen.BOUNDARIES, picked, picked.submitFor(BoundaryPurpose.Private))
            assertEquals(true to 0u, kept.value?.sent to kept.value?.effects?.toSend, "sent, nothing for Ben")
            val mine = kept.model.boundaries.mine.single()
            assertEquals(
                listOf<Any?>(form.examples[1], true, false, "Only on this phone", "Written Mon 1 Mar 2027"),
                listOf(mine.text, mine.mine, mine.shared, mine.status, mine.written),
                "Ana's own, private: no partner reads it",
            )
            assertEquals(listOf(BoundaryAction.EDIT, BoundaryAction.SHARE, BoundaryAction.RETIRE), mine.actions, "its buttons")
            assertEquals(listOf("Change", "Share", "Retire"), mine.buttons.map { it.label }, "the core's labels")
            assertEquals(FormRequest.EditBoundary(mine.id) to null, mine.button(BoundaryAction.EDIT).let { it.opens to it.perform }, "Change opens its form")
            assertEquals(UserAction.ShareBoundary(mine.id, true), mine.button(BoundaryAction.SHARE).perform, "Share carries its id")
            assertEquals(null, kept.model.boundaries.empty, "no empty line once there is one")
            a.shareTo(b)
            assertEquals(emptyList<BoundaryRow>(), b.boundariesScreen().partners, "Ben: the private one never arrives")

            // Shared through its button: Ben reads it, and cannot change it.
            val shared = a.press(Screen.BOUNDARIES, mine.button(BoundaryAction.SHARE).perform)
            assertEquals(ActionOutcome.Done("Your partner can read it after the next sync."), shared.outcome, "the core's notice")
            assertTrue((shared.value?.toSend ?: 0u) > 0u) { "the share waits for Ben: ${shared.value}" }
            val nowShared = shared.model.boundaries.mine.single()
            assertEquals(listOf<Any?>(mine.id, true, "$BEN can read this"), listOf(nowShared.id, nowShared.shared, nowShared.status), "Ana: shared, said so")
            assertEquals(listOf(BoundaryAction.EDIT, BoundaryAction.MAKE_PRIVATE, BoundaryAction.RETIRE), nowShared.actions, "Share became Make private")
            assertEquals(UserAction.ShareBoundary(mine.id, false), nowShared.button(BoundaryAction.MAKE_PRIVATE).perform, "Make private carries its id")
            a.shareTo(b)
            val onBen = b.boundariesScreen()
            assertEquals(listOf<Any?>(emptyList<BoundaryRow>(), NO_BOUNDARIES, "$ANA shared these with you"), listOf(onBen.mine, onBen.empty, onBen.partnersHeading), "Ben: none of his own; Ana's heading")
            val theirs = onBen.partners.single()
            assertEquals(
                listOf<Any?>(mine.id, form.examples[1], false, true, "$ANA shared this with you", "Written Mon 1 Mar 2027", emptyList<Any>()),
                listOf(theirs.id, theirs.text, theirs.mine, theirs.shared, theirs.status, theirs.written, theirs.buttons),
                "Ben reads Ana's boundary, with no button",
            )

            // Private again: gone from Ben's phone after the next sync.
            val back = a.press(Screen.BOUNDARIES, nowShared.button(BoundaryAction.MAKE_PRIVATE).perform)
            assertEquals(ActionOutcome.Done("Private again: your partner's phone stops showing it after the next sync."), back.outcome, "the core's notice")
            assertEquals("Only on this phone", back.model.boundaries.mine.single().status, "Ana: private again")
            a.shareTo(b)
            assertEquals(emptyList<BoundaryRow>(), b.boundariesScreen().partners, "Ben: no longer shown")
        }
    }

    @Test
    @DisplayName("boundary form: Change opens on the current words; the same words are held back; new words reach Ben; Retire removes it from both phones")
    fun `boundary form - Change opens on the current words, the same words are held back, new words reach Ben, Retire removes it from both phones`() {
        appCouple { a, b ->
            val form = a.open(a.boundariesScreen().new.opens).boundary
            val words = "Knock before coming into my study."
            val sent = a.submit(Screen.BOUNDARIES, form.typed { it.copy(text = words) }, form.submitFor(BoundaryPurpose.Shared))
            assertEquals(ActionOutcome.Done("Your partner can read it after the next sync."), sent.outcome, "shared at once")
            val row = sent.model.boundaries.mine.single()
            assertEquals(words to "$BEN can read this", row.text to row.status, "Ana: shared")
            a.shareTo(b)
            assertEquals(listOf(words), b.boundariesScreen().partners.map { it.text }, "Ben reads it")

            val edit = a.open(row.button(BoundaryAction.EDIT).opens).boundary
            assertEquals(listOf<Any?>("Change your boundary", words, emptyList<String>()), listOf(edit.heading, edit.form.text, edit.examples), "the edit opens on the current words")
            assertEquals(listOf("Save" to BoundaryPurpose.Edit(row.id)), edit.submits.map { it.label to it.purpose }, "one submit, naming the boundary")
            val same = a.submit(Screen.BOUNDARIES, edit, 0)
            assertEquals(false to "These are the words it already has.", same.value?.sent to same.value?.form?.boundary?.check?.form, "the same words: held back")
            assertEquals(row, same.model.boundaries.mine.single(), "nothing changed")

            setClocks(T0 + DAY, a, b)
            val changed = a.submit(Screen.BOUNDARIES, edit.typed { it.copy(text = "Knock, then wait for my answer.") }, 0)
            assertEquals(ActionOutcome.Done("Your partner reads the new words after the next sync."), changed.outcome, "the core's notice")
            val after = changed.model.boundaries.mine.single()
            assertEquals(listOf(row.id, "Knock, then wait for my answer.", "Changed Tue 2 Mar 2027"), listOf(after.id, after.text, after.written), "Ana: the new words")
            a.shareTo(b)
            assertEquals(listOf("Knock, then wait for my answer." to "Changed Tue 2 Mar 2027"), b.boundariesScreen().partners.map { it.text to it.written }, "Ben: the new words")

            val retired = a.press(Screen.BOUNDARIES, after.button(BoundaryAction.RETIRE).perform)
            assertEquals(UserAction.RetireBoundary(row.id), after.button(BoundaryAction.RETIRE).perform, "Retire carries its id")
            assertEquals(ActionOutcome.Done("Retired: your partner's phone stops showing it after the next sync."), retired.outcome, "the core's notice")
            assertEquals(emptyList<BoundaryRow>() to NO_BOUNDARIES, retired.model.boundaries.let { it.mine to it.empty }, "Ana: gone, the empty line back")
            a.shareTo(b)
            assertEquals(emptyList<BoundaryRow>(), b.boundariesScreen().partners, "Ben: gone")
        }
    }

    @Test
    @DisplayName("boundaries: refusals read in the boundaries' words: Ben pressing what his screen never offered, Ana sending an edit of a boundary she retired meanwhile; nothing changes")
    fun `boundaries - refusals read in the boundaries' words, Ben pressing what his screen never offered, Ana sending an edit of a boundary she retired meanwhile, nothing changes`() {
        appCouple { a, b ->
            val form = a.open(FormRequest.NewBoundary).boundary
            val row = a.submit(Screen.BOUNDARIES, form.startFrom(0), form.submitFor(BoundaryPurpose.Shared)).model.boundaries.mine.single()
            a.shareTo(b)
            val before = b.boundariesScreen()
            val refused = b.press(Screen.BOUNDARIES, UserAction.RetireBoundary(row.id))
            assertEquals(UserMessages.BOUNDARY_NOT_NOW, (refused.outcome as? ActionOutcome.Failed)?.message, "Ben: a boundary is changed only by its author")
            assertEquals(before, refused.model.boundaries, "Ben's screen as it was")

            val edit = a.open(row.button(BoundaryAction.EDIT).opens).boundary
            a.press(Screen.BOUNDARIES, row.button(BoundaryAction.RETIRE).perform)
            val late = a.submit(Screen.BOUNDARIES, edit.typed { it.copy(text = "New words for a retired boundary.") }, 0)
            val failed = late.outcome as? ActionOutcome.Failed ?: fail("an edit of a retired boundary was sent: ${late.outcome}")
            assertEquals(UserMessages.BOUNDARY_GONE, failed.message, "in the boundaries' words: it is gone")
            assertEquals(null, late.value, "no answer to show")
            assertEquals(emptyList<BoundaryRow>(), late.model.boundaries.mine, "still retired")
        }
    }
}
