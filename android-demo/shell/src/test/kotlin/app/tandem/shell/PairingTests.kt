package app.tandem.shell

import app.tandem.ffi.PairingStatus
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

private const val OFFER_LIFETIME = 120_000L
private const val ANSWER_GRACE = 60_000L
private val SAS = Regex("""\d{3} \d{3} \d{3} \d{3} \d{3}""")

/**
 * Pairing: offer, answer and the equal digits on both phones, rejecting,
 * cancelling, expiry, every refused code, AlreadyPaired, and the shell's
 * PairingFlow.
 */
class PairingTests : StoreTestBase() {
    @Test
    @DisplayName("pairing: offer, answer, equal digits, status on both phones at each step")
    fun `pairing - offer, answer, equal digits, status on both phones at each step`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            val aId = a.tandem.device().deviceId
            val bId = b.tandem.device().deviceId
            assertEquals(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A before")
            assertEquals(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B before")

            val offer = a.tandem.startPairing()
            assertEquals(T0 + OFFER_LIFETIME, offer.expiresAtMs, "offer expires two minutes after now")
            assertTrue(offer.text.startsWith("TANDEM:")) { "offer text <${offer.text.take(12)}>" }
            checkQr(offer.qr, offer.text, "offer QR", maxVersion = 10)
            assertEquals(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A offering")
            assertEquals(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B while A offers")

            b.clock.advance(30_000)
            val answer = b.tandem.acceptPairing(offer.text)
            assertTrue(SAS.matches(answer.sas)) { "digits <${answer.sas}> are not \"123 456\"" }
            assertTrue(answer.text.startsWith("TANDEM:") && answer.text != offer.text) { "answer text" }
            checkQr(answer.qr, answer.text, "answer QR", maxVersion = 10)
            assertEquals(PairingStatus.AwaitingConfirmation(answer.sas, null), b.tandem.pairingStatus(), "B after accepting")
            assertEquals(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A before scanning the answer")

            a.clock.advance(45_000)
            val sas = a.tandem.completePairing(answer.text)
            assertEquals(answer.sas, sas, "A's digits equal B's")
            assertEquals(PairingStatus.AwaitingConfirmation(sas, BEN), a.tandem.pairingStatus(), "A after completing (knows B's name)")

            // Key epoch 1 on both phones; the keys were made when each phone
            // took the other's code (B accepting at +30 s, A completing at +45 s).
            a.tandem.confirmPairing()
            assertEquals(PairingStatus.Paired(BEN, bId, true, 1u, T0 + 45_000), a.tandem.pairingStatus(), "A after confirming")
            assertEquals(PairingStatus.AwaitingConfirmation(sas, null), b.tandem.pairingStatus(), "B before confirming")
            b.clock.advance(MINUTE)
            b.tandem.confirmPairing()
            assertEquals(PairingStatus.Paired(null, null, false, 1u, T0 + 30_000), b.tandem.pairingStatus(), "B after confirming (A not yet known)")

            // A's first payload carries its key confirmation and name; B
            // makes its next key then (epoch 2, at B's clock).
            b.clock.advance(MINUTE)
            val first = b.tandem.importPayload(a.tandem.exportOne())
            assertReport(report(applied = 0, partnerConfirmed = true), first, "B imports A's first payload")
            assertEquals(PairingStatus.Paired(ANA, aId, true, 2u, T0 + 30_000 + 2 * MINUTE), b.tandem.pairingStatus(), "B after A's first payload")
            // A has not heard from B: its second payload is sealed to the same key, so nothing moves.
            b.clock.advance(MINUTE)
            val second = b.tandem.importPayload(a.tandem.exportOne())
            assertEquals(false, second.partnerConfirmed, "partnerConfirmed only once")
            assertEquals(PairingStatus.Paired(ANA, aId, true, 2u, T0 + 30_000 + 2 * MINUTE), b.tandem.pairingStatus(), "B after A's second payload")
            assertEquals(PairingStatus.Paired(BEN, bId, true, 1u, T0 + 45_000), a.tandem.pairingStatus(), "A: exporting moves no keys")
        }
        // The pair and where its keys stand survive a reopen on both phones.
        val aId = reopen(a).closing { it.device().deviceId }
        val bId = reopen(b).closing { it.device().deviceId }
        reopen(a).closing { assertEquals(PairingStatus.Paired(BEN, bId, true, 1u, T0 + 45_000), it.pairingStatus(), "A after reopen") }
        reopen(b).closing { assertEquals(PairingStatus.Paired(ANA, aId, true, 2u, T0 + 30_000 + 2 * MINUTE), it.pairingStatus(), "B after reopen") }
    }

    @Test
    @DisplayName("pairing: rejecting the digits destroys the keys; both can pair again")
    fun `pairing - rejecting the digits destroys the keys, both can pair again`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            val offer = a.tandem.startPairing()
            val answer = b.tandem.acceptPairing(offer.text)
            a.tandem.completePairing(answer.text)
            a.tandem.rejectPairing()
            assertEquals(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after rejecting")
            assertFailsWith<TandemException.NotPaired>("A exports after rejecting") { a.tandem.exportPayloads() }
            b.tandem.rejectPairing()
            assertEquals(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B after rejecting")
            // A used answer cannot complete again.
            assertFailsWith<TandemException.PairingFailed>("the rejected answer again") { a.tandem.completePairing(answer.text) }

            val sas = pair(a.tandem, b.tandem)
            assertTrue(SAS.matches(sas)) { "digits <$sas>" }
            assertEquals(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "A paired the second time")
            // Offers are fresh each time: new digits (1 in a million to collide).
            assertTrue(sas != answer.sas) { "the second pairing showed the first one's digits" }
        }
    }

    @Test
    @DisplayName("cancelPairing: withdraws an unanswered offer; a late answer is refused; nothing to withdraw is fine")
    fun `cancelPairing - withdraws an unanswered offer, a late answer is refused, nothing to withdraw is fine`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            a.tandem.cancelPairing()
            assertEquals(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after cancelling nothing")
            val offer = a.tandem.startPairing()
            a.tandem.cancelPairing()
            assertEquals(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after withdrawing its offer")
            // B cannot tell: it answers, and A refuses the answer.
            val answer = b.tandem.acceptPairing(offer.text)
            assertFailsWith<TandemException.PairingFailed>("an answer to a withdrawn offer") { a.tandem.completePairing(answer.text) }
            b.tandem.rejectPairing()
            // While waiting for the digits, cancelling leaves the keys to reject.
            val offer2 = a.tandem.startPairing()
            a.tandem.completePairing(b.tandem.acceptPairing(offer2.text).text)
            a.tandem.cancelPairing()
            assertTrue(a.tandem.pairingStatus() is PairingStatus.AwaitingConfirmation) { "cancel removed a pairing awaiting digits: ${a.tandem.pairingStatus()}" }
            a.tandem.confirmPairing()
            b.tandem.confirmPairing()
            a.tandem.cancelPairing()
            assertEquals(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "cancel keeps a pairing")
        }
    }

    @Test
    @DisplayName("PairingExpired: an offer scanned after 120 s; an answer scanned after the grace")
    fun `PairingExpired - an offer scanned after 120 s, an answer scanned after the grace`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            val offer = a.tandem.startPairing()
            b.clock.advance(OFFER_LIFETIME + 1)
            val e = assertFailsWith<TandemException.PairingExpired>("offer at 120.001 s") { b.tandem.acceptPairing(offer.text) }
            assertTrue(e.reason.isNotBlank()) { "empty reason" }
            assertEquals(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B after an expired offer")
            // At exactly 120 s it is still good (and the refusal left nothing behind).
            b.clock.set(T0 + OFFER_LIFETIME)
            val answer = b.tandem.acceptPairing(offer.text)

            // A shows "offering" until the grace for the second scan ends.
            a.clock.advance(OFFER_LIFETIME + ANSWER_GRACE)
            assertEquals(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A at the end of the grace")
            a.clock.advance(1)
            assertEquals(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after the grace")
            assertFailsWith<TandemException.PairingExpired>("answer after the grace") { a.tandem.completePairing(answer.text) }
            assertEquals(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after an expired answer")
            assertFailsWith<TandemException.NotPaired>("A confirms nothing") { a.tandem.confirmPairing() }
            // B's half is left waiting: it rejects, then both start over.
            b.tandem.rejectPairing()
            pair(a.tandem, b.tandem)
        }
    }

    @Test
    @DisplayName("PairingFailed: wrong kind of code, damaged, own, for another offer, reused, reject after confirm")
    fun `PairingFailed - wrong kind of code, damaged, own, for another offer, reused, reject after confirm`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        val c = newDb("Cleo's phone")
        using(a, b, c) {
            val offer = a.tandem.startPairing()
            val answer = b.tandem.acceptPairing(offer.text)
            val failures: Map<String, () -> Unit> = mapOf(
                "an answer where an offer is expected" to { c.tandem.acceptPairing(answer.text) },
                "an offer where an answer is expected" to { a.tandem.completePairing(offer.text) },
                "not a Tandem code" to { c.tandem.acceptPairing("https://example.com/") },
                "empty text" to { c.tandem.acceptPairing("") },
                "damaged code" to { c.tandem.acceptPairing(offer.text.dropLast(5)) },
                "damaged answer" to { a.tandem.completePairing(answer.text.dropLast(5)) },
                "this phone's own offer" to { a.tandem.acceptPairing(offer.text) },
            )
            for ((what, call) in failures) {
                val e = assertFailsWith<TandemException.PairingFailed>(what) { call() }
                assertTrue(e.reason.isNotBlank()) { "$what: empty reason" }
            }
            assertEquals(PairingStatus.Unpaired, c.tandem.pairingStatus(), "C after refused codes")
            assertEquals(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A's offer survives refused answers")

            // A new offer replaces the old one: an answer to the old one is refused.
            val newer = a.tandem.startPairing()
            assertFailsWith<TandemException.PairingFailed>("answer to a replaced offer") { a.tandem.completePairing(answer.text) }
            b.tandem.rejectPairing()
            // B already used the first offer.
            assertFailsWith<TandemException.PairingFailed>("an offer used before") { b.tandem.acceptPairing(offer.text) }
            val sas = a.tandem.completePairing(b.tandem.acceptPairing(newer.text).text)
            a.tandem.confirmPairing()
            b.tandem.confirmPairing()
            assertTrue(SAS.matches(sas)) { "digits" }
            assertFailsWith<TandemException.PairingFailed>("reject after confirming") { a.tandem.rejectPairing() }
            assertEquals(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "still paired after a late reject")
        }
    }

    @Test
    @DisplayName("AlreadyPaired: start, accept, complete while paired or waiting for the digits")
    fun `AlreadyPaired - start, accept, complete while paired or waiting for the digits`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        val c = newDb("Cleo's phone")
        using(a, b, c) {
            val offer = a.tandem.startPairing()
            val answer = b.tandem.acceptPairing(offer.text)
            // B waits for the digits: that counts as paired.
            assertFailsWith<TandemException.AlreadyPaired>("B starts while waiting") { b.tandem.startPairing() }
            a.tandem.completePairing(answer.text)
            a.tandem.confirmPairing()
            b.tandem.confirmPairing()
            val cOffer = c.tandem.startPairing()
            for ((what, call) in mapOf<String, () -> Unit>(
                "A starts" to { a.tandem.startPairing() },
                "B starts" to { b.tandem.startPairing() },
                "A accepts C's offer" to { a.tandem.acceptPairing(cOffer.text) },
                "A completes the same answer again" to { a.tandem.completePairing(answer.text) },
            )) {
                val e = assertFailsWith<TandemException.AlreadyPaired>(what) { call() }
                assertTrue(e.reason.isNotBlank()) { "$what: empty reason" }
            }
            assertEquals(PairingStatus.Offering(cOffer.expiresAtMs), c.tandem.pairingStatus(), "C still offering")
            assertEquals(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "A still paired with B")
        }
    }

    @Test
    @DisplayName("PairingFlow: offerer and answerer reach Paired with equal digits; the name arrives with the first sync")
    fun `PairingFlow - offerer and answerer reach Paired with equal digits, the name arrives with the first sync`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()
            assertEquals(PairingState.Idle, fa.state, "A's flow at first")
            assertEquals(PairingState.Idle, fb.state, "B's flow at first")

            val offer = expectState<PairingState.ShowingOffer>("A starts", fa.startAsOfferer())
            assertEquals(T0 + OFFER_LIFETIME, offer.expiresAtMs, "offer expiry")
            assertTrue(offer.qr.text.startsWith("TANDEM:")) { "the offer QR holds <${offer.qr.text.take(10)}>" }
            checkQr(offer.qr, offer.qr.text, "offer QR", maxVersion = 10)
            assertEquals(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.c.pairingStatus(), "core status while showing")
            assertTrue(fa.refresh() === offer) { "refresh replaced the offer screen" }

            assertEquals(PairingState.ScanningOffer, fb.startAsAnswerer(), "B opens the camera")
            b.clock.advance(20_000)
            val answer = expectState<PairingState.ShowingAnswer>("B scans the offer", fb.scanOffer(offer.qr.text))
            assertTrue(SAS.matches(answer.sas)) { "digits <${answer.sas}>" }
            checkQr(answer.qr, answer.qr.text, "answer QR", maxVersion = 10)
            assertTrue(fb.refresh() === answer) { "refresh replaced the answer screen" }

            a.clock.advance(40_000)
            assertEquals(PairingState.ComparingCode(answer.sas, BEN), fa.scanAnswer(answer.qr.text), "A compares the same digits")
            assertEquals(PairingState.ComparingCode(answer.sas, BEN), fa.refresh(), "A after refresh")

            // Keys made when each phone took the other's code: B at +20 s, A at +40 s.
            assertEquals(PairingState.Paired(BEN, true, 1, T0 + 40_000), fa.confirm(), "A confirms")
            assertEquals(PairingState.Paired(null, false, 1, T0 + 20_000), fb.confirm(), "B confirms (A not known yet)")
            assertEquals(PairingStatus.Paired(BEN, b.c.device().deviceId, true, 1u, T0 + 40_000), a.c.pairingStatus(), "A's core status")

            val aToB = tempDir()
            val bToA = tempDir()
            a.c.syncOut(FileSyncTransport(outbox = aToB, inbox = bToA))
            b.clock.advance(MINUTE)
            val first = b.c.syncIn(FileSyncTransport(outbox = bToA, inbox = aToB))
            assertEquals(true, first.partnerConfirmed, "A's first payload confirms A")
            assertEquals(PairingState.Paired(ANA, true, 2, T0 + 20_000 + MINUTE), fb.refresh(), "B after the first sync (its next key)")
            // A flow made later (after a restart) resumes from the core.
            assertEquals(PairingState.Paired(BEN, true, 1, T0 + 40_000), a.c.pairingFlow().state, "A's new flow")
            assertEquals(PairingState.Paired(ANA, true, 2, T0 + 20_000 + MINUTE), b.c.pairingFlow().state, "B's new flow")
        }
    }

    @Test
    @DisplayName("PairingFlow: expiry, wrong codes and rejected digits become Failed with a message")
    fun `PairingFlow - expiry, wrong codes and rejected digits become Failed with a message`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()

            // B scans the offer too late.
            val o1 = expectState<PairingState.ShowingOffer>("A starts", fa.startAsOfferer())
            fb.startAsAnswerer()
            b.clock.advance(OFFER_LIFETIME + 1)
            val late = expectState<PairingState.Failed>("B scans late", fb.scanOffer(o1.qr.text))
            assertTrue(late.error is TandemException.PairingExpired) { "expected PairingExpired, got ${late.error}" }
            assertEquals(UserMessages.PAIRING_EXPIRED, late.message, "message for a late scan")
            assertEquals(UserMessages.forError(late.error!!), late.message, "message from UserMessages")

            // A's code runs out while on screen: the core says so on refresh.
            a.clock.advance(OFFER_LIFETIME + ANSWER_GRACE)
            assertTrue(fa.refresh() === fa.state && fa.state is PairingState.ShowingOffer) { "A's offer gone inside the grace: ${fa.state}" }
            a.clock.advance(1)
            assertEquals(PairingState.Failed(UserMessages.PAIRING_EXPIRED, null), fa.refresh(), "A after its code ran out")

            // Wrong kinds of code.
            b.clock.set(a.clock.nowMs())
            val o2 = expectState<PairingState.ShowingOffer>("A starts again", fa.startAsOfferer())
            val ownOffer = expectState<PairingState.Failed>("A scans its own offer as the answer", fa.scanAnswer(o2.qr.text))
            assertTrue(ownOffer.error is TandemException.PairingFailed) { "expected PairingFailed, got ${ownOffer.error}" }
            assertEquals(UserMessages.forError(ownOffer.error!!), ownOffer.message, "message for a wrong code")
            assertTrue(!ownOffer.message.contains((ownOffer.error as TandemException.PairingFailed).reason)) { "the message shows the reason" }
            assertEquals(PairingState.ScanningOffer, fb.startAsAnswerer(), "B tries again from Failed")
            val notTandem = expectState<PairingState.Failed>("B scans a web address", fb.scanOffer("https://example.com/"))
            assertTrue(notTandem.error is TandemException.PairingFailed) { "expected PairingFailed, got ${notTandem.error}" }

            // The digits are rejected on A; B cancels its half.
            val o3 = expectState<PairingState.ShowingOffer>("A starts a third time", fa.startAsOfferer())
            fb.startAsAnswerer()
            val answer = expectState<PairingState.ShowingAnswer>("B scans", fb.scanOffer(o3.qr.text))
            expectState<PairingState.ComparingCode>("A scans", fa.scanAnswer(answer.qr.text))
            assertEquals(PairingState.Failed(UserMessages.PAIRING_REJECTED, null), fa.reject(), "A rejects the digits")
            assertEquals(PairingStatus.Unpaired, a.c.pairingStatus(), "A's core after rejecting")
            assertEquals(PairingState.Idle, fb.cancel(), "B cancels")
            assertEquals(PairingStatus.Unpaired, b.c.pairingStatus(), "B's core after cancelling")

            // An answer scanned where an offer is expected.
            fb.startAsAnswerer()
            val answerAsOffer = expectState<PairingState.Failed>("B scans an answer", fb.scanOffer(answer.qr.text))
            assertTrue(answerAsOffer.error is TandemException.PairingFailed) { "expected PairingFailed, got ${answerAsOffer.error}" }

            // Steps a screen does not offer are UI bugs: they throw and reach nothing.
            val before = fa.state
            assertFailsWith<IllegalStateException>("confirm from Failed") { fa.confirm() }
            assertFailsWith<IllegalStateException>("reject from Failed") { fa.reject() }
            assertFailsWith<IllegalStateException>("scan an answer from Failed") { fa.scanAnswer(answer.qr.text) }
            assertFailsWith<IllegalStateException>("scan an offer from Failed") { fa.scanOffer(o3.qr.text) }
            assertTrue(fa.state === before) { "a refused step changed the state" }
            assertEquals(PairingStatus.Unpaired, a.c.pairingStatus(), "A's core after refused steps")
            assertEquals(PairingState.Idle, fa.cancel(), "cancel from Failed")
        }
    }

