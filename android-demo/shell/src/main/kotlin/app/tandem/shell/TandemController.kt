package app.tandem.shell

import app.tandem.ffi.SyncLast
import app.tandem.ffi.SyncScreenModel
import app.tandem.ffi.Agreement
import app.tandem.ffi.AgreementDraft
import app.tandem.ffi.AgreementFormCheck
import app.tandem.ffi.AgreementHistory
import app.tandem.ffi.AgreementReview
import app.tandem.ffi.AuditEntry
import app.tandem.ffi.VisibleItem
import app.tandem.ffi.Boundary
import app.tandem.ffi.DeviceInfo
import app.tandem.ffi.GuardedAction
import app.tandem.ffi.Insights
import app.tandem.ffi.LogEntry
import app.tandem.ffi.Notebook
import app.tandem.ffi.PatternDraft
import app.tandem.ffi.PatternEntry
import app.tandem.ffi.Phrase
import app.tandem.ffi.RepairAct
import app.tandem.ffi.Situation
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Occurrence
import app.tandem.ffi.Offers
import app.tandem.ffi.PairingStatus
import app.tandem.ffi.Pause
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.Ritual
import app.tandem.ffi.Reminder
import app.tandem.ffi.ReminderSettings
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualFormCheck
import app.tandem.ffi.ReviewOutcome
import app.tandem.ffi.CheckInScreenModel
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.afterImport
import app.tandem.ffi.ZoneMode
import java.io.File
import java.io.IOException
import java.time.DateTimeException
import java.time.ZoneId

/**
 * The app's one handle on the core. Opens the database once, with the key from
 * [keys], and passes every call straight through: validation, time zones and
 * DST are the core's. Actions throw [TandemException] (turn it into words with
 * [UserMessages.forError]); the Today screen state carries its error instead.
 * Safe to call from several threads: the core serialises calls. Every call
 * reaches the database, so the app makes them off the main thread.
 *
 * Reminders: after any local change that touches what is scheduled (a new
 * or answered ritual, a mark, a snooze, a rest week, a review, a personal
 * ritual added or changed, an agreement answered, amended, reviewed or
 * withdrawn, a pause started, extended or ended) the caller re-plans with
 * `ReminderCoordinator.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)`, and after
 * [syncIn] with `AFTER_IMPORT`. The controller itself never arms anything.
 */
