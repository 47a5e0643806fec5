package app.tandem.shell

import app.tandem.ffi.Agreement
import app.tandem.ffi.AgreementHistory
import app.tandem.ffi.AgreementStatus
import app.tandem.ffi.AgreementVersion
import app.tandem.ffi.HistoryKind
import app.tandem.ffi.PauseProtocol
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** A button on an agreement's row or on one of its versions. */
enum class AgreementAction {
    /** "Accept" this exact version ([TandemController.acceptAgreement] with its hash). */
    ACCEPT,

    /** "Decline" this version; no reason asked. */
    DECLINE,

    /**
     * "Suggest a change": a new version built on [AgreementRow.amendOn] (on
     * a row) or on this version (on an option, before anything is in effect).
     */
    AMEND,

    /** "Look back": the review date came; keep, amend or let go ([TandemController.reviewAgreement]). */
    REVIEW,

    /** "Withdraw": either partner, alone, at any time, no reason asked. */
    WITHDRAW,
}

/**
 * One version waiting for an answer. Concurrent suggestions are listed
 * side by side ([AgreementRow.alternatives]); none replaces another until
 * one of them is accepted.
 */
data class AgreementOption(
    /** The content hash an answer names. */
    val hash: String,
    val title: String,
    val text: String,
    val pauseProtocol: PauseProtocol?,
    val reviewOn: String?,
    val byMe: Boolean,
    /** "Your suggestion" or "Your partner's suggestion". */
    val label: String,
    /** "Waiting for your answer" or "Waiting for your partner". */
    val status: String,
    val actions: List<AgreementAction>,
    /** Every field in the core's words ("cool-down: 30 min"), to read it whole before answering. */
    val reads: List<String> = emptyList(),
    /** What it changes against the version in effect (or the one it amends): "cool-down: 45 min instead of 30 min". */
    val changes: List<String> = emptyList(),
)

/** One line of an agreement's history, from this phone's side. */
data class AgreementHistoryLine(
    val kind: HistoryKind,
    val byMe: Boolean,
    val atMs: Long,
    /** "YYYY-MM-DD HH:MM" on this device's clock. */
    val at: String,
    /** "You proposed “…”", "Your partner accepted “…”", … */
    val text: String,
)

/** One agreement on the Agreements screen, as this phone sees it. */
data class AgreementRow(
    val agreementId: String,
    /** The core's [Agreement.title]: the version in effect, else the newest waiting one, else the last one. */
    val title: String,
    val text: String,
    /** Where it stands, in words, from this phone's side ([AgreementTexts]). */
    val status: String,
    /** The version both accepted; null before one took effect and once withdrawn. */
    val inEffect: AgreementVersion?,
    /** The versions waiting for an answer, side by side, oldest first. */
    val alternatives: List<AgreementOption>,
    /** The hash a row-level [AgreementAction.AMEND] builds on (the version in effect). */
    val amendOn: String?,
    val actions: List<AgreementAction>,
    val reviewOn: String?,
    val reviewDue: Boolean,
    val history: List<AgreementHistoryLine>,
)

/** What the Agreements screen renders. */
sealed class AgreementsScreen {
    /** [rows]: waiting or in effect, in proposal order; [ended]: declined or withdrawn, without buttons. */
    data class Rows(val rows: List<AgreementRow>, val ended: List<AgreementRow>) : AgreementsScreen() {
        val emptyMessage: String? get() = if (rows.isEmpty()) AgreementTexts.EMPTY else null
    }

    /** The core refused (or the zone is unknown); [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : AgreementsScreen()

    companion object {
        private val AT: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")

        /**
         * The screen for [agreements] (as the core returned them for this
         * phone: `byMe`, `waitingForMe` are already from its side), with
         * [histories] by id and the ids the core's `agreementReviewsDue`
         * returned; times of history lines in [zone].
         */
        fun of(
            agreements: List<Agreement>,
            histories: Map<String, AgreementHistory>,
            reviewsDue: Set<String>,
            zone: ZoneId,
        ): Rows {
            val (ended, live) = agreements.partition { it.status == AgreementStatus.DECLINED || it.status == AgreementStatus.WITHDRAWN }
            fun row(a: Agreement) = row(a, histories[a.id], a.id in reviewsDue, zone)
            return Rows(live.map(::row), ended.map(::row))
        }