    @Test
    @DisplayName("PairingFlow: AlreadyPaired, resuming mid-way, cancelling an offer, unpair")
    fun `PairingFlow - AlreadyPaired, resuming mid-way, cancelling an offer, unpair`() {
        val a = phone(ANA)
        val b = phone(BEN)
        val c = phone("Cleo's phone")
        val d = phone("Dan's phone")
        using(a, b, c, d) {
            val stale = a.c.pairingFlow() // made before pairing, still Idle
            pairFlows(a, b)
            val already = expectState<PairingState.Failed>("a stale flow starts", stale.startAsOfferer())
            assertTrue(already.error is TandemException.AlreadyPaired) { "expected AlreadyPaired, got ${already.error}" }
            assertEquals(UserMessages.forError(already.error!!), already.message, "message")
            assertFailsWith<IllegalStateException>("start from Paired") { a.c.pairingFlow().startAsOfferer() }
            assertEquals(PairingState.Paired(BEN, true, 1, T0), a.c.pairingFlow().cancel(), "cancel keeps a pairing")

            // C shows an offer, D answers; then both apps restart.
            val fc = c.c.pairingFlow()
            val fd = d.c.pairingFlow()
            val offer = expectState<PairingState.ShowingOffer>("C starts", fc.startAsOfferer())
            fd.startAsAnswerer()
            val answer = expectState<PairingState.ShowingAnswer>("D scans", fd.scanOffer(offer.qr.text))
            // D's answer code cannot be shown again: it resumes at the digits.
            assertEquals(PairingState.ComparingCode(answer.sas, null), d.c.pairingFlow().state, "D resumed")
            // C's offer code cannot be shown again either: start over.
            assertEquals(PairingState.Idle, c.c.pairingFlow().state, "C resumed")
            // Leaving the offer screen withdraws the offer: D's answer is refused.
            assertEquals(PairingState.Idle, fc.cancel(), "C cancels")
            assertEquals(PairingStatus.Unpaired, c.c.pairingStatus(), "C's core after cancelling")
            val resumed = d.c.pairingFlow()
            assertEquals(PairingState.Idle, resumed.cancel(), "D cancels its half")
            assertEquals(PairingStatus.Unpaired, d.c.pairingStatus(), "D's core after cancelling")
            // Switching from showing a code to scanning one withdraws it too.
            expectState<PairingState.ShowingOffer>("C shows again", fc.startAsOfferer())
            assertEquals(PairingState.ScanningOffer, fc.startAsAnswerer(), "C switches to scanning")
            assertEquals(PairingStatus.Unpaired, c.c.pairingStatus(), "C's core after switching")

            // Unpairing elsewhere: a Paired screen goes back to Idle on refresh.
            val fa = a.c.pairingFlow()
            a.c.unpair()
            assertEquals(PairingState.Idle, fa.refresh(), "A after unpair")
            // A can pair again, with C this time.
            pairFlows(c, a)
            // A answered this time: C's name comes with C's first payload.
            assertEquals(PairingState.Paired(null, false, 1, T0), fa.refresh(), "A paired with C, C not yet known (keys of the new pairing)")
        }
    }

