package app.tandem.android

import app.tandem.shell.BoundariesScreen
import app.tandem.shell.BoundaryRow
import app.tandem.shell.Rendered

/**
 * The Boundaries screen: what a boundary is here, this phone's own with
 * their buttons (change, share or make private, retire), the partner's
 * shared ones to read, and the New button, all in the core's words. The
 * buttons open the form the core fills in (with its examples) or perform
 * what they carry.
 */
fun Ui.boundaries(s: BoundariesScreen) {
    activity.editing?.let { return form(it) }
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            quiet(m.intro)
            button(m.new.label) { activity.press(m.new.perform, m.new.opens) }
            if (m.mine.isNotEmpty()) heading(m.mineHeading)
            m.mine.forEach { boundaryLine(it) }
            m.empty?.let { text(it) }
            if (m.partners.isNotEmpty()) heading(m.partnersHeading)
            m.partners.forEach { boundaryLine(it) }
        }
    }
}

/** One boundary: the words as written, who can read it and when it was written; the partner's has no buttons. */
private fun Ui.boundaryLine(r: BoundaryRow) {
    text(r.text)
    quiet("${r.status} · ${r.written}")
    if (r.buttons.isNotEmpty()) row { r.buttons.forEach { b -> button(b.label) { activity.press(b.perform, b.opens) } } }
}