        fun row(a: Agreement, history: AgreementHistory?, reviewDue: Boolean, zone: ZoneId): AgreementRow {
            val due = reviewDue && a.status == AgreementStatus.ACTIVE && a.inEffect != null
            val forMe = a.pending.any { it.waitingForMe }
            val status = when (a.status) {
                AgreementStatus.PROPOSED -> if (forMe) AgreementTexts.WAITING_FOR_YOU else AgreementTexts.WAITING_FOR_PARTNER
                AgreementStatus.ACTIVE -> when {
                    due -> AgreementTexts.REVIEW_DUE
                    forMe -> AgreementTexts.IN_EFFECT_CHANGE_FOR_YOU
                    a.pending.isNotEmpty() -> AgreementTexts.IN_EFFECT_CHANGE_FOR_PARTNER
                    else -> AgreementTexts.IN_EFFECT
                }
                AgreementStatus.DECLINED -> AgreementTexts.NOT_GOING_AHEAD
                AgreementStatus.WITHDRAWN -> AgreementTexts.WITHDRAWN
            }
            val live = a.status == AgreementStatus.PROPOSED || a.status == AgreementStatus.ACTIVE
            val options = if (!live) emptyList() else a.pending.map { v ->
                AgreementOption(
                    hash = v.hash,
                    title = v.title,
                    text = v.text,
                    pauseProtocol = v.pauseProtocol,
                    reviewOn = v.reviewOn,
                    byMe = v.byMe,
                    label = if (v.byMe) AgreementTexts.YOUR_SUGGESTION else AgreementTexts.PARTNER_SUGGESTION,
                    status = if (v.waitingForMe) AgreementTexts.WAITING_FOR_YOU else AgreementTexts.WAITING_FOR_PARTNER,
                    // Before anything is in effect a change builds on a waiting version.
                    actions = (if (v.waitingForMe) listOf(AgreementAction.ACCEPT, AgreementAction.DECLINE) else emptyList()) +
                        (if (a.status == AgreementStatus.PROPOSED) listOf(AgreementAction.AMEND) else emptyList()),
                    reads = v.terms.map { "${it.label}: ${it.text}" },
                    changes = v.changes.map { it.summary },
                )
            }
            val actions = when (a.status) {
                AgreementStatus.PROPOSED -> listOf(AgreementAction.WITHDRAW)
                AgreementStatus.ACTIVE ->
                    (if (due) listOf(AgreementAction.REVIEW) else emptyList()) + listOf(AgreementAction.AMEND, AgreementAction.WITHDRAW)
                AgreementStatus.DECLINED, AgreementStatus.WITHDRAWN -> emptyList()
            }
            // The core picks the title (in effect, else newest waiting, else
            // the last version), so an ended agreement keeps its name without
            // the history; only its text still comes from there.
            val text = (a.inEffect ?: a.pending.lastOrNull())?.text ?: lastWrittenText(history)
            return AgreementRow(
                agreementId = a.id,
                title = a.title,
                text = text.orEmpty(),
                status = status,
                inEffect = a.inEffect,
                alternatives = options,
                amendOn = if (a.status == AgreementStatus.ACTIVE) a.inEffect?.hash else null,
                actions = actions,
                reviewOn = a.inEffect?.reviewOn,
                reviewDue = due,
                history = history?.let { historyLines(it, zone) } ?: emptyList(),
            )
        }

        /**
         * The text of a withdrawn or declined agreement (no version in
         * effect or waiting): the one last in effect (the last accepted),
         * else the last one written. [Agreement.title] needs no history.
         */
        private fun lastWrittenText(h: AgreementHistory?): String? {
            val entries = h?.entries ?: return null
            val written = entries.filter { it.version != null && it.text != null }
            val accepted = entries.lastOrNull { it.kind == HistoryKind.ACCEPTED }?.version
            return (written.lastOrNull { it.version == accepted } ?: written.lastOrNull())?.text
        }

        /** The history, oldest first, in words from this phone's side. */
        fun historyLines(h: AgreementHistory, zone: ZoneId): List<AgreementHistoryLine> {
            val titles = h.entries.mapNotNull { e -> e.version?.let { v -> e.title?.let { v to it } } }.toMap()
            return h.entries.map { e ->
                val who = if (e.byMe) "You" else "Your partner"
                val title = (e.title ?: e.version?.let { titles[it] })?.let { " “$it”" } ?: ""
                val text = when (e.kind) {
                    HistoryKind.PROPOSED -> "$who proposed$title"
                    HistoryKind.AMENDED -> "$who suggested a change:$title"
                    HistoryKind.ACCEPTED -> "$who accepted$title"
                    HistoryKind.DECLINED -> "$who declined$title"
                    HistoryKind.WITHDRAWN -> "$who withdrew from this agreement"
                    HistoryKind.KEPT -> "$who looked back and kept$title"
                }
                AgreementHistoryLine(e.kind, e.byMe, e.atMs, AT.format(Instant.ofEpochMilli(e.atMs).atZone(zone)), text)
            }
        }
    }
}

/**
 * The words on the Agreements screen, from the viewer's side. Nobody is
 * blamed: an answer not given yet is waiting, a withdrawal is a choice.
 */
object AgreementTexts {
    const val WAITING_FOR_YOU = "Waiting for your answer"
    const val WAITING_FOR_PARTNER = "Waiting for your partner"
    const val IN_EFFECT = "In effect"
    const val IN_EFFECT_CHANGE_FOR_YOU = "In effect; a change waits for your answer"
    const val IN_EFFECT_CHANGE_FOR_PARTNER = "In effect; your change waits for your partner"

    /** The review date came. */
    const val REVIEW_DUE = "Time to revisit: keep it, amend it, or let it go?"

    /** Declined before anything took effect: says what happens, not who did it. */
    const val NOT_GOING_AHEAD = "Not going ahead"
    const val WITHDRAWN = "Withdrawn"

    const val YOUR_SUGGESTION = "Your suggestion"
    const val PARTNER_SUGGESTION = "Your partner's suggestion"

    const val EMPTY = "No agreements yet. Write one down together."
}
