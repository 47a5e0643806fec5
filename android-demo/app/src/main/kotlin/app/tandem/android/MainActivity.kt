package app.tandem.android

import android.Manifest
import android.content.Intent
import android.os.Build
import android.os.Bundle
import android.provider.Settings
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import app.tandem.shell.LaunchState
import app.tandem.shell.ReplanResult
import app.tandem.shell.ReplanTrigger
import app.tandem.shell.UserMessages

/** The screens, one at a time; every core call goes to the app's worker thread. */
enum class Tab { TODAY, RITUALS, AGREEMENTS, PAUSE, CHECK_IN, INSIGHTS, PAIRING, SYNC }

class MainActivity : ComponentActivity() {
    private val app get() = application as TandemApp

    fun session() = app.session
    private var tab by mutableStateOf(Tab.TODAY)
    private var launch by mutableStateOf<LaunchState?>(null)
    private var notices by mutableStateOf(emptyList<String>())
    private var tick by mutableStateOf(0)

    private val askNotifications = registerForActivityResult(ActivityResultContracts.RequestPermission()) {
        work { app.session.replan(ReplanTrigger.AFTER_LOCAL_CHANGE) }
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        if (Build.VERSION.SDK_INT >= 33) askNotifications.launch(Manifest.permission.POST_NOTIFICATIONS)
        work { app.session.start() }
        setContent { MaterialTheme { Root() } }
    }

    override fun onResume() {
        super.onResume()
        // Back from the settings screen: the exact-alarm permission may have changed.
        work { app.session.replan(ReplanTrigger.EXACT_ALARM_PERMISSION_CHANGED) }
    }

    /** Runs [block] off the main thread, then redraws from the shell. */
    fun work(block: () -> Any?) = app.worker.execute {
        val result = runCatching(block).getOrNull()
        runOnUiThread {
            launch = app.session.state
            if (result is ReplanResult.Replanned) notices = result.notices
            tick++
        }
    }

    @Composable
    private fun Root() {
        Column {
            notices.forEach { n ->
                Text(n, color = MaterialTheme.colorScheme.error)
                if (n == UserMessages.EXACT_ALARMS_OFF && Build.VERSION.SDK_INT >= 31) {
                    Button(onClick = { startActivity(Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM)) }) { Text("Open settings") }
                }
            }
            when (val s = launch) {
                null -> Text("Opening…")
                is LaunchState.KeyMissing -> KeyMissingScreen(s)
                is LaunchState.Failed -> Text(s.message)
                is LaunchState.Opened -> {
                    Row { Tab.values().forEach { t -> Button(onClick = { tab = t; tick++ }) { Text(t.name.take(3)) } } }
                    Screens(this@MainActivity, s.controller, tab, tick)
                }
            }
        }
    }

    @Composable
    private fun KeyMissingScreen(s: LaunchState.KeyMissing) {
        Column {
            Text(s.message)
            OutlinedTextField(value = passphrase, onValueChange = { passphrase = it }, label = { Text("Export passphrase") })
            Button(onClick = { pickExport.launch(arrayOf("*/*")) }) { Text("Restore from an export") }
            Text(UserMessages.START_OVER_WARNING)
            Button(onClick = { work { app.session.startOver() } }) { Text("Start over") }
        }
    }

    private var passphrase by mutableStateOf("")
    private val pickExport = registerForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        if (uri != null) {
            work {
                val bytes = contentResolver.openInputStream(uri)!!.use { it.readBytes() }
                app.session.restore(bytes, passphrase.ifEmpty { null })
            }
        }
    }
}
