package app.tandem.shell

import app.tandem.ffi.TandemException
import java.io.IOException

/** The app's screens, one at a time; [TandemSession.load] makes each one's [ScreenModel]. */
enum class Screen {
    TODAY,
    RITUALS,
    AGREEMENTS,

    /** This phone's own boundaries and the partner's shared ones. */
    BOUNDARIES,
    PAUSE,
    CHECK_IN,

    NOTEBOOK,
    INSIGHTS,
    PAIRING,
    SYNC,

    /** What the partner's phone holds, and the audit. */
    PRIVACY,

    /** One ritual's own screen, opened from its row ([TandemSession.ritual]); not a tab. */
    RITUAL,
    ;

    /** Its name on the tab row, in the core's words. */
    fun title(l: Labels): String = when (this) {
        TODAY -> l.today
        RITUALS -> l.rituals
        AGREEMENTS -> l.agreements
        BOUNDARIES -> l.boundaries
        PAUSE -> l.pause
        CHECK_IN -> l.checkIn
        NOTEBOOK -> l.notebook
        INSIGHTS -> l.insights
        PAIRING -> l.pairing
        SYNC -> l.sync
        PRIVACY -> l.privacy
        RITUAL -> l.rituals
    }

    companion object {
        /** The tab row's screens, in order (a ritual's own screen opens from its row). */
        val TABS: List<Screen> = entries.filter { it != RITUAL }
    }
}

/** The words around the screens (tabs, form fields, buttons), from the core's catalog. */
typealias Labels = app.tandem.ffi.Labels

/** The labels in the language of [tag] (BCP 47); English for one Tandem does not have. */
fun labelsIn(tag: String): Labels = app.tandem.ffi.labels(tag)

/** What a screen renders: the core's [Shown.model] as it is, or why it could not be read ([Failed.message] for a person, [Failed.error] for logs). */
sealed class Rendered<out M> {
    data class Shown<out M>(val model: M) : Rendered<M>()

    data class Failed(val message: String, val error: Exception) : Rendered<Nothing>()
}

typealias TodayScreen = Rendered<app.tandem.ffi.TodayScreenModel>
typealias RitualsScreen = Rendered<app.tandem.ffi.RitualsScreenModel>
typealias AgreementsScreen = Rendered<app.tandem.ffi.AgreementsScreenModel>
typealias BoundariesScreen = Rendered<app.tandem.ffi.BoundariesScreenModel>
typealias RitualScreen = Rendered<app.tandem.ffi.RitualScreenModel>
typealias CheckInScreen = Rendered<app.tandem.ffi.CheckInScreenModel>
typealias NotebookScreen = Rendered<app.tandem.ffi.Notebook>
typealias InsightsScreen = Rendered<app.tandem.ffi.InsightsScreenModel>
typealias VisibilityScreen = Rendered<app.tandem.ffi.VisibilityScreenModel>

// The core's rows, named for the app (which never imports the bindings).
typealias TodayRow = app.tandem.ffi.OccurrenceRowModel
typealias TodayItem = app.tandem.ffi.TodayItemModel
typealias RitualsRow = app.tandem.ffi.RitualRowModel
typealias AgreementRow = app.tandem.ffi.AgreementRowModel
typealias AgreementOption = app.tandem.ffi.AgreementOptionModel
typealias BoundaryRow = app.tandem.ffi.BoundaryRowModel
typealias RitualDay = app.tandem.ffi.RitualDayModel

/** One option of a picker: the core's [value] and its words. */
data class Choice<T>(val value: T, val label: String)

/** The check-in slider's range, from the core's choices. */
val app.tandem.ffi.CheckInScreenModel.range: IntRange
    get() = (temperatures.firstOrNull()?.value?.toInt() ?: 1)..(temperatures.lastOrNull()?.value?.toInt() ?: 10)

/** The slider's label: the core's "7 · heated"; just the number for a value outside its choices. */
fun app.tandem.ffi.CheckInScreenModel.label(slider: Long): String = temperatures.firstOrNull { it.value.toLong() == slider }?.label ?: "$slider"

/** A new check-in form as the core opens it (the slider where it starts, the choices picked first). */
fun app.tandem.ffi.CheckInScreenModel.newForm() = FormEdit.CheckIn(form)

val app.tandem.ffi.CheckInScreenModel.capacityChoices get() = capacities.map { Choice(it.value, it.label) }
val app.tandem.ffi.CheckInScreenModel.needChoices get() = needs.map { Choice(it.value, it.label) }

/** What one screen renders ([TandemSession.load]): that screen's model, which carries its own failure. */
sealed class ScreenModel(val screen: Screen) {
    data class Today(val model: TodayScreen) : ScreenModel(Screen.TODAY)
    data class Rituals(val model: RitualsScreen) : ScreenModel(Screen.RITUALS)
    data class Agreements(val model: AgreementsScreen) : ScreenModel(Screen.AGREEMENTS)
    data class Boundaries(val model: BoundariesScreen) : ScreenModel(Screen.BOUNDARIES)
    data class Pause(val model: PauseScreen) : ScreenModel(Screen.PAUSE)
    data class CheckIn(val model: CheckInScreen) : ScreenModel(Screen.CHECK_IN)
    data class Notebook(val model: NotebookScreen) : ScreenModel(Screen.NOTEBOOK)
    data class Insights(val model: InsightsScreen) : ScreenModel(Screen.INSIGHTS)

    /** The pairing screen, and this phone's [settings] under it (null when they could not be read). */
    data class Pairing(val model: PairingScreen, val settings: SettingsScreen? = null) : ScreenModel(Screen.PAIRING)
    data class Sync(val model: SyncScreen) : ScreenModel(Screen.SYNC)
    data class Privacy(val model: VisibilityScreen) : ScreenModel(Screen.PRIVACY)

    /** The ritual [TandemSession.ritual] opened last. */
    data class Ritual(val model: RitualScreen) : ScreenModel(Screen.RITUAL)

    companion object {
        /** [screen]'s model while Tandem is not open (before start, after a wipe or a failed open). */
        fun closed(screen: Screen): ScreenModel = TandemException.Closed("Tandem is not open").let { failed(screen, UserMessages.forError(it), it) }

        /** [screen]'s model when it cannot be read: [m] for a person, [e] for logs. */
        fun failed(screen: Screen, m: String, e: TandemException): ScreenModel = Rendered.Failed(m, e).let { f ->
            when (screen) {
                Screen.TODAY -> Today(f)
                Screen.RITUALS -> Rituals(f)
                Screen.AGREEMENTS -> Agreements(f)
                Screen.BOUNDARIES -> Boundaries(f)
                Screen.PAUSE -> Pause(PauseScreen.Failed(m, e))
                Screen.CHECK_IN -> CheckIn(f)
                Screen.NOTEBOOK -> Notebook(f)
                Screen.INSIGHTS -> Insights(f)
                Screen.PAIRING -> Pairing(PairingScreen.Failed(m, e))
                Screen.SYNC -> Sync(SyncScreen.Failed(m, e))
                Screen.PRIVACY -> Privacy(f)
                Screen.RITUAL -> Ritual(f)
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
                Screen.TODAY, Screen.RITUALS, Screen.RITUAL -> UserMessages.forRitualAction(e)
                Screen.AGREEMENTS -> UserMessages.forAgreementAction(e)
                Screen.BOUNDARIES -> UserMessages.forBoundaryAction(e)
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
