package app.tandem.shell

import app.tandem.ffi.Agreement
import app.tandem.ffi.Choice
import app.tandem.ffi.Occurrence
import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.Offers
import app.tandem.ffi.Reminder
import app.tandem.ffi.Ritual
import app.tandem.ffi.PauseScreenModel
import app.tandem.ffi.RitualsScreenModel
import app.tandem.ffi.Said
import app.tandem.ffi.TodayOverview
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.util.Locale

/** A button on a Today row. */
enum class TodayAction(val label: String) {
    /** "Done" ([TandemController.markDone] with the row's ritual and date). */
    DONE("Done"),

    /** "Skip" ([TandemController.skipOccurrence]); no reason asked. */
    SKIP("Skip"),

    /** "Later" ([TandemController.snoozeReminder], [Shown.snooze] from now). */
    SNOOZE("Later"),

    /** An invitation's answers. */
    ACCEPT("Accept"),
    DECLINE("Decline"),

    /** "Suggest another time" (a ritual's counter form: [TandemController.openRitualForm] with COUNTER). */
    COUNTER("Suggest another time"),

    /** A look back: keep it as it is ([TandemController.keepRitual], [TandemController.keepAgreement]). */
    KEEP("Keep it"),

    /** A trial ritual's look back: keep it changed ([TandemController.openRitualForm] with ADJUST). */
    ADJUST("Adjust"),

    /** A trial ritual's look back: stop it. */
    STOP("Stop"),

    /** An agreement's look back: suggest a new version ([TodayItem.amend], the form). */
    AMEND("Amend"),

    /** An agreement's look back: let it go. */
    LET_GO("Let it go"),
}

/** One occurrence on Today. */
data class TodayRow(
    val ritualId: String,
    /** The occurrence's key, as the marks take it. */
    val date: String,
    val title: String,
    /** "HH:MM" on this device's clock. */
    val time: String,
    /** "HH:MM" in the ritual's zone when it reads differently there (a fixed-zone ritual seen from elsewhere). */
    val zoneTime: String?,
    val zone: String,
    val minutes: Long,
    val startMs: Long,
    val personal: Boolean,
    /** In a rest week: shown quietly, no buttons. */
    val resting: Boolean,
    val status: OccurrenceStatus,
    /** "Done", "Skipped", or "Rest week" for a resting one; null otherwise. */
    val note: String?,
    val actions: List<TodayAction>,
    /**
     * On a done occurrence: the notes and feelings left when it was marked
     * done, first marker first; on a shared ritual both partners' words.
     * Shown under the row ([SaidLine.text]).
     */
    val said: List<SaidLine> = emptyList(),
) {
    /** "20:30 (14:30 Europe/Berlin)  Evening walk · Done". */
    val text: String
        get() = "$time${zoneTime?.let { " ($it $zone)" }.orEmpty()}  $title${note?.let { " · $it" }.orEmpty()}"
}

/** What one partner said when marking an occurrence done. */
data class SaidLine(
    /** Left by this phone's person. */
    val mine: Boolean,
    val feeling: String?,
    val note: String?,
) {
    /** "You: grateful · “Lovely walk”", "Your partner: calm". */
    val text: String
        get() = (if (mine) TodayTexts.SAID_BY_ME else TodayTexts.SAID_BY_PARTNER) + ": " +
            listOfNotNull(feeling, note?.let { "“$it”" }).joinToString(" · ")

    companion object {
        /** The lines of [said], in the core's order, leaving out a mark that said nothing. */
        fun of(said: List<Said>): List<SaidLine> =
            said.filter { it.note != null || it.feeling != null }.map { SaidLine(it.mine, it.feeling, it.note) }
    }
}

