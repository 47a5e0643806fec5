package app.tandem.android

import app.tandem.shell.AgreementEdit
import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualFormMode
import app.tandem.shell.Screen
import app.tandem.shell.TodayAction
import app.tandem.shell.TodayItem
import app.tandem.shell.TodayRow
import app.tandem.shell.TodayScreen
import app.tandem.shell.TodayTexts

/**
 * Today: a pause banner, what is due (done, skip, later), answers and looks
 * back waiting for this phone, what is coming, what is done (quietly) and
 * the next reminder. Counters, adjusts and amends open the forms.
 */
fun Ui.today(s: TodayScreen) {
    when (val e = activity.editing) {
        is RitualEdit -> return ritualForm(e)
        is AgreementEdit -> return agreementForm(e)
    }
    when (s) {
        is TodayScreen.Failed -> text(s.message)
        is TodayScreen.Shown -> {
            s.pause?.let { pauseLine(it) }
            s.emptyMessage?.let { text(it) }
            if (s.due.isNotEmpty()) heading("Now")
            s.due.forEach { dueLine(it, s) }
            (s.invitations + s.reviews).forEach { itemLine(it) }
            if (s.coming.isNotEmpty()) heading("Coming up")
            s.coming.forEach { text(it.text) }
            s.done.forEach { d ->
                quiet(d.text)
                d.said.forEach { quiet("   ${it.text}") } // both partners' notes and feelings
            }
            s.nextReminder?.let { quiet(it) }
        }
    }
}

private fun Ui.dueLine(r: TodayRow, s: TodayScreen.Shown) {
    text(r.text)
    row {
        r.actions.forEach { a ->
            when (a) {
                TodayAction.DONE -> button("Done") {
                    activity.act(done = { _ -> TodayTexts.DONE_MESSAGE }) { it.markDone(r.ritualId, r.date, deviceZone = activity.zone()) }
                }
                TodayAction.SKIP -> button("Skip") {
                    activity.act(done = { _ -> TodayTexts.SKIPPED_MESSAGE }) { it.skipOccurrence(r.ritualId, r.date) }
                }
                TodayAction.SNOOZE -> s.snooze?.let { c ->
                    button(c.label) { activity.act { it.snoozeReminder(r.ritualId, r.date, c.minutes.toInt(), activity.zone()) } }
                }
                else -> Unit
            }
        }
    }
}

/** Opens the ritual form from the core's draft, read on the worker. */
fun MainActivity.openRitual(id: String, mode: RitualFormMode) =
    act(replan = null, then = { e: RitualEdit -> editing = e; render() }) { it.openRitualForm(id, mode) }

/** An invitation or a look back; agreement answers get the Agreements screen's words when refused. */
private fun Ui.itemLine(item: TodayItem) {
    val words = if (item.isAgreement) Screen.AGREEMENTS else Screen.RITUALS
    text("${item.title} · ${item.detail}")
    quiet(item.status)
    row {
        item.actions.forEach { a ->
            button(a.label) {
                when (a) {
                    TodayAction.ACCEPT -> activity.act(messagesOf = words) { c ->
                        if (item.isAgreement) c.acceptAgreement(item.id, item.versionHash.orEmpty()) else c.acceptRitual(item.id)
                    }
                    TodayAction.DECLINE -> activity.act(messagesOf = words) { c ->
                        if (item.isAgreement) c.declineAgreement(item.id, item.versionHash.orEmpty()) else c.declineRitual(item.id)
                    }
                    TodayAction.COUNTER -> activity.openRitual(item.id, RitualFormMode.COUNTER)
                    TodayAction.ADJUST -> activity.openRitual(item.id, RitualFormMode.ADJUST)
                    TodayAction.KEEP -> activity.act(messagesOf = words) { c -> if (item.isAgreement) c.keepAgreement(item.id) else c.keepRitual(item.id) }
                    TodayAction.STOP -> activity.act { it.stopRitual(item.id) }
                    TodayAction.AMEND -> item.amend?.let { activity.editing = it; activity.render() }
                    TodayAction.LET_GO -> activity.act(messagesOf = words) { it.letGoAgreement(item.id) }
                    TodayAction.DONE, TodayAction.SKIP, TodayAction.SNOOZE -> Unit
                }
            }
        }
    }
}
