package app.tandem.shell

import app.tandem.ffi.AgreementActionKind as AgreementAction
import app.tandem.ffi.Agreement
import app.tandem.ffi.AgreementFormResult
import app.tandem.ffi.AgreementPurpose
import app.tandem.ffi.FormRequest
import app.tandem.ffi.AgreementHistory
import app.tandem.ffi.AgreementReview
import app.tandem.ffi.AgreementStatus
import app.tandem.ffi.AgreementVersion
import app.tandem.ffi.AgreementsScreenModel
import app.tandem.ffi.Boundary
import app.tandem.ffi.HistoryKind
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.TandemException
import kotlin.test.assertEquals
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

private val HEX32 = Regex("[0-9a-f]{32}")

private fun Phone.agreementsScreen(): AgreementsScreenModel {
    val s = c.agreementsScreen(NY)
    if (s is Rendered.Shown) return s.model
    fail("expected the Agreements screen, got $s")
}

private val AgreementRow.actions get() = buttons.map { it.action }
private val AgreementOption.actions get() = buttons.map { it.action }

/** The row of agreement [id] on [this] phone's Agreements screen; [ended] says which section. */
private fun Phone.agreementRow(id: String, ended: Boolean = false): AgreementRow {
    val s = agreementsScreen()
    val (live, past) = s.rows.filter { it.id == id } to s.ended.filter { it.id == id }
    assertEquals(if (ended) 0 to 1 else 1 to 0, live.size to past.size, "rows for agreement $id (live to ended)")
    return (live + past).single()
}

/** Both phones' histories of [id]: the same chain (hashes, head), each entry linked to the one before. */
private fun sameHistory(k: Couple, id: String, kinds: List<HistoryKind>): Pair<AgreementHistory, AgreementHistory> {
    val ha = k.a.c.core.agreementHistory(id)
    val hb = k.b.c.core.agreementHistory(id)
    assertEquals(kinds, ha.entries.map { it.kind }, "history kinds on A")
    assertEquals(kinds, hb.entries.map { it.kind }, "history kinds on B")
    assertEquals(ha.head, hb.head, "the same head on both phones")
    assertTrue(Regex("[0-9a-f]{64}").matches(ha.head)) { "head <${ha.head}> is not 64 hex" }
    assertEquals(ha.entries.map { it.hash }, hb.entries.map { it.hash }, "the same entry hashes on both phones")
    assertEquals(ha.entries.last().hash, ha.head, "head is the last entry's hash")
    ha.entries.zipWithNext().forEachIndexed { i, (prev, next) -> assertEquals(prev.hash, next.prev, "entry ${i + 1} links to entry $i") }
    assertEquals(ha.entries.map { !it.byMe }, hb.entries.map { it.byMe }, "byMe is each phone's own side")
    return ha to hb
}

/**
 * Agreements (two signatures: amend, accept by hash, concurrent amendments,
 * withdrawal, reviews), boundaries, and the Agreements and Pause screens'
 * words.
 */
class AgreementsTests : StoreTestBase() {
    @Test
    @DisplayName("agreements: proposed on A, amended on B, A accepts B's version by its hash: ACTIVE on both with the amended text; history and head agree; version 1 superseded")
    fun `agreements - proposed on A, amended on B, A accepts B's version by its hash - ACTIVE on both with the amended text, history and head agree, version 1 superseded`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val proposed = a.c.core.proposeAgreement(ag("  Phones at dinner ", "No phones at the table."))
            val id = proposed.id
            val v1 = proposed.pending.single()
            assertTrue(HEX32.matches(v1.hash)) { "version hash <${v1.hash}> is not 32 hex" }
            assertEquals(
                listOf<Any?>(AgreementStatus.PROPOSED, true, T0, null, false, null, null),
                listOf(proposed.status, proposed.proposedByMe, proposed.proposedAtMs, proposed.inEffect, proposed.reviewed, proposed.withdrawnByMe, proposed.withdrawnAtMs),
                "A: proposed, nothing in effect",
            )
            assertEquals(
                listOf<Any?>(null, "Phones at dinner", "No phones at the table.", null, null, true, T0, true, false, false),
                listOf(v1.parent, v1.title, v1.text, v1.pauseProtocol, v1.reviewOn, v1.byMe, v1.atMs, v1.acceptedByMe, v1.acceptedByPartner, v1.waitingForMe),
                "A: version 1, accepted by its author",
            )
            a.agreementRow(id).let { r ->
                assertEquals("Waiting for your partner", r.status, "A: status")
                assertEquals(listOf(AgreementAction.WITHDRAW), r.actions, "A: row buttons")
                assertEquals(listOf(listOf<Any?>(v1.hash, "Your suggestion", "Waiting for your partner", listOf(AgreementAction.AMEND))), r.options.map { listOf(it.version, it.label, it.status, it.actions) }, "A: the one version")
                assertEquals(listOf("Withdraw"), r.buttons.map { it.label }, "A: the core's label")
            }
            val own = refusedHere<TandemException.NotAllowedNow>(a, "A accepts its own proposal", "own proposal") { a.c.core.acceptAgreement(id, v1.hash) }
            assertEquals(UserMessages.AGREEMENT_CHANGED, UserMessages.forAgreementAction(own), "its message")