/** Something waiting for this phone's answer or look back: a ritual or an agreement. */
data class TodayItem(
    /** A ritual's or an agreement's id. */
    val id: String,
    val isAgreement: Boolean,
    val title: String,
    /** What it is about: "20:30 · 30 min" for a ritual, the text for an agreement. */
    val detail: String,
    /** Where it stands, in words (the core's rituals screen, [AgreementTexts]). */
    val status: String,
    /** The agreement version an ACCEPT or DECLINE names, or the one an AMEND builds on; null for a ritual. */
    val versionHash: String?,
    val actions: List<TodayAction>,
    /** An agreement's look back: the amend form, prefilled from the version in effect. */
    val amend: AgreementEdit? = null,
)

/** What the Today screen renders. */
sealed class TodayScreen {
    data class Shown(
        val nowMs: Long,
        /** Started and still open, not resting: done, skip or later. Soonest first. */
        val due: List<TodayRow>,
        /** Starting from now, within 24 hours (resting ones quietly). */
        val coming: List<TodayRow>,
        /** Done or skipped today, shown quietly. */
        val done: List<TodayRow>,
        val invitations: List<TodayItem>,
        val reviews: List<TodayItem>,
        /** The running pause's banner (the core's pause screen); its row for "I'm back" when it is mine. */
        val pause: PauseRow?,
        /** "Next reminder 20:20 · Evening check-in"; null when none is planned. */
        val nextReminder: String?,
        /** What "Later" offers on a due row (the core's [Offers.snooze]). */
        val snooze: Choice? = null,
    ) : TodayScreen() {
        val emptyMessage: String?
            get() = if (due.isEmpty() && coming.isEmpty() && done.isEmpty() && invitations.isEmpty() &&
                reviews.isEmpty() && pause == null
            ) UserMessages.EMPTY_TODAY else null
    }

    /** The core refused or the zone is unknown; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : TodayScreen()

    companion object {
        private val HM: DateTimeFormatter = DateTimeFormatter.ofPattern("HH:mm")
        private val DAY_HM: DateTimeFormatter = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH)

        /**
         * The screen for the core's [o], with times in [zone]; an
         * invitation's and a look back's words come from the core's
         * rituals screen [rituals], so both screens say the same.
         */
        fun of(
            o: TodayOverview,
            zone: ZoneId,
            offers: Offers? = null,
            rituals: RitualsScreenModel? = null,
            pauses: PauseScreenModel? = null,
        ): Shown {
            val status = rituals?.rows.orEmpty().associate { it.id to it.status }
            val rows = o.occurrences.map { row(it, o.nowMs) }
            val open = rows.filter { it.status == OccurrenceStatus.SCHEDULED }
            val running = pauses?.let { PauseScreen.of(it).current }.orEmpty()
            return Shown(
                nowMs = o.nowMs,
                due = open.filter { it.startMs < o.nowMs && !it.resting },
                coming = open.filter { it.startMs >= o.nowMs },
                done = rows.filter { it.status != OccurrenceStatus.SCHEDULED },
                invitations = o.ritualInvitations.map { ritualInvitation(it, status[it.id].orEmpty()) } +
                    o.agreementInvitations.mapNotNull(::agreementInvitation),
                reviews = o.ritualReviews.map { ritualReview(it, status[it.id].orEmpty()) } + o.agreementReviews.map(::agreementReview),
                pause = running.firstOrNull(),
                nextReminder = o.nextReminder?.let { nextReminder(it, o.nowMs, zone) },
                snooze = offers?.snooze,
            )
        }

        fun row(o: Occurrence, nowMs: Long): TodayRow {
            val time = splitLocal(o.deviceLocalStart).second
            val actions = when {
                o.status != OccurrenceStatus.SCHEDULED || o.resting -> emptyList()
                o.startMs < nowMs -> listOf(TodayAction.DONE, TodayAction.SKIP, TodayAction.SNOOZE)
                else -> emptyList()
            }
            return TodayRow(
                ritualId = o.ritualId,
                date = o.date,
                title = o.title,
                time = time,
                zoneTime = if (o.localStart != o.deviceLocalStart) splitLocal(o.localStart).second else null,
                zone = o.zone,
                minutes = (o.endMs - o.startMs) / 60_000,
                startMs = o.startMs,
                personal = o.personal,
                resting = o.resting,
                status = o.status,
                note = when (o.status) {
                    OccurrenceStatus.DONE -> TodayTexts.DONE
                    OccurrenceStatus.SKIPPED -> TodayTexts.SKIPPED
                    OccurrenceStatus.SCHEDULED -> if (o.resting) TodayTexts.RESTING else null
                },
                actions = actions,
                said = SaidLine.of(o.said),
            )
        }

