package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.Screen
import app.tandem.shell.LockGuard
import app.tandem.shell.UserMessages
import app.tandem.shell.VisibilityScreen
import java.io.File

/**
 * What the partner's phone holds about this person, by kind, each row with
 * since when and the core's caveat when it has one ("Already on your
 * partner's phone: … cannot recall it."), then the audit: what was shared,
 * exported or changed here, newest first (a long list shows its newest
 * and says so; a button loads everything). Below, this phone's data: a
 * sealed export and wiping, both asked for by the app lock first. The core
 * groups, words and dates it; this only draws.
 */
fun Ui.privacy(s: VisibilityScreen) {
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            heading(m.heading)
            m.empty?.let { quiet(it) }
            m.groups.forEach { g ->
                heading(g.heading)
                g.rows.forEach { r ->
                    text(r.summary)
                    r.since?.let { quiet(it) }
                    r.caveat?.let { warn(it) }
                }
                g.more?.let { quiet(it) }
            }
            heading(m.auditHeading)
            m.audit.forEach { quiet("${it.at}  ${it.text}") }
            m.auditMore?.let { quiet(it) }
            m.showAll?.let { button(it) { activity.background { activity.app.session.loadEverything(Screen.PRIVACY, activity.now(), activity.zone()) } } }
            yourData()
        }
    }
}

private fun Ui.yourData() {
    heading(words.dataHeading)
    field(words.exportPassphraseNew, activity.passphrase, secret = true) { activity.passphrase = it }
    button(words.exportSealed) {
        val pass = activity.passphrase
        val file = File(File(activity.filesDir, "export"), "tandem-export.tandem")
        activity.guarded(LockGuard.EXPORT, then = { f: File -> share(activity, listOf(f), words.exportSaveTitle) }) {
            file.parentFile?.mkdirs()
            it.exportSealedTo(file, pass)
        }
    }
    val warning = warn(UserMessages.WIPE_WARNING).apply { visibility = android.view.View.GONE }
    val confirm = button(words.eraseConfirm) { activity.guarded(LockGuard.WIPE) { it.wipe() } }
        .apply { visibility = android.view.View.GONE }
    button(words.erase) {
        warning.visibility = android.view.View.VISIBLE
        confirm.visibility = android.view.View.VISIBLE
    }
}
