package app.tandem.shell

import app.tandem.ffi.ErrorContext
import app.tandem.ffi.ErrorKind
import app.tandem.ffi.RitualActionKind
import app.tandem.ffi.TandemException
import app.tandem.ffi.errorMessage
import app.tandem.ffi.errorMessageIn
import app.tandem.ffi.NoticeKind
import app.tandem.ffi.noticeText
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

// The core's message catalog through the bindings: the phone's language
// set once on the Tandem, every screen model worded in it.
class LocaleTests : StoreTestBase() {
    @Test
    @DisplayName("setLocale(\"de\") words the rituals screen in German; English stays the default")
    fun `setLocale de words the rituals screen in German`() {
        paired { a, b ->
            a.tandem.proposeRitual(draft(title = "Abendspaziergang"))
            deliver(a, b)
            assertEquals("Waiting for your answer", b.tandem.ritualsScreen(NY).rows.single().status, "English by default")
            b.tandem.setLocale("de")
            val row = b.tandem.ritualsScreen(NY).rows.single()
            assertEquals("Wartet auf deine Antwort", row.status, "status in German")
            assertEquals(
                listOf(
                    RitualActionKind.ACCEPT to "Annehmen",
                    RitualActionKind.DECLINE to "Lieber nicht",
                    RitualActionKind.COUNTER to "Andere Zeit vorschlagen",
                ),
                row.buttons.map { it.action to it.label },
                "buttons in German",
            )
            assertEquals("Titel: „Abendspaziergang“", row.reads.first(), "the version read whole, in German")
            a.tandem.setLocale("de_AT.UTF-8")
            assertEquals("Wartet auf dein Gegenüber", a.tandem.ritualsScreen(NY).rows.single().status, "a POSIX tag")
            assertFailsWith<TandemException.InvalidInput>("an empty tag") { a.tandem.setLocale("") }
            assertEquals(
                errorMessage(ErrorKind.CLOSED, ErrorContext.ANYTHING),
                errorMessageIn(ErrorKind.CLOSED, ErrorContext.ANYTHING, "en-US"),
                "errorMessage stays English",
            )
            assertEquals(
                "Tandem wurde geschlossen. Öffne es wieder, um weiterzumachen.",
                errorMessageIn(ErrorKind.CLOSED, ErrorContext.ANYTHING, "de-DE").text,
                "a refusal in German",
            )
            assertEquals(
                "Tandem erreicht den Schlüsselspeicher dieses Telefons gerade nicht und kann deine Daten daher nicht öffnen. " +
                    "Es wurde nichts geändert oder gelöscht. Versuch es noch einmal; oft hilft ein Neustart des Telefons.",
                noticeText(NoticeKind.KEY_STORE_FAILED, "de-DE"),
                "a notice in German, the same on both phones",
            )
            assertEquals(UserMessages.KEYSTORE_FAILED, noticeText(NoticeKind.KEY_STORE_FAILED, "en"), "the shell's words are the core's")
        }
    }

    @Test
    @DisplayName("the controller opens in the phone's language and follows a change of it")
    fun `the controller opens in the phone's language and follows a change of it`() {
        val path = File(tempDir(), "tandem.db").path
        TandemController.open(path, InMemoryStorageKeyProvider(), "Ana", language = "de-DE").use { c ->
            val today = (c.todayScreen(NY) as Rendered.Shown).model
            assertEquals("Heute steht nichts an. Ein ruhiger Tag ist auch gut.", today.empty, "German from the start")
            assertEquals("In 15 Min.", today.snooze.label, "offers too")
            assertEquals("Heute offen", today.headings.due, "headings too")
            c.setLanguage("en-GB")
            assertEquals("Nothing for today. A quiet day is fine too.", (c.todayScreen(NY) as Rendered.Shown).model.empty, "the phone switched to English")
            c.setLanguage("")
            assertEquals("Nothing for today. A quiet day is fine too.", (c.todayScreen(NY) as Rendered.Shown).model.empty, "a refused tag reads as English")
        }
    }
}
