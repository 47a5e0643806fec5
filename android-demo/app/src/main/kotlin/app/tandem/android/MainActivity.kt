package app.tandem.android

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.Color
import android.os.Build
import android.os.Bundle
import android.view.WindowManager.LayoutParams.FLAG_SECURE
import android.widget.LinearLayout
import android.widget.ScrollView
import app.tandem.shell.ActionResult
import app.tandem.shell.FormEdit
import app.tandem.shell.LaunchState
import app.tandem.shell.ReminderNotice
import app.tandem.shell.Screen
import app.tandem.shell.ScreenModel
import java.time.ZoneId

/**
 * One activity, platform views only. Every core call runs on the app's
 * worker through the shell's TandemSession; the views only draw its models
 * ([render] rebuilds them). FLAG_SECURE keeps the content out of recents
 * and screenshots.
 */
class MainActivity : Activity() {
    val app get() = application as TandemApp

    var screen = Screen.TODAY; private set
    private var model: ScreenModel? = null
    /** The last action's words (done or refused), until the next action or screen. */
    private var message: String? = null
    var launch: LaunchState? = null; private set
    var notices = emptyList<ReminderNotice>(); private set
    private var locked = true
    /** A form open over the screen (the check-in's too); typing updates it without a redraw. */
    var editing: FormEdit? = null
    var passphrase = ""
    var scanner: QrScanner? = null
    private lateinit var content: LinearLayout
    private val auth by lazy { BiometricAuthenticator(this, app.worker) }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        window.setFlags(FLAG_SECURE, FLAG_SECURE)
        content = LinearLayout(this).apply { orientation = LinearLayout.VERTICAL; setPadding(32, 32, 32, 32) }
        setContentView(ScrollView(this).apply { addView(content) })
        app.authenticator = auth
        locked = app.lock.locked
        app.lock.onChange = { now -> runOnUiThread { locked = now; render() } }
        if (Build.VERSION.SDK_INT >= 33 && checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(arrayOf(Manifest.permission.POST_NOTIFICATIONS), ASK_NOTIFICATIONS)
        }
        background { app.session.start() } // every launch: the notices come back with it
        if (savedInstanceState == null) receiveShared(intent) // not again on rotation
        render()
    }

    override fun onNewIntent(intent: Intent) = super.onNewIntent(intent).also { receiveShared(intent) }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, results: IntArray) {
        if (requestCode == ASK_NOTIFICATIONS) background { app.session.resumed() } else render()
    }

    @Deprecated("the platform's own result API; no AndroidX here")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        val uri = data?.data
        if (requestCode == PICK_EXPORT && resultCode == RESULT_OK && uri != null) {
            background { SharedFiles.read(this, uri)?.let { app.session.restore(it, passphrase.ifEmpty { null }) } }
        }
    }

    // The shell's lock measures the time away; a rotation is not leaving.
    override fun onStart() = super.onStart().also { app.worker.execute { app.lock.foregrounded() } }
    override fun onStop() = super.onStop().also { if (!isChangingConfigurations) app.worker.execute { app.lock.backgrounded() } }
    override fun onDestroy() = super.onDestroy().also { if (app.authenticator === auth) app.authenticator = null }

    // Back from the settings screen: re-plans only if what is allowed changed; the notices are read again either way.
    override fun onResume() = super.onResume().also { background { app.session.resumed() } }
    override fun onPause() = super.onPause().also { closeScanner() } // the camera is never held while Tandem is not in front

    fun now() = System.currentTimeMillis()
    fun zone(): String = ZoneId.systemDefault().id

    /** Shows [s], loaded on the worker (by [load]: a ritual's own screen names its ritual). */
    fun show(s: Screen, load: () -> ScreenModel = { app.session.load(s, now(), zone()) }) {
        screen = s
        model = null
        message = null
        editing = null
        render()
        background(load)
    }

    /** Shows words instead of a result (a refused prompt). */
    fun say(text: String) { message = text; render() }

    /** A worker's answer, with the notices as they stand now, on the main thread. */
    fun shown(result: Any?, notices: List<ReminderNotice>) {
        launch = app.session.state
        this.notices = notices
        when (result) {
            is ScreenModel -> if (result.screen == screen) model = result
            is ActionResult<*> -> {
                message = result.outcome.shown
                if (result.model.screen == screen) model = result.model
            }
            is LaunchState.Opened -> {
                show(screen)
                if (!app.lock.hasStarted) app.worker.execute { app.lock.started() } // once per process
            }
        }
        render()
    }

    fun closeScanner() = scanner?.close().also { scanner = null }

    /** Draws everything again from the models held; a scanner on screen is closed first. */
    fun render() {
        closeScanner()
        content.removeAllViews()
        val ui = Ui(this, content)
        ui.notices(notices)
        when (val s = launch) {
            null -> ui.text(ui.words.opening)
            is LaunchState.KeyMissing -> ui.keyMissing(s)
            is LaunchState.KeyStoreFailed -> ui.keyStoreFailed(s)
            is LaunchState.Failed -> ui.text(s.message)
            is LaunchState.Opened -> if (locked) ui.locked() else {
                ui.row { Screen.TABS.forEach { t -> button(t.title(words)) { show(t) } } }
                message?.let { ui.text(it, Color.rgb(0x20, 0x50, 0xA0)) }
                model?.let { ui.screen(it) } ?: ui.text(ui.words.loading)
            }
        }
    }

    /** Files shared to Tandem: saved into the inbox and imported, on the Sync screen. */
    private fun receiveShared(intent: Intent?) {
        val shared = SharedFiles.from(intent) ?: return
        screen = Screen.SYNC
        result({ app.session.start(); app.session.receiveShared(now(), zone(), SharedFiles.files(this, shared)) })
    }

    companion object {
        const val ASK_NOTIFICATIONS = 1
        const val ASK_CAMERA = 2
        const val PICK_EXPORT = 3
    }
}
