package app.tandem.shell

import app.tandem.ffi.TandemException
import java.io.IOException

/** The app's screens, one at a time; [TandemSession.load] makes each one's [ScreenModel]. */
enum class Screen {
    TODAY,
    RITUALS,
    AGREEMENTS,
    PAUSE,
    CHECK_IN,

    NOTEBOOK,
    INSIGHTS,
    PAIRING,
    SYNC,

    /** What the partner's phone holds, and the audit. */
    PRIVACY,
    ;

    /** Its name on the tab row, in the core's words. */
    fun title(l: Labels): String = when (this) {
        TODAY -> l.today
        RITUALS -> l.rituals
        AGREEMENTS -> l.agreements
        PAUSE -> l.pause
        CHECK_IN -> l.checkIn
        NOTEBOOK -> l.notebook
        INSIGHTS -> l.insights
        PAIRING -> l.pairing
        SYNC -> l.sync
        PRIVACY -> l.privacy
    }
}

/** The words around the screens (tabs, form fields, buttons), from the core's catalog. */
typealias Labels = app.tandem.ffi.Labels

/** The labels in the language of [tag] (BCP 47); English for one Tandem does not have. */
fun labelsIn(tag: String): Labels = app.tandem.ffi.labels(tag)

/** What one screen renders ([TandemSession.load]): that screen's model, which carries its own failure. */
sealed class ScreenModel {
    abstract val screen: Screen

    data class Today(val model: TodayScreen) : ScreenModel() {
        override val screen get() = Screen.TODAY
    }

    data class Rituals(val model: RitualsScreen) : ScreenModel() {
        override val screen get() = Screen.RITUALS
    }

    data class Agreements(val model: AgreementsScreen) : ScreenModel() {
        override val screen get() = Screen.AGREEMENTS
    }

    data class Pause(val model: PauseScreen) : ScreenModel() {
        override val screen get() = Screen.PAUSE
    }

    data class CheckIn(val model: CheckInScreen) : ScreenModel() {
        override val screen get() = Screen.CHECK_IN
    }

    data class Notebook(val model: NotebookScreen) : ScreenModel() {
        override val screen get() = Screen.NOTEBOOK
    }

    data class Insights(val model: InsightsScreen) : ScreenModel() {
        override val screen get() = Screen.INSIGHTS
    }

    /** The pairing screen, and this phone's [settings] under it (null when they could not be read). */
    data class Pairing(
        val model: PairingScreen,
        val settings: SettingsScreen? = null,
    ) : ScreenModel() {
        override val screen get() = Screen.PAIRING
    }

    data class Sync(val model: SyncScreen) : ScreenModel() {
        override val screen get() = Screen.SYNC
    }

    data class Privacy(val model: VisibilityScreen) : ScreenModel() {
        override val screen get() = Screen.PRIVACY
    }

    companion object {
        /** [screen]'s model while Tandem is not open (before start, after a wipe or a failed open). */
        fun closed(screen: Screen): ScreenModel {
            val e = TandemException.Closed("Tandem is not open")
            return failed(screen, UserMessages.forError(e), e)
        }

        /** [screen]'s model when it cannot be read: [m] for a person, [e] for logs. */
        fun failed(screen: Screen, m: String, e: TandemException): ScreenModel {
            return when (screen) {
                Screen.TODAY -> Today(TodayScreen.Failed(m, e))
                Screen.RITUALS -> Rituals(RitualsScreen.Failed(m, e))
                Screen.AGREEMENTS -> Agreements(AgreementsScreen.Failed(m, e))
                Screen.PAUSE -> Pause(PauseScreen.Failed(m, e))
                Screen.CHECK_IN -> CheckIn(CheckInScreen.Failed(m, e))
                Screen.NOTEBOOK -> Notebook(NotebookScreen.Failed(m, e))
                Screen.INSIGHTS -> Insights(InsightsScreen.Failed(m, e))
                Screen.PAIRING -> Pairing(PairingScreen.Failed(m, e))
                Screen.SYNC -> Sync(SyncScreen.Failed(m, e))
                Screen.PRIVACY -> Privacy(VisibilityScreen.Failed(m, e))
            }
        }
    }
}

/** How a person's action went. */
sealed class ActionOutcome {
    /** Done; [message] says so when there is something to say ("Checked in."). */
    data class Done(val message: String?) : ActionOutcome()

    /** Refused or failed, and nothing changed; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : ActionOutcome()

    /** The message to show, either way. */
    val shown: String?
        get() = when (this) {
            is Done -> message
            is Failed -> message
        }

    companion object {
        /** The words for [e] from an action on [screen] (anything else: a step the screen should not have offered). */
        fun message(screen: Screen, e: Exception): String = when (e) {
            is TandemException -> when (screen) {
                Screen.TODAY, Screen.RITUALS -> UserMessages.forRitualAction(e)
                Screen.AGREEMENTS -> UserMessages.forAgreementAction(e)
                Screen.PAUSE -> UserMessages.forPauseAction(e)
                else -> UserMessages.forError(e)
            }
            is IOException -> UserMessages.FILES_FAILED
            else -> UserMessages.NOT_ALLOWED_NOW
        }

        /** The words for [action] refused with [e], by what the action is about (the core's `actionRefusal`). */
        fun refusal(action: UserAction, e: Exception): String = when (e) {
            is TandemException -> app.tandem.ffi.actionRefusal(action, UserMessages.kindOf(e), java.util.Locale.getDefault().toLanguageTag()).text
            else -> message(Screen.TODAY, e)
        }
    }
}

/** An action's [outcome], the screen reloaded after it, and what the action returned when it succeeded. */
data class ActionResult<out T>(val outcome: ActionOutcome, val model: ScreenModel, val value: T?)
