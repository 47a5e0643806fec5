package app.tandem.shell

import app.tandem.ffi.AuditChange
import app.tandem.ffi.AuditEntry
import app.tandem.ffi.AuditLineModel
import app.tandem.ffi.Capacity
import app.tandem.ffi.Happened
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Need
import app.tandem.ffi.PairingStatus
import app.tandem.ffi.PatternDraft
import app.tandem.ffi.RepairAct
import app.tandem.ffi.Ritual
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.VisibleGroupModel
import app.tandem.ffi.VisibleItem
import app.tandem.ffi.VisibleKind
import app.tandem.ffi.VisibleRowModel
import app.tandem.ffi.ZoneMode
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

private const val PASS = "long enough passphrase"

private const val CANNOT_RECALL = "Already on your partner's phone: making it private again stops further sharing but cannot recall it."

/** Everything a restore must bring back, read through the facade. */
private fun Tandem.snapshot(): List<Any> = listOf(
    device(),
    rituals(),
    boundaries(),
    patternLog(ALL_TIME_FROM, ALL_TIME_TO),
    entries(ALL_TIME_FROM, ALL_TIME_TO),
    agreements(),
    pauses(),
    reminderSettings(),
)

/** Everything but the device, with this phone's own id written as <me>: a
 *  restored phone keeps its own id and is still the same person. */
private fun Tandem.asPerson(): String = snapshot().drop(1).toString().replace(device().deviceId, "<me>")

