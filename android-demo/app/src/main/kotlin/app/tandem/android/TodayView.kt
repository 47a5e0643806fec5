package app.tandem.android

import app.tandem.shell.AcceptAgreement
import app.tandem.shell.AcceptRitualVersion
import app.tandem.shell.AgreementEdit
import app.tandem.shell.AgreementFormMode
import app.tandem.shell.DeclineAgreement
import app.tandem.shell.DeclineRitualVersion
import app.tandem.shell.KeepAgreement
import app.tandem.shell.KeepRitual
import app.tandem.shell.LetGoAgreement
import app.tandem.shell.MarkDone
import app.tandem.shell.PauseScreen
import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualFormMode
import app.tandem.shell.Screen
import app.tandem.shell.SkipOccurrence
import app.tandem.shell.Snooze
import app.tandem.shell.StopRitual
import app.tandem.shell.TodayAction
import app.tandem.shell.TodayItem
import app.tandem.shell.TodayItemType
import app.tandem.shell.TodayRow
import app.tandem.shell.TodayScreen

/**
 * Today, as the core words it: a pause banner, the lists under their
 * headings, answers and looks back, the next reminder. Counters, adjusts
 * and amends open the forms.
 */
fun Ui.today(s: TodayScreen) {
    when (val e = activity.editing) {
        is RitualEdit -> return ritualForm(e)
        is AgreementEdit -> return agreementForm(e)
    }
    when (s) {
        is TodayScreen.Failed -> text(s.message)
        is TodayScreen.Shown -> {
            val m = s.model
            m.pause?.let { pauseLine(PauseScreen.row(it, m.extend)) }
            m.empty?.let { text(it) }
            if (m.due.isNotEmpty()) heading(m.headings.due)
            m.due.forEach { rowLine(it, m.snooze.minutes) }
            if (m.invitations.isNotEmpty()) heading(m.headings.invitations)
            m.invitations.forEach { itemLine(it) }
            if (m.reviews.isNotEmpty()) heading(m.headings.reviews)
            m.reviews.forEach { itemLine(it) }
            if (m.coming.isNotEmpty()) heading(m.headings.coming)
            m.coming.forEach { rowLine(it, m.snooze.minutes) }
            if (m.earlier.isNotEmpty()) heading(m.headings.earlier)
            m.earlier.forEach { rowLine(it, m.snooze.minutes) }
            m.nextReminder?.let { quiet(it) }
        }
    }
}

private fun Ui.rowLine(r: TodayRow, snooze: UInt) {
    val zone = r.zoneTime?.let { " ($it)" }.orEmpty()
    val line = "${r.time}$zone  ${r.title} · ${r.detail}" + r.personalNote?.let { " · $it" }.orEmpty()
    if (r.buttons.isEmpty()) quiet(line) else text(line)
    r.said.forEach { quiet("   $it") } // both partners' notes and feelings
    row {
        r.buttons.forEach { b ->
            button(b.label) {
                when (b.action) {
                    TodayAction.DONE -> activity.perform(MarkDone(r.ritualId, r.date, null, null))
                    TodayAction.SKIP -> activity.perform(SkipOccurrence(r.ritualId, r.date))
                    TodayAction.LATER -> activity.perform(Snooze(r.ritualId, r.date, snooze))
                    else -> Unit
                }
            }
        }
    }
}

/** Opens the ritual form from the core's draft, read on the worker. */
fun MainActivity.openRitual(id: String, mode: RitualFormMode) =
    act(replan = null, then = { e: RitualEdit -> editing = e; render() }) { it.openRitualForm(id, mode) }

/** An invitation or a look back; agreement answers get the Agreements screen's words when refused. */
private fun Ui.itemLine(item: TodayItem) {
    val agreement = item.kind == TodayItemType.AGREEMENT
    val words = if (agreement) Screen.AGREEMENTS else Screen.RITUALS
    val version = item.version.orEmpty()
    text("${item.title} · ${item.headline}")
    quiet(item.detail)
    (item.reads + item.changes).forEach { quiet(it) }
    row {
        item.buttons.forEach { b ->
            button(b.label) {
                when (b.action) {
                    TodayAction.ACCEPT ->
                        activity.perform(if (agreement) AcceptAgreement(item.id, version) else AcceptRitualVersion(item.id, version), words)
                    TodayAction.DECLINE ->
                        activity.perform(if (agreement) DeclineAgreement(item.id, version) else DeclineRitualVersion(item.id, version), words)
                    TodayAction.COUNTER -> activity.openRitual(item.id, RitualFormMode.COUNTER)
                    TodayAction.ADJUST -> activity.openRitual(item.id, RitualFormMode.ADJUST)
                    TodayAction.KEEP -> activity.perform(if (agreement) KeepAgreement(item.id) else KeepRitual(item.id), words)
                    TodayAction.STOP -> activity.perform(StopRitual(item.id))
                    TodayAction.AMEND -> activity.act(replan = null, then = { e: AgreementEdit -> activity.editing = e; activity.render() }) {
                        it.openAgreementForm(item.id, item.version, AgreementFormMode.REVIEW_AMEND)
                    }
                    TodayAction.LET_GO -> activity.perform(LetGoAgreement(item.id), words)
                    TodayAction.DONE, TodayAction.SKIP, TodayAction.LATER -> Unit
                }
            }
        }
    }
}