            k.setClocks(T0 + 10 * MINUTE)
            k.sync()
            val onB = b.agreement(id)
            assertEquals(false to T0, onB.proposedByMe to onB.proposedAtMs, "B: proposed by the partner")
            assertEquals(
                listOf<Any?>(v1.hash, false, false, true, true),
                onB.pending.single().let { listOf(it.hash, it.byMe, it.acceptedByMe, it.acceptedByPartner, it.waitingForMe) },
                "B: the same version waits for B",
            )
            b.agreementRow(id).let { r ->
                assertEquals("Waiting for your answer", r.status, "B: status")
                assertEquals(
                    listOf(listOf<Any?>("Your partner's suggestion", "Waiting for your answer", listOf(AgreementAction.ACCEPT, AgreementAction.DECLINE, AgreementAction.AMEND))),
                    r.options.map { listOf(it.label, it.status, it.actions) },
                    "B: answer buttons on the partner's version",
                )
            }

            val amendedText = "No phones at the table, except on call nights."
            val amended = b.c.core.amendAgreement(id, v1.hash, ag("Phones at dinner", amendedText))
            val v2 = amended.pending.single { it.byMe }
            assertTrue(HEX32.matches(v2.hash) && v2.hash != v1.hash) { "v2 hash <${v2.hash}>" }
            assertEquals(listOf<Any?>(v1.hash, amendedText, true, false, T0 + 10 * MINUTE), listOf(v2.parent, v2.text, v2.acceptedByMe, v2.waitingForMe, v2.atMs), "B: v2 built on v1")
            assertEquals(listOf(v1.hash, v2.hash), amended.pending.map { it.hash }, "B: both versions wait, oldest first")
            refusedHere<TandemException.NotAllowedNow>(b, "the same amendment again", "already exists") { b.c.core.amendAgreement(id, v1.hash, ag("Phones at dinner", amendedText)) }
            // An amendment changing nothing: the amend form holds it back with its words, and nothing changes.
            val unchanged = b.c.core.agreements()
            val same = b.c.core.submitAgreementForm(ag("Phones at dinner", "No phones at the table.").asForm(), AgreementPurpose.Amend(id, v1.hash), phoneNow())
            val held = (same as? AgreementFormResult.Check)?.check ?: fail("an amendment changing nothing was sent: $same")
            assertEquals("This is the same as the version it changes." to null, held.form to held.draft, "an amendment changing nothing: the form's words, no draft")
            assertEquals(unchanged, b.c.core.agreements(), "B's agreements after an amendment changing nothing")

            k.setClocks(T0 + 20 * MINUTE)
            k.sync()
            val bothOnA = a.agreement(id)
            assertEquals(listOf(v1.hash to false, v2.hash to true), bothOnA.pending.map { it.hash to it.waitingForMe }, "A: both versions, v2 waits for A")
            a.agreementRow(id).let { r ->
                assertEquals("Waiting for your answer", r.status, "A: status with B's suggestion")
                assertEquals(
                    listOf(
                        listOf<Any?>(v1.hash, "Your suggestion", "Waiting for your partner", listOf(AgreementAction.AMEND)),
                        listOf<Any?>(v2.hash, "Your partner's suggestion", "Waiting for your answer", listOf(AgreementAction.ACCEPT, AgreementAction.DECLINE, AgreementAction.AMEND)),
                    ),
                    r.options.map { listOf(it.version, it.label, it.status, it.actions) },
                    "A: the two versions side by side",
                )
                assertTrue("text: \u201c$amendedText\u201d" in r.options[1].reads) { "B's version read whole: ${r.options[1].reads}" }
                assertEquals(
                    listOf(emptyList(), listOf("text: \u201c$amendedText\u201d instead of \u201cNo phones at the table.\u201d")),
                    r.options.map { it.changes },
                    "A reads what B's version changes; the first proposal is read whole",
                )
                assertTrue("pause protocol: none" in r.options[1].reads) { "read whole: ${r.options[1].reads}" }
            }
            refusedHere<TandemException.InvalidInput>(a, "seven characters of a hash", "8 to 32 hex") { a.c.core.acceptAgreement(id, v2.hash.take(7)) }