private inline fun <reified E : TandemException> refusedImport(t: Tandem, what: String, mentions: String, block: () -> Unit): E {
    val before = t.snapshot()
    val e = assertFailsWith<E>(what, block)
    assertTrue(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    assertEquals(before, t.snapshot(), "$what: nothing imported")
    return e
}

/** [sealed] with one base64 letter in the middle of its ciphertext changed. */
private fun alteredCiphertext(sealed: ByteArray): ByteArray {
    val text = String(sealed, Charsets.UTF_8)
    val ct = Json.parse(text).obj("sealed")["ciphertext"] as String
    val at = text.indexOf(ct) + ct.length / 2
    val c = text[at]
    val swapped = if (c == 'A') 'B' else 'A'
    return (text.substring(0, at) + swapped + text.substring(at + 1)).toByteArray(Charsets.UTF_8)
}

private fun dbFiles(path: String): List<String> {
    val f = File(path)
    return f.parentFile.listFiles()!!.map { it.name }.filter { it.startsWith(f.name) }.sorted()
}

/**
 * Export and restore (sealed and plaintext), the clock-skew note, what the
 * partner sees and the sharing audit, ordering, wipe, and the Visibility
 * screen.
 */
class ExportTests : StoreTestBase() {
    @Test
    @DisplayName("export: sealed file holds no user text; a wrong passphrase, an altered or truncated file, no passphrase are refused into a fresh Tandem; the right one restores every value; a second import is NotAllowedNow")
    fun `export - sealed file holds no user text, a wrong passphrase, an altered or truncated file, no passphrase are refused into a fresh Tandem, the right one restores every value, a second import is NotAllowedNow`() {
        val a = newDb(ANA)
        val b = newDb("New phone")
        using(a, b) {
            val w = fill(a.tandem, a.clock)
            val sealed = a.tandem.exportData(PASS)
            val text = String(sealed, Charsets.UTF_8)
            for (secret in listOf(PRIVATE_BOUNDARY, SHARED_BOUNDARY, PATTERN_NOTE, PATTERN_TOPIC, CHECK_IN_NOTE, RITUAL_TITLE, ANA, a.tandem.device().deviceId)) {
                assertTrue(!text.contains(secret)) { "the sealed file contains <$secret> in the clear" }
            }
            val outer = Json.parse(text).obj("sealed file")
            assertEquals("tandem-export-sealed", outer["format"], "sealed format")
            assertEquals(2L, outer["version"], "sealed version (2: the header is authenticated)")
            assertEquals("argon2id" to 65536L, outer["kdf"].obj("kdf").let { it["name"] to it["memory_kib"] }, "kdf name and memory")
            assertEquals("xchacha20poly1305", outer["cipher"].obj("cipher")["name"], "cipher")

            val bBefore = b.tandem.device()
            refusedImport<TandemException.WrongPassphrase>(b.tandem, "a wrong passphrase", "") { b.tandem.importData(sealed, "wrong passphrase") }
            assertEquals(emptyList<Ritual>(), b.tandem.rituals(), "B: rituals after the wrong passphrase")
            assertEquals(bBefore, b.tandem.device(), "B: still its own device after the wrong passphrase")
            refusedImport<TandemException.WrongPassphrase>(b.tandem, "an altered ciphertext", "") { b.tandem.importData(alteredCiphertext(sealed), PASS) }
            refusedImport<TandemException.InvalidInput>(b.tandem, "a sealed file without a passphrase", "sealed with a passphrase") { b.tandem.importData(sealed, null) }
            refusedImport<TandemException.InvalidInput>(b.tandem, "a truncated file", "damaged or not a Tandem export") { b.tandem.importData(sealed.copyOf(sealed.size / 2), PASS) }
            refusedImport<TandemException.InvalidInput>(b.tandem, "not JSON at all", "damaged or not a Tandem export") { b.tandem.importData("TSYNC1:hello".toByteArray(), PASS) }
            assertFailsWith<TandemException.InvalidInput>("a 7-character passphrase") { a.tandem.exportData("1234567") }
                .let { assertTrue(it.message.orEmpty().contains("at least 16 characters or at least 4 words") && !it.message.orEmpty().contains("1234567")) { "short passphrase: <${it.message}>" } }
            assertTrue(a.tandem.exportData("ox elm fig yew").isNotEmpty()) { "four words pass however short" }

            val restored = b.tandem.importData(sealed, PASS)
            assertTrue(restored > 0uL) { "restored $restored changes" }
            assertEquals(a.tandem.device().name, b.tandem.device().name, "B took on A's name")
            assertTrue(a.tandem.device().deviceId != b.tandem.device().deviceId) { "B keeps its own device id: the old phone may still write under A's" }
            assertEquals(a.tandem.asPerson(), b.tandem.asPerson(), "B holds every value A holds, as the same person")
            assertEquals(listOf(w.ritual.id), b.tandem.rituals().map { it.id }, "B: the ritual")
            assertEquals(listOf(w.shared.id to true, w.private.id to false), b.tandem.boundaries().map { it.id to it.shared }, "B: both boundaries, one private")
            assertEquals(listOf(w.pattern), b.tandem.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "B: the private pattern entry")
            assertEquals(listOf(w.checkIn), b.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO), "B: the shared check-in")
            assertEquals(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B: pairing is not restored")

            val again = refusedImport<TandemException.NotAllowedNow>(b.tandem, "importing again", "empty") { b.tandem.importData(sealed, PASS) }
            assertEquals(UserMessages.IMPORT_NOT_EMPTY, UserMessages.forImport(again), "its message")
        }
    }

    @Test
    @DisplayName("restore: the new phone keeps its own id, pairs again, its first change reaches the partner as new; the old phone's later payload is refused as restored elsewhere")
    fun `restore - the new phone keeps its own id, pairs again, its first change reaches the partner as new, the old phone's later payload is refused as restored elsewhere`() {
        val oldPhone = newDb(ANA)
        val ben = newDb(BEN)
        val newPhone = newDb("New phone")
        using(oldPhone, ben, newPhone) {
            pair(oldPhone.tandem, ben.tandem)
            oldPhone.tandem.appreciate("before the backup")
            deliver(oldPhone, ben)
            deliver(ben, oldPhone)
            val backup = oldPhone.tandem.exportData(PASS)
            oldPhone.tandem.appreciate("from the old phone, after the backup")
            val late = oldPhone.tandem.exportPayloads()

            assertTrue(newPhone.tandem.importData(backup, PASS) > 0uL) { "nothing restored" }
            assertTrue(newPhone.tandem.device().deviceId != oldPhone.tandem.device().deviceId) { "the restored phone reuses the old id" }
            ben.tandem.unpair()
            pair(newPhone.tandem, ben.tandem)
            newPhone.tandem.appreciate("new phone, same me")
            val reports = newPhone.tandem.exportPayloads().map { ben.tandem.importPayload(it) }
            assertEquals(1u, reports.sumOf { it.applied }, "the new phone's change arrives as new")
            assertEquals(0u, reports.sumOf { it.setAside }, "nothing set aside")
            assertEquals(null, reports.first().setAsideNote, "no note")
            val texts = ben.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO).map { it.toString() }
            assertTrue(texts.any { it.contains("new phone, same me") } && texts.any { it.contains("before the backup") }) { "Ben's entries: $texts" }
            for (p in late) {
                val e = assertFailsWith<TandemException.PayloadRejected>("the old phone's late payload") { ben.tandem.importPayload(p) }
                assertTrue(e.message.orEmpty().contains("restored on another phone")) { "reason: <${e.message}>" }
            }
            assertTrue(ben.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO).none { it.toString().contains("after the backup") }) { "the old phone's late change got in" }
        }
    }

    @Test
    @DisplayName("clock: a partner's change made with a clock 3 h fast is imported at once with a note naming the partner's clock and the gap")
    fun `clock - a partner's change made with a clock 3 h fast is imported at once with a note naming the partner's clock and the gap`() {
        paired { a, b ->
            a.clock.advance(3 * 3_600_000L)
            a.tandem.appreciate("wrong clock")
            val r = b.tandem.importPayload(a.tandem.exportOne())
            assertEquals(1u, r.applied, "applied")
            assertEquals(180L, r.clockAheadMinutes, "minutes ahead")
            assertTrue(r.clockNote.orEmpty().contains("your partner's phone clock looks 3 h ahead")) { "note: <${r.clockNote}>" }
            b.tandem.appreciate("seen")
            val back = a.tandem.importPayload(b.tandem.exportOne())
            assertEquals(1u, back.applied, "Ben's change goes back at once")
            assertEquals(null, back.clockNote, "Ana's phone sees no gap: Ben's clock follows hers")
        }
    }

    @Test
    @DisplayName("export: the plaintext file parses as JSON (format tandem-export, device, state, log) with the private text; it restores without a passphrase; a newer version is refused")
    fun `export - the plaintext file parses as JSON (format tandem-export, device, state, log) with the private text, it restores without a passphrase, a newer version is refused`() {
        val a = newDb(ANA)
        val b = newDb("New phone")
        val c = newDb("Third phone")
        using(a, b, c) {
            val w = fill(a.tandem, a.clock)
            val plain = a.tandem.exportPlaintext()
            val doc = Json.parse(String(plain, Charsets.UTF_8)).obj("plaintext export")
            assertEquals("tandem-export", doc["format"], "format")
            assertEquals(1L, doc["version"], "version")
            assertEquals(mapOf<String, Any?>("id" to a.tandem.device().deviceId, "name" to ANA), doc["device"], "device")
            val state = doc["state"].obj("state")
            for (key in listOf("rituals", "rest_weeks", "agreements", "boundaries", "pauses", "entries", "private_log", "reminder_settings")) {
                assertTrue(key in state) { "state has no <$key>: ${state.keys}" }
            }
            assertEquals(setOf("shared", "private", "lineage", "partner", "partner_lineage", "stopped"), doc["log"].obj("log").keys, "log parts")
            val boundaryTexts = state["boundaries"].allStrings()
            assertTrue(PRIVATE_BOUNDARY in boundaryTexts && SHARED_BOUNDARY in boundaryTexts) { "state.boundaries: $boundaryTexts" }
            assertTrue(PATTERN_NOTE in state["private_log"].allStrings()) { "state.private_log lacks the note" }
            assertTrue(RITUAL_TITLE in state["rituals"].allStrings()) { "state.rituals lacks the title" }
            assertTrue(String(plain, Charsets.UTF_8).contains(PRIVATE_BOUNDARY)) { "the plaintext lacks the private boundary" }

            assertEquals(true, b.tandem.importData(plain, null) > 0uL, "plaintext restored")
            assertEquals(a.tandem.asPerson(), b.tandem.asPerson(), "B holds every value A holds, as the same person")
            assertEquals(listOf(w.private.id), b.tandem.boundaries().filter { !it.shared }.map { it.id }, "B: the private boundary")

            val newer = Json.write(doc.toMutableMap().also { it["version"] = 2L }).toByteArray()
            val e = refusedImport<TandemException.InvalidInput>(c.tandem, "version 2", "newer Tandem") { c.tandem.importData(newer, null) }
            assertEquals(UserMessages.IMPORT_UNUSABLE, UserMessages.forImport(e), "its message")
            assertEquals(true, c.tandem.importData(Json.write(doc).toByteArray(), null) > 0uL, "the same document, rewritten, restores")
            assertEquals(a.tandem.asPerson(), c.tandem.asPerson(), "C holds every value A holds, as the same person")
        }
    }

    @Test
    @DisplayName("mirror: whatPartnerSees holds the shared ritual, boundary and check-in and the device name, never the private boundary or the pattern log; the audit records sharing and unsharing, newest first")
    fun `mirror - whatPartnerSees holds the shared ritual, boundary and check-in and the device name, never the private boundary or the pattern log, the audit records sharing and unsharing, newest first`() {
        paired { a, b ->
            val w = fill(a.tandem, a.clock)
            val seen = a.tandem.whatPartnerSees()
            fun one(kind: VisibleKind, id: String): VisibleItem = seen.singleOrNull { it.kind == kind && it.id == id }
                ?: fail("no single <$kind> $id in $seen")
            assertEquals(
                listOf(
                    VisibleItem(VisibleKind.DEVICE_NAME, a.tandem.device().deviceId, ANA, 0L, null),
                    VisibleItem(VisibleKind.SHARED_RITUAL, w.ritual.id, "$RITUAL_TITLE (proposed)", T0, null),
                    VisibleItem(VisibleKind.BOUNDARY, w.shared.id, SHARED_BOUNDARY, T0 + MINUTE, null),
                ),
                seen.take(3),
                "device name, ritual, boundary",
            )
            assertTrue(one(VisibleKind.SHARED_RITUAL, w.ritual.id).summary.contains(RITUAL_TITLE)) { "ritual summary" }
            assertEquals(SHARED_BOUNDARY to T0 + MINUTE, one(VisibleKind.BOUNDARY, w.shared.id).let { it.summary to it.sinceMs }, "the shared boundary")
            assertEquals(T0 + 4 * MINUTE, one(VisibleKind.CHECK_IN, w.checkIn.id).sinceMs, "the shared check-in since")
            assertTrue(seen.any { it.kind == VisibleKind.DEVICE_NAME && it.summary.contains(ANA) }) { "no device name in $seen" }
            val everything = seen.flatMap { listOf(it.id, it.summary) }
            for (secret in listOf(w.private.id, PRIVATE_BOUNDARY, w.pattern.id, PATTERN_NOTE, PATTERN_TOPIC)) {
                assertTrue(everything.none { it.contains(secret) }) { "the partner sees <$secret>: $seen" }
            }

            val audit0 = a.tandem.sharingAudit()
            assertEquals(
                listOf(
                    AuditEntry(T0 + 4 * MINUTE, AuditChange.CHECK_IN_SHARED, w.checkIn.id),
                    AuditEntry(T0 + MINUTE, AuditChange.BOUNDARY_SHARED, w.shared.id),
                    AuditEntry(T0, AuditChange.RITUAL_PROPOSED, w.ritual.id),
                ),
                audit0,
                "the audit before any change of mind, newest first",
            )
            assertTrue(audit0.none { it.id == w.private.id || it.id == w.pattern.id }) { "private things in the audit: $audit0" }

            setClocks(T0 + HOUR, a, b)
            a.tandem.shareBoundary(w.private.id, true)
            assertEquals(AuditEntry(T0 + HOUR, AuditChange.BOUNDARY_SHARED, w.private.id), a.tandem.sharingAudit().first(), "audit after sharing")
            assertEquals(PRIVATE_BOUNDARY, a.tandem.whatPartnerSees().single { it.id == w.private.id }.summary, "now seen")
            deliver(a, b)
            assertEquals(listOf(SHARED_BOUNDARY, PRIVATE_BOUNDARY), b.tandem.boundaries().map { it.text }, "B holds what A's mirror said")

            setClocks(T0 + 2 * HOUR, a, b)
            a.tandem.shareBoundary(w.private.id, false)
            val audit = a.tandem.sharingAudit()
            assertEquals(
                listOf(AuditEntry(T0 + 2 * HOUR, AuditChange.BOUNDARY_UNSHARED, w.private.id), AuditEntry(T0 + HOUR, AuditChange.BOUNDARY_SHARED, w.private.id)),
                audit.take(2),
                "audit after unsharing, newest first",
            )
            assertEquals(audit.sortedByDescending { it.atMs }, audit, "the audit is newest first")
            assertEquals(
                listOf(VisibleItem(VisibleKind.MADE_PRIVATE, w.private.id, PRIVATE_BOUNDARY, T0 + HOUR, CANNOT_RECALL)),
                a.tandem.whatPartnerSees().filter { it.id == w.private.id },
                "the unshared boundary: already on B's phone, with the caveat",
            )
            deliver(a, b)
            assertEquals(listOf(SHARED_BOUNDARY), b.tandem.boundaries().map { it.text }, "B no longer shows it")
            assertEquals(emptyList<VisibleItem>(), b.tandem.whatPartnerSees().filter { it.summary.contains(SHARED_BOUNDARY) }, "B's mirror is B's own")
        }
    }

    @Test
    @DisplayName("entries made in the same millisecond come back in the order they were made")
    fun `entries made in the same millisecond come back in the order they were made`() {
        val a = newDb(ANA)
        using(a) {
            val made = listOf(
                a.tandem.appreciate("First thanks"),
                a.tandem.checkIn(3u, Capacity.PLENTY, Need.NOTHING_RIGHT_NOW, null, false),
                a.tandem.appreciate("Second thanks"),
                a.tandem.recordRepair(RepairAct.APOLOGISED, null, null, false),
            )
            assertEquals(made.map { it.id }, a.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO).map { it.id }, "same-millisecond order")
            assertEquals(T0, made.map { it.atMs }.distinct().single(), "all at T0")
        }
    }

    @Test
    @DisplayName("wipe: the database files are gone and every later call is Closed")
    fun `wipe - the database files are gone and every later call is Closed`() {
        val a = newDb(ANA)
        fill(a.tandem, a.clock)
        val oldId = a.tandem.device().deviceId
        assertTrue(File(a.path).exists()) { "no database file before the wipe" }
        a.tandem.wipe()
        assertEquals(listOf("tandem.db.wiped"), dbFiles(a.path), "only the wipe marker is left of the database")
        assertTrue(File(a.path + ".wiped").readText().all { it.isDigit() }) { "the marker holds more than a time" }
        assertFailsWith<TandemException.Closed>("rituals after wipe") { a.tandem.rituals() }
        assertFailsWith<TandemException.Closed>("exportData after wipe") { a.tandem.exportData(PASS) }
        assertFailsWith<TandemException.Closed>("whatPartnerSees after wipe") { a.tandem.whatPartnerSees() }
        assertFailsWith<TandemException.Closed>("wipe after wipe") { a.tandem.wipe() }
        a.tandem.closeDatabase()
        reopen(a, "Again").closing { t ->
            assertEquals(emptyList<Ritual>(), t.rituals(), "a new database at the same path holds nothing")
                assertTrue(t.device().deviceId != oldId) { "the wiped device id came back" }
            assertEquals(listOf(AuditChange.WIPED), t.sharingAudit().map { it.change }, "the next Tandem's audit names the wipe")
            assertEquals(listOf("tandem.db"), dbFiles(a.path).filter { !it.contains("-") }, "the marker is gone once noted")
        }
    }

    @Test
    @DisplayName("controller: export to a file, restore on a new phone (wrong passphrase, then right, then again), plaintext only by name, with messages")
    fun `controller - export to a file, restore on a new phone (wrong passphrase, then right, then again), plaintext only by name, with messages`() {
        val a = phone(ANA)
        val b = phone("New phone")
        using(a, b) {
            a.c.core.proposeRitual(draft(RITUAL_TITLE, null, 30u, "09:30", ZoneMode.Floating))
            a.c.core.addBoundary(PRIVATE_BOUNDARY, shared = false)
            val dir = tempDir()
            val file = a.c.exportSealedTo(File(dir, "tandem-export.json"), PASS)
            assertEquals(listOf("tandem-export.json"), dir.list()!!.sorted(), "only the export in its folder")
            assertTrue(!file.readText().contains(PRIVATE_BOUNDARY)) { "the file holds the boundary in the clear" }
            val short = assertFailsWith<TandemException.InvalidInput>("short passphrase") { a.c.core.exportData("short") }
            assertEquals(UserMessages.EXPORT_PASSPHRASE_SHORT, UserMessages.forExport(short), "short passphrase message")

            val wrong = assertFailsWith<TandemException.WrongPassphrase>("wrong passphrase") { b.c.core.importData(file.readBytes(), "wrong passphrase") }
            assertEquals(UserMessages.WRONG_PASSPHRASE, UserMessages.forImport(wrong), "wrong passphrase message")
            assertEquals(UserMessages.WRONG_PASSPHRASE, UserMessages.forError(wrong), "forError says the same")
            assertEquals(emptyList<Ritual>(), b.c.core.rituals(), "B: nothing after the wrong passphrase")
            val none = assertFailsWith<TandemException.InvalidInput>("no passphrase") { b.c.core.importData(file.readBytes(), null) }
            assertEquals(UserMessages.IMPORT_UNUSABLE, UserMessages.forImport(none), "no passphrase message")

            assertTrue(b.c.core.importData(file.readBytes(), PASS) > 0u) { "nothing restored" }
            assertEquals(a.c.core.device().name, b.c.core.device().name, "B has A's name")
            assertTrue(a.c.core.device().deviceId != b.c.core.device().deviceId) { "B keeps its own id" }
            val person = { c: TandemController -> (c.core.rituals() to c.core.boundaries()).toString().replace(c.core.device().deviceId, "<me>") }
            assertEquals(person(a.c), person(b.c), "B: the same rituals and boundaries, as the same person")
            val again = assertFailsWith<TandemException.NotAllowedNow>("again") { b.c.core.importData(file.readBytes(), PASS) }
            assertEquals(UserMessages.IMPORT_NOT_EMPTY, UserMessages.forImport(again), "again message")

            val plain = Json.parse(String(a.c.core.exportPlaintext(), Charsets.UTF_8)).obj("plaintext")
            assertEquals("tandem-export", plain["format"], "plaintext format")
            assertTrue(PRIVATE_BOUNDARY in plain["state"].allStrings()) { "plaintext lacks the private boundary" }
            val distinct = listOf(UserMessages.WRONG_PASSPHRASE, UserMessages.EXPORT_PASSPHRASE_SHORT, UserMessages.IMPORT_UNUSABLE, UserMessages.IMPORT_NOT_EMPTY, UserMessages.PLAINTEXT_WARNING, UserMessages.WIPE_WARNING)
            assertEquals(distinct.size, distinct.toSet().size, "distinct export messages")
        }
    }

    @Test
    @DisplayName("VisibilityScreen: the core's model as it is: groups in the core's kind order under its headings, rows and audit sentences on the device clock, German when the phone is; refusals are Failed")
    fun `VisibilityScreen - the core's model as it is, groups in the core's kind order under its headings, rows and audit sentences on the device clock, German when the phone is, refusals are Failed`() {
        val a = phone(ANA)
        using(a) {
            val ritual = a.c.core.proposeRitual(draft(RITUAL_TITLE, null, 30u, "09:30", ZoneMode.Floating))
            a.clock.advance(MINUTE)
            val shared = a.c.core.addBoundary(SHARED_BOUNDARY, shared = true)
            val private = a.c.core.addBoundary(PRIVATE_BOUNDARY, shared = false)
            a.clock.advance(MINUTE)
            a.c.core.shareBoundary(private.id, true)
            a.clock.advance(MINUTE)
            a.c.core.shareBoundary(private.id, false)
            a.c.core.logPattern(PatternDraft(Happened.WITHDREW, note = PATTERN_NOTE))

            val s = a.c.visibilityScreen(NY)
            assertTrue(s is Rendered.Shown) { "expected the mirror, got $s" }
            s as Rendered.Shown
            assertEquals("Your partner's phone holds", s.heading, "heading")
            assertEquals(null, s.empty, "more than the name: no empty text")
            assertEquals(
                listOf(VisibleKind.DEVICE_NAME, VisibleKind.SHARED_RITUAL, VisibleKind.BOUNDARY, VisibleKind.MADE_PRIVATE),
                s.groups.map { it.kind },
                "groups in the core's kind order, one per kind",
            )
            assertEquals(a.c.core.whatPartnerSees().size, s.groups.sumOf { it.rows.size }, "every item in a group")
            assertEquals(
                VisibleGroupModel(
                    VisibleKind.BOUNDARY, "Boundaries you shared",
                    listOf(VisibleRowModel(shared.id, VisibleKind.BOUNDARY, SHARED_BOUNDARY, "Mon 1 Mar 2027 07:01", null)),
                    null,
                ),
                s.group(VisibleKind.BOUNDARY),
                "the boundary group: only the shared one, since when on New York's clock",
            )
            assertEquals(
                VisibleGroupModel(
                    VisibleKind.DEVICE_NAME, "Your phone's name",
                    listOf(VisibleRowModel(a.c.core.device().deviceId, VisibleKind.DEVICE_NAME, ANA, null, null)),
                    null,
                ),
                s.groups.first(),
                "the device name first, with no time",
            )
            val ritualGroup = s.group(VisibleKind.SHARED_RITUAL)
            assertEquals("Shared rituals", ritualGroup?.heading, "ritual heading")
            assertEquals(listOf(ritual.id to "$RITUAL_TITLE (proposed)"), ritualGroup?.rows?.map { it.id to it.summary }, "the ritual row")
            assertTrue(s.groups.flatMap { g -> g.rows.map { it.summary } }.none { it.contains(PATTERN_NOTE) }) { "the pattern log on the mirror" }
            // The boundary shared and then made private: its text is already on the partner's phone, said with the caveat.
            assertEquals(
                VisibleGroupModel(
                    VisibleKind.MADE_PRIVATE, "Sent before you made it private",
                    listOf(VisibleRowModel(private.id, VisibleKind.MADE_PRIVATE, PRIVATE_BOUNDARY, "Mon 1 Mar 2027 07:02", CANNOT_RECALL)),
                    null,
                ),
                s.group(VisibleKind.MADE_PRIVATE),
                "the made-private group, with the core's caveat",
            )
            assertTrue(s.groups.filter { it.kind != VisibleKind.MADE_PRIVATE }.flatMap { g -> g.rows.map { it.summary } }.none { it.contains(PRIVATE_BOUNDARY) }) { "private text outside the caveat group" }
            assertEquals("What you shared, exported or changed here", s.auditHeading, "audit heading")
            assertEquals(
                listOf(
                    AuditLineModel(private.id, AuditChange.BOUNDARY_UNSHARED, "Mon 1 Mar 2027 07:03", "You made a boundary private"),
                    AuditLineModel(private.id, AuditChange.BOUNDARY_SHARED, "Mon 1 Mar 2027 07:02", "You shared a boundary"),
                ),
                s.audit.take(2),
                "newest audit lines: sentences on New York's clock",
            )
            assertEquals(a.c.core.sharingAudit().map { it.id to it.change }, s.audit.map { it.id to it.change }, "every audit entry a line, in its order")
            val berlin = a.c.visibilityScreen(BERLIN) as Rendered.Shown
            assertEquals("Mon 1 Mar 2027 13:03", berlin.audit.first().at, "the same moment on Berlin's clock")

            a.c.setLanguage("de-DE")
            val de = a.c.visibilityScreen(BERLIN) as Rendered.Shown
            assertEquals("Das Handy deines Gegenübers enthält", de.heading, "German heading")
            assertEquals("Grenzen, die du geteilt hast", de.group(VisibleKind.BOUNDARY)?.heading, "German group heading")
            assertEquals("Du hast eine Grenze wieder privat gemacht" to "Mo 1. März 2027 13:03", de.audit.first().let { it.text to it.at }, "German audit line")
            assertEquals(PRIVATE_BOUNDARY, de.group(VisibleKind.MADE_PRIVATE)?.rows?.single()?.summary, "the person's words as written")

            val bad = a.c.visibilityScreen("Mars/Olympus")
            assertEquals(UserMessages.UNKNOWN_ZONE, (bad as? Rendered.Failed)?.message, "unknown zone")
            a.c.close()
            val closed = a.c.visibilityScreen(NY)
            assertTrue(closed is Rendered.Failed && closed.error is TandemException.Closed) { "after close: $closed" }
        }
    }

    @Test
    @DisplayName("VisibilityScreen: a phone that shares nothing yet lists only its name and says so")
    fun `VisibilityScreen - a phone that shares nothing yet lists only its name and says so`() {
        val a = phone(ANA)
        using(a) {
            a.c.core.addBoundary(PRIVATE_BOUNDARY, shared = false)
            val s = a.c.visibilityScreen(NY) as Rendered.Shown
            assertEquals("Only this phone's name so far: nothing you shared is on your partner's phone yet.", s.empty, "the core's empty text")
            assertEquals(listOf(VisibleKind.DEVICE_NAME), s.groups.map { it.kind }, "the name is still listed")
            assertEquals(emptyList<AuditLineModel>(), s.audit, "nothing shared, exported or changed yet")
        }
    }

    @Test
    @DisplayName("controller.wipe: the files and the key are gone, later calls are Closed; the next open makes a new, empty Tandem")
    fun `controller wipe - the files and the key are gone, later calls are Closed, the next open makes a new, empty Tandem`() {
        val keys = InMemoryStorageKeyProvider()
        val path = File(tempDir(), "tandem.db").path
        val c = TandemController.open(path, keys, ANA, ManualClock(T0))
        val before = c.core.device()
        c.core.proposeRitual(draft(RITUAL_TITLE, null, 30u, "09:30", ZoneMode.Floating))
        c.wipe()
        assertEquals(false, keys.hasKey, "the key provider holds no key")
        assertEquals(listOf("tandem.db.wiped"), dbFiles(path), "database files: only the wipe marker")
        val e = assertFailsWith<TandemException.Closed>("rituals after wipe") { c.core.rituals() }
        assertEquals(UserMessages.forError(TandemException.Closed("")), UserMessages.forError(e), "closed message")
        assertFailsWith<TandemException.Closed>("wipe twice") { c.wipe() }
        TandemController.open(path, keys, "Fresh start", ManualClock(T0)).use { fresh ->
            assertEquals(true, keys.hasKey, "a new key")
            assertEquals(emptyList<Ritual>(), fresh.core.rituals(), "nothing left")
            assertTrue(fresh.core.device().deviceId != before.deviceId) { "the old device id came back" }
        }

        val file = File(tempDir(), "storage.key")
        val fileKeys = FileStorageKeyProvider(file)
        val first = fileKeys.storageKey()
        fileKeys.deleteStorageKey()
        assertEquals(false, file.exists(), "the key file is gone")
        fileKeys.deleteStorageKey()
        assertTrue(!first.contentEquals(fileKeys.storageKey())) { "the deleted key came back" }
    }
}
