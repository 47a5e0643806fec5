package app.tandem.android

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import app.tandem.shell.VisibilityScreen

/**
 * What the partner's phone holds about this person, by kind, each row with
 * the core's caveat when it has one ("already on your partner's phone; …
 * cannot recall it"), then the audit: what was shared, exported or changed
 * here, newest first. The shell groups and words it; this only draws.
 */
@Composable
fun PrivacyView(s: VisibilityScreen) {
    when (s) {
        is VisibilityScreen.Failed -> Text(s.message)
        is VisibilityScreen.Shown -> {
            Heading(s.heading)
            s.emptyMessage?.let { Quiet(it) }
            s.groups.forEach { g ->
                Heading(g.heading)
                g.rows.forEach { r ->
                    Text(r.summary)
                    r.since?.let { Quiet(it) }
                    r.caveat?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodySmall) }
                }
            }
            Heading(s.auditHeading)
            s.audit.forEach { Quiet("${it.at}  ${it.text}") }
        }
    }
}
