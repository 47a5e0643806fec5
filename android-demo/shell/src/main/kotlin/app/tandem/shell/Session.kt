package app.tandem.shell

import app.tandem.ffi.PhoneNow
import app.tandem.ffi.RefusedFile
import app.tandem.ffi.SyncLast
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import java.io.File
import java.io.IOException
import java.io.InputStream
import java.time.DateTimeException
import java.time.ZoneId

/** A file shared to the phone: its name as sent (null when unknown) and a way to open it (null when it can't be). */
class SharedFile(val name: String?, val open: () -> InputStream?)

/**
 * The app's process-wide state: opens through [launcher] and keeps the
 * armed reminders equal to the core's plan on [scheduler], re-planning after
 * every start, change and import. [load] and [act] never throw. Calls reach
 * the database: the app makes them off the main thread, one at a time.
 */
class TandemSession(
    private val launcher: TandemLauncher,
    private val scheduler: ReminderScheduler,
    /** The Sync screen's file transport (the app's sync-out/ and sync-in/); null where nothing syncs. */
    private val files: FileSyncTransport? = null,
    private val deviceZone: () -> String,
) {
    @Volatile
    var state: LaunchState? = null
        private set

    private var coordinator: ReminderCoordinator? = null
    private var flow: PairingFlow? = null

    /** The ritual [Screen.RITUAL] shows ([ritual]), reloaded after its buttons. */
    @Volatile
    private var ritualShown: String? = null

    /** What the last send or receive did, for the Sync screen's lines (the core words them). */
    @Volatile
    var lastSync: SyncLast? = null
        private set

    val controller: TandemController? get() = (state as? LaunchState.Opened)?.controller

    /** Opens (once) and re-plans APP_START. */
    @Synchronized
    fun start(): LaunchState = (state as? LaunchState.Opened) ?: opened(launcher.open(), ReplanTrigger.APP_START)

    /** After [LaunchState.KeyMissing]: restore, then re-plan AFTER_IMPORT. */
    @Synchronized
    fun restore(file: ByteArray, passphrase: String?): LaunchState =
        reopened(ReplanTrigger.AFTER_IMPORT) { launcher.restoreFromExport(file, passphrase) }

    /** After [LaunchState.KeyMissing] and the warning: an empty Tandem. */
    @Synchronized
    fun startOver(): LaunchState = reopened(ReplanTrigger.APP_START) { launcher.startOver() }

    /** A file that can't be read or moved leaves it KeyMissing, with why. */
    private fun reopened(trigger: ReplanTrigger, open: () -> LaunchState): LaunchState = try {
        opened(keyStore(open), trigger)
    } catch (e: IOException) {
        LaunchState.KeyMissing(UserMessages.FILES_FAILED)
    }.also { state = it }

    /** While Tandem is not open nothing the lock protects is shown, so it asks for nothing then. */
    fun lockController(authenticator: UserAuthenticator, nowMs: () -> Long = System::currentTimeMillis): AppLockController =
        AppLockController(
            object : LockPolicy {
                override fun lockDue(awayMs: Long?) = controller?.lockDue(awayMs) ?: false
                override fun needsUnlockFor(action: app.tandem.ffi.GuardedAction) = controller?.needsUnlockFor(action) ?: false
            },
            authenticator,
            nowMs,
            { controller?.language ?: java.util.Locale.getDefault().toLanguageTag() },
        )

    /** [act], after [lock] asks when the core says so; a refused authentication runs nothing ([then] gets null). */
    fun <T> guarded(
        lock: AppLockController,
        guard: LockGuard,
        screen: Screen,
        nowMs: () -> Long,
        zone: String,
        replan: ReplanTrigger? = ReplanTrigger.AFTER_LOCAL_CHANGE,
        done: (T) -> String? = { null },
        action: (TandemController) -> T,
        then: (ActionResult<T>?) -> Unit,
    ) = lock.guard(guard, { act(screen, nowMs(), zone, replan, screen, done, action) }) { outcome ->
        then((outcome as? GuardOutcome.Done)?.value)
    }

    /**
     * Why reminders will not show or may come late, as the scheduler allows
     * things now: shown on every launch and return while access is missing,
     * not only after the re-plan that first saw it.
     */
    fun notices(): List<ReminderNotice> =
        controller?.let { scheduler.access().notices(it.language ?: "en") }.orEmpty()

    /** The words around the screens, in the language the screens are worded in. */
    fun labels(): Labels {
        val tag = controller?.language ?: java.util.Locale.getDefault().toLanguageTag()
        return labelsCache?.takeIf { it.first == tag }?.second ?: labelsIn(tag).also { labelsCache = tag to it }
    }

    @Volatile
    private var labelsCache: Pair<String, Labels>? = null

    /** Re-plans for [trigger]; null while not open (the next [start] plans anyway). */
    fun replan(trigger: ReplanTrigger): ReplanResult? = coordinator?.replan(trigger)

    /**
     * Back in the foreground (perhaps from the settings screen): re-plans
     * PERMISSION_CHANGED when what the scheduler allows changed since the
     * last re-plan, LANGUAGE_CHANGED when the phone's language did; else null.
     */
    fun resumed(language: String = java.util.Locale.getDefault().toLanguageTag()): ReplanResult? {
        // The phone's language may have changed while Tandem was away (the
        // activity is recreated then): the screens and reminders follow it.
        val newWords = controller?.setLanguage(language) == true
        val c = coordinator ?: return null
        val seen = c.lastAccess
        if (seen != null && seen != scheduler.access()) return c.replan(ReplanTrigger.PERMISSION_CHANGED)
        return if (newWords && seen != null) c.replan(ReplanTrigger.LANGUAGE_CHANGED) else null
    }

    /** The pairing screens' flow, one per open Tandem; null while not open. */
    @Synchronized
    fun pairing(): PairingFlow? {
        val c = controller ?: return null
        return flow ?: c.pairingFlow().also { flow = it }
    }

    /** [screen]'s model on the clock of [zone] (the device's IANA zone). */
    fun load(screen: Screen, nowMs: Long, zone: String): ScreenModel = read(screen, zone) { c, t ->
        when (screen) {
            Screen.TODAY -> ScreenModel.Today(Rendered.Shown(t.todayScreen(zone)))
            Screen.RITUALS -> ScreenModel.Rituals(Rendered.Shown(t.ritualsScreen(zone)))
            Screen.AGREEMENTS -> ScreenModel.Agreements(Rendered.Shown(t.agreementsScreen(zone)))
            Screen.BOUNDARIES -> ScreenModel.Boundaries(Rendered.Shown(t.boundariesScreen(zone)))
            Screen.PAUSE -> ScreenModel.Pause(PauseScreen.of(t.pauseScreen(zone)))
            Screen.CHECK_IN -> ScreenModel.CheckIn(Rendered.Shown(t.checkInScreen(zone)))
            Screen.NOTEBOOK -> ScreenModel.Notebook(Rendered.Shown(t.notebookScreen(zone)))
            Screen.INSIGHTS -> ScreenModel.Insights(Rendered.Shown(t.insightsTab(zone)))
            Screen.PAIRING -> ScreenModel.Pairing(
                (pairing() ?: return ScreenModel.closed(screen)).refresh(zone),
                settings = try { c.settingsScreen() } catch (e: TandemException) { null },
            )
            Screen.SYNC -> ScreenModel.Sync(syncScreen(c))
            Screen.PRIVACY -> ScreenModel.Privacy(Rendered.Shown(t.visibilityScreen(zone)))
            Screen.RITUAL -> ScreenModel.Ritual(
                Rendered.Shown(t.ritualScreen(ritualShown ?: throw TandemException.NotFound("no ritual opened"), zone)),
            )
        }
    }

    /** Ritual [id]'s own screen (from its row): [Screen.RITUAL] shows it from now on, reloaded after each of its buttons. */
    fun ritual(id: String, nowMs: Long, zone: String): ScreenModel {
        ritualShown = id
        return load(Screen.RITUAL, nowMs, zone)
    }

    /**
     * [screen] with nothing left out (its show-all button), on the clock of [zone]: the Privacy
     * screen's every row and audit line, the Rituals screen's every ended ritual. Any other
     * screen leaves nothing out, and reads as [load] has it.
     */
    fun loadEverything(screen: Screen, nowMs: Long, zone: String): ScreenModel = when (screen) {
        Screen.PRIVACY -> read(screen, zone) { _, t -> ScreenModel.Privacy(Rendered.Shown(t.visibilityScreenAll(zone))) }
        Screen.RITUALS -> read(screen, zone) { _, t -> ScreenModel.Rituals(Rendered.Shown(t.ritualsScreenAll(zone))) }
        else -> load(screen, nowMs, zone)
    }

    /** [model] read from the core; closed, an unknown zone (the phone's settings, said as such) or a refusal is [screen]'s failure. */
    private inline fun read(screen: Screen, zone: String, model: (TandemController, Tandem) -> ScreenModel): ScreenModel {
        val c = controller ?: return ScreenModel.closed(screen)
        try {
            ZoneId.of(zone)
        } catch (e: DateTimeException) {
            return ScreenModel.failed(screen, UserMessages.UNKNOWN_ZONE, TandemException.InvalidInput("the device zone is unknown"))
        }
        return try {
            model(c, c.core)
        } catch (e: TandemException) {
            ScreenModel.failed(screen, UserMessages.forError(e), e)
        }
    }

    /**
     * A person's [action] from [screen] in one core call: the reminders its
     * outcome names are cancelled and armed (serialised with every re-plan),
     * its notice is the outcome's message, and [screen] is reloaded; the
     * value holds what else it says (the changes waiting for the partner).
     * A refusal changed nothing, armed nothing, and is worded by the core
     * for what the action is about (an agreement's answer from Today in the
     * agreements' words), whatever [screen] it came from.
     */
    fun perform(screen: Screen, nowMs: Long, zone: String, action: UserAction): ActionResult<ActionEffects> =
        carried(screen, nowMs, zone, { e -> ActionOutcome.refusal(action, e) }, { it }) { core, phone -> core.perform(action, phone) }

    /**
     * Sends [form] with its [submit]th button from [screen] as [perform]
     * does an action. Held back by the core's check, the value is the form
     * with the core's words under its fields, and nothing changed or armed.
     * A refused agreement or boundary form is worded as on its own screen.
     */
    fun submit(screen: Screen, nowMs: Long, zone: String, form: FormEdit, submit: Int = 0): ActionResult<Submitted> {
        val about = when (form) {
            is FormEdit.Agreement -> Screen.AGREEMENTS
            is FormEdit.Boundary -> Screen.BOUNDARIES
            else -> screen
        }
        return carried(screen, nowMs, zone, { e -> ActionOutcome.message(about, e) }, Submitted::effects) { core, phone -> form.send(core, submit, phone) }
    }

    /** One core call against this phone ([ReminderCoordinator.carryOut]), then [screen] reloaded. */
    private fun <T> carried(screen: Screen, nowMs: Long, zone: String, words: (Exception) -> String, effects: (T) -> ActionEffects?, call: (Tandem, PhoneNow) -> T) =
        run(screen, nowMs, zone, replan = null, words, done = { r: T -> effects(r)?.notice }) { _ ->
            (coordinator ?: throw IllegalStateException("Tandem is not open")).carryOut(zone, effects, call)
        }

    /**
     * Runs a call with no [UserAction] (a step, the app lock, a
     * guarded call) from [screen], re-plans with [replan] (also after a
     * refusal: harmless; null when nothing scheduled changes) and reloads
     * [screen]. A refusal is worded as on [messagesOf].
     */
    fun <T> act(
        screen: Screen,
        nowMs: Long,
        zone: String,
        replan: ReplanTrigger? = ReplanTrigger.AFTER_LOCAL_CHANGE,
        messagesOf: Screen = screen,
        done: (T) -> String? = { null },
        action: (TandemController) -> T,
    ): ActionResult<T> = run(screen, nowMs, zone, replan, { e -> ActionOutcome.message(messagesOf, e) }, done, action)

    private fun <T> run(
        screen: Screen,
        nowMs: Long,
        zone: String,
        replan: ReplanTrigger?,
        words: (Exception) -> String,
        done: (T) -> String?,
        action: (TandemController) -> T,
    ): ActionResult<T> {
        val closed = TandemException.Closed("Tandem is not open")
        val c = controller ?: return ActionResult(ActionOutcome.Failed(words(closed), closed), ScreenModel.closed(screen), null)
        var value: T? = null
        val outcome = try {
            action(c).let { value = it; ActionOutcome.Done(done(it)) }
        } catch (e: Exception) {
            // IllegalStateException: a step the screen should not have offered (it was out of date).
            if (e !is TandemException && e !is IOException && e !is IllegalStateException) throw e
            ActionOutcome.Failed(words(e), e)
        } finally {
            replan?.let { replan(it) }
        }
        return ActionResult(outcome, load(screen, nowMs, zone), value)
    }

    /** A pairing step (a button or a scanned code); the core turns a refused one into the screen's notice. */
    fun pair(nowMs: Long, zone: String, step: (PairingFlow) -> PairingScreen): ActionResult<PairingScreen> =
        act(Screen.PAIRING, nowMs, zone, replan = null) { _ ->
            step(pairing() ?: throw IllegalStateException("Tandem is not open"))
        }

    /** "Send changes" into the outbox; the value is every file to share, in order. */
    fun send(nowMs: Long, zone: String): ActionResult<List<File>> {
        val t = files ?: throw IllegalStateException("no sync transport")
        return act(Screen.SYNC, nowMs, zone, replan = null, done = { _ -> lastLine() }) { c ->
            val sent = c.syncOut(t)
            lastSync = SyncScreen.lastOf(sent)
            sent.sentTo.map { t.outboxFile(it) }
        }
    }

    /** "Receive": imports what waits in the inbox, then re-plans AFTER_IMPORT. */
    fun receive(nowMs: Long, zone: String): ActionResult<SyncInResult> = receive(nowMs, zone, emptyList())

    /** Files shared to the phone: each saved into the inbox (or refused, with why), then [receive]. */
    fun receiveShared(nowMs: Long, zone: String, shared: List<SharedFile>): ActionResult<SyncInResult> {
        val t = files ?: throw IllegalStateException("no sync transport")
        val lines = shared.mapNotNull { f ->
            val accepted = try {
                f.open()?.use { t.accept(f.name, it) }
            } catch (e: IOException) {
                null
            } catch (e: SecurityException) {
                null
            } ?: FileSyncTransport.Accepted.Refused(f.name ?: SyncTexts.UNNAMED, SyncTexts.UNREADABLE)
            SyncTexts.refused(accepted)
        }
        return receive(nowMs, zone, lines)
    }

    private fun receive(nowMs: Long, zone: String, before: List<RefusedFile>): ActionResult<SyncInResult> {
        val t = files ?: throw IllegalStateException("no sync transport")
        return act(Screen.SYNC, nowMs, zone, replan = ReplanTrigger.AFTER_IMPORT, done = { _ -> lastLine() }) { c ->
            val r = c.syncIn(t)
            lastSync = SyncScreen.lastOf(r, before)
            r
        }
    }

    /** The core's first line for the last send or receive: the action's outcome. */
    private fun lastLine(): String? = (controller?.let { syncScreen(it) } as? SyncScreen.Shown)?.last?.firstOrNull()

    private fun syncScreen(c: TandemController): SyncScreen = try {
        SyncScreen.of(c.syncScreen(files?.waiting() ?: 0, lastSync))
    } catch (e: TandemException) {
        SyncScreen.Failed(UserMessages.forError(e), e)
    }

    private fun opened(next: LaunchState, trigger: ReplanTrigger): LaunchState {
        state = next
        flow = null
        ritualShown = null
        if (next is LaunchState.Opened) {
            coordinator = ReminderCoordinator(next.controller, scheduler, deviceZone)
            coordinator?.replan(trigger)
        }
        return next
    }
}