            refusedHere<TandemException.NotAllowedNow>(a, "a well-formed hash of no version", "no version of this agreement has this content hash") { a.c.core.acceptAgreement(id, "0".repeat(32)) }
            refusedHere<TandemException.InvalidInput>(a, "a malformed hash", "32 hex") { a.c.core.acceptAgreement(id, "not-a-hash") }
            val gone = refusedHere<TandemException.NotFound>(a, "an unknown agreement", "no agreement") { a.c.core.acceptAgreement(UNKNOWN_ID, v2.hash) }
            assertEquals(UserMessages.AGREEMENT_GONE, UserMessages.forAgreementAction(gone), "NotFound's message")

            val active = a.c.core.acceptAgreement(id, v2.hash)
            assertEquals(AgreementStatus.ACTIVE, active.status, "A: active")
            assertEquals<List<Any?>?>(listOf<Any?>(v2.hash, amendedText, false, true, true), active.inEffect?.let { listOf(it.hash, it.text, it.byMe, it.acceptedByMe, it.acceptedByPartner) }, "A: B's version in effect")
            assertEquals(emptyList<AgreementVersion>(), active.pending, "A: version 1 no longer waits")
            a.agreementRow(id).let { r ->
                assertEquals(listOf<Any?>("In effect", "Phones at dinner", amendedText, v2.hash, listOf(AgreementAction.AMEND, AgreementAction.WITHDRAW), emptyList<AgreementOption>()), listOf(r.status, r.title, r.text, r.amendOn, r.actions, r.options), "A: the row in effect")
                assertTrue("text: \u201c$amendedText\u201d" in r.inEffect) { "the version in effect, read whole: ${r.inEffect}" }
            }

            k.sync()
            val onBNow = b.agreement(id)
            assertEquals(AgreementStatus.ACTIVE to v2.hash, onBNow.status to onBNow.inEffect?.hash, "B: active with v2")
            assertEquals(active.inEffect?.copy(byMe = true), onBNow.inEffect, "B: the same version, B's own")
            assertEquals("In effect" to amendedText, b.agreementRow(id).let { it.status to it.text }, "B: the row")
            refusedHere<TandemException.NotAllowedNow>(b, "B accepts the superseded version 1", "superseded") { b.c.core.acceptAgreement(id, v1.hash) }
            refusedHere<TandemException.NotAllowedNow>(b, "B amends the superseded version 1", "superseded") { b.c.core.amendAgreement(id, v1.hash, ag("Phones at dinner", "Other")) }