    @Test
    @DisplayName("pairing: a code that is not Tandem's, an expired offer, an answer where an offer is expected and an offer where an answer is: each Failed with its message, nothing lost, and pairing works after")
    fun `pairing - a code that is not Tandem's, an expired offer, an answer where an offer is expected and an offer where an answer is - each Failed with its message, nothing lost, and pairing works after`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val mine = b.c.addPersonalRitual("Stretch", null, 10, "07:00", ZoneMode.Floating)
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()
            fb.startAsAnswerer()
            for (text in listOf("https://example.com/", "WIFI:S:home;T:WPA;P:secret;;", "", "TANDEM:nonsense")) {
                val f = expectState<PairingState.Failed>("scan <$text>", fb.scanOffer(text))
                assertEquals(UserMessages.forError(TandemException.PairingFailed("x")), f.message, "<$text>: message")
                assertTrue(f.error is TandemException.PairingFailed) { "<$text>: ${f.error}" }
                fb.startAsAnswerer()
            }
            val offer = expectState<PairingState.ShowingOffer>("A offers", fa.startAsOfferer())
            b.clock.advance(OFFER_LIFETIME + 1)
            val expired = expectState<PairingState.Failed>("B scans late", fb.scanOffer(offer.qr.text))
            assertEquals(UserMessages.PAIRING_EXPIRED, expired.message, "expired message")
            assertTrue(expired.error is TandemException.PairingExpired) { "expected PairingExpired, got ${expired.error}" }
            b.clock.set(a.clock.nowMs())

