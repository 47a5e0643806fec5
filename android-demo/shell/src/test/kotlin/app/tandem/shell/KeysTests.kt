package app.tandem.shell

import app.tandem.ffi.PairingStatus
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/** Where [db]'s keys stand: (keyEpoch, keysMovedAtMs); fails unless paired. */
private fun keysOf(db: Db): Pair<UInt, Long> {
    val s = db.tandem.pairingStatus()
    assertTrue(s is PairingStatus.Paired) { "not paired: $s" }
    val paired = s as PairingStatus.Paired
    return paired.keyEpoch to paired.keysMovedAtMs
}

/**
 * Key epochs and forward secrecy: the keys move on with each delivery, and a
 * payload sealed to a deleted key is PayloadTooOld.
 */
class KeysTests : StoreTestBase() {
    @Test
    @DisplayName("key epoch: 1 on both phones after pairing, one more with each delivery, keysMovedAtMs the receiver's clock then")
    fun `key epoch - 1 on both phones after pairing, one more with each delivery, keysMovedAtMs the receiver's clock then`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            assertEquals(1u to T0, keysOf(a), "A right after pairing")
            assertEquals(1u to T0, keysOf(b), "B right after pairing")
            a.tandem.proposeRitual(draft())

            // Alternating deliveries, each sealed to the receiver's newest key:
            // the receiver moves on (B to 2, A to 3, B to 4, ...), the sender not.
            var epoch = 1u
            for (round in 1..4) {
                for ((from, to) in listOf(a to b, b to a)) {
                    val who = if (to === a) "A" else "B"
                    from.clock.advance(MINUTE)
                    to.clock.advance(3 * MINUTE) // the receiver's own clock, not the sender's
                    val senderBefore = keysOf(from)
                    val payloads = from.tandem.exportPayloads()
                    assertEquals(senderBefore, keysOf(from), "round $round: exporting moves no keys")
                    payloads.forEach { to.tandem.importPayload(it) }
                    epoch++
                    assertEquals(epoch to to.clock.nowMs(), keysOf(to), "round $round: $who after the payload")
                    assertEquals(senderBefore, keysOf(from), "round $round: the sender after delivery")
                }
            }
            assertEquals(9u, keysOf(a).first, "A after eight deliveries")
            assertEquals(8u, keysOf(b).first, "B after eight deliveries")

