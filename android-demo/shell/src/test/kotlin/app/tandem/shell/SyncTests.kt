package app.tandem.shell

import app.tandem.ffi.IncomingFile
import app.tandem.ffi.News
import app.tandem.ffi.NewsAbout
import app.tandem.ffi.PairingStatus
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualFormResult
import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.payloadFromChunks
import app.tandem.ffi.payloadFromText
import app.tandem.ffi.payloadToChunks
import app.tandem.ffi.payloadToText
import app.tandem.ffi.qrCode
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

private fun ByteArray.withBitFlipped(index: Int, bit: Int = 0): ByteArray =
    copyOf().also { it[index] = (it[index].toInt() xor (1 shl bit)).toByte() }

/**
 * Sync: payloads both ways, their text, chunk and QR forms, every refused
 * payload (flipped bits, another pairing, replay, clock far ahead),
 * NotPaired, FileSyncTransport and the controller's syncOut/syncIn and
 * changesToSend.
 */
class SyncTests : StoreTestBase() {
    @Test
    @DisplayName("sync: rituals both ways with equal ids and titles, acknowledgements, nothing new the second time")
    fun `sync - rituals both ways with equal ids and titles, acknowledgements, nothing new the second time`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            val walk = a.tandem.proposeRitual(draft(title = "Evening walk"))
            a.clock.advance(MINUTE)
            val call = a.tandem.proposeRitual(draft(title = "Sunday call", prompt = "How was the week?", minutes = 60u, time = "18:00", zone = ZoneMode.Fixed(BERLIN)))
            val tea = b.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))

            val fromA = a.tandem.exportOne()
            val fromAAgain = a.tandem.exportOne() // before B acknowledged: the same two changes
            assertReport(report(applied = 2, partnerConfirmed = true), b.tandem.importPayload(fromA), "B imports A's rituals")
            assertReport(report(applied = 0, duplicates = 2), b.tandem.importPayload(fromAAgain), "B imports the same changes again")
            val onB = b.tandem.rituals()
            // The core's order is its own (time, then clock and proposer): compare by id.
            assertEquals(listOf(walk, call, tea).sortedBy { it.id }, onB.sortedBy { it.id }, "B's rituals (A's exactly as A has them)")

            val fromB = b.tandem.exportOne()
            assertReport(report(applied = 1, acknowledged = 2), a.tandem.importPayload(fromB), "A imports B's ritual; B holds A's two")
            assertEquals(onB, a.tandem.rituals(), "both phones hold the same rituals")
            assertEquals(listOf(walk.id, call.id, tea.id).sorted(), a.tandem.rituals().map { it.id }.sorted(), "ids")
            assertEquals(setOf("Evening walk", "Sunday call", "Tea"), a.tandem.rituals().map { it.title }.toSet(), "titles")
            assertEquals(b.tandem.device().deviceId, a.tandem.rituals().first { it.id == tea.id }.proposedBy, "proposer of B's ritual on A")

            // Second round: each side's export carries nothing the other lacks.
            assertReport(report(applied = 0, acknowledged = 1), b.tandem.importPayload(a.tandem.exportOne()), "B imports A's second export")
            assertReport(report(applied = 0, acknowledged = 2), a.tandem.importPayload(b.tandem.exportOne()), "A imports B's second export")
            assertEquals(onB, b.tandem.rituals(), "B unchanged by empty payloads")
            // Occurrences agree too (same zone, same instants).
            assertEquals(
                a.tandem.upcoming(T0, T0 + 2 * DAY, NY).map { it.ritualId to it.startMs },
                b.tandem.upcoming(T0, T0 + 2 * DAY, NY).map { it.ritualId to it.startMs },
                "occurrences on both phones",
            )
        }
    }

    @Test
    @DisplayName("payload text and chunk forms round trip; damaged forms are PayloadRejected")
    fun `payload text and chunk forms round trip, damaged forms are PayloadRejected`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            repeat(12) { i ->
                a.tandem.proposeRitual(draft(title = "Ritual $i", prompt = "p$i ".repeat(120).trim(), minutes = (10 + i).toUInt()))
            }
            val payload = a.tandem.exportOne()

            val text = payloadToText(payload)
            assertTrue(text.startsWith("TSYNC1:")) { "text form <${text.take(10)}>" }
            assertTrue(Regex("TSYNC1:[A-Za-z0-9_-]+").matches(text)) { "text form is not base64url" }
            assertTrue(payloadFromText(text).contentEquals(payload)) { "text round trip" }
            // Line breaks and spaces from a mail client are harmless.
            val wrapped = text.chunked(76).joinToString("\r\n", prefix = "  ", postfix = "\n")
            assertTrue(payloadFromText(wrapped).contentEquals(payload)) { "wrapped text round trip" }

            val chunks = payloadToChunks(payload)
            assertTrue(chunks.size >= 3) { "expected several chunks for ${payload.size} bytes, got ${chunks.size}" }
            assertTrue(chunks.all { it.length <= 2000 }) { "a chunk is longer than 2000 chars: ${chunks.map { it.length }}" }
            assertTrue(chunks.all { it.startsWith("TSYNC1-CHUNK:") }) { "chunk prefix" }
            assertTrue(payloadFromChunks(chunks).contentEquals(payload)) { "chunks in order" }
            assertTrue(payloadFromChunks(chunks.reversed()).contentEquals(payload)) { "chunks reversed" }
            assertTrue(payloadFromChunks(chunks.shuffled(java.util.Random(7))).contentEquals(payload)) { "chunks shuffled" }
            checkQr(qrCode(chunks[0]), chunks[0], "QR of a full chunk")

            val bytes = ByteArray(256) { it.toByte() }
            assertTrue(payloadFromText(payloadToText(bytes)).contentEquals(bytes)) { "all byte values through text" }
            assertTrue(payloadFromChunks(payloadToChunks(bytes)).contentEquals(bytes)) { "all byte values through chunks" }
            assertEquals(1, payloadToChunks(ByteArray(0)).size, "an empty payload is one chunk")

            // The reassembled payload imports.
            assertReport(report(applied = 12, partnerConfirmed = true), b.tandem.importPayload(payloadFromChunks(chunks.reversed())), "import after chunks")

            val refused: Map<String, () -> Unit> = mapOf(
                "text without the prefix" to { payloadFromText(text.removePrefix("TSYNC1:")) },
                "text with a bad character" to { payloadFromText(text + "*") },
                "plain words" to { payloadFromText("hello") },
                "a missing chunk" to { payloadFromChunks(chunks.drop(1)) },
                "no chunks" to { payloadFromChunks(emptyList()) },
                "chunks of two payloads" to { payloadFromChunks(listOf(payloadToChunks(bytes)[0]) + chunks.drop(1)) },
                "a damaged chunk" to { payloadFromChunks(chunks.mapIndexed { i, c -> if (i == 1) c.dropLast(1) + (if (c.last() == 'A') 'B' else 'A') else c }) },
                "the text form given as a chunk" to { payloadFromChunks(listOf(text)) },
            )
            for ((what, call) in refused) {
                val e = assertFailsWith<TandemException.PayloadRejected>(what) { call() }
                assertTrue(e.reason.isNotBlank()) { "$what: empty reason" }
            }
        }
    }

    @Test
    @DisplayName("qrCode: any text; version, size, modules and svg; too long is InvalidInput")
    fun `qrCode - any text, version, size, modules and svg, too long is InvalidInput`() {
        checkQr(qrCode("hello"), "hello", "hello", maxVersion = 1)
        val sync = qrCode("TSYNC1:" + "A".repeat(500))
        checkQr(sync, "TSYNC1:" + "A".repeat(500), "500 chars")
        assertTrue(sync.version > qrCode("hello").version) { "a longer text has a larger version" }
        val e = assertFailsWith<TandemException.InvalidInput>("5,000 characters") { qrCode("x".repeat(5000)) }
        assertTrue(e.reason.isNotBlank()) { "empty reason" }
    }

    @Test
    @DisplayName("PayloadRejected: every single flipped bit is refused and changes nothing")
    fun `PayloadRejected - every single flipped bit is refused and changes nothing`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            a.tandem.proposeRitual(draft(title = "Evening walk"))
            val payload = a.tandem.exportOne()
            val statusBefore = b.tandem.pairingStatus()
            // One byte flipped (all bits), then every bit of every byte.
            val e = assertFailsWith<TandemException.PayloadRejected>("byte ${payload.size / 2} flipped") {
                b.tandem.importPayload(payload.copyOf().also { it[payload.size / 2] = (it[payload.size / 2].toInt() xor 0xFF).toByte() })
            }
            assertTrue(e.reason.isNotBlank()) { "empty reason" }
            for (i in payload.indices) {
                for (bit in 0 until 8) {
                    assertFailsWith<TandemException.PayloadRejected>("bit $bit of byte $i of ${payload.size}") {
                        b.tandem.importPayload(payload.withBitFlipped(i, bit))
                    }
                }
            }
            assertFailsWith<TandemException.PayloadRejected>("truncated") { b.tandem.importPayload(payload.copyOf(payload.size - 1)) }
            assertFailsWith<TandemException.PayloadRejected>("one byte added") { b.tandem.importPayload(payload + 0) }
            assertFailsWith<TandemException.PayloadRejected>("empty") { b.tandem.importPayload(ByteArray(0)) }
            assertEquals(emptyList<Ritual>(), b.tandem.rituals(), "B's rituals after refused payloads")
            assertEquals(statusBefore, b.tandem.pairingStatus(), "B's status after refused payloads")
            // The genuine payload still imports in full: no refusal left a trace.
            assertReport(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(payload), "the genuine payload")
        }
    }

    @Test
    @DisplayName("PayloadRejected: another pairing's payload, this phone's own, a clock far ahead")
    fun `PayloadRejected - another pairing's payload, this phone's own, a clock far ahead`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        val c = newDb("Cleo's phone")
        val d = newDb("Dan's phone")
        using(a, b, c, d) {
            pair(a.tandem, b.tandem)
            pair(c.tandem, d.tandem)
            c.tandem.proposeRitual(draft())
            val fromC = c.tandem.exportOne()
            assertFailsWith<TandemException.PayloadRejected>("C's payload on B") { b.tandem.importPayload(fromC) }
            assertFailsWith<TandemException.PayloadRejected>("C's payload on A") { a.tandem.importPayload(fromC) }
            val fromA = a.tandem.exportOne()
            assertFailsWith<TandemException.PayloadRejected>("A's payload on A") { a.tandem.importPayload(fromA) }
            assertEquals(emptyList<Ritual>(), b.tandem.rituals(), "B after refused payloads")

            // A's clock runs three days ahead of B's: B refuses its changes
            // (hours ahead are admitted with a note; see the clock test).
            a.clock.advance(72 * HOUR)
            a.tandem.proposeRitual(draft(title = "From the future"))
            val skewed = a.tandem.exportOne()
            assertFailsWith<TandemException.ClockSkew>("a clock three days ahead") { b.tandem.importPayload(skewed) }
            assertEquals(emptyList<Ritual>(), b.tandem.rituals(), "B after a skewed payload")
            b.clock.advance(30 * HOUR)
            assertEquals(1u, b.tandem.importPayload(skewed).applied, "the same payload once B's clock is within two days")
        }
    }

    @Test
    @DisplayName("rollback: a phone restored from an older copy gets its lost changes back, and both reports say so")
    fun `rollback - a phone restored from an older copy gets its lost changes back, and both reports say so`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        val backup = File(tempDir(), "backup.db")
        pair(a.tandem, b.tandem)
        a.tandem.proposeRitual(draft("Walk"))
        b.tandem.importPayload(a.tandem.exportOne())
        a.tandem.importPayload(b.tandem.exportOne())
        // The OS backup: the database as it is now (closing folds the WAL in).
        a.tandem.closeDatabase()
        File(a.path).copyTo(backup)
        val before = reopen(a)
        a.clock.advance(MINUTE)
        before.proposeRitual(draft("Tea"))
        b.tandem.importPayload(before.exportOne())
        before.closeDatabase()
        // The backup is put back: Tea is forgotten on Ana's phone.
        for (suffix in listOf("-wal", "-shm")) File(a.path + suffix).delete()
        backup.copyTo(File(a.path), overwrite = true)
        val restored = reopen(a)
        try {
            a.clock.advance(MINUTE)
            restored.proposeRitual(draft("Dance"))
            val atBen = b.tandem.importPayload(restored.exportOne())
            assertEquals(1u, atBen.partnerReused, "Ben sees a number used again")
            assertEquals(0u, atBen.duplicates, "never a duplicate")
            assertTrue(atBen.rollbackNote!!.contains("your partner's phone was restored from an older copy"), atBen.rollbackNote)
            val atAna = restored.importPayload(b.tandem.exportOne())
            assertEquals(true, atAna.restoredFromOlderCopy, "Ana's phone knows")
            assertEquals(1u, atAna.recovered, "Tea came back")
            assertEquals(1u, atAna.renumbered, "Dance moved to a new number")
            assertEquals(
                "this phone was restored from an older copy; 1 change came back from your partner's phone; " +
                    "1 change made here since was renumbered and goes to your partner with the next payload",
                atAna.rollbackNote,
            )
            b.tandem.importPayload(restored.exportOne())
            restored.importPayload(b.tandem.exportOne())
            val titles = listOf("Dance", "Tea", "Walk")
            assertEquals(titles, restored.rituals().map { it.title }.sorted(), "Ana holds every change")
            assertEquals(titles, b.tandem.rituals().map { it.title }.sorted(), "Ben holds every change")
            assertEquals(0u, restored.changesToSend(), "Ana's sync status")
            assertEquals(0u, b.tandem.changesToSend(), "Ben's sync status")
        } finally {
            restored.closeDatabase()
            b.tandem.closeDatabase()
        }
    }

    @Test
    @DisplayName("replay: a payload imported twice is alreadyImported and applies nothing")
    fun `replay - a payload imported twice is alreadyImported and applies nothing`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            a.tandem.proposeRitual(draft())
            val payload = a.tandem.exportOne()
            assertReport(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(payload), "first import")
            val rituals = b.tandem.rituals()
            assertReport(report(applied = 0, already = true), b.tandem.importPayload(payload), "second import")
            assertReport(report(applied = 0, already = true), b.tandem.importPayload(payload.copyOf()), "third import")
            assertEquals(rituals, b.tandem.rituals(), "rituals after replays")
            // Also through the text form, as a share sheet would deliver it twice.
            assertEquals(true, b.tandem.importPayload(payloadFromText(payloadToText(payload))).alreadyImported, "replay via text")
        }
    }

    @Test
    @DisplayName("NotPaired: before pairing, before the digits are confirmed, after unpair")
    fun `NotPaired - before pairing, before the digits are confirmed, after unpair`() {
        val a = newDb(ANA)
        val b = newDb(BEN)
        val c = newDb("Cleo's phone")
        using(a, b, c) {
            val notPaired: Map<String, () -> Unit> = mapOf(
                "export before pairing" to { a.tandem.exportPayloads() },
                "changes to send before pairing" to { a.tandem.changesToSend() },
                "confirm before pairing" to { a.tandem.confirmPairing() },
                "reject before pairing" to { a.tandem.rejectPairing() },
            )
            for ((what, call) in notPaired) {
                val e = assertFailsWith<TandemException.NotPaired>(what) { call() }
                assertTrue(e.reason.isNotBlank()) { "$what: empty reason" }
            }
            val offer = a.tandem.startPairing()
            val answer = b.tandem.acceptPairing(offer.text)
            assertFailsWith<TandemException.NotPaired>("B exports before confirming") { b.tandem.exportPayloads() }
            assertFailsWith<TandemException.NotPaired>("B counts changes before confirming") { b.tandem.changesToSend() }
            a.tandem.completePairing(answer.text)
            assertFailsWith<TandemException.NotPaired>("A exports before confirming") { a.tandem.exportPayloads() }
            assertFailsWith<TandemException.NotPaired>("A counts changes before confirming") { a.tandem.changesToSend() }
            a.tandem.confirmPairing()
            a.tandem.proposeRitual(draft())
            val first = a.tandem.exportOne()
            assertFailsWith<TandemException.NotPaired>("B imports before confirming") { b.tandem.importPayload(first) }
            assertFailsWith<TandemException.NotPaired>("C, never paired, imports") { c.tandem.importPayload(first) }
            b.tandem.confirmPairing()
            assertReport(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(first), "B imports after confirming")

            // B unpairs: the history stays, A's payloads and B's exports are refused.
            b.tandem.unpair()
            assertEquals(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B after unpair")
            assertEquals(1, b.tandem.rituals().size, "B keeps the shared history")
            a.tandem.proposeRitual(draft(title = "After the split"))
            val later = a.tandem.exportOne()
            assertFailsWith<TandemException.NotPaired>("A's payload after B unpaired") { b.tandem.importPayload(later) }
            assertFailsWith<TandemException.NotPaired>("A's old payload after B unpaired") { b.tandem.importPayload(first) }
            assertFailsWith<TandemException.NotPaired>("B exports after unpair") { b.tandem.exportPayloads() }
            b.tandem.unpair() // twice is fine
            a.tandem.unpair()
            assertFailsWith<TandemException.NotPaired>("A exports after unpair") { a.tandem.exportPayloads() }
            assertEquals(2, a.tandem.rituals().size, "A keeps the shared history")

            // B can pair with someone new; A's old payloads belong to another pairing.
            pair(c.tandem, b.tandem)
            assertFailsWith<TandemException.PayloadRejected>("the old partner's payload after re-pairing") { b.tandem.importPayload(later) }
            assertReport(report(applied = 0, partnerConfirmed = true), b.tandem.importPayload(c.tandem.exportOne()), "C's first payload")
            assertEquals("Cleo's phone", (b.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "B's new partner")
        }
    }

    @Test
    @DisplayName("FileSyncTransport: a text file per payload, every file read, only imported files removed")
    fun `FileSyncTransport - a text file per payload, every file read, only imported files removed`() {
        val dir = tempDir()
        val outbox = File(dir, "out") // made on the first send
        val t = FileSyncTransport(outbox = outbox, inbox = File(dir, "in"))
        assertEquals(emptyList<Incoming>(), t.receive(), "a missing inbox holds nothing")
        val p1 = ByteArray(300) { (it * 7).toByte() }
        val p2 = byteArrayOf(1, 2, 3)
        val sent = t.send(listOf(p1, p2))
        assertEquals(2, sent.size, "files sent")
        assertEquals(sent.toSet(), outbox.list()!!.toSet(), "only the payload files are in the outbox")
        for (name in sent) {
            assertTrue(SYNC_FILE_NAME.matches(name)) { "file name <$name>" }
        }
        assertEquals(payloadToText(p1), File(outbox, sent[0]).readText(), "first file holds the text form")
        assertEquals(payloadToText(p2), File(outbox, sent[1]).readText(), "second file holds the text form")
        assertEquals(emptyList<String>(), t.send(emptyList()), "sending nothing")

        // The partner's transport reads this outbox as its inbox.
        File(outbox, "notes.txt").writeText("not a payload")
        File(outbox, ".partial").writeText("ignored")
        val partner = FileSyncTransport(outbox = File(dir, "partner-out"), inbox = outbox)
        val incoming = partner.receive()
        assertEquals((sent + "notes.txt").sorted(), incoming.map { it.source }, "every visible file, by name")
        val bySource = incoming.associateBy { it.source }
        assertTrue(bySource.getValue(sent[0]).payload().contentEquals(p1)) { "first payload read back" }
        assertTrue(bySource.getValue(sent[1]).payload().contentEquals(p2)) { "second payload read back" }
        assertFailsWith<TandemException.PayloadRejected>("a file that is not sync text") { bySource.getValue("notes.txt").payload() }
        partner.finish(bySource.getValue(sent[0]), IncomingFile.REMOVE)
        partner.finish(bySource.getValue("notes.txt"), IncomingFile.KEEP)
        assertEquals(listOf(sent[1], "notes.txt").sorted(), partner.receive().map { it.source }, "after one was imported")
    }

    @Test
    @DisplayName("FileSyncTransport: the outbox files are named by the core, one batch numbered in import order, a new batch per send")
    fun `FileSyncTransport - the outbox files are named by the core, one batch numbered in import order, a new batch per send`() {
        val outbox = File(tempDir(), "out")
        val t = FileSyncTransport(outbox = outbox, inbox = tempDir())
        val payloads = (1..3).map { n -> ByteArray(10) { n.toByte() } }
        val sent = t.send(payloads)
        val parts = sent.map { name -> SYNC_FILE_NAME.matchEntire(name)?.groupValues ?: fail("not the core's name: <$name>") }
        assertEquals(1, parts.map { it[1] }.toSet().size, "one batch: $sent")
        assertEquals(listOf("001", "002", "003"), parts.map { it[2] }, "numbered in import order: $sent")
        assertEquals(sent.sorted(), sent, "the order by name is the import order")
        sent.zip(payloads).forEach { (name, p) ->
            assertEquals(payloadToText(p), File(outbox, name).readText(), "$name holds its payload, whole")
        }
        val again = t.send(payloads.take(1)).single()
        assertTrue(again.endsWith("-001.tandem") && again !in sent) { "a second send is a new batch: <$again> after $sent" }
        assertEquals((sent + again).toSet(), outbox.list()!!.toSet(), "nothing else in the outbox (no half-written file)")
    }

    @Test
    @DisplayName("controller: syncOut/syncIn through files both ways; replay, junk and an unpaired phone reported")
    fun `controller - syncOut-syncIn through files both ways, replay, junk and an unpaired phone reported`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val aToB = tempDir()
            val bToA = tempDir()
            val ta = FileSyncTransport(outbox = aToB, inbox = bToA)
            val tb = FileSyncTransport(outbox = bToA, inbox = aToB)
            val notPaired = assertFailsWith<TandemException.NotPaired>("syncOut before pairing") { a.c.syncOut(ta) }
            assertEquals(UserMessages.forError(notPaired), UserMessages.forError(TandemException.NotPaired("x")), "message")
            assertEquals(0, aToB.list()!!.size, "nothing written before pairing")
            assertEquals(emptyList<SyncItem>(), a.c.syncIn(ta).items, "nothing to import")

            pairFlows(a, b)
            val walk = a.c.core.proposeRitual(draft("Evening walk", null, 30u, "20:30", ZoneMode.Floating))
            a.clock.advance(MINUTE)
            val call = a.c.core.proposeRitual(draft("Sunday call", "How was the week?", 60u, "18:00", ZoneMode.Fixed(BERLIN)))
            val tea = b.c.core.proposeRitual(draft("Tea", null, 15u, "16:00", ZoneMode.Floating))

            assertEquals(2u, a.c.core.changesToSend(), "A's two rituals to send")
            val out = a.c.syncOut(ta)
            assertEquals(SyncOutResult(changes = 2, payloads = 1, sentTo = out.sentTo), out, "two changes in one payload")
            val file = File(aToB, out.sentTo.single())
            val text = file.readText()
            assertTrue(text.startsWith("TSYNC1:")) { "the file holds <${text.take(10)}>" }

            val inB = b.c.syncIn(tb)
            assertEquals(listOf(SyncItem.Imported(file.name, report(applied = 2, partnerConfirmed = true))), inB.items.map { it.counts() }, "B imports A's file")
            assertEquals(2L, inB.applied, "applied")
            assertEquals(true, inB.partnerConfirmed, "partner confirmed")
            assertTrue(!file.exists()) { "the imported file is still in the inbox" }

            b.c.syncOut(tb)
            val inA = a.c.syncIn(ta)
            assertEquals(listOf(report(applied = 1, acknowledged = 2)), inA.imported.map { it.report.counts() }, "A imports B's file")
            assertEquals(false, inA.partnerConfirmed, "no confirmation travels to the offerer")
            assertEquals(a.c.core.rituals(), b.c.core.rituals(), "same rituals on both phones")
            assertEquals(setOf(walk.id, call.id, tea.id), b.c.core.rituals().map { it.id }.toSet(), "ids")
            assertEquals(listOf("Evening walk", "Sunday call", "Tea"), a.c.core.rituals().map { it.title }.sorted(), "titles")
            assertEquals(
                a.c.todayModel(NY).coming,
                b.c.todayModel(NY).coming,
                "the same Today screen on both phones",
            )

            // A replayed file, a stranger's file and a damaged payload.
            File(aToB, "replayed.txt").writeText(text)
            File(aToB, "shopping.txt").writeText("Shopping: milk, eggs")
            File(aToB, "damaged.txt").writeText(payloadToText(payloadFromText(text).let { it.withBitFlipped(it.size / 2) }))
            File(aToB, ".hidden").writeText("ignored")
            val rituals = b.c.core.rituals()
            val mixed = b.c.syncIn(tb)
            val bySource = mixed.items.associateBy { it.source }
            assertEquals(setOf("replayed.txt", "shopping.txt", "damaged.txt"), bySource.keys, "files read")
            assertEquals(SyncItem.Imported("replayed.txt", report(applied = 0, already = true)), bySource["replayed.txt"]?.counts(), "replay")
            for (name in listOf("shopping.txt", "damaged.txt")) {
                val r = bySource[name]
                assertTrue(r is SyncItem.Refused && r.error is TandemException.PayloadRejected) { "$name: expected Refused(PayloadRejected), got $r" }
                r as SyncItem.Refused
                assertEquals(UserMessages.forError(r.error), r.message, "$name: message")
                assertTrue(!r.message.contains("Shopping")) { "$name: the message shows the file" }
            }
            assertEquals(0L, mixed.applied, "nothing applied")
            assertEquals(rituals, b.c.core.rituals(), "B's rituals unchanged")
            assertEquals(setOf("shopping.txt.rejected", "damaged.txt.rejected", ".hidden"), aToB.list()!!.toSet(), "refused files set aside, the replay is gone")

            // Second round: nothing new; the refused files are reported again.
            a.c.syncOut(ta)
            val again = b.c.syncIn(tb)
            assertEquals(listOf(report(applied = 0, acknowledged = 1)), again.imported.map { it.report.counts() }, "second round")
            assertEquals(0, again.refused.size, "set aside: refused files are not offered again")

            // B unpairs: A's next file is refused as NotPaired and kept.
            b.c.core.unpair()
            val last = a.c.syncOut(ta).sentTo.single()
            val after = b.c.syncIn(tb)
            val refused = after.items.single { it.source == last }
            assertTrue(refused is SyncItem.Refused && refused.error is TandemException.NotPaired) { "expected Refused(NotPaired), got $refused" }
            assertTrue(File(aToB, last).exists()) { "the refused file was removed" }
            assertFailsWith<TandemException.NotPaired>("B's syncOut after unpair") { b.c.syncOut(tb) }
        }
    }

    @Test
    @DisplayName("controller: changesToSend is 0 after a full exchange, 2 after two proposals, still 2 once sent, 0 after the partner's reply; personal rituals never count")
    fun `controller - changesToSend is 0 after a full exchange, 2 after two proposals, still 2 once sent, 0 after the partner's reply, personal rituals never count`() {
        val stranger = phone("Cleo's phone")
        using(stranger) {
            assertFailsWith<TandemException.NotPaired>("before pairing") { stranger.c.core.changesToSend() }
            stranger.c.core.addPersonalRitual(draft("Stretch", null, 10u, "07:00", ZoneMode.Floating))
            assertFailsWith<TandemException.NotPaired>("a personal ritual does not change that") { stranger.c.core.changesToSend() }
        }
        couple { k ->
            assertEquals(0u, k.a.c.core.changesToSend(), "A after a full exchange")
            assertEquals(0u, k.b.c.core.changesToSend(), "B after a full exchange")
            k.a.c.core.proposeRitual(draft("Evening walk", null, 30u, "20:30", ZoneMode.Floating))
            assertEquals(1u, k.a.c.core.changesToSend(), "A after one proposal")
            k.a.c.core.proposeRitual(draft("Sunday call", null, 60u, "18:00", ZoneMode.Fixed(BERLIN)))
            assertEquals(2u, k.a.c.core.changesToSend(), "A after two proposals")
            assertEquals(0u, k.b.c.core.changesToSend(), "B has nothing of its own to send")
            k.aToB()
            assertEquals(2u, k.a.c.core.changesToSend(), "still 2 once sent: not confirmed yet")
            assertEquals(2, k.b.c.core.rituals().size, "B holds them")
            assertEquals(0u, k.b.c.core.changesToSend(), "B's reply would carry only the acknowledgement")
            k.bToA()
            assertEquals(0u, k.a.c.core.changesToSend(), "0 once B's reply is imported")
            k.a.c.core.addPersonalRitual(draft("Stretch", null, 10u, "07:00", ZoneMode.Floating))
            assertEquals(0u, k.a.c.core.changesToSend(), "a personal ritual never counts")
            k.b.c.core.unpair()
            assertFailsWith<TandemException.NotPaired>("after unpair") { k.b.c.core.changesToSend() }
        }
    }

    @Test
    @DisplayName("controller: changesToSend stops counting at 1000 (the screen says '1000 or more') and is exact again once the partner acknowledged")
    fun `controller - changesToSend stops counting at 1000 and is exact again once the partner acknowledged`() {
        couple { k ->
            // Through the form, as the phone proposes: each submit's outcome
            // carries the count too.
            val toSend = (0 until 1002).map { i ->
                val sent = k.a.c.core.submitRitualForm(draft("Ritual $i", null, 10u, "08:00", ZoneMode.Floating).asForm(), RitualPurpose.Propose, phoneNow())
                (sent as RitualFormResult.Sent).outcome.toSend
            }
            assertEquals(listOf(1u, 2u, 999u, 1000u, 1000u), listOf(toSend[0], toSend[1], toSend[998], toSend[999], toSend[1001]), "each outcome's count")
            assertEquals(1000u, k.a.c.core.changesToSend(), "counted up to 1000")
            val screen = k.a.c.syncScreen(0, null)
            assertEquals(1000u, screen.changesToSend)
            assertEquals("1000 or more changes to send", screen.changesText)
            val sent = k.a.c.syncOut(k.ta)
            assertEquals(1000, sent.changes, "counted before the send, as the screen says")
            assertEquals(
                listOf("Sent 1000 or more changes as ${sent.payloads} file${if (sent.payloads == 1) "" else "s"}."),
                k.a.c.syncScreen(0, SyncScreen.lastOf(sent)).lines,
            )
            assertEquals(1002L, k.b.c.syncIn(k.tb).applied, "all of them travel")
            k.bToA()
            assertEquals(0u, k.a.c.core.changesToSend(), "0 once B acknowledged all 1002")
            k.a.c.core.proposeRitual(draft("One more", null, 10u, "09:00", ZoneMode.Floating))
            assertEquals("1 change to send", k.a.c.syncScreen(0, null).changesText)
        }
    }

    @Test
    @DisplayName("sync: a corrupt file and one from another pair are Refused with a message, set aside, and change nothing; the good one still imports")
    fun `sync - a corrupt file and one from another pair are Refused with a message, set aside, and change nothing, the good one still imports`() {
        couple { k ->
            val c = phone("Cleo's phone")
            val d = phone("Dan's phone")
            using(c, d) {
                pairFlows(c, d)
                c.c.core.proposeRitual(draft("Their walk", null, 20u, "18:00", ZoneMode.Floating))
                val strangerDir = tempDir()
                c.c.syncOut(FileSyncTransport(outbox = strangerDir, inbox = tempDir()))
                val inbox = tempDir()
                val strangers = strangerDir.listFiles()!!.toList()
                assertTrue(strangers.isNotEmpty()) { "C wrote nothing" }
                strangers.forEachIndexed { i, f -> f.copyTo(File(inbox, "other-pair-$i.txt")) }
                File(inbox, "corrupt.txt").writeText("TSYNC1:" + "A".repeat(40))
                k.a.c.core.proposeRitual(draft("Our walk", null, 30u, "20:30", ZoneMode.Floating))
                k.a.c.syncOut(FileSyncTransport(outbox = inbox, inbox = tempDir()))
                val before = k.b.c.core.rituals()
                val result = k.b.c.syncIn(FileSyncTransport(outbox = tempDir(), inbox = inbox))
                assertEquals(strangers.size + 1, result.refused.size, "refused: the stranger's and the corrupt one")
                for (r in result.refused) {
                    assertTrue(r.error is TandemException.PayloadRejected) { "${r.source}: ${r.error}" }
                    assertEquals(UserMessages.forError(r.error), r.message, "${r.source}: message")
                }
                assertEquals(1, result.imported.size, "the partner's payload imported")
                assertEquals(before.size + 1, k.b.c.core.rituals().size, "only the partner's ritual arrived")
                assertTrue(k.b.c.core.rituals().none { it.title == "Their walk" }) { "another pair's ritual arrived" }
                assertEquals(
                    (strangers.indices.map { "other-pair-$it.txt.rejected" } + "corrupt.txt.rejected").toSet(), inbox.list()!!.toSet(),
                    "refused files set aside (the core's decision), not deleted",
                )
                val again = k.b.c.syncIn(FileSyncTransport(outbox = tempDir(), inbox = inbox))
                assertEquals(0 to 0, again.refused.size to again.imported.size, "set aside: out of the next sync")
            }
        }
    }

    @Test
    @DisplayName("news: the import report says what the partner changed, on this phone's clock, without the partner's own words")
    fun `news - the import report says what the partner changed, on this phone's clock, without the partner's own words`() {
        paired { a, b ->
            val walk = a.tandem.proposeRitual(draft(title = "Evening walk"))
            a.tandem.startPause(30u, "I need air")
            a.tandem.appreciate("Thank you for the tea.")
            a.tandem.appreciate("And for the walk.")
            // T0 is 12:00 UTC: 13:00 in Berlin, so the pause ends at 13:30 there.
            val news = b.tandem.importPayloadIn(a.tandem.exportOne(), BERLIN).news
            assertEquals(
                listOf(
                    "Ana's phone invited you to a new ritual: Evening walk",
                    "Ana's phone started a pause, back at 13:30",
                    "Ana's phone sent you an appreciation (twice)",
                ),
                news.map { it.text },
                "the sentences",
            )
            assertEquals(NewsAbout.RITUAL to walk.id, news[0].about to news[0].id, "the first opens the walk")
            assertEquals(listOf(NewsAbout.PAUSE, NewsAbout.ENTRY), news.drop(1).map { it.about }, "what the others are about")
            assertTrue(news.none { it.text.contains("air") || it.text.contains("tea") }) { "the partner's words stay out of the sentences" }
            assertFailsWith<TandemException.InvalidInput>("an unknown zone") { b.tandem.importPayloadIn(a.tandem.exportOne(), "Mars/Base") }
            assertEquals(emptyList<News>(), b.tandem.importPayloadIn(a.tandem.exportOne(), BERLIN).news, "nothing new the second time")
        }
    }

    @Test
    @DisplayName("news: the controller's syncIn gathers every payload's sentences")
    fun `news - the controller's syncIn gathers every payload's sentences`() {
        couple { k ->
            k.a.c.core.appreciate("Thank you.")
            k.a.c.syncOut(k.ta)
            assertEquals(listOf("Ana's phone sent you an appreciation"), k.b.c.syncIn(k.tb, NY).news, "B's news")
        }
    }
}