class TandemController private constructor(
    private val tandem: Tandem,
    /** Kept for [wipe], which deletes the key after the data. */
    private val keys: StorageKeyProvider,
) : AutoCloseable, LockPolicy {

    companion object {
        /**
         * An agreement as typed on its form. [coolDownMinutes] (20 to 1440,
         * from a picker as an Int) makes it a pause agreement; a negative
         * value is passed on as a value the core refuses, never clamped.
         * [reviewOn] ("YYYY-MM-DD", after today) asks for a look back then.
         */
        fun agreementDraft(
            title: String,
            text: String,
            coolDownMinutes: Int? = null,
            eitherMayCall: Boolean = true,
            revisit: String? = null,
            reviewOn: String? = null,
        ) = AgreementDraft(
            title = title,
            text = text,
            pauseProtocol = coolDownMinutes?.let { PauseProtocol(pickerMinutes(it), eitherMayCall, revisit) },
            reviewOn = reviewOn,
        )

        /** A picker's Int as the core's UInt: a negative value becomes one the core refuses. */
        private fun pickerMinutes(m: Int): UInt = if (m < 0) UInt.MAX_VALUE else m.toUInt()

        /**
         * Opens (or, with [deviceName], creates) the database at [path]. An
         * existing database whose key [keys] no longer holds is WrongKey and
         * no key is made; the app opens through [TandemLauncher], which
         * offers restore or start over then.
         * [clock] is for tests and demos; production passes none and the core
         * reads the system clock.
         */
        @Throws(TandemException::class)
        fun open(
            path: String,
            keys: StorageKeyProvider,
            deviceName: String?,
            clock: ManualClock? = null,
            /** The phone's language (a BCP 47 tag): every screen model is worded in it. */
            language: String = java.util.Locale.getDefault().toLanguageTag(),
        ): TandemController {
            if (File(path).exists() && !keys.hasStorageKey()) {
                // Never make a new key over an existing database: TandemLauncher offers the way out.
                throw TandemException.WrongKey("no storage key for an existing database")
            }
            val key = keys.storageKey()
            val tandem = try {
                if (clock == null) {
                    Tandem.open(path, key, deviceName)
                } else {
                    Tandem.openWithClock(path, key, deviceName, clock)
                }
            } finally {
                key.fill(0)
            }
            return TandemController(tandem, keys).also { it.setLanguage(language) }
        }
    }

    /**
     * Words the screens in [tag]'s language from now on (the phone's
     * language changed). A language Tandem does not have reads as English,
     * and so does a tag the core refuses: there are always words to show.
     */
    fun setLanguage(tag: String): Boolean {
        if (tag == language) return false
        try {
            tandem.setLocale(tag)
        } catch (e: TandemException.InvalidInput) {
            tandem.setLocale("en")
        }
        language = tag
        return true
    }

    /** The tag last given to [setLanguage]; reminders are re-worded when it changes. */
    var language: String? = null
        private set

    @Throws(TandemException::class)
    fun device(): DeviceInfo = tandem.device()

    @Throws(TandemException::class)
    fun renameDevice(name: String) = tandem.setDeviceName(name)

    /**
     * Proposes a ritual as typed. [minutes] comes from a picker as an Int; a
     * negative value is passed on as a value the core refuses, never clamped.
     */
    @Throws(TandemException::class)
    fun proposeRitual(
        title: String,
        prompt: String?,
        minutes: Int,
        timeOfDay: String,
        zone: ZoneMode,
        /** "YYYY-MM-DD": a gentle experiment tried until then, then looked back on together. */
        trialUntil: String? = null,
    ): Ritual = tandem.proposeRitual(draft(title, prompt, minutes, timeOfDay, zone).copy(trialUntil = trialUntil))

    /**
     * Adds a personal ritual, typed as for [proposeRitual]: this phone's own,
     * in effect at once, never synced, possible before pairing. Re-plan after.
     */
    @Throws(TandemException::class)
    fun addPersonalRitual(
        title: String,
        prompt: String?,
        minutes: Int,
        timeOfDay: String,
        zone: ZoneMode,
        trialUntil: String? = null,
    ): Ritual = tandem.addPersonalRitual(draft(title, prompt, minutes, timeOfDay, zone).copy(trialUntil = trialUntil))

    /** A personal ritual from a full draft (repeat, window, reminder leads). Re-plan after. */
    @Throws(TandemException::class)
    fun addPersonalDraft(draft: RitualDraft): Ritual = tandem.addPersonalRitual(draft)

    /** The version of ritual [id] shown now, as a draft for a form to edit. */
    @Throws(TandemException::class)
    fun ritualDraft(id: String): RitualDraft = tandem.ritualDraft(id)

    @Throws(TandemException::class)
    fun rituals(): List<Ritual> = tandem.rituals()

    /** Proposes a full draft (repeat, window, reminder leads) as built by a form. */
    @Throws(TandemException::class)
    fun proposeDraft(draft: RitualDraft): Ritual = tandem.proposeRitual(draft)

    // Reminders and occurrence marks. After any of the marks, re-plan
    // (ReminderCoordinator.replan with AFTER_LOCAL_CHANGE).

    /** The soonest [limit] reminders for active rituals, for a device in [deviceZone]. */
    @Throws(TandemException::class)
    fun planReminders(deviceZone: String, limit: UInt): List<Reminder> = tandem.planReminders(deviceZone, limit)

    /** What to cancel and arm so the [armed] ids match the plan under [access] (see [ReminderCoordinator]). */
    @Throws(TandemException::class)
    fun armReminders(deviceZone: String, trigger: ReplanTrigger, armed: List<String>, access: app.tandem.ffi.ReminderAccess) =
        tandem.armReminders(deviceZone, trigger, armed, access)

    @Throws(TandemException::class)
    fun reminderSettings(): ReminderSettings = tandem.reminderSettings()

    @Throws(TandemException::class)
    fun setReminderSettings(settings: ReminderSettings) = tandem.setReminderSettings(settings)

    /**
     * [date] is the occurrence's key ([Occurrence.date]). With [deviceZone], an occurrence whose
     * start falls after today on this phone's clock is refused (InvalidInput); pass it from screens.
     */
    @Throws(TandemException::class)
    fun markDone(ritualId: String, date: String, note: String? = null, feeling: String? = null, deviceZone: String? = null) =
        if (deviceZone == null) tandem.markDone(ritualId, date, note, feeling)
        else tandem.markDoneIn(ritualId, date, note, feeling, deviceZone)

    @Throws(TandemException::class)
    fun skipOccurrence(ritualId: String, date: String) = tandem.skipOccurrence(ritualId, date)

    @Throws(TandemException::class)
    fun moveOccurrence(ritualId: String, date: String, toMs: Long) = tandem.moveOccurrence(ritualId, date, toMs)

    /**
     * "Remind me later" on the reminder of occurrence [date] of [ritualId]:
     * this phone only, [minutes] from now (1 to 720; a negative value from a
     * picker is passed on as a value the core refuses). Returns the instant
     * (Unix ms) it comes back. Re-plan after.
     */
    @Throws(TandemException::class)
    fun snoozeReminder(ritualId: String, date: String, minutes: Int, deviceZone: String): Long =
        tandem.snoozeReminder(ritualId, date, if (minutes < 0) UInt.MAX_VALUE else minutes.toUInt(), deviceZone)

    // Rest weeks: a week (Monday to Sunday) off from every shared ritual (a
    // personal one goes on), for both partners once synced. Each returns the week's Monday ("YYYY-MM-DD").
    // Re-plan after either.

    /** Declares the week holding [date] (as this phone's calendar reads it) a rest week. */
    @Throws(TandemException::class)
    fun declareRestWeek(date: String, deviceZone: String): String = tandem.declareRestWeek(date, deviceZone)

    /** Calls off the rest week holding [date]; NotFound if that week is not one. */
    @Throws(TandemException::class)
    fun callOffRestWeek(date: String, deviceZone: String): String = tandem.callOffRestWeek(date, deviceZone)

    /** The Mondays of every rest week, earliest first. */
    @Throws(TandemException::class)
    fun restWeeks(): List<String> = tandem.restWeeks()

    /**
     * The active rituals as calendar text, to share; personal rituals only
     * when [includePersonal] (the file may well reach the partner).
     */
    @Throws(TandemException::class)
    fun exportIcs(includePersonal: Boolean = false): String = tandem.exportIcs(includePersonal)

    // Consent: each action returns the ritual as it now stands. The core
    // decides what is allowed (the buttons of [ritualsScreen] follow its
    // rules). NotAllowedNow means the screen was out of date (the ritual
    // changed, often on the partner's phone) and NotFound that the ritual is
    // gone: tell the person with [UserMessages.forRitualAction], then redraw.
    // InvalidInput is for typed input (a counter's form).

    /** Accepts the version waiting for this phone's answer. */
    @Throws(TandemException::class)
    fun acceptRitual(id: String): Ritual = tandem.acceptRitual(id)

    /**
     * Accepts exactly the version the person read ([app.tandem.ffi.RitualRowModel.answerVersion]):
     * NotAllowedNow, with nothing recorded, if another version came in its
     * place since the screen was drawn.
     */
    @Throws(TandemException::class)
    fun acceptRitualVersion(id: String, version: String): Ritual = tandem.acceptRitualVersion(id, version)

    /** Declines exactly the version the person read; no reason is asked. */
    @Throws(TandemException::class)
    fun declineRitualVersion(id: String, version: String): Ritual = tandem.declineRitualVersion(id, version)

    /**
     * Declines what waits for this phone's answer; no reason is asked. A
     * proposal or suggested time ends; a change to a ritual in effect is
     * dropped and the ritual stays as it was.
     */
    @Throws(TandemException::class)
    fun declineRitual(id: String): Ritual = tandem.declineRitual(id)

    /**
     * Suggests another version of ritual [id] (title, prompt, length, time,
     * zone), typed as for [proposeRitual]. The rest of the version shown
     * (repeat, window, reminders, trial end) is not on this form, so it
     * carries over unchanged: the form edits the core's [ritualDraft]. For a
     * shared ritual in effect the suggestion waits beside the current version
     * until the partner accepts; a personal ritual takes it at once.
     */
    @Throws(TandemException::class)
    fun counterRitual(
        id: String,
        title: String,
        prompt: String?,
        minutes: Int,
        timeOfDay: String,
        zone: ZoneMode,
    ): Ritual = tandem.counterRitual(id, edited(id, title, prompt, minutes, timeOfDay, zone))

    /**
     * Suggests [draft] as another version of ritual [id]: a whole draft from
     * a form ([RitualForm.draft] over [ritualDraft]), days included.
     */
    @Throws(TandemException::class)
    fun counterDraft(id: String, draft: RitualDraft): Ritual = tandem.counterRitual(id, draft)

    // Looking back on a gentle experiment (a ritual with a trial end), once
    // the Rituals screen shows REVIEW. Each returns the ritual as it now
    // stands; NotAllowedNow if it is not (or no longer) a trial. Re-plan after.

    /**
     * Keep it for good: for a shared ritual this suggests the same version
     * without the trial end, waiting for the partner; a personal one at once.
     */
    @Throws(TandemException::class)
    fun keepRitual(id: String): Ritual = tandem.reviewRitual(id, ReviewOutcome.Keep)

    /**
     * Keep it changed, typed as for [counterRitual]; [trialUntil] starts
     * another experiment, none keeps it for good. Waits for the partner like
     * a counter.
     */
    @Throws(TandemException::class)
    fun adjustRitual(
        id: String,
        title: String,
        prompt: String?,
        minutes: Int,
        timeOfDay: String,
        zone: ZoneMode,
        trialUntil: String? = null,
    ): Ritual = tandem.reviewRitual(
        id,
        ReviewOutcome.Adjust(edited(id, title, prompt, minutes, timeOfDay, zone).copy(trialUntil = trialUntil)),
    )

    /** Keep it changed, as a whole draft from a form ([RitualForm.draft] over [ritualDraft]). */
    @Throws(TandemException::class)
    fun adjustDraft(id: String, draft: RitualDraft): Ritual = tandem.reviewRitual(id, ReviewOutcome.Adjust(draft))

    /** A form for another version of ritual [id] ([mode]: COUNTER, CHANGE or ADJUST), prefilled from the core's draft. */
    @Throws(TandemException::class)
    fun openRitualForm(id: String, mode: RitualFormMode): RitualEdit {
        val base = tandem.ritualDraft(id)
        return RitualEdit(id, base, RitualForm.from(base), listOf(mode))
    }

    /** The core's check of [edit]'s form sent as [mode]: each field's words, and the draft to send. */
    @Throws(TandemException::class)
    fun checkRitual(edit: RitualEdit, mode: RitualFormMode): RitualFormCheck = tandem.checkRitualForm(
        edit.form.input(edit.base),
        edit.ritualId.takeUnless { mode == RitualFormMode.PROPOSE || mode == RitualFormMode.PERSONAL },
        mode == RitualFormMode.ADJUST,
    )

    /**
     * Checks [edit] with the core and, when every field reads well, sends
     * the core's draft as [mode] says: null when sent, else [edit] with the
     * core's words for each field (nothing sent). A mode that needs a
     * ritual, on a form without one, is a bug in the screen:
     * IllegalStateException, nothing sent.
     */
    @Throws(TandemException::class)
    fun submitRitual(edit: RitualEdit, mode: RitualFormMode): RitualEdit? {
        fun id() = edit.ritualId ?: throw IllegalStateException("no ritual to change")
        val send: (RitualDraft) -> Ritual = when (mode) {
            RitualFormMode.PROPOSE -> ::proposeDraft
            RitualFormMode.PERSONAL -> ::addPersonalDraft
            RitualFormMode.COUNTER, RitualFormMode.CHANGE -> id().let { id -> { d -> counterDraft(id, d) } }
            RitualFormMode.ADJUST -> id().let { id -> { d -> adjustDraft(id, d) } }
        }
        val check = checkRitual(edit, mode)
        send(check.draft ?: return edit.copy(check = check))
        return null
    }

    /** Stop it: retired, on both phones, by either partner alone. */
    @Throws(TandemException::class)
    fun stopRitual(id: String): Ritual = tandem.reviewRitual(id, ReviewOutcome.Stop)

    /** Any review outcome, as the core takes it. */
    @Throws(TandemException::class)
    fun reviewRitual(id: String, outcome: ReviewOutcome): Ritual = tandem.reviewRitual(id, outcome)

    /** Experiments whose last day has come, for a device in [deviceZone]. */
    @Throws(TandemException::class)
    fun reviewsDue(deviceZone: String): List<Ritual> = tandem.reviewsDue(deviceZone)

    @Throws(TandemException::class)
    fun pauseRitual(id: String): Ritual = tandem.pauseRitual(id)

    @Throws(TandemException::class)
    fun resumeRitual(id: String): Ritual = tandem.resumeRitual(id)

    /** Ends the ritual on both phones. */
    @Throws(TandemException::class)
    fun retireRitual(id: String): Ritual = tandem.retireRitual(id)

    /**
     * The Rituals screen: every ritual, with words and buttons for this
     * phone's side; experiments due for a look back (by today's date in
     * [deviceZone], or the ritual's fixed zone) carry REVIEW.
     */
    fun ritualsScreen(deviceZone: String): RitualsScreen = try {
        RitualsScreen.Shown(tandem.ritualsScreen(deviceZone))
    } catch (e: TandemException) {
        RitualsScreen.Failed(UserMessages.forError(e), e)
    }

    @Throws(TandemException::class)
    fun upcoming(fromMs: Long, toMs: Long, deviceZone: String): List<Occurrence> =
        tandem.upcoming(fromMs, toMs, deviceZone)

    /** The Today screen ([TodayScreen]): what is due, coming and done, what waits for an answer, a pause, the next reminder. */
    fun todayScreen(deviceZone: String): TodayScreen = try {
        TodayScreen.Shown(tandem.todayScreen(deviceZone))
    } catch (e: TandemException) {
        TodayScreen.Failed(UserMessages.forError(e), e)
    }

    // Boundaries: one partner's own statements. A private one never leaves
    // this phone; a shared one reaches the partner, who sees it read-only
    // (`mine == false`; changing it there is NotAllowedNow). Nothing here
    // is scheduled, so no re-plan is needed.

    /** 1 to 500 characters; [shared] shows it to the partner after the next sync. */
    @Throws(TandemException::class)
    fun addBoundary(text: String, shared: Boolean): Boundary = tandem.addBoundary(text, shared)

    @Throws(TandemException::class)
    fun editBoundary(id: String, text: String): Boundary = tandem.editBoundary(id, text)

    /** Shares a private boundary, or makes a shared one private again (it leaves the partner's phone). */
    @Throws(TandemException::class)
    fun shareBoundary(id: String, shared: Boolean): Boundary = tandem.shareBoundary(id, shared)

    @Throws(TandemException::class)
    fun retireBoundary(id: String) = tandem.retireBoundary(id)

    /** This phone's boundaries and the partner's shared ones, oldest first. */
    @Throws(TandemException::class)
    fun boundaries(): List<Boundary> = tandem.boundaries()

    /** Phrases to start from, for an empty form. */
    fun boundaryExamples(): List<String> = app.tandem.ffi.boundaryExamples()

    // Agreements: two signatures. A proposal (version 1) is accepted by its
    // author; the partner accepts exactly a version, named by its content
    // hash. Each call returns the agreement as it now stands. The core
    // decides what is allowed: NotAllowedNow means the screen was out of
    // date (a version superseded or answered, often on the partner's phone),
    // NotFound that the agreement is gone; tell the person with
    // [UserMessages.forAgreementAction], then redraw. Review dates are
    // reminded, and a pause agreement sets the default pause length, so
    // re-plan after any of these (AFTER_LOCAL_CHANGE).

    /** Proposes [draft] (see [agreementDraft]); it waits for the partner. */
    @Throws(TandemException::class)
    fun proposeAgreement(draft: AgreementDraft): Agreement = tandem.proposeAgreement(draft)

    /**
     * Suggests another version of agreement [id], built on [parentHash]:
     * the version in effect ([AgreementRow.amendOn]), or, before one took
     * effect, a waiting one. Concurrent suggestions wait side by side.
     */
    @Throws(TandemException::class)
    fun amendAgreement(id: String, parentHash: String, draft: AgreementDraft): Agreement =
        tandem.amendAgreement(id, parentHash, draft)

    /** Accepts exactly the version with [versionHash] ([AgreementOption.version]). */
    @Throws(TandemException::class)
    fun acceptAgreement(id: String, versionHash: String): Agreement = tandem.acceptAgreement(id, versionHash)

    /** Declines the version with [versionHash]; no reason is asked. */
    @Throws(TandemException::class)
    fun declineAgreement(id: String, versionHash: String): Agreement = tandem.declineAgreement(id, versionHash)

    /** Withdraws consent: either partner, alone, at any time, without a reason. For good, on both phones. */
    @Throws(TandemException::class)
    fun withdrawAgreement(id: String): Agreement = tandem.withdrawAgreement(id)

    /** Ends a look back: keep it, amend it (for both to accept), or let it go. */
    @Throws(TandemException::class)
    fun reviewAgreement(id: String, outcome: AgreementReview): Agreement = tandem.reviewAgreement(id, outcome)

    /** A look back that keeps agreement [id] as it is. */
    @Throws(TandemException::class)
    fun keepAgreement(id: String): Agreement = tandem.reviewAgreement(id, AgreementReview.Keep)

    /** A look back that lets agreement [id] go (consent withdrawn, on both phones). */
    @Throws(TandemException::class)
    fun letGoAgreement(id: String): Agreement = tandem.reviewAgreement(id, AgreementReview.LetGo)

    /**
     * A form for another version of agreement [id] built on [parentHash]
     * (none: the version in effect, else the newest waiting), prefilled
     * from the core's draft of it.
     */
    @Throws(TandemException::class)
    fun openAgreementForm(id: String, parentHash: String?, mode: AgreementFormMode): AgreementEdit =
        AgreementEdit(id, parentHash, AgreementForm.from(tandem.agreementDraft(id, parentHash)), mode)

    /** The core's check of [edit]'s form: a message for each field that does not read well, and the draft to send. */
    @Throws(TandemException::class)
    fun checkAgreement(edit: AgreementEdit): AgreementFormCheck =
        tandem.checkAgreementForm(edit.form.input(), edit.agreementId, edit.parentHash)

    /**
     * Checks [edit] with the core and, when every field reads well, sends
     * it as its mode says: null when sent, else [edit] with the core's
     * field messages (nothing sent). A change without its agreement is a
     * screen bug (IllegalStateException).
     */
    @Throws(TandemException::class)
    fun submitAgreement(edit: AgreementEdit): AgreementEdit? {
        fun id() = edit.agreementId ?: throw IllegalStateException("no agreement to change")
        val send: (AgreementDraft) -> Agreement = when (edit.mode) {
            AgreementFormMode.PROPOSE -> ::proposeAgreement
            AgreementFormMode.AMEND -> {
                val (id, on) = id() to (edit.parentHash ?: throw IllegalStateException("no version to build on"))
                { d -> amendAgreement(id, on, d) }
            }
            AgreementFormMode.REVIEW_AMEND -> id().let { id -> { d -> reviewAgreement(id, AgreementReview.Amend(d)) } }
        }
        val check = checkAgreement(edit)
        send(check.draft ?: return edit.copy(check = check))
        return null
    }

    /** Every agreement, in proposal order (the same on both phones). */
    @Throws(TandemException::class)
    fun agreements(): List<Agreement> = tandem.agreements()

    /** Every step of agreement [id], hash-chained; `head` is the same on both phones once synced. */
    @Throws(TandemException::class)
    fun agreementHistory(id: String): AgreementHistory = tandem.agreementHistory(id)

    /** Agreements whose review date has come, for a device in [deviceZone]. */
    @Throws(TandemException::class)
    fun agreementReviewsDue(deviceZone: String): List<Agreement> = tandem.agreementReviewsDue(deviceZone)

    /** The Agreements screen as the core words it for this phone (`screens::agreements`). */
    fun agreementsScreen(deviceZone: String): AgreementsScreen = try {
        AgreementsScreen.Shown(tandem.agreementsScreen(deviceZone))
    } catch (e: TandemException) {
        AgreementsScreen.Failed(UserMessages.forError(e), e)
    }

    // Pauses: a pause with a promised return, seen by the partner after a
    // sync. Only its starter extends (once, within 24 hours in all) or ends
    // it. Both phones get a PAUSE_RETURN reminder at the return, so re-plan
    // after each (AFTER_LOCAL_CHANGE), and after syncIn (AFTER_IMPORT).

    /**
     * Starts a pause of [minutes] (20 to 1440), or, when null, the pause
     * agreement's cool-down (else 20); [note] up to 140 characters. A
     * negative value from a picker is passed on as a value the core refuses.
     */
    @Throws(TandemException::class)
    fun startPause(minutes: Int? = null, note: String? = null): Pause = tandem.startPause(minutes?.let { pickerMinutes(it) }, note)

    /** [minutes] more, once. */
    @Throws(TandemException::class)
    fun extendPause(id: String, minutes: Int): Pause = tandem.extendPause(id, pickerMinutes(minutes))

    /** "I'm back": ends this phone's pause. */
    @Throws(TandemException::class)
    fun endPause(id: String): Pause = tandem.endPause(id)

    /** Every pause, newest first. */
    @Throws(TandemException::class)
    fun pauses(): List<Pause> = tandem.pauses()

    /** What pause, extension and "later" buttons offer, as the core decided them for both phones. */
    @Throws(TandemException::class)
    fun offers(): Offers = tandem.offers()

    /** The pause banner and screen, with return times on the clock of [deviceZone]. */
    fun pauseScreen(deviceZone: String): PauseScreen = try {
        ZoneId.of(deviceZone) // an unknown zone is the phone's settings, said as such
        PauseScreen.of(tandem.pauseScreen(deviceZone))
    } catch (e: TandemException) {
        PauseScreen.Failed(UserMessages.forError(e), e)
    } catch (e: DateTimeException) {
        PauseScreen.Failed(UserMessages.UNKNOWN_ZONE, e)
    }

    // The notebook: check-ins, appreciations, repairs and phrases (each
    // private or shared; a shared one reaches the partner after a sync, with
    // `mine == false` there; an appreciation is always shared), and the
    // private pattern log, which never leaves this phone. Nothing here is
    // scheduled, so no re-plan is needed. Validation is the core's.

    /** A check-in from its form; the slider's value is passed on as is (1 to 10, else refused). */
    @Throws(TandemException::class)
    fun checkIn(form: CheckInForm): LogEntry =
        tandem.checkIn(form.temperature, form.capacity, form.need, form.note, form.shared)

    /** The check-in screen as the core words it, in [deviceZone]. */
    @Throws(TandemException::class)
    fun checkInScreen(deviceZone: String): CheckInScreenModel = tandem.checkInScreen(deviceZone)

    /**
     * Checks [form] with the core, field by field, and sends it when every
     * field can be used: null when sent, else [form] with the core's words
     * under its fields (nothing sent).
     */
    @Throws(TandemException::class)
    fun submitCheckIn(form: CheckInForm): CheckInForm? {
        val check = tandem.checkInForm(form.slider.toLong(), form.note.orEmpty())
        if (check.temperature != null || check.note != null) return form.copy(check = check)
        checkIn(form)
        return null
    }

    /** 1 to 280 characters; always shared. */
    @Throws(TandemException::class)
    fun appreciate(text: String): LogEntry = tandem.appreciate(text)

    /** [received]: whether the partner's repair landed (null for one's own or unsaid). */
    @Throws(TandemException::class)
    fun recordRepair(act: RepairAct, note: String? = null, received: Boolean? = null, shared: Boolean = false): LogEntry =
        tandem.recordRepair(act, note, received, shared)

    /** Adds the couple's own phrase for [situation]; [shared] puts it in the partner's phrasebook too. */
    @Throws(TandemException::class)
    fun addPhrase(situation: Situation, text: String, shared: Boolean): LogEntry = tandem.addPhrase(situation, text, shared)

    /** The built-in phrases (three per situation) and the couple's own. */
    @Throws(TandemException::class)
    fun phrases(): List<Phrase> = tandem.phrases()

    /** Check-ins, appreciations, repairs and phrases from [fromMs] to [toMs]: this phone's and the partner's shared ones. */
    @Throws(TandemException::class)
    fun entries(fromMs: Long, toMs: Long): List<LogEntry> = tandem.entries(fromMs, toMs)

    /** Private, always: never exported, never shown to the partner. */
    @Throws(TandemException::class)
    fun logPattern(draft: PatternDraft): PatternEntry = tandem.logPattern(draft)

    @Throws(TandemException::class)
    fun patternLog(fromMs: Long, toMs: Long): List<PatternEntry> = tandem.patternLog(fromMs, toMs)

    /** Insights over the last [weeks] (1 to 520; a negative picker value is passed on as one the core refuses). */
    @Throws(TandemException::class)
    fun insights(weeks: Int, deviceZone: String): Insights = tandem.insights(pickerMinutes(weeks), deviceZone)

    /** The Insights screen both apps show (the core's eight weeks): chart rows per week and the core's sentences. */
    fun insightsTab(deviceZone: String): InsightsScreen = try {
        InsightsScreen.Shown(tandem.insightsTab(deviceZone))
    } catch (e: TandemException) {
        InsightsScreen.Failed(UserMessages.forError(e), e)
    }

    /** The Insights screen over the last [weeks] (1 to 520; others are refused with a message). */
    fun insightsScreen(weeks: Int, deviceZone: String): InsightsScreen = try {
        InsightsScreen.Shown(tandem.insightsScreen(pickerMinutes(weeks), deviceZone))
    } catch (e: TandemException) {
        InsightsScreen.Failed(UserMessages.forError(e), e)
    }

    /** "When …, I feel …, and I need …. Would you be open to …?"; an empty part is InvalidInput naming it. */
    @Throws(TandemException::class)
    fun iStatement(observation: String, feeling: String, need: String, request: String): String =
        app.tandem.ffi.iStatement(observation, feeling, need, request)

    /** Tags to offer on the pattern-log form. */
    fun suggestedTags(): List<String> = app.tandem.ffi.suggestedTags()

    /** The pairing screen's steps, one core call each ([PairingFlow.refresh] reads where it stands). */
    fun pairingFlow(): PairingFlow = PairingFlow(tandem)

    @Throws(TandemException::class)
    fun pairingStatus(): PairingStatus = tandem.pairingStatus()

    /** The Sync screen with [waitingFiles] in the inbox and what the last tap did ([SyncScreen.lastOf]). */
    @Throws(TandemException::class)
    fun syncScreen(waitingFiles: Int, last: SyncLast?): SyncScreenModel =
        tandem.syncScreen(waitingFiles.coerceAtLeast(0).toUInt(), last)

    /**
     * Forgets the partner on this phone: their payloads are refused from
     * now on. Nothing is sent to the partner; this phone's audit notes it.
     * Guarded by the app lock ([AppLockController.guard] with UNPAIR).
     * Afterwards [cleanExitScreen] offers [stopShared] and [deletePartnerData].
     */
    @Throws(TandemException::class)
    fun unpair() = tandem.unpair()

    // The clean exit, after unpairing, on this phone alone (nothing is sent
    // to the partner). Both are NotAllowedNow while still paired, and both
    // are guarded by the app lock (CLEAN_EXIT).

    /**
     * Stops every shared ritual, agreement and pause on this phone (retired
     * and withdrawn here; their reminders stop). Re-plan after. Returns how
     * many it stopped.
     */
    @Throws(TandemException::class)
    fun stopShared(): Int = tandem.stopShared().coerceAtMost(Int.MAX_VALUE.toUInt()).toInt()

    /**
     * Deletes the partner's check-ins, appreciations, repairs, phrases,
     * boundaries, pauses and marks (with their notes and feelings) from this
     * phone, keeping this person's own. Re-plan after. Returns how many of
     * the partner's changes went.
     */
    @Throws(TandemException::class)
    fun deletePartnerData(): Int = tandem.deletePartnerData().coerceAtMost(Int.MAX_VALUE.toUInt()).toInt()

    /** One clean exit step (offered by [settingsScreen]); what it did, in words. Re-plan after. */
    @Throws(TandemException::class)
    fun cleanExit(step: CleanExitStep): CleanExitDone = tandem.cleanExit(step)

    /** The settings screen: the app lock's choices and, after unpairing, the clean exit. */
    @Throws(TandemException::class)
    fun settingsScreen(): SettingsScreen = tandem.settingsScreen()

    // The app lock: the core keeps the setting and decides when to ask;
    // AppLockController carries it out with the platform's authentication.

    /** Off on a new install. */
    @Throws(TandemException::class)
    fun appLock(): AppLockSetting = tandem.appLock()

    /** A grace time past 3600 seconds is InvalidInput and changes nothing; switching shows in the audit. */
    @Throws(TandemException::class)
    fun setAppLock(setting: AppLockSetting) = tandem.setAppLock(setting)

    @Throws(TandemException::class)
    override fun lockDue(awayMs: Long?): Boolean = tandem.lockDue(awayMs)

    @Throws(TandemException::class)
    override fun needsUnlockFor(action: GuardedAction): Boolean = tandem.needsUnlockFor(action)

    /**
     * How many changes the partner's phone has not confirmed holding: what
     * the next [syncOut] carries. It stays the same after a send until the
     * partner's reply (a payload of theirs, imported here) acknowledges
     * them. Personal rituals never count. Throws [TandemException.NotPaired]
     * until the digits are confirmed.
     */
    @Throws(TandemException::class)
    fun changesToSend(): Int = tandem.changesToSend().coerceAtMost(Int.MAX_VALUE.toUInt()).toInt()

    /**
     * Exports everything the partner lacks and hands it to [transport]. Throws
     * [TandemException.NotPaired] until the digits are confirmed. If the
     * transport fails, nothing is lost: the next export carries the same
     * changes again. The result's [SyncOutResult.changes] is [changesToSend]
     * read just before the export.
     */
    @Throws(TandemException::class, IOException::class)
    fun syncOut(transport: SyncTransport): SyncOutResult {
        val changes = changesToSend()
        val payloads = tandem.exportPayloads()
        return SyncOutResult(changes = changes, payloads = payloads.size, sentTo = transport.send(payloads))
    }

    /**
     * Imports every payload [transport] holds, each all or nothing, and tells
     * the transport which ones the core now holds. A refused payload is
     * reported with a message and left with the transport; the others still
     * import. What becomes of each file is the core's decision
     * ([afterImport]): a payload too old to open is removed (its changes
     * come again), a rejected one set aside. The reports' news read
     * times on [deviceZone]'s clock.
     */
    @Throws(IOException::class)
    fun syncIn(transport: SyncTransport, deviceZone: String = ZoneId.systemDefault().id): SyncInResult = SyncInResult(
        transport.receive().map { item ->
            try {
                val report = tandem.importPayloadIn(item.payload(), deviceZone)
                transport.finish(item, afterImport(null))
                SyncItem.Imported(item.source, report)
            } catch (e: TandemException) {
                transport.finish(item, afterImport(UserMessages.kindOf(e)))
                SyncItem.Refused(item.source, UserMessages.forError(e), e)
            }
        },
    )

    // Export, restore, the mirror and wiping (the person's own data, on this
    // phone). Export is sealed with a passphrase; the plaintext export exists
    // only under its own explicit name, behind a warning.

    /**
     * Everything this phone holds for its person, as a JSON file sealed with
     * [passphrase] (at least 16 characters or at least 4 words, else InvalidInput; Argon2id, about
     * a second: call it off the main thread). Messages: [UserMessages.forExport].
     */
    /**
     * The notebook over the last [weeks] weeks: entries from both partners
     * and the words left on rituals marked done, worded and timed by the
     * core in [deviceZone]. Render it as it is.
     */
    /** The notebook screen over the core's period (both apps show the same), in [deviceZone]. */
    fun notebookScreen(deviceZone: String): NotebookScreen = try {
        NotebookScreen.Shown(tandem.notebookScreen(deviceZone))
    } catch (e: TandemException) {
        NotebookScreen.Failed(UserMessages.forError(e), e)
    }

    @Throws(TandemException::class)
    fun notebook(weeks: Int, deviceZone: String): Notebook =
        // A negative count reaches the core as 0, which it refuses with its own words.
        tandem.notebook(weeks.coerceAtLeast(0).toUInt(), deviceZone)

    @Throws(TandemException::class)
    fun exportSealed(passphrase: String): ByteArray = tandem.exportData(passphrase)

    /** [exportSealed], written to [file] (beside, then moved over it). */
    @Throws(TandemException::class, IOException::class)
    fun exportSealedTo(file: File, passphrase: String): File {
        writeBesideThenMove(file, exportSealed(passphrase))
        return file
    }

    /**
     * The same export UNSEALED: readable by anyone who gets the file. Only
     * when the person asks for it by name, after [UserMessages.PLAINTEXT_WARNING].
     */
    @Throws(TandemException::class)
    fun exportPlaintextAfterWarning(): ByteArray = tandem.exportPlaintext()

    /**
     * Restores an export into this Tandem, which must be new and empty
     * (else NotAllowedNow); all or nothing. [passphrase] is null only for a
     * plaintext export. The phone takes on the exported device's id and name;
     * pairing is not restored. Returns the changes restored. Re-plan
     * reminders after. Messages: [UserMessages.forImport].
     */
    @Throws(TandemException::class)
    fun importExport(file: ByteArray, passphrase: String?): Long = tandem.importData(file, passphrase).toLong()

    /** [importExport] from [file]. */
    @Throws(TandemException::class, IOException::class)
    fun importExportFrom(file: File, passphrase: String?): Long = importExport(file.readBytes(), passphrase)

    /** Exactly what the partner's phone holds (or will after the next sync) about this person. */
    @Throws(TandemException::class)
    fun whatPartnerSees(): List<VisibleItem> = tandem.whatPartnerSees()

    /** Every sharing change this person made and everything done with this phone's record (exports, unpairing, the app lock), newest first. */
    @Throws(TandemException::class)
    fun sharingAudit(): List<AuditEntry> = tandem.sharingAudit()

    /** The mirror screen as the core words it, times on the clock of [deviceZone]. */
    fun visibilityScreen(deviceZone: String): VisibilityScreen = try {
        ZoneId.of(deviceZone) // an unknown zone is the phone's settings, said as such
        VisibilityScreen.Shown(tandem.visibilityScreen(deviceZone))
    } catch (e: TandemException) {
        VisibilityScreen.Failed(UserMessages.forError(e), e)
    } catch (e: DateTimeException) {
        VisibilityScreen.Failed(UserMessages.UNKNOWN_ZONE, e)
    }

    /**
     * Erases this phone's Tandem data for good (the core overwrites and
     * removes the files and closes; later calls fail with
     * [TandemException.Closed]), then deletes the storage key. If the core
     * refuses, the key is kept, so the data it still holds stays readable.
     * Cancel armed reminders after. Show [UserMessages.WIPE_WARNING] first.
     */
    @Throws(TandemException::class)
    fun wipe() {
        tandem.wipe()
        keys.deleteStorageKey()
    }

    /** A negative [minutes] from a picker is passed on as a value the core refuses, never clamped. */
    private fun draft(title: String, prompt: String?, minutes: Int, timeOfDay: String, zone: ZoneMode) = RitualDraft(
        title = title,
        prompt = prompt,
        minutes = if (minutes < 0) UInt.MAX_VALUE else minutes.toUInt(),
        timeOfDay = timeOfDay,
        zone = zone,
    )

    /** The core's draft of ritual [id] with the form's fields typed over it. */
    private fun edited(id: String, title: String, prompt: String?, minutes: Int, timeOfDay: String, zone: ZoneMode): RitualDraft {
        val typed = draft(title, prompt, minutes, timeOfDay, zone)
        return tandem.ritualDraft(id).copy(
            title = typed.title,
            prompt = typed.prompt,
            minutes = typed.minutes,
            timeOfDay = typed.timeOfDay,
            zone = typed.zone,
        )
    }

    /**
     * Closes the database (the core checkpoints and releases the file). Later
     * calls fail with [TandemException.Closed]; closing twice is fine. The
     * native handle itself is released by uniffi's cleaner when this
     * controller is collected, so late calls get `Closed`, not a crash.
     */
    @Throws(TandemException::class)
    override fun close() = tandem.closeDatabase()
}