            val o2 = expectState<PairingState.ShowingOffer>("A offers again", fa.startAsOfferer())
            val wrongMode = expectState<PairingState.Failed>("A scans its own offer as an answer", fa.scanAnswer(o2.qr.text))
            assertTrue(wrongMode.error is TandemException.PairingFailed) { "offer as answer: ${wrongMode.error}" }
            val o3 = expectState<PairingState.ShowingOffer>("A offers a third time", fa.startAsOfferer())
            fb.startAsAnswerer()
            val answer = expectState<PairingState.ShowingAnswer>("B scans", fb.scanOffer(o3.qr.text))
            val fc = phone("Cleo's phone")
            using(fc) {
                val flowC = fc.c.pairingFlow()
                flowC.startAsAnswerer()
                val asOffer = expectState<PairingState.Failed>("C scans B's answer as an offer", flowC.scanOffer(answer.qr.text))
                assertTrue(asOffer.error is TandemException.PairingFailed) { "answer as offer: ${asOffer.error}" }
            }
            assertEquals(listOf(mine), b.c.rituals(), "B's ritual kept through every failure")
            expectState<PairingState.ComparingCode>("A scans B's answer", fa.scanAnswer(answer.qr.text))
            expectState<PairingState.Paired>("A confirms", fa.confirm())
            expectState<PairingState.Paired>("B confirms", fb.confirm())
        }
    }
}
