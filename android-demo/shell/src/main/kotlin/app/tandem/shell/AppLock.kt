package app.tandem.shell

import app.tandem.ffi.AppLock
import app.tandem.ffi.GuardedAction
import app.tandem.ffi.TandemException
import app.tandem.ffi.guardReason
import app.tandem.ffi.lockWords

/** The core's app lock setting, named for the app (which never imports the bindings). */
typealias AppLockSetting = AppLock

/**
 * The platform's own user authentication: on Android a BiometricPrompt
 * (BIOMETRIC_STRONG or DEVICE_CREDENTIAL); tests use a fake.
 */
fun interface UserAuthenticator {
    /**
     * Asks the person to prove they hold this phone, showing [reason]. Calls
     * [done] exactly once, on any thread: true only when they did; false
     * when it failed, was cancelled, or the phone has no screen lock.
     */
    fun authenticate(reason: String, done: (Boolean) -> Unit)
}

/** What the lock asks the core: due after [lockDue] `awayMs` away (null: starting), and before a guarded action. */
interface LockPolicy {
    fun lockDue(awayMs: Long?): Boolean

    fun needsUnlockFor(action: GuardedAction): Boolean
}

/** The actions the lock guards; [reason] is what the prompt says, in the core's words. */
enum class LockGuard(val action: GuardedAction) {
    EXPORT(GuardedAction.EXPORT),
    PLAINTEXT_EXPORT(GuardedAction.PLAINTEXT_EXPORT),
    UNPAIR(GuardedAction.UNPAIR),
    CLEAN_EXIT(GuardedAction.CLEAN_EXIT),
    WIPE(GuardedAction.WIPE),
    ;

    fun reason(language: String): String = guardReason(action, language)
}

/** The words around the lock's prompts (unlock reason, locked, unlock button, refused). */
typealias LockWords = app.tandem.ffi.LockWords

/** How a guarded action went. */
sealed class GuardOutcome<out T> {
    /** It ran (after the person proved it was them, or with the lock off). */
    data class Done<T>(val value: T) : GuardOutcome<T>()

    /** The authentication failed or was cancelled: nothing ran, nothing changed. */
    object Refused : GuardOutcome<Nothing>()
}

/**
 * Carries out the core's app lock with the platform's [authenticator]:
 * while [locked] the app shows no content, only [unlock]; [guard] asks
 * before a guarded action when the core says so. Leaving and coming back
 * while a prompt shows (the device-credential screen is another activity)
 * changes nothing. A core that cannot answer counts as "ask": the lock
 * fails closed, never open.
 */
class AppLockController(
    private val policy: LockPolicy,
    private val authenticator: UserAuthenticator,
    private val nowMs: () -> Long,
    /** The phone's language now (a BCP 47 tag): the prompts are worded in it. */
    private val language: () -> String = { java.util.Locale.getDefault().toLanguageTag() },
) {
    fun words(): LockWords = lockWords(language())

    /** Content is hidden: from creation until [started] decides, and while a due lock is not yet lifted. */
    @Volatile
    var locked: Boolean = true
        private set

    /** Called on every change of [locked], on the thread that changed it. */
    @Volatile
    var onChange: ((Boolean) -> Unit)? = null

    /** Whether [started] ran: the app starts the lock once per process, not once per activity (a rotation asks nothing). */
    @Volatile
    var hasStarted: Boolean = false
        private set

    @Volatile
    private var asking = false

    @Volatile
    private var leftAtMs: Long? = null

    /** The app started (or Tandem just opened): asks when the lock is on. [done] gets whether the content may show. */
    fun started(done: (Boolean) -> Unit = {}) {
        hasStarted = true
        decide(due(null), done)
    }

    /** The app went to the background: the time away starts now. Ignored while a prompt is showing. */
    @Synchronized
    fun backgrounded() {
        if (!asking) leftAtMs = nowMs()
    }

    /**
     * The app came back: asks when the core says the time away calls for it
     * (or when it was still locked). Ignored while a prompt is showing and
     * when the app never went to the background ([started] covers a start).
     */
    fun foregrounded(done: (Boolean) -> Unit = {}) {
        val left = synchronized(this) {
            if (asking) return done(!locked)
            leftAtMs.also { leftAtMs = null }
        } ?: return done(!locked)
        decide(locked || due(nowMs() - left), done)
    }

    /** The unlock button while [locked]: asks again. */
    fun unlock(done: (Boolean) -> Unit = {}) = if (locked) ask(words().unlockReason, done) else done(true)

    /** Runs [run] at once when the core does not guard [guard], else only after the authenticator says yes (on its thread). */
    fun <T> guard(guard: LockGuard, run: () -> T, done: (GuardOutcome<T>) -> Unit) {
        val needed = try {
            policy.needsUnlockFor(guard.action)
        } catch (e: TandemException) {
            true
        }
        if (!needed) return done(GuardOutcome.Done(run()))
        authenticator.authenticate(guard.reason(language())) { ok ->
            done(if (ok) GuardOutcome.Done(run()) else GuardOutcome.Refused)
        }
    }

    private fun due(awayMs: Long?): Boolean = try {
        policy.lockDue(awayMs)
    } catch (e: TandemException) {
        true
    }

    private fun decide(due: Boolean, done: (Boolean) -> Unit) {
        if (due) {
            set(true)
            ask(words().unlockReason, done)
        } else {
            set(false)
            done(true)
        }
    }

    private fun ask(reason: String, done: (Boolean) -> Unit) {
        synchronized(this) {
            if (asking) return done(false)
            asking = true
        }
        authenticator.authenticate(reason) { ok ->
            synchronized(this) { asking = false }
            if (ok) set(false)
            done(ok)
        }
    }

    private fun set(value: Boolean) {
        if (locked == value) return
        locked = value
        onChange?.invoke(value)
    }
}