        /** A shared ritual whose waiting version is for this phone to answer. */
        fun ritualInvitation(r: Ritual, status: String): TodayItem {
            val p = r.pending
            return TodayItem(
                id = r.id,
                isAgreement = false,
                title = p?.title ?: r.title,
                detail = "${p?.timeOfDay ?: r.timeOfDay} · ${p?.minutes ?: r.minutes} min",
                status = status,
                versionHash = null,
                actions = listOf(TodayAction.ACCEPT, TodayAction.DECLINE, TodayAction.COUNTER),
            )
        }

        /** An agreement with a version waiting for this phone: that version (the oldest such), null if none is. */
        fun agreementInvitation(a: Agreement): TodayItem? {
            val v = a.pending.firstOrNull { it.waitingForMe } ?: return null
            return TodayItem(
                id = a.id,
                isAgreement = true,
                title = v.title,
                detail = v.text,
                status = if (a.inEffect != null) AgreementTexts.IN_EFFECT_CHANGE_FOR_YOU else AgreementTexts.WAITING_FOR_YOU,
                versionHash = v.hash,
                actions = listOf(TodayAction.ACCEPT, TodayAction.DECLINE),
            )
        }

        fun ritualReview(r: Ritual, status: String) = TodayItem(
            id = r.id,
            isAgreement = false,
            title = r.title,
            detail = "${r.timeOfDay} · ${r.minutes} min",
            status = status,
            versionHash = null,
            actions = listOf(TodayAction.KEEP, TodayAction.ADJUST, TodayAction.STOP),
        )

        fun agreementReview(a: Agreement) = TodayItem(
            id = a.id,
            isAgreement = true,
            title = a.title,
            detail = a.inEffect?.text.orEmpty(),
            status = AgreementTexts.REVIEW_DUE,
            versionHash = a.inEffect?.hash,
            actions = listOf(TodayAction.KEEP, TodayAction.AMEND, TodayAction.LET_GO),
            amend = AgreementEdit.review(a.id, a.inEffect),
        )

        /**
         * "Next reminder 20:20 · Evening check-in" (the day's name before
         * the time when it is not today); the private title when the
         * reminder hides its content.
         */
        fun nextReminder(r: Reminder, nowMs: Long, zone: ZoneId): String {
            val at = Instant.ofEpochMilli(r.fireAtMs).atZone(zone)
            val sameDay = at.toLocalDate() == Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate()
            val title = ReminderCoordinator.shownText(r).first
            return TodayTexts.nextReminder(if (sameDay) HM.format(at) else DAY_HM.format(at), title)
        }

        private fun splitLocal(local: String): Pair<String, String> =
            local.split(' ', limit = 2).let { it[0] to it.getOrElse(1) { "" } }
    }
}

/** The words of the Today screen: nothing is "missed", nobody is behind. */
object TodayTexts {
    const val DONE = "Done"
    const val SKIPPED = "Skipped"
    const val RESTING = "Rest week"
    const val DONE_MESSAGE = "Marked done."
    const val SKIPPED_MESSAGE = "Skipped for today."
    fun snoozed(at: String) = "We'll remind you again at $at."
    fun nextReminder(at: String, title: String) = "Next reminder $at · $title"
    const val SAID_BY_ME = "You"
    const val SAID_BY_PARTNER = "Your partner"
}