            // A replayed payload and one sealed to a key already in use move nothing.
            val last = b.tandem.exportOne()
            a.clock.advance(MINUTE)
            assertReport(report(applied = 0, acknowledged = 1), a.tandem.importPayload(last), "B's next payload (sealed to A's key in use)")
            val aKeys = keysOf(a)
            assertEquals(9u, aKeys.first, "A: a payload to the key in use is not a move")
            a.clock.advance(MINUTE)
            assertEquals(true, a.tandem.importPayload(last).alreadyImported, "replay")
            assertEquals(aKeys, keysOf(a), "A after a replay")
        }
        // Both phones keep where their keys stand across a reopen.
        reopen(a).closing { assertEquals(9u, (it.pairingStatus() as PairingStatus.Paired).keyEpoch, "A after reopen") }
        reopen(b).closing { assertEquals(8u, (it.pairingStatus() as PairingStatus.Paired).keyEpoch, "B after reopen") }
    }

    @Test
    @DisplayName("forward secrecy: a payload sealed to a key deleted since is PayloadTooOld and changes nothing; the one imported then replays")
    fun `forward secrecy - a payload sealed to a key deleted since is PayloadTooOld and changes nothing, the one imported then replays`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            val walk = a.tandem.proposeRitual(draft(title = "Evening walk"))
            val p1 = a.tandem.exportOne()
            a.clock.advance(MINUTE)
            val tea = a.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))
            val p2 = a.tandem.exportOne() // A has not heard from B: sealed to B's key 1 as well
            b.clock.advance(MINUTE)
            assertReport(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(p1), "B imports P1 only")
            assertEquals(2u, keysOf(b).first, "B made its next key")

            // Three full exchanges; the first A→B is still sealed to B's key 1 (A
            // has not heard from B) and moves nothing; each later delivery does.
            val epochs = mutableListOf<Pair<UInt, UInt>>()
            repeat(3) {
                a.clock.advance(MINUTE)
                b.clock.advance(MINUTE)
                deliver(a, b)
                deliver(b, a)
                epochs += keysOf(a).first to keysOf(b).first
            }
            assertEquals(listOf(3u to 2u, 5u to 4u, 7u to 6u), epochs, "(A, B) epochs after each exchange")
            val rituals = b.tandem.rituals()
            assertEquals(listOf(walk.id, tea.id).sorted(), rituals.map { it.id }.sorted(), "Tea reached B with the exchanges")
            val status = b.tandem.pairingStatus()

            b.clock.advance(MINUTE)
            val e = assertFailsWith<TandemException.PayloadTooOld>("P2, sealed to B's deleted key 1") { b.tandem.importPayload(p2) }
            assertTrue(e.reason.isNotBlank()) { "empty reason" }
            assertEquals(UserMessages.PAYLOAD_TOO_OLD, UserMessages.forError(e), "the message shown")
            assertEquals(rituals, b.tandem.rituals(), "B's rituals unchanged by the refused payload")
            assertEquals(status, b.tandem.pairingStatus(), "B's keys unchanged by the refused payload")
            assertFailsWith<TandemException.PayloadTooOld>("P2 again") { b.tandem.importPayload(p2) }

            // P1 was applied before its key went: delivered again, it is a duplicate.
            val again = b.tandem.importPayload(p1)
            assertEquals(true, again.alreadyImported, "P1 again: alreadyImported")
            assertEquals(0u, again.applied, "P1 again: nothing applied")
            assertEquals(rituals, b.tandem.rituals(), "B's rituals after P1 again")
            assertEquals(status, b.tandem.pairingStatus(), "B's keys after P1 again")
        }
    }

    @Test
    @DisplayName("controller syncIn: a too-old file is refused with the calm message and dropped; the rest still imports")
    fun `controller syncIn - a too-old file is refused with the calm message and dropped, the rest still imports`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            pairFlows(a, b)
            val aToB = tempDir()
            val bToA = tempDir()
            val aside = tempDir()
            val ta = FileSyncTransport(outbox = aToB, inbox = bToA)
            val tb = FileSyncTransport(outbox = bToA, inbox = aToB)
            a.c.core.proposeRitual(draft("Evening walk", null, 30u, "20:30", ZoneMode.Floating))
            a.c.syncOut(ta)
            a.c.core.proposeRitual(draft("Tea", null, 15u, "16:00", ZoneMode.Floating))
            val late = File(aToB, a.c.syncOut(ta).sentTo.single())
            // The second file is held back (a slow share), the first arrives.
            val held = File(aside, late.name)
            assertTrue(late.renameTo(held)) { "could not hold the file back" }
            assertEquals(1L, b.c.syncIn(tb).applied, "B receives the first file")
            repeat(3) {
                a.clock.advance(MINUTE)
                b.clock.advance(MINUTE)
                a.c.syncOut(ta)
                b.c.syncIn(tb)
                b.c.syncOut(tb)
                a.c.syncIn(ta)
            }
            val rituals = b.c.core.rituals()
            assertEquals(2, rituals.size, "both rituals reached B with the exchanges")

            // The held-back file finally arrives, next to a fresh one.
            assertTrue(held.renameTo(late)) { "could not put the file back" }
            a.c.syncOut(ta)
            assertEquals(2, tb.waiting(), "two files waiting")
            val got = b.c.syncIn(tb)
            assertEquals(1, got.refused.size, "one refused")
            val refused = got.refused.single()
            assertEquals(late.name, refused.source, "the late file")
            assertTrue(refused.error is TandemException.PayloadTooOld) { "expected PayloadTooOld, got ${refused.error}" }
            assertEquals(UserMessages.PAYLOAD_TOO_OLD, refused.message, "message")
            assertEquals(1, got.imported.size, "the fresh file imported")
            assertEquals(0, tb.waiting(), "the too-old file is dropped: nothing left waiting")
            assertEquals(rituals, b.c.core.rituals(), "nothing changed on B")
            assertEquals(listOf("${late.name}: ${UserMessages.PAYLOAD_TOO_OLD}"), b.c.syncScreen(0, SyncScreen.lastOf(got, emptyList())).lines.drop(1), "the screen's lines")
        }
    }

    @Test
    @DisplayName("the pairing screen's key line: the generation and when the keys last moved on, on the phone's clock")
    fun `the pairing screen's key line - the generation and when the keys last moved on, on the phone's clock`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            a.clock.set(ms("2027-03-01T17:05:00Z"))
            b.clock.set(ms("2027-03-01T17:05:00Z"))
            pairFlows(a, b)
            val keys = { zone: String -> shown(a.c.pairingFlow().refresh(zone)).keys }
            assertEquals("Encryption keys: generation 1, last renewed Mon 1 Mar 2027 at 12:05. They renew as you sync.", keys(NY), "New York")
            assertEquals("Encryption keys: generation 1, last renewed Mon 1 Mar 2027 at 18:05. They renew as you sync.", keys(BERLIN), "Berlin")
            assertEquals("Encryption keys: generation 1, last renewed Mon 1 Mar 2027 at 17:05. They renew as you sync.", keys("UTC"), "UTC")
            assertTrue(a.c.pairingFlow().refresh("Not/AZone") is PairingScreen.Failed) { "an unknown zone is the core's refusal" }
            val c = phone("Cleo's phone")
            using(c) { assertEquals(null, shown(c.c.pairingFlow().refresh(NY)).keys, "no keys before pairing") }
        }
    }
}
