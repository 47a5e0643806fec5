package app.tandem.shell

import app.tandem.ffi.PairingStatus
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
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
    @DisplayName("PairingFlow: two phones pair through the core's screen alone; its words, code, digits and buttons; the name arrives with the first sync")
    fun `PairingFlow - two phones pair through the core's screen alone, the name arrives with the first sync`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()
            for (f in listOf(fa, fb)) {
                val start = expectStage("at first", PairingStage.START, f.refresh(BERLIN))
                assertEquals("Pair your phones", start.heading, "heading")
                assertEquals(listOf("Show my code", "Scan my partner's code"), start.actions.map { it.label }, "buttons")
                assertEquals(listOf(PairingAction.SHOW_MY_CODE, PairingAction.SCAN_PARTNERS_CODE), start.actions.map { it.action }, "actions")
                assertEquals(null, start.notice, "no notice")
            }

            val offer = expectStage("A shows its code", PairingStage.SHOWING_CODE, fa.press(PairingAction.SHOW_MY_CODE, BERLIN))
            val offerQr = offer.qr ?: fail("no code to show")
            checkQr(offerQr, offerQr.text, "offer QR", maxVersion = 10)
            assertTrue(offerQr.text.startsWith("TANDEM:")) { "the code holds <${offerQr.text.take(10)}>" }
            assertEquals("Let your partner scan this, then scan the code on their screen.", offer.instruction, "instruction")
            assertEquals("Good until 13:02", offer.expires, "the code's time on the phone's clock (Berlin)")
            assertEquals(T0 + OFFER_LIFETIME, offer.expiresAtMs, "expiry")
            assertEquals(listOf(PairingAction.SCAN_PARTNERS_CODE, PairingAction.CHECK_CODE, PairingAction.CANCEL), offer.actions.map { it.action }, "buttons while showing")
            assertEquals(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.c.core.pairingStatus(), "core status while showing")
            assertEquals(offerQr.text, shown(fa.press(PairingAction.CHECK_CODE, BERLIN)).qr?.text, "checking shows the same code")

            // B opens the camera (the shell's one state) and scans.
            val scanning = fb.press(PairingAction.SCAN_PARTNERS_CODE, BERLIN) as PairingScreen.Shown
            assertTrue(scanning.scanning) { "the camera is open" }
            b.clock.advance(20_000)
            val answer = expectStage("B scans the code", PairingStage.SHOWING_ANSWER, fb.scanned(offerQr.text, BERLIN))
            assertEquals(false, (fb.screen as PairingScreen.Shown).scanning, "the camera closes after a scan")
            val answerQr = answer.qr ?: fail("no answer to show")
            checkQr(answerQr, answerQr.text, "answer QR", maxVersion = 10)
            val digits = answer.digits ?: fail("no digits")
            assertTrue(SAS.matches(digits)) { "digits <$digits>" }
            assertEquals(listOf("They match", "They differ"), answer.actions.map { it.label }, "buttons while comparing")
            assertEquals(answerQr.text, shown(fb.refresh(BERLIN)).qr?.text, "the answer is shown again on refresh")

            a.clock.advance(40_000)
            val comparing = expectStage("A scans the answer", PairingStage.COMPARING, fa.scanned(answerQr.text, BERLIN))
            assertEquals(digits, comparing.digits, "the same digits on both phones")
            assertEquals(BEN, comparing.partnerName, "A knows B's name")
            assertEquals("Do these digits match the ones on $BEN's screen?", comparing.instruction, "A's question names B")
            assertEquals(null, comparing.qr, "nothing to show on A")

            // Keys made when each phone took the other's code: B at +20 s, A at +40 s.
            val pa = expectStage("A confirms", PairingStage.PAIRED, fa.press(PairingAction.THEY_MATCH, BERLIN))
            assertEquals("Paired with $BEN", pa.pairedWith, "A's paired line")
            assertEquals("Encryption keys: generation 1, last renewed Mon 1 Mar 2027 at 13:00. They renew as you sync.", pa.keys, "A's key line, Berlin time")
            assertEquals(listOf(PairingAction.UNPAIR), pa.actions.map { it.action }, "only unpairing once paired")
            assertEquals("Unpair this phone", pa.actions.single().label, "its label")
            val pb = expectStage("B confirms", PairingStage.PAIRED, fb.press(PairingAction.THEY_MATCH, BERLIN))
            assertEquals("Paired with your partner", pb.pairedWith, "B before A's first file")
            assertEquals("If your partner's screen doesn't show the digits yet, let them scan this code. Then receive their first file to finish pairing.", pb.instruction, "what B does next")
            assertEquals(answerQr.text, pb.qr?.text, "B's answer stays shown until A's first file says A has it")
            assertEquals(PairingStatus.Paired(BEN, b.c.core.device().deviceId, true, 1u, T0 + 40_000), a.c.core.pairingStatus(), "A's core status")

            val aToB = tempDir()
            val bToA = tempDir()
            a.c.syncOut(FileSyncTransport(outbox = aToB, inbox = bToA))
            b.clock.advance(MINUTE)
            assertEquals(true, b.c.syncIn(FileSyncTransport(outbox = bToA, inbox = aToB)).partnerConfirmed, "A's first payload confirms A")
            val named = expectStage("B after the first sync", PairingStage.PAIRED, fb.refresh(NY))
            assertEquals("Paired with $ANA", named.pairedWith, "B learns A's name")
            assertEquals("Encryption keys: generation 2, last renewed Mon 1 Mar 2027 at 07:01. They renew as you sync.", named.keys, "B's next key, New York time")
            // A flow made later (after a restart) reads the same from the core.
            assertEquals(pa, shown(a.c.pairingFlow().refresh(BERLIN)), "A's new flow")
            assertEquals(named, shown(b.c.pairingFlow().refresh(NY)), "B's new flow")
        }
    }

    @Test
    @DisplayName("PairingFlow: an expired code, a code that runs out on screen, wrong codes and differing digits each come back with the core's notice, nothing lost")
    fun `PairingFlow - expired, run out, wrong codes and differing digits come back with the core's notice`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()

            // B scans the code too late.
            val o1 = expectStage("A shows", PairingStage.SHOWING_CODE, fa.press(PairingAction.SHOW_MY_CODE, BERLIN))
            b.clock.advance(OFFER_LIFETIME + 1)
            val late = expectStage("B scans late", PairingStage.START, fb.scanned(o1.qr!!.text, BERLIN))
            assertEquals("pairing.expired", late.notice?.code, "notice code")
            assertEquals(UserMessages.PAIRING_EXPIRED, late.notice?.text, "the same words as the refusal")
            assertEquals(late, shown(fb.refresh(BERLIN)), "the notice stays until the next step")

            // A's code past its time: not shown, the answer still taken a while; then it ran out.
            a.clock.advance(OFFER_LIFETIME + 1)
            val closed = expectStage("A past the code's time", PairingStage.SHOWING_CODE, fa.press(PairingAction.CHECK_CODE, BERLIN))
            assertEquals(null, closed.qr, "no code shown past its time")
            assertEquals(listOf(PairingAction.SCAN_PARTNERS_CODE, PairingAction.SHOW_MY_CODE, PairingAction.CANCEL), closed.actions.map { it.action }, "buttons")
            a.clock.advance(ANSWER_GRACE)
            val ranOut = expectStage("A after the grace", PairingStage.START, fa.refresh(BERLIN))
            assertEquals("pairing.ran-out", ranOut.notice?.code, "the code ran out")
            assertEquals("Your code ran out before pairing finished. Show a new code when you are both ready.", ranOut.notice?.text, "its words")

            // Wrong kinds of code: the screen stays as it was, with the notice.
            b.clock.set(a.clock.nowMs())
            val o2 = expectStage("A shows again", PairingStage.SHOWING_CODE, fa.press(PairingAction.SHOW_MY_CODE, BERLIN))
            assertEquals(null, o2.notice, "a new code clears the notice")
            val own = expectStage("A scans its own code", PairingStage.SHOWING_CODE, fa.scanned(o2.qr!!.text, BERLIN))
            assertEquals(o2.qr?.text, own.qr?.text, "A's code is still shown")
            assertEquals(UserMessages.forError(TandemException.PairingFailed("x")), own.notice?.text, "the refusal's words")
            for (text in listOf("https://example.com/", "WIFI:S:home;T:WPA;P:secret;;", "", "TANDEM:nonsense")) {
                val s = expectStage("B scans <$text>", PairingStage.START, fb.scanned(text, BERLIN))
                assertEquals("pairing.failed", s.notice?.code, "<$text>")
            }

            // The digits differ on A; B leaves (cancel rejects without a notice).
            val answer = expectStage("B scans", PairingStage.SHOWING_ANSWER, fb.scanned(o2.qr!!.text, BERLIN))
            expectStage("A scans", PairingStage.COMPARING, fa.scanned(answer.qr!!.text, BERLIN))
            val rejected = expectStage("A rejects", PairingStage.START, fa.press(PairingAction.THEY_DIFFER, BERLIN))
            assertEquals(UserMessages.PAIRING_REJECTED, rejected.notice?.text, "rejected")
            assertEquals(PairingStatus.Unpaired, a.c.core.pairingStatus(), "A's core after rejecting")
            assertEquals(null, expectStage("B cancels", PairingStage.START, fb.press(PairingAction.CANCEL, BERLIN)).notice, "no notice on leaving")
            assertEquals(PairingStatus.Unpaired, b.c.core.pairingStatus(), "B's core after cancelling")

            // The rejected answer is not taken again.
            val again = expectStage("B scans the old answer", PairingStage.START, fb.scanned(answer.qr!!.text, BERLIN))
            assertEquals("pairing.failed", again.notice?.code, "an answer on a phone that shows no code")

            // Steps the screen does not offer change nothing.
            val before = shown(fa.refresh(BERLIN))
            for (action in listOf(PairingAction.THEY_MATCH, PairingAction.THEY_DIFFER, PairingAction.UNPAIR)) {
                assertEquals(before, shown(fa.press(action, BERLIN)), "$action from the start")
            }
            assertEquals(PairingStatus.Unpaired, a.c.core.pairingStatus(), "A's core after steps not offered")
            assertEquals(null, shown(fa.press(PairingAction.CANCEL, BERLIN)).notice, "cancel clears the notice")
        }
    }

    @Test
    @DisplayName("PairingFlow: the camera, a stale flow, resuming after a restart, cancelling a code, both showing a code, unpair")
    fun `PairingFlow - the camera, a stale flow, resuming after a restart, cancelling, both showing a code, unpair`() {
        val a = phone(ANA)
        val b = phone(BEN)
        val cleo = phone("Cleo's phone")
        val dan = phone("Dan's phone")
        using(a, b, cleo, dan) {
            // The camera: opened by its button, closed by its own or by any step.
            val fa0 = a.c.pairingFlow()
            val open = fa0.press(PairingAction.SCAN_PARTNERS_CODE, BERLIN) as PairingScreen.Shown
            assertTrue(open.scanning) { "open" }
            assertEquals("Close the camera", open.model.closeCamera, "its button")
            assertTrue(open.model.cameraHint.contains("camera")) { open.model.cameraHint }
            assertEquals("Allow the camera", open.model.allowCamera, "asking for it")
            assertEquals(false, (fa0.closeCamera(BERLIN) as PairingScreen.Shown).scanning, "closed")
            fa0.press(PairingAction.SCAN_PARTNERS_CODE, BERLIN)
            assertEquals(false, (fa0.press(PairingAction.SHOW_MY_CODE, BERLIN) as PairingScreen.Shown).scanning, "a step closes it")
            fa0.press(PairingAction.CANCEL, BERLIN)

            // A stale flow, made before pairing: its buttons change nothing once paired.
            val stale = a.c.pairingFlow()
            pairFlows(a, b)
            val paired = expectStage("a stale flow starts", PairingStage.PAIRED, stale.press(PairingAction.SHOW_MY_CODE, BERLIN))
            assertEquals("Paired with $BEN", paired.pairedWith, "still paired")
            assertEquals(paired, shown(a.c.pairingFlow().press(PairingAction.CANCEL, BERLIN)), "cancel keeps a pairing")

            // C shows a code, D answers; then both apps restart.
            val c = newDb("Cleo's phone")
            val d = newDb("Dan's phone")
            val code = expectStage("C shows", PairingStage.SHOWING_CODE, PairingFlow(c.tandem).press(PairingAction.SHOW_MY_CODE, BERLIN)).qr!!.text
            val answer = expectStage("D scans", PairingStage.SHOWING_ANSWER, PairingFlow(d.tandem).scanned(code, BERLIN))
            c.tandem.closeDatabase()
            d.tandem.closeDatabase()
            reopen(c).closing { t ->
                // C's code is read back from the store: the same code again.
                val fc = PairingFlow(t)
                assertEquals(code, expectStage("C resumed", PairingStage.SHOWING_CODE, fc.refresh(BERLIN)).qr?.text, "C's code again")
                // Leaving the code withdraws it: D's answer is refused.
                assertEquals(null, expectStage("C cancels", PairingStage.START, fc.press(PairingAction.CANCEL, BERLIN)).notice, "no notice")
                assertEquals(PairingStatus.Unpaired, t.pairingStatus(), "C's core after cancelling")
                assertEquals("pairing.failed", expectStage("C scans D's answer", PairingStage.START, fc.scanned(answer.qr!!.text, BERLIN)).notice?.code, "refused")
            }
            reopen(d).closing { t ->
                // D's answer is never stored: D resumes at the digits.
                val fd = PairingFlow(t)
                val resumed = expectStage("D resumed", PairingStage.COMPARING, fd.refresh(BERLIN))
                assertEquals(answer.digits, resumed.digits, "D's digits")
                assertEquals("Do these digits match the ones on your partner's screen?", resumed.instruction, "D does not know C's name")
                expectStage("D leaves", PairingStage.START, fd.press(PairingAction.CANCEL, BERLIN))
                assertEquals(PairingStatus.Unpaired, t.pairingStatus(), "D's core after cancelling")
            }

            // Both show a code and C scans D's: C answers, its own code goes.
            val fc = cleo.c.pairingFlow()
            val fd = dan.c.pairingFlow()
            fc.press(PairingAction.SHOW_MY_CODE, BERLIN)
            val dCode = expectStage("D shows", PairingStage.SHOWING_CODE, fd.press(PairingAction.SHOW_MY_CODE, BERLIN)).qr!!.text
            val cAnswer = expectStage("C scans D's code", PairingStage.SHOWING_ANSWER, fc.scanned(dCode, BERLIN))
            assertEquals(cAnswer.digits, expectStage("D scans C's answer", PairingStage.COMPARING, fd.scanned(cAnswer.qr!!.text, BERLIN)).digits, "the same digits")
            expectStage("C confirms", PairingStage.PAIRED, fc.press(PairingAction.THEY_MATCH, BERLIN))
            expectStage("D confirms", PairingStage.PAIRED, fd.press(PairingAction.THEY_MATCH, BERLIN))

            // Unpairing: from the paired screen only, back to the start; then A pairs again.
            val fa = a.c.pairingFlow()
            assertEquals(null, expectStage("A unpairs", PairingStage.START, fa.press(PairingAction.UNPAIR, BERLIN)).notice, "no notice")
            assertEquals(PairingStatus.Unpaired, a.c.core.pairingStatus(), "A's core after unpairing")
            expectStage("B still paired", PairingStage.PAIRED, b.c.pairingFlow().refresh(BERLIN))
            a.c.core.unpair() // nothing to unpair: harmless
            val bFresh = phone("Ben's new phone")
            using(bFresh) {
                pairFlows(bFresh, a)
                // A answered this time: the name comes with the partner's first payload.
                assertEquals("Paired with your partner", expectStage("A paired again", PairingStage.PAIRED, fa.refresh(BERLIN)).pairedWith, "A")
            }
        }
    }

    @Test
    @DisplayName("PairingFlow in German: the words and the refusal come in the phone's language")
    fun `PairingFlow in German - the words and the refusal come in the phone's language`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            a.c.setLanguage("de-DE")
            b.c.setLanguage("de-DE")
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()
            val start = expectStage("A at first", PairingStage.START, fa.refresh(BERLIN))
            assertEquals(listOf("Meinen Code zeigen", "Den Code meines Gegenübers scannen"), start.actions.map { it.label }, "buttons")
            val code = expectStage("A shows", PairingStage.SHOWING_CODE, fa.press(PairingAction.SHOW_MY_CODE, BERLIN))
            assertEquals("Gültig bis 13:02", code.expires, "expiry")
            val answer = expectStage("B scans", PairingStage.SHOWING_ANSWER, fb.scanned(code.qr!!.text, BERLIN))
            assertEquals(listOf("Sie stimmen überein", "Sie unterscheiden sich"), answer.actions.map { it.label }, "buttons")
            expectStage("A scans", PairingStage.COMPARING, fa.scanned(answer.qr!!.text, BERLIN))
            val paired = expectStage("A confirms", PairingStage.PAIRED, fa.press(PairingAction.THEY_MATCH, BERLIN))
            assertEquals("Verbunden mit $BEN", paired.pairedWith, "paired line")
            assertEquals("Verbindung dieses Handys trennen", paired.actions.single().label, "unpair")
            val refused = expectStage("B scans nonsense", PairingStage.SHOWING_ANSWER, fb.scanned("x", BERLIN))
            assertEquals(null, refused.notice, "a scan the screen does not offer changes nothing")
            val bens = expectStage("B confirms", PairingStage.PAIRED, fb.press(PairingAction.THEY_MATCH, BERLIN))
            assertEquals("Verbunden mit deinem Gegenüber", bens.pairedWith, "unnamed partner")
        }
    }
}