            val (ha, hb) = sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.AMENDED, HistoryKind.ACCEPTED))
            assertEquals(listOf<String?>(v1.hash, v2.hash, v2.hash), ha.entries.map { it.version }, "history versions")
            assertEquals(listOf<String?>("No phones at the table.", amendedText, null), ha.entries.map { it.text }, "history texts")
            assertEquals(listOf(true, false, true), ha.entries.map { it.byMe }, "A's side")
            assertEquals(
                listOf(
                    "07:00 You proposed “Phones at dinner”",
                    "07:10 Your partner suggested a change: “Phones at dinner”",
                    "07:20 You accepted “Phones at dinner”",
                ),
                a.agreementRow(id).history.map { "${it.at} ${it.text}" },
                "A's history lines",
            )
            assertEquals(
                listOf("Your partner proposed “Phones at dinner”", "You suggested a change: “Phones at dinner”", "Your partner accepted “Phones at dinner”"),
                b.agreementRow(id).history.map { it.text },
                "B's history lines",
            )
            assertEquals(hb.entries.map { it.atMs }, ha.entries.map { it.atMs }, "the same times on both phones")
        }
    }

    @Test
    @DisplayName("agreements: amendments made at once on both phones both wait, side by side, on both phones; accepting one supersedes the other")
    fun `agreements - amendments made at once on both phones both wait, side by side, on both phones, accepting one supersedes the other`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val id = a.c.core.proposeAgreement(ag("Sunday planning", "We plan the week together on Sunday.")).id
            k.sync()
            val v1 = b.agreement(id).pending.single().hash
            b.c.core.acceptAgreement(id, v1)
            k.sync()
            assertEquals(AgreementStatus.ACTIVE to v1, a.agreement(id).let { it.status to it.inEffect?.hash }, "active on A")

            val fromA = a.c.core.amendAgreement(id, v1, ag("Sunday planning", "We plan the week together on Sunday at 18:00."))
            val fromB = b.c.core.amendAgreement(id, v1, ag("Sunday planning", "We plan the week together after Sunday dinner."))
            val hA = fromA.pending.single().hash
            val hB = fromB.pending.single().hash
            assertTrue(hA != hB) { "two amendments share a hash" }
            assertEquals("In effect; your change waits for your partner", a.agreementRow(id).status, "A before the sync")
            k.sync()

            val onA = a.agreement(id)
            val onB = b.agreement(id)
            for ((who, x) in listOf("A" to onA, "B" to onB)) {
                assertEquals(AgreementStatus.ACTIVE to v1, x.status to x.inEffect?.hash, "$who: v1 still in effect")
                assertEquals(setOf(hA, hB), x.pending.map { it.hash }.toSet(), "$who: both amendments wait")
                assertEquals(listOf(v1, v1), x.pending.map { it.parent }, "$who: both built on v1")
            }
            assertEquals(onA.pending.map { it.hash }, onB.pending.map { it.hash }, "the same order on both phones")
            assertEquals(listOf(hB), onA.pending.filter { it.waitingForMe }.map { it.hash }, "A answers B's")
            assertEquals(listOf(hA), onB.pending.filter { it.waitingForMe }.map { it.hash }, "B answers A's")
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.agreementRow(id)
                assertEquals("In effect; a change waits for your answer", r.status, "$who: status")
                assertEquals(v1, r.amendOn, "$who: a further change builds on v1")
                assertEquals(
                    onA.pending.map { v ->
                        val mineHere = (v.hash == hA) == (who == "A")
                        listOf<Any?>(v.hash, if (mineHere) "Your suggestion" else "Your partner's suggestion", if (mineHere) emptyList() else listOf(AgreementAction.ACCEPT, AgreementAction.DECLINE))
                    },
                    r.options.map { listOf(it.version, it.label, it.actions) },
                    "$who: both side by side",
                )
            }

            val accepted = a.c.core.acceptAgreement(id, hB)
            assertEquals(hB to emptyList<AgreementVersion>(), accepted.inEffect?.hash to accepted.pending, "A accepts B's: in effect, A's superseded")
            k.sync()
            assertEquals(hB to 0, b.agreement(id).let { it.inEffect?.hash to it.pending.size }, "B: B's in effect, nothing waits")
            refusedHere<TandemException.NotAllowedNow>(b, "B accepts A's superseded amendment", "superseded") { b.c.core.acceptAgreement(id, hA) }
            sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.ACCEPTED, HistoryKind.AMENDED, HistoryKind.AMENDED, HistoryKind.ACCEPTED))
        }
    }

    @Test
    @DisplayName("agreements: withdrawn by the partner who did not propose it: WITHDRAWN on both after a sync; history ends WITHDRAWN; no amending afterwards")
    fun `agreements - withdrawn by the partner who did not propose it - WITHDRAWN on both after a sync, history ends WITHDRAWN, no amending afterwards`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val id = a.c.core.proposeAgreement(ag("Money talks", "We talk about money on the first Sunday of the month.")).id
            k.sync()
            val v1 = b.agreement(id).pending.single().hash
            b.c.core.acceptAgreement(id, v1)
            k.setClocks(T0 + HOUR)
            val withdrawn = b.c.core.withdrawAgreement(id)
            assertEquals(
                listOf<Any?>(AgreementStatus.WITHDRAWN, "Money talks", null, emptyList<AgreementVersion>(), true, T0 + HOUR),
                listOf(withdrawn.status, withdrawn.title, withdrawn.inEffect, withdrawn.pending, withdrawn.withdrawnByMe, withdrawn.withdrawnAtMs),
                "B: withdrawn, alone",
            )
            k.sync()
            val onA = a.agreement(id)
            assertEquals(
                listOf<Any?>(AgreementStatus.WITHDRAWN, "Money talks", null, emptyList<AgreementVersion>(), false, T0 + HOUR, true),
                listOf(onA.status, onA.title, onA.inEffect, onA.pending, onA.withdrawnByMe, onA.withdrawnAtMs, onA.proposedByMe),
                "A: withdrawn by the partner",
            )
            val (ha, _) = sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.ACCEPTED, HistoryKind.WITHDRAWN))
            assertEquals(listOf(true, false, false), ha.entries.map { it.byMe }, "A's side: A proposed, B accepted and withdrew")

            val rowA = a.agreementRow(id, ended = true)
            assertEquals(
                listOf<Any?>("Withdrawn", "Money talks", "We talk about money on the first Sunday of the month.", emptyList<AgreementAction>(), emptyList<AgreementOption>(), null),
                listOf(rowA.status, rowA.title, rowA.text, rowA.actions, rowA.options, rowA.amendOn),
                "A: the withdrawn row, in the past section, with what was agreed",
            )
            // Withdrawing needs no reason and is nobody's fault: the line names the agreement, not the person.
            assertEquals("Withdrawn: “Money talks”", rowA.history.last().text, "A's last history line")
            assertEquals("Withdrawn: “Money talks”", b.agreementRow(id, ended = true).history.last().text, "B's last history line")
            assertEquals("No agreements yet. Write one down together.", a.agreementsScreen().empty, "nothing live on A")

            val afterWithdrawal = refusedHere<TandemException.NotAllowedNow>(a, "A amends the withdrawn agreement", "withdrawn") { a.c.core.amendAgreement(id, v1, ag("Money talks", "Every second Sunday.")) }
            assertEquals(UserMessages.AGREEMENT_CHANGED, UserMessages.forAgreementAction(afterWithdrawal), "its message")
            refusedHere<TandemException.NotAllowedNow>(a, "A withdraws it too", "withdrawn") { a.c.core.withdrawAgreement(id) }
            refusedHere<TandemException.NotAllowedNow>(a, "A keeps it at a review", "withdrawn") { a.c.core.reviewAgreement(id, AgreementReview.Keep) }
            refusedHere<TandemException.NotAllowedNow>(b, "B accepts v1 again", "withdrawn") { b.c.core.acceptAgreement(id, v1) }
        }
    }

    @Test
    @DisplayName("agreements: a review date is reminded at 19:00 on that day on both phones; due that day; Keep ends the review; dates are checked against the earliest today")
    fun `agreements - a review date is reminded at 19-00 on that day on both phones, due that day, Keep ends the review, dates are checked against the earliest today`() {
        couple { k ->
            val (a, b) = k.a to k.b
            // 21:00 in New York on 1 March is already 2 March in UTC; the 2nd is still "after today" for New York.
            k.setClocks(ms("2027-03-02T02:00:00Z"))
            val early = a.c.core.proposeAgreement(ag("Check-in", "A short check-in.", reviewOn = "2027-03-02"))
            assertEquals("2027-03-02", early.pending.single().reviewOn, "tomorrow in New York is accepted in the New York evening")
            refusedHere<TandemException.InvalidInput>(a, "a review date that is today somewhere", "review date") { a.c.core.proposeAgreement(ag("Check-in", "Again.", reviewOn = "2027-03-01")) }
            refusedHere<TandemException.InvalidInput>(a, "a cool-down of 19 minutes", "cool-down") { a.c.core.proposeAgreement(ag("Pause", "Cool down.", coolDown = 19)) }
            refusedHere<TandemException.InvalidInput>(a, "a negative cool-down from a picker", "cool-down") { a.c.core.proposeAgreement(ag("Pause", "Cool down.", coolDown = -1)) }
            refusedHere<TandemException.InvalidInput>(a, "an empty title", "title") { a.c.core.proposeAgreement(ag("  ", "Text.")) }
            assertEquals(UserMessages.AGREEMENT_INPUT, UserMessages.forAgreementAction(TandemException.InvalidInput("x")), "InvalidInput's message")

            val id = a.c.core.proposeAgreement(ag("Date night", "One evening a week is ours.", reviewOn = "2027-03-10")).id
            k.sync()
            b.c.core.acceptAgreement(id, b.agreement(id).pending.single().hash)
            k.sync()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.c.core.planReminders(NY, 60u).filter { it.kind == ReminderKind.AGREEMENT_REVIEW }
                assertEquals(
                    listOf(listOf<Any>(id, ms("2027-03-11T00:00:00Z"), "2027-03-10 19:00", "Time to revisit: Date night", "Something to look back on together")),
                    r.map { listOf(it.sourceId, it.fireAtMs, it.localTime, it.title, it.privateBody) },
                    "$who: the review reminder, 19:00 New York on the 10th",
                )
                assertEquals(emptyList<Agreement>(), p.c.core.agreementReviewsDue(NY), "$who: not due yet")
            }
            assertEquals("Looking back on Wed 10 Mar 2027", a.agreementRow(id).reviewNote, "A: the look back ahead, in words")

            k.setClocks(ms("2027-03-10T15:00:00Z"))
            assertEquals(listOf(id), a.c.core.agreementReviewsDue(NY).map { it.id }, "due on the day")
            a.agreementRow(id).let { r ->
                assertEquals(listOf<Any?>("Time to revisit: keep it, change it, or let it go?", true, null, listOf(AgreementAction.KEEP, AgreementAction.AMEND, AgreementAction.LET_GO)), listOf(r.status, r.reviewDue, r.reviewNote, r.actions), "A: the row asks for a look back")
                assertEquals(listOf("Keep it", "Suggest a change", "Let it go"), r.buttons.map { it.label }, "A: the look back's buttons")
            }
            val kept = a.c.core.reviewAgreement(id, AgreementReview.Keep)
            assertEquals(AgreementStatus.ACTIVE to true, kept.status to kept.reviewed, "kept: still in effect, reviewed")
            assertEquals(emptyList<Agreement>(), a.c.core.agreementReviewsDue(NY), "no longer due on A")
            assertTrue(a.c.core.planReminders(NY, 60u).none { it.kind == ReminderKind.AGREEMENT_REVIEW }) { "A still plans the review reminder" }
            refusedHere<TandemException.NotAllowedNow>(a, "keep it twice", "already kept") { a.c.core.reviewAgreement(id, AgreementReview.Keep) }
            k.sync()
            assertEquals(true, b.agreement(id).reviewed, "B: reviewed")
            assertTrue(b.c.core.planReminders(NY, 60u).none { it.kind == ReminderKind.AGREEMENT_REVIEW }) { "B still plans the review reminder" }
            assertEquals("In effect", b.agreementRow(id).status, "B: in effect again")
            assertEquals("You looked back and kept “Date night”", a.agreementRow(id).history.last().text, "A's history line for the keep")
            sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.ACCEPTED, HistoryKind.KEPT))
        }
    }

    @Test
    @DisplayName("boundaries: a shared one reaches the partner read-only; a private one never; the owner edits, shares, unshares and retires")
    fun `boundaries - a shared one reaches the partner read-only, a private one never, the owner edits, shares, unshares and retires`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val examples = (a.c.openForm(FormRequest.NewBoundary) as? FormEdit.Boundary ?: fail("a boundary form")).examples
            assertTrue(examples.size >= 3) { "only ${examples.size} examples" }
            assertTrue("I'm here, but I also need time to reset. I will come back." in examples) { "examples: $examples" }

            val shared = a.c.core.addBoundary("  When talks get heated, I need a pause.  ", shared = true)
            assertEquals(listOf<Any>("When talks get heated, I need a pause.", true, true, T0, T0), listOf(shared.text, shared.shared, shared.mine, shared.createdAtMs, shared.updatedAtMs), "A: shared boundary")
            val private = a.c.core.addBoundary("I need quiet after work.", shared = false)
            assertEquals(false to true, private.shared to private.mine, "A: private boundary")
            assertEquals(listOf(shared, private), a.c.core.boundaries(), "A: both, oldest first")
            k.sync()
            assertEquals(listOf(shared.copy(mine = false)), b.c.core.boundaries(), "B: only the shared one, not B's")

            val e = refusedHere<TandemException.NotAllowedNow>(b, "B edits A's boundary", "partner's boundary") { b.c.core.editBoundary(shared.id, "Something else.") }
            assertEquals(UserMessages.BOUNDARY_NOT_NOW, UserMessages.forBoundaryAction(e), "its message")
            refusedHere<TandemException.NotAllowedNow>(b, "B unshares A's boundary", "partner's boundary") { b.c.core.shareBoundary(shared.id, false) }
            refusedHere<TandemException.NotAllowedNow>(b, "B retires A's boundary", "partner's boundary") { b.c.core.retireBoundary(shared.id) }
            refusedHere<TandemException.NotFound>(b, "B edits A's private boundary", "no boundary") { b.c.core.editBoundary(private.id, "Guess.") }
            refusedHere<TandemException.InvalidInput>(a, "an empty boundary", "text:") { a.c.core.addBoundary("   ", shared = false) }
            refusedHere<TandemException.InvalidInput>(a, "501 characters", "text:") { a.c.core.addBoundary("x".repeat(501), shared = true) }
            refusedHere<TandemException.InvalidInput>(a, "the same text again: the form holds it", "form:") { a.c.core.editBoundary(shared.id, "When talks get heated, I need a pause.") }

            k.setClocks(T0 + HOUR)
            val edited = a.c.core.editBoundary(shared.id, "When talks get heated, I need twenty minutes.")
            assertEquals(T0 to T0 + HOUR, edited.createdAtMs to edited.updatedAtMs, "edited: updated now")
            a.c.core.editBoundary(private.id, "I need quiet after work, half an hour.")
            k.sync()
            assertEquals(listOf("When talks get heated, I need twenty minutes." to false), b.c.core.boundaries().map { it.text to it.mine }, "B: the edit arrived; still no private one")

            a.c.core.shareBoundary(private.id, true)
            k.sync()
            assertEquals(
                listOf("When talks get heated, I need twenty minutes.", "I need quiet after work, half an hour."),
                b.c.core.boundaries().map { it.text },
                "B: the newly shared one, as it reads now",
            )
            a.c.core.shareBoundary(private.id, false)
            a.c.core.retireBoundary(shared.id)
            k.sync()
            assertEquals(emptyList<Boundary>(), b.c.core.boundaries(), "B: unshared and retired ones gone")
            assertEquals(listOf(private.id to false), a.c.core.boundaries().map { it.id to it.shared }, "A: the private one stays, private")
        }
    }

    @Test
    @DisplayName("AgreementsScreen: the core's words on both phones through a life (waiting, concurrent, declined, withdrawn) blame nobody; an unknown zone fails")
    fun `AgreementsScreen - the core's words on both phones through a life blame nobody, an unknown zone fails`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val texts = mutableListOf<String>()
            fun collect() = listOf(a, b).forEach { p ->
                val m = p.agreementsScreen()
                (m.rows + m.ended).forEach { r ->
                    texts += listOf(r.status) + r.inEffect + listOfNotNull(r.reviewNote) + r.buttons.map { it.label } + r.history.map { it.text }
                    r.options.forEach { o -> texts += listOf(o.label, o.status) + o.reads + o.changes + o.buttons.map { it.label } }
                }
                texts += listOfNotNull(m.empty)
            }
            collect()
            val id = a.c.core.proposeAgreement(ag("Pauses", "We pause.", coolDown = 30)).id
            val declined = a.c.core.proposeAgreement(ag("Phones", "No phones.")).id
            k.sync()
            collect()
            b.c.core.acceptAgreement(id, b.agreement(id).pending.single().hash)
            b.c.core.declineAgreement(declined, b.agreement(declined).pending.single().hash)
            k.sync()
            val v1 = a.agreement(id).inEffect!!.hash
            a.c.core.amendAgreement(id, v1, ag("Pauses", "We pause.", coolDown = 45))
            b.c.core.amendAgreement(id, v1, ag("Pauses", "We pause and come back."))
            k.sync()
            collect()
            a.c.core.withdrawAgreement(id)
            k.sync()
            collect()
            assertEquals("Not going ahead", b.agreementRow(declined, ended = true).status, "declined: what happens, not who")
            assertTrue(b.agreementRow(declined, ended = true).history.any { it.text == "Not taken up: “Phones”" }) { "the decline's history line" }
            noBlame(
                texts + listOf(
                    UserMessages.AGREEMENT_INPUT, UserMessages.AGREEMENT_CHANGED, UserMessages.AGREEMENT_GONE,
                    UserMessages.PAUSE_INPUT, UserMessages.PAUSE_NOT_NOW, UserMessages.PAUSE_GONE,
                    UserMessages.BOUNDARY_INPUT, UserMessages.BOUNDARY_NOT_NOW, UserMessages.BOUNDARY_GONE, UserMessages.UNKNOWN_ZONE,
                ),
                "screen texts",
            )
        }
        // The check itself catches what it is for.
        assertTrue(BLAME.containsMatchIn("Your partner is late") && BLAME.containsMatchIn("You missed it")) { "the blame check misses blame" }
        val p = phone(ANA)
        using(p) {
            val failed = p.c.pauseScreen("Mars/Olympus")
            assertTrue(failed is PauseScreen.Failed && failed.message == UserMessages.UNKNOWN_ZONE) { "an unknown zone: expected Failed(UNKNOWN_ZONE), got $failed" }
            val failedAgreements = p.c.agreementsScreen("Mars/Olympus")
            assertTrue(failedAgreements is Rendered.Failed && failedAgreements.error is TandemException.InvalidInput) { "agreements in an unknown zone: expected Failed(InvalidInput), got $failedAgreements" }
        }
    }

    @Test
    @DisplayName("agreement form: the core checks each field (its words beside the field, nothing sent or armed); a form that reads well is sent; an amend opens from the waiting version's button, prefilled")
    fun `agreement form - the core checks each field, nothing sent, a form that reads well is sent, an amend opens from the version's button, prefilled`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val scheduler = FakeScheduler()
            val fresh = a.c.openForm(NEW_AGREEMENT) as? FormEdit.Agreement ?: fail("an agreement form")
            assertEquals(AgreementFormInput("", "", "", "", true, null), fresh.form, "a new agreement: blank")
            assertEquals(listOf("Propose" to AgreementPurpose.Propose), fresh.submits.map { it.label to it.purpose }, "one submit")
            val checked = a.submit(fresh.typed { it.copy(title = " ", text = "We pause.", coolDown = "ten", reviewOn = "2027-02-01") }, scheduler = scheduler)
            val c = (checked.form as FormEdit.Agreement).check ?: fail("no check")
            assertEquals(false, checked.sent, "held back")
            assertEquals(
                listOf("Give it a short title.", null, "A cool-down is a whole number of minutes, 20 to 1440.", "Pick a day after today.", null),
                listOf(c.title, c.text, c.coolDown, c.reviewOn, c.draft),
                "each field's words",
            )
            assertEquals(emptyList<Agreement>(), a.c.core.agreements(), "nothing sent")
            assertEquals(listOf("pending"), scheduler.take(), "nothing armed or cancelled")
            val proposed = a.submit((checked.form as FormEdit.Agreement).typed { it.copy(title = "Pauses", coolDown = " 30 ", reviewOn = "") }, scheduler = scheduler)
            assertTrue(proposed.sent) { "sent: $proposed" }
            val sent = a.c.core.agreements().single()
            assertEquals("Pauses" to 30u, sent.title to sent.pending.single().pauseProtocol?.coolDownMinutes, "the core's draft, trimmed")
            k.sync()

            val option = b.agreementRow(sent.id).options.single()
            val amend = option.buttons.single { it.opens != null }
            assertEquals(FormRequest.AmendAgreement(sent.id, option.version) to null, amend.opens to amend.perform, "the change names its form, on this version")
            val edit = b.c.openForm(amend.opens!!) as? FormEdit.Agreement ?: fail("an agreement form")
            assertEquals(AgreementFormInput("Pauses", "We pause.", "30", "", true, null), edit.form, "prefilled from the version")
            assertEquals(listOf("Suggest this change" to AgreementPurpose.Amend(sent.id, sent.pending.single().hash)), edit.submits.map { it.label to it.purpose }, "its submit names the version")
            val same = b.submit(edit)
            assertEquals("This is the same as the version it changes." to false, (same.form as FormEdit.Agreement).check?.form to same.sent, "a change that changes nothing")
            val amended = b.submit(edit.typed { it.copy(coolDown = "45") }, scheduler = scheduler)
            assertTrue(amended.sent) { "the change sent: $amended" }
            assertEquals(listOf(30u, 45u), b.agreement(sent.id).pending.map { it.pauseProtocol?.coolDownMinutes }, "both versions wait")
            assertTrue((amended.effects?.toSend ?: 0u) > 0u) { "the change waits for the partner: ${amended.effects}" }
        }
    }
}
