package app.tandem.android

import android.Manifest
import android.content.Intent
import android.os.Build
import android.os.Bundle
import android.provider.Settings
import android.view.WindowManager.LayoutParams.FLAG_SECURE
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.fragment.app.FragmentActivity
import app.tandem.shell.ActionResult
import app.tandem.shell.LaunchState
import app.tandem.shell.ReplanResult
import app.tandem.shell.Screen
import app.tandem.shell.ScreenModel
import java.time.ZoneId

/**
 * One activity; every core call runs on the app's worker through the shell's TandemSession; Compose only draws its
 * models. A FragmentActivity for BiometricPrompt; FLAG_SECURE keeps its content out of recents and screenshots.
 */
class MainActivity : FragmentActivity() {
    val app get() = application as TandemApp

    var screen by mutableStateOf(Screen.TODAY)
        private set
    private var model by mutableStateOf<ScreenModel?>(null)

    /** The last action's words (done or refused), until the next action or screen. */
    private var message by mutableStateOf<String?>(null)
    private var launch by mutableStateOf<LaunchState?>(null)
    private var notices by mutableStateOf(emptyList<String>())
    private var locked by mutableStateOf(true)
    private val auth by lazy { BiometricAuthenticator(this, app.worker) }
    private var passphrase = ""

    private val askNotifications = registerForActivityResult(ActivityResultContracts.RequestPermission()) {
        background { app.session.resumed() }
    }
    private val pickExport = registerForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        if (uri != null) background { SharedFiles.read(this, uri)?.let { app.session.restore(it, passphrase.ifEmpty { null }) } }
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        window.setFlags(FLAG_SECURE, FLAG_SECURE)
        app.authenticator = auth
        locked = app.lock.locked
        app.lock.onChange = { now -> runOnUiThread { locked = now } }
        if (Build.VERSION.SDK_INT >= 33) askNotifications.launch(Manifest.permission.POST_NOTIFICATIONS)
        background { app.session.start() }
        if (savedInstanceState == null) receiveShared(intent) // not again on rotation
        setContent { MaterialTheme { Root() } }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        receiveShared(intent)
    }

    // The shell's lock measures the time away; a rotation is not leaving.
    override fun onStart() = super.onStart().also { app.worker.execute { app.lock.foregrounded() } }
    override fun onStop() = super.onStop().also { if (!isChangingConfigurations) app.worker.execute { app.lock.backgrounded() } }
    override fun onDestroy() = super.onDestroy().also { if (app.authenticator === auth) app.authenticator = null }

    override fun onResume() {
        super.onResume()
        // Back from the settings screen: re-plans only if what is allowed changed.
        background { app.session.resumed() }
    }

    fun now() = System.currentTimeMillis()
    fun zone(): String = ZoneId.systemDefault().id

    /** Shows [s], loaded on the worker. */
    fun show(s: Screen) {
        screen = s
        model = null
        message = null
        background { app.session.load(s, now(), zone()) }
    }

    /** Shows an action's words instead of a result (a refused prompt). */
    fun say(text: String) { message = text }

    fun shown(result: Any?) {
        launch = app.session.state
        when (result) {
            is ReplanResult.Replanned -> notices = result.notices
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
    }

    private fun receiveShared(intent: Intent?) {
        val shared = SharedFiles.from(intent) ?: return
        screen = Screen.SYNC
        result({
            app.session.start()
            app.session.receiveShared(now(), zone(), SharedFiles.files(this, shared))
        })
    }

    @Composable
    private fun Root() {
        Column(Modifier.padding(12.dp).verticalScroll(rememberScrollState())) {
            Notices(notices) { startActivity(Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM)) }
            when (val s = launch) {
                null -> Text("Opening…")
                is LaunchState.KeyMissing -> KeyMissingScreen(s, onRestore = { pass ->
                    passphrase = pass
                    pickExport.launch(arrayOf("*/*"))
                }, onStartOver = { background { app.session.startOver() } })
                is LaunchState.Failed -> Text(s.message)
                is LaunchState.Opened -> if (locked) LockedView(this) else {
                    Row(Modifier.horizontalScroll(rememberScrollState())) { Screen.values().forEach { t -> TextButton(onClick = { show(t) }) { Text(t.title) } } }
                    message?.let { Text(it, color = MaterialTheme.colorScheme.primary) }
                    model?.let { ScreenView(this@MainActivity, it) } ?: Text("Loading…")
                }
            }
        }
    }
}
