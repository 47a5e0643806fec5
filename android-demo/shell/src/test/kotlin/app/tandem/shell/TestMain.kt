package app.tandem.shell

import app.tandem.ffi.Agreement
import app.tandem.ffi.AuditEntry
import app.tandem.ffi.VisibleItem
import app.tandem.ffi.AgreementHistory
import app.tandem.ffi.AgreementReview
import app.tandem.ffi.AgreementStatus
import app.tandem.ffi.AgreementVersion
import app.tandem.ffi.Boundary
import app.tandem.ffi.Capacity
import app.tandem.ffi.EntryKind
import app.tandem.ffi.Happened
import app.tandem.ffi.LabelCount
import app.tandem.ffi.LogEntry
import app.tandem.ffi.Need
import app.tandem.ffi.PatternDraft
import app.tandem.ffi.PatternEntry
import app.tandem.ffi.Phrase
import app.tandem.ffi.RepairAct
import app.tandem.ffi.Situation
import app.tandem.ffi.HistoryEntry
import app.tandem.ffi.HistoryKind
import app.tandem.ffi.ImportReport
import app.tandem.ffi.Pause
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.PauseState
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Occurrence
import app.tandem.ffi.PairingStatus
import app.tandem.ffi.PendingChange
import app.tandem.ffi.QrCode
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.QuietHours
import app.tandem.ffi.QuietPolicy
import app.tandem.ffi.Reminder
import app.tandem.ffi.Rhythm
import app.tandem.ffi.Said
import app.tandem.ffi.ReminderSettings
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.ReviewOutcome
import app.tandem.ffi.Weekday
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.coreVersion
import app.tandem.ffi.generateStorageKey
import app.tandem.ffi.payloadFromChunks
import app.tandem.ffi.payloadFromText
import app.tandem.ffi.payloadToChunks
import app.tandem.ffi.payloadToText
import app.tandem.ffi.qrCode
import app.tandem.shell.Harness.tempDir
import app.tandem.shell.Harness.test
import java.io.File
import java.io.RandomAccessFile
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import java.time.Instant
import kotlin.system.exitProcess

// Every exported item of the facade is called here through the generated
// Kotlin, and every error variant is provoked; then the shell controller.

private const val MINUTE = 60_000L
private const val HOUR = 60 * MINUTE
private const val DAY = 24 * HOUR
private const val NY = "America/New_York"
private const val BERLIN = "Europe/Berlin"

private fun ms(rfc3339: String): Long = Instant.parse(rfc3339).toEpochMilli()

/** A deterministic "now" for proposals: 2027-03-01T12:00:00Z. */
private val T0 = ms("2027-03-01T12:00:00Z")

private fun draft(
    title: String = "Evening walk",
    prompt: String? = null,
    minutes: UInt = 30u,
    time: String = "20:30",
    zone: ZoneMode = ZoneMode.Floating,
) = RitualDraft(title = title, prompt = prompt, minutes = minutes, timeOfDay = time, zone = zone)

private class Db(val path: String, val key: ByteArray, val clock: ManualClock, val tandem: Tandem)

private fun newDb(name: String = "Ana's phone", now: Long = T0): Db {
    val path = File(tempDir(), "tandem.db").path
    val key = generateStorageKey()
    val clock = ManualClock(now)
    return Db(path, key, clock, Tandem.openWithClock(path, key, name, clock))
}

private fun reopen(db: Db, name: String? = null): Tandem = Tandem.openWithClock(db.path, db.key, name, db.clock)

private fun <T> Tandem.closing(block: (Tandem) -> T): T = try {
    block(this)
} finally {
    closeDatabase()
}

fun main() {
    facadeTests()
    pairingTests()
    syncTests()
    keyTests()
    controllerTests()
    pairingFlowTests()
    consentTests()
    reminderTests()
    marksTests()
    capabilityTests()
    agreementTests()
    notebookTests()
    exportTests()
    triggerTests()
    failurePathTests()
    launcherTests()
    appSupportTests()
    screenTests()
    safetyTests()
    exitProcess(Harness.finish())
}

private fun facadeTests() {
    test("coreVersion is the workspace version") {
        val v = coreVersion()
        check(Regex("""\d+\.\d+\.\d+""").matches(v)) { "coreVersion <$v> is not MAJOR.MINOR.PATCH" }
        val expected = System.getProperty("tandem.expectedVersion")
        check(!expected.isNullOrEmpty()) { "the runner did not pass -Dtandem.expectedVersion" }
        eq(expected, v, "coreVersion")
    }

    test("generateStorageKey: 32 random bytes each call") {
        val a = generateStorageKey()
        val b = generateStorageKey()
        eq(32, a.size, "key length")
        eq(32, b.size, "key length")
        check(!a.contentEquals(b)) { "two keys are equal" }
        check(a.any { it != 0.toByte() }) { "key is all zeros" }
    }

    test("ManualClock: nowMs, set, advance") {
        val clock = ManualClock(T0)
        eq(T0, clock.nowMs(), "nowMs after new")
        clock.advance(1_500)
        eq(T0 + 1_500, clock.nowMs(), "nowMs after advance")
        clock.set(ms("2030-01-01T00:00:00Z"))
        eq(1_893_456_000_000L, clock.nowMs(), "nowMs after set")
        clock.advance(-DAY)
        eq(1_893_456_000_000L - DAY, clock.nowMs(), "nowMs after advancing backwards")
    }

    test("device: 32-hex id stable across reopen; name set, trimmed, round-trips") {
        val db = newDb(name = "  Ana's phone  ")
        val first = db.tandem.closing { t ->
            val d = t.device()
            check(Regex("[0-9a-f]{32}").matches(d.deviceId)) { "device id <${d.deviceId}> is not 32 hex chars" }
            eq("Ana's phone", d.name, "device name (trimmed)")
            t.setDeviceName("Ana’s Pixel 🌙 ünïcode")
            eq("Ana’s Pixel 🌙 ünïcode", t.device().name, "name after setDeviceName")
            d
        }
        reopen(db).closing { t ->
            eq(first.deviceId, t.device().deviceId, "device id after reopen")
            eq("Ana’s Pixel 🌙 ünïcode", t.device().name, "name after reopen")
        }
        // A name given to an existing database is for creation only: the
        // name the person chose stays.
        reopen(db, name = "Kitchen tablet").closing { t ->
            eq(first.deviceId, t.device().deviceId, "device id after reopen with a name")
            eq("Ana’s Pixel 🌙 ünïcode", t.device().name, "name after reopen with a name")
        }
        // Without a ManualClock too (system clock): same identity.
        Tandem.open(db.path, db.key, null).closing { t ->
            eq(first.deviceId, t.device().deviceId, "device id via Tandem.open")
        }
        val other = newDb()
        other.tandem.closing { t -> check(t.device().deviceId != first.deviceId) { "two databases share a device id" } }
    }

    test("proposeRitual: fields, proposer, proposedAtMs from the manual clock") {
        val db = newDb()
        db.tandem.closing { t ->
            val me = t.device().deviceId
            val walk = t.proposeRitual(draft(title = "  Evening walk ", prompt = "  ", minutes = 30u, time = "9:05"))
            check(walk.id.isNotBlank()) { "ritual id is blank" }
            eq("Evening walk", walk.title, "title (trimmed)")
            eq(null, walk.prompt, "blank prompt becomes none")
            eq(30u, walk.minutes, "minutes")
            eq("09:05", walk.timeOfDay, "time of day (normalised)")
            eq(ZoneMode.Floating, walk.zone, "zone")
            eq(me, walk.proposedBy, "proposedBy")
            eq(T0, walk.proposedAtMs, "proposedAtMs")
            eq(RitualStatus.PROPOSED, walk.status, "status")

            db.clock.advance(90_000)
            val call = t.proposeRitual(draft(title = "Sunday call", prompt = "How was the week?", minutes = 1440u, time = "23:59", zone = ZoneMode.Fixed(" $BERLIN ")))
            eq(T0 + 90_000, call.proposedAtMs, "proposedAtMs after advance")
            eq(ZoneMode.Fixed(BERLIN), call.zone, "fixed zone (trimmed)")
            eq("How was the week?", call.prompt, "prompt")
            eq(1440u, call.minutes, "minutes at the limit")
            check(call.id != walk.id) { "two rituals share an id" }

            db.clock.set(ms("2027-04-01T00:00:00Z"))
            val tea = t.proposeRitual(draft(title = "T".repeat(80), minutes = 1u, time = "00:00"))
            eq(ms("2027-04-01T00:00:00Z"), tea.proposedAtMs, "proposedAtMs after set")

            eq(listOf(walk, call, tea), t.rituals(), "rituals() in proposal order")
        }
        reopen(db).closing { t ->
            eq(3, t.rituals().size, "rituals after reopen")
            eq(listOf("Evening walk", "Sunday call", "T".repeat(80)), t.rituals().map { it.title }, "titles after reopen")
        }
    }

    test("upcoming: 02:30 in the New York spring gap moves to 03:30 EDT") {
        val db = newDb()
        db.tandem.closing { t ->
            val r = t.proposeRitual(draft(title = "Night feed", minutes = 20u, time = "02:30"))
            val occ = t.upcoming(ms("2027-03-13T12:00:00Z"), ms("2027-03-15T12:00:00Z"), NY)
            eq(2, occ.size, "occurrences in two days")
            val gap = occ[0]
            eq(r.id, gap.ritualId, "ritualId")
            eq("Night feed", gap.title, "title")
            eq(ms("2027-03-14T07:30:00Z"), gap.startMs, "startMs in the gap")
            eq(gap.startMs + 20 * MINUTE, gap.endMs, "endMs")
            eq("2027-03-14T03:30:00-04:00", gap.start, "start (RFC 3339)")
            eq("2027-03-14 03:30", gap.localStart, "localStart")
            eq(NY, gap.zone, "zone")
            eq(-240, gap.utcOffsetMinutes, "utcOffsetMinutes")
            eq("2027-03-14 03:30", gap.deviceLocalStart, "deviceLocalStart (floating: the device's zone)")
            eq(-240, gap.deviceUtcOffsetMinutes, "deviceUtcOffsetMinutes")
            // The next day is a normal 02:30 EDT.
            eq(ms("2027-03-15T06:30:00Z"), occ[1].startMs, "startMs the day after")
            eq("2027-03-15 02:30", occ[1].localStart, "localStart the day after")
            // And the day before, 02:30 EST.
            val before = t.upcoming(ms("2027-03-13T00:00:00Z"), ms("2027-03-13T12:00:00Z"), NY)
            eq(listOf(ms("2027-03-13T07:30:00Z")), before.map { it.startMs }, "startMs the day before")
            eq(-300, before[0].utcOffsetMinutes, "EST offset")
            eq(-300, before[0].deviceUtcOffsetMinutes, "EST device offset")
        }
    }

    test("upcoming: 01:30 on the New York fall-back day is its first instance") {
        val db = newDb()
        db.tandem.closing { t ->
            t.proposeRitual(draft(title = "Late tea", minutes = 15u, time = "01:30"))
            val occ = t.upcoming(ms("2027-11-07T00:00:00Z"), ms("2027-11-08T00:00:00Z"), NY)
            eq(1, occ.size, "one occurrence on the repeated day")
            eq(ms("2027-11-07T05:30:00Z"), occ[0].startMs, "startMs (first 01:30, EDT)")
            eq("2027-11-07T01:30:00-04:00", occ[0].start, "start")
            eq(-240, occ[0].utcOffsetMinutes, "offset")
            eq("2027-11-07 01:30", occ[0].deviceLocalStart, "deviceLocalStart")
            // The next day, 01:30 EST.
            val next = t.upcoming(ms("2027-11-08T00:00:00Z"), ms("2027-11-09T00:00:00Z"), NY)
            eq(ms("2027-11-08T06:30:00Z"), next.single().startMs, "startMs the day after")
            eq(-300, next.single().utcOffsetMinutes, "EST offset the day after")
        }
    }

    test("upcoming: floating follows the device zone, fixed stays in its zone") {
        val db = newDb()
        db.tandem.closing { t ->
            val floating = t.proposeRitual(draft(title = "Floating", time = "20:00"))
            val fixed = t.proposeRitual(draft(title = "Fixed", time = "20:00", zone = ZoneMode.Fixed(BERLIN)))
            // From 01:00Z: the previous evening's 20:00 New York (00:00Z) is out.
            val from = ms("2027-06-01T01:00:00Z")
            val to = ms("2027-06-02T04:00:00Z")

            val inNy = t.upcoming(from, to, NY)
            eq(listOf(fixed.id, floating.id), inNy.map { it.ritualId }, "order in New York (soonest first)")
            eq(ms("2027-06-01T18:00:00Z"), inNy[0].startMs, "fixed 20:00 Berlin")
            eq(BERLIN, inNy[0].zone, "fixed ritual's zone")
            eq("2027-06-01 20:00", inNy[0].localStart, "fixed localStart")
            eq(120, inNy[0].utcOffsetMinutes, "CEST offset")
            eq("2027-06-01 14:00", inNy[0].deviceLocalStart, "fixed ritual on a New York clock")
            eq(-240, inNy[0].deviceUtcOffsetMinutes, "New York offset for the fixed ritual")
            eq(ms("2027-06-02T00:00:00Z"), inNy[1].startMs, "floating 20:00 New York")
            eq(NY, inNy[1].zone, "floating ritual's zone on a New York device")
            eq("2027-06-01 20:00", inNy[1].localStart, "floating localStart")
            eq("2027-06-01 20:00", inNy[1].deviceLocalStart, "floating deviceLocalStart")
            eq(-240, inNy[1].utcOffsetMinutes, "floating offset")
            eq(-240, inNy[1].deviceUtcOffsetMinutes, "floating device offset")
            eq(6 * HOUR, inNy[1].startMs - inNy[0].startMs, "fixed vs floating difference")

            val inBerlin = t.upcoming(from, to, BERLIN)
            eq(listOf(ms("2027-06-01T18:00:00Z"), ms("2027-06-01T18:00:00Z")), inBerlin.map { it.startMs }, "both at 18:00Z in Berlin")
            // Equal starts are ordered by ritual id.
            eq(listOf(fixed.id, floating.id).sorted(), inBerlin.map { it.ritualId }, "ties ordered by id")
            eq(listOf(BERLIN, BERLIN), inBerlin.map { it.zone }, "zones in Berlin")
            eq(listOf("2027-06-01 20:00", "2027-06-01 20:00"), inBerlin.map { it.deviceLocalStart }, "device wall times in Berlin")
            eq(listOf(120, 120), inBerlin.map { it.deviceUtcOffsetMinutes }, "device offsets in Berlin")
        }
    }

    test("upcoming: range rules, daily count, empty database") {
        // Proposed before the range: a ritual repeats from the day before its proposal.
        val db = newDb(now = ms("2026-12-01T12:00:00Z"))
        db.tandem.closing { t ->
            val from = ms("2027-01-01T00:00:00Z")
            eq(emptyList(), t.upcoming(from, from + DAY, NY), "no rituals, no occurrences")
            t.proposeRitual(draft(minutes = 45u, time = "07:15"))
            val week = t.upcoming(from, from + 7 * DAY, NY)
            eq(7, week.size, "one a day for a week")
            check(week.zipWithNext().all { (a, b) -> a.startMs < b.startMs }) { "not soonest first" }
            check(week.all { it.endMs - it.startMs == 45 * MINUTE }) { "an occurrence is not 45 minutes" }
            eq(366, t.upcoming(from, from + 366 * DAY, NY).size, "366 days is allowed")
            val start = ms("2027-01-02T12:15:00Z") // 07:15 EST exactly: [from, to) includes it
            eq(listOf(start), t.upcoming(start, start + 1, NY).map { it.startMs }, "range start is inclusive")
            eq(emptyList(), t.upcoming(start - 1, start, NY).map { it.startMs }, "range end is exclusive")
            expectThrows<TandemException.InvalidInput>("empty range") { t.upcoming(from, from, NY) }
            expectThrows<TandemException.InvalidInput>("reversed range") { t.upcoming(from, from - 1, NY) }
            expectThrows<TandemException.InvalidInput>("range over 366 days") { t.upcoming(from, from + 366 * DAY + 1, NY) }
            expectThrows<TandemException.InvalidInput>("unknown device zone") { t.upcoming(from, from + DAY, "Mars/Olympus") }
            expectThrows<TandemException.InvalidInput>("empty device zone") { t.upcoming(from, from + DAY, "") }
        }
    }

    test("InvalidInput: each refused draft, nothing written, reason never echoes the title") {
        val db = newDb()
        db.tandem.closing { t ->
            val bad = mapOf(
                "unknown zone" to draft(zone = ZoneMode.Fixed("Mars/Olympus")),
                "empty zone" to draft(zone = ZoneMode.Fixed("")),
                "empty title" to draft(title = ""),
                "blank title" to draft(title = "   "),
                "81-char title" to draft(title = "secret".repeat(13) + "abc"),
                "control char in title" to draft(title = "secret\u0007bell"),
                "0 minutes" to draft(minutes = 0u),
                "1441 minutes" to draft(minutes = 1441u),
                "25:00" to draft(time = "25:00"),
                "12:60" to draft(time = "12:60"),
                "7pm" to draft(time = "7pm"),
                "501-char prompt" to draft(prompt = "p".repeat(501)),
            )
            for ((what, d) in bad) {
                val e = expectThrows<TandemException.InvalidInput>(what) { t.proposeRitual(d) }
                check(e.reason.isNotBlank()) { "$what: empty reason" }
                check(!e.reason.contains("secret")) { "$what: reason echoes the title: ${e.reason}" }
            }
            eq(emptyList<Ritual>(), t.rituals(), "rituals after refused drafts")
            expectThrows<TandemException.InvalidInput>("empty device name") { t.setDeviceName(" ") }
            eq("Ana's phone", t.device().name, "name after a refused rename")
        }
    }

    test("InvalidInput: storage key length and a new database without a name") {
        val dir = tempDir()
        val path = File(dir, "new.db").path
        for (len in listOf(0, 31, 33)) {
            expectThrows<TandemException.InvalidInput>("$len-byte key") { Tandem.open(path, ByteArray(len) { 7 }, "phone") }
        }
        expectThrows<TandemException.InvalidInput>("new database without a device name") {
            Tandem.open(path, generateStorageKey(), null)
        }
        expectThrows<TandemException.InvalidInput>("new database with a blank device name") {
            Tandem.open(path, generateStorageKey(), "  ")
        }
        check(!File(path).exists() || File(path).length() == 0L) { "a refused open created a database" }
        // An existing database refuses a short key too, before anything else.
        val db = newDb()
        db.tandem.closeDatabase()
        expectThrows<TandemException.InvalidInput>("31-byte key on an existing database") {
            Tandem.open(db.path, db.key.copyOf(31), null)
        }
    }

    test("WrongKey: another key is refused and the file is left untouched") {
        val db = newDb()
        db.tandem.closing { it.proposeRitual(draft()) }
        val before = File(db.path).readBytes()
        val e = expectThrows<TandemException.WrongKey>("another key") { Tandem.open(db.path, generateStorageKey(), null) }
        check(e.reason.isNotBlank()) { "empty reason" }
        expectThrows<TandemException.WrongKey>("another key with a name") { Tandem.open(db.path, generateStorageKey(), "Thief") }
        check(before.contentEquals(File(db.path).readBytes())) { "the file changed" }
        reopen(db).closing { t ->
            eq(1, t.rituals().size, "the right key still opens it")
            eq("Ana's phone", t.device().name, "the refused name was not written")
        }
    }

    test("NotATandemDatabase: a text file is refused and left untouched") {
        val file = File(tempDir(), "notes.txt")
        val text = "Shopping: milk, eggs, and a very long line to fill the first page of what SQLite would read.\n".repeat(20)
        file.writeText(text)
        expectThrows<TandemException.NotATandemDatabase>("text file") { Tandem.open(file.path, generateStorageKey(), null) }
        expectThrows<TandemException.NotATandemDatabase>("text file with a name") { Tandem.open(file.path, generateStorageKey(), "phone") }
        eq(text, file.readText(), "text file contents")
    }

    test("DatabaseTooNew: user_version 999 is refused and left untouched") {
        val db = newDb()
        db.tandem.closeDatabase()
        val copy = File(File(db.path).parentFile, "copy.db")
        File(db.path).copyTo(copy)
        RandomAccessFile(copy, "rw").use { f ->
            f.seek(60)
            f.writeInt(999) // big-endian, as SQLite stores user_version
        }
        val before = copy.readBytes()
        val e = expectThrows<TandemException.DatabaseTooNew>("user_version 999") { Tandem.open(copy.path, db.key, null) }
        check(e.reason.contains("999")) { "reason does not name the version: ${e.reason}" }
        check(before.contentEquals(copy.readBytes())) { "the file changed" }
        // The original still opens.
        reopen(db).closing { t -> eq("Ana's phone", t.device().name, "original opens") }
    }

    test("Storage: a path in a directory that does not exist") {
        val path = File(tempDir(), "no/such/dir/tandem.db").path
        val e = expectThrows<TandemException.Storage>("missing directory") { Tandem.open(path, generateStorageKey(), "phone") }
        check(e.reason.isNotBlank()) { "empty reason" }
        check(!File(path).parentFile.exists()) { "the directory was created" }
    }

    test("Closed: every call after close; closing twice is fine") {
        val db = newDb()
        val t = db.tandem
        t.closeDatabase()
        t.closeDatabase()
        val calls: Map<String, () -> Unit> = mapOf(
            "device" to { t.device() },
            "setDeviceName" to { t.setDeviceName("x") },
            "proposeRitual" to { t.proposeRitual(draft()) },
            "rituals" to { t.rituals() },
            "acceptRitual" to { t.acceptRitual("0123456789abcdef01234567") },
            "declineRitual" to { t.declineRitual("0123456789abcdef01234567") },
            "counterRitual" to { t.counterRitual("0123456789abcdef01234567", draft()) },
            "pauseRitual" to { t.pauseRitual("0123456789abcdef01234567") },
            "resumeRitual" to { t.resumeRitual("0123456789abcdef01234567") },
            "retireRitual" to { t.retireRitual("0123456789abcdef01234567") },
            "upcoming" to { t.upcoming(T0, T0 + DAY, NY) },
            "startPairing" to { t.startPairing() },
            "acceptPairing" to { t.acceptPairing("TANDEM:AAAA") },
            "completePairing" to { t.completePairing("TANDEM:AAAA") },
            "cancelPairing" to { t.cancelPairing() },
            "confirmPairing" to { t.confirmPairing() },
            "rejectPairing" to { t.rejectPairing() },
            "pairingStatus" to { t.pairingStatus() },
            "unpair" to { t.unpair() },
            "exportPayloads" to { t.exportPayloads() },
            "changesToSend" to { t.changesToSend() },
            "importPayload" to { t.importPayload(ByteArray(100)) },
            "addPersonalRitual" to { t.addPersonalRitual(draft()) },
            "ritualDraft" to { t.ritualDraft("0123456789abcdef01234567") },
            "reviewRitual" to { t.reviewRitual("0123456789abcdef01234567", ReviewOutcome.Keep) },
            "reviewsDue" to { t.reviewsDue(NY) },
            "snoozeReminder" to { t.snoozeReminder("0123456789abcdef01234567", "2027-03-01", 10u, NY) },
            "declareRestWeek" to { t.declareRestWeek("2027-03-01", NY) },
            "callOffRestWeek" to { t.callOffRestWeek("2027-03-01", NY) },
            "restWeeks" to { t.restWeeks() },
            "exportIcs" to { t.exportIcs(true) },
        )
        for ((name, call) in calls) {
            val e = expectThrows<TandemException.Closed>(name) { call() }
            check(e.reason.isNotBlank()) { "$name: empty reason" }
        }
        // The file is released: it opens again.
        reopen(db).closing { eq("Ana's phone", it.device().name, "reopened after close") }
    }
}

// ---- Pairing and sync through the generated bindings ----

private const val ANA = "Ana's phone"
private const val BEN = "Ben's phone"
private const val OFFER_LIFETIME = 120_000L
private const val ANSWER_GRACE = 60_000L
private val SAS = Regex("""\d{3} \d{3} \d{3} \d{3} \d{3}""")

/** Runs [block], then closes every database in [dbs]. */
private fun <T> using(vararg dbs: Db, block: () -> T): T = try {
    block()
} finally {
    dbs.forEach { runCatching { it.tandem.closeDatabase() } }
}

/** Pairs [a] (offerer) with [b] (answerer), both confirmed; returns the digits. */
private fun pair(a: Tandem, b: Tandem): String {
    val offer = a.startPairing()
    val answer = b.acceptPairing(offer.text)
    val sas = a.completePairing(answer.text)
    eq(answer.sas, sas, "digits on both phones")
    a.confirmPairing()
    b.confirmPairing()
    return sas
}

/** The one payload an export is expected to make. */
private fun Tandem.exportOne(): ByteArray {
    val payloads = exportPayloads()
    eq(1, payloads.size, "payloads in one export")
    return payloads[0]
}

private fun report(applied: Int, duplicates: Int = 0, already: Boolean = false, acknowledged: Long = 0, partnerConfirmed: Boolean = false) =
    ImportReport(applied.toUInt(), duplicates.toUInt(), already, acknowledged.toULong(), partnerConfirmed)

private fun ByteArray.withBitFlipped(index: Int, bit: Int = 0): ByteArray =
    copyOf().also { it[index] = (it[index].toInt() xor (1 shl bit)).toByte() }

private fun checkQr(qr: QrCode, text: String, what: String, maxVersion: Int = 40) {
    eq(text, qr.text, "$what: text")
    val v = qr.version.toInt()
    check(v in 1..maxVersion) { "$what: version $v not in 1..$maxVersion" }
    eq(17u + 4u * qr.version.toUInt(), qr.size, "$what: size for version $v")
    eq((qr.size * qr.size).toInt(), qr.modules.size, "$what: modules.size == size * size")
    check(qr.modules.all { it == 0.toByte() || it == 1.toByte() }) { "$what: a module is neither 0 nor 1" }
    check(qr.modules.any { it == 1.toByte() } && qr.modules.any { it == 0.toByte() }) { "$what: modules all one colour" }
    // The three finder patterns: the top-left module of each is dark.
    val n = qr.size.toInt()
    for ((x, y) in listOf(0 to 0, n - 7 to 0, 0 to n - 7)) {
        eq(1.toByte(), qr.modules[y * n + x], "$what: finder pattern at ($x, $y)")
    }
    check(qr.svg.startsWith("<svg")) { "$what: svg starts with <${qr.svg.take(20)}>" }
    check(qr.svg.trimEnd().endsWith("</svg>")) { "$what: svg is not closed" }
}

private fun pairingTests() {
    test("pairing: offer, answer, equal digits, status on both phones at each step") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            val aId = a.tandem.device().deviceId
            val bId = b.tandem.device().deviceId
            eq(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A before")
            eq(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B before")

            val offer = a.tandem.startPairing()
            eq(T0 + OFFER_LIFETIME, offer.expiresAtMs, "offer expires two minutes after now")
            check(offer.text.startsWith("TANDEM:")) { "offer text <${offer.text.take(12)}>" }
            checkQr(offer.qr, offer.text, "offer QR", maxVersion = 10)
            eq(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A offering")
            eq(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B while A offers")

            b.clock.advance(30_000)
            val answer = b.tandem.acceptPairing(offer.text)
            check(SAS.matches(answer.sas)) { "digits <${answer.sas}> are not \"123 456\"" }
            check(answer.text.startsWith("TANDEM:") && answer.text != offer.text) { "answer text" }
            checkQr(answer.qr, answer.text, "answer QR", maxVersion = 10)
            eq(PairingStatus.AwaitingConfirmation(answer.sas, null), b.tandem.pairingStatus(), "B after accepting")
            eq(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A before scanning the answer")

            a.clock.advance(45_000)
            val sas = a.tandem.completePairing(answer.text)
            eq(answer.sas, sas, "A's digits equal B's")
            eq(PairingStatus.AwaitingConfirmation(sas, BEN), a.tandem.pairingStatus(), "A after completing (knows B's name)")

            // Key epoch 1 on both phones; the keys were made when each phone
            // took the other's code (B accepting at +30 s, A completing at +45 s).
            a.tandem.confirmPairing()
            eq(PairingStatus.Paired(BEN, bId, true, 1u, T0 + 45_000), a.tandem.pairingStatus(), "A after confirming")
            eq(PairingStatus.AwaitingConfirmation(sas, null), b.tandem.pairingStatus(), "B before confirming")
            b.clock.advance(MINUTE)
            b.tandem.confirmPairing()
            eq(PairingStatus.Paired(null, null, false, 1u, T0 + 30_000), b.tandem.pairingStatus(), "B after confirming (A not yet known)")

            // A's first payload carries its key confirmation and name; B
            // makes its next key then (epoch 2, at B's clock).
            b.clock.advance(MINUTE)
            val first = b.tandem.importPayload(a.tandem.exportOne())
            eq(report(applied = 0, partnerConfirmed = true), first, "B imports A's first payload")
            eq(PairingStatus.Paired(ANA, aId, true, 2u, T0 + 30_000 + 2 * MINUTE), b.tandem.pairingStatus(), "B after A's first payload")
            // A has not heard from B: its second payload is sealed to the same key, so nothing moves.
            b.clock.advance(MINUTE)
            val second = b.tandem.importPayload(a.tandem.exportOne())
            eq(false, second.partnerConfirmed, "partnerConfirmed only once")
            eq(PairingStatus.Paired(ANA, aId, true, 2u, T0 + 30_000 + 2 * MINUTE), b.tandem.pairingStatus(), "B after A's second payload")
            eq(PairingStatus.Paired(BEN, bId, true, 1u, T0 + 45_000), a.tandem.pairingStatus(), "A: exporting moves no keys")
        }
        // The pair and where its keys stand survive a reopen on both phones.
        val aId = reopen(a).closing { it.device().deviceId }
        val bId = reopen(b).closing { it.device().deviceId }
        reopen(a).closing { eq(PairingStatus.Paired(BEN, bId, true, 1u, T0 + 45_000), it.pairingStatus(), "A after reopen") }
        reopen(b).closing { eq(PairingStatus.Paired(ANA, aId, true, 2u, T0 + 30_000 + 2 * MINUTE), it.pairingStatus(), "B after reopen") }
    }

    test("pairing: rejecting the digits destroys the keys; both can pair again") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            val offer = a.tandem.startPairing()
            val answer = b.tandem.acceptPairing(offer.text)
            a.tandem.completePairing(answer.text)
            a.tandem.rejectPairing()
            eq(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after rejecting")
            expectThrows<TandemException.NotPaired>("A exports after rejecting") { a.tandem.exportPayloads() }
            b.tandem.rejectPairing()
            eq(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B after rejecting")
            // A used answer cannot complete again.
            expectThrows<TandemException.PairingFailed>("the rejected answer again") { a.tandem.completePairing(answer.text) }

            val sas = pair(a.tandem, b.tandem)
            check(SAS.matches(sas)) { "digits <$sas>" }
            eq(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "A paired the second time")
            // Offers are fresh each time: new digits (1 in a million to collide).
            check(sas != answer.sas) { "the second pairing showed the first one's digits" }
        }
    }

    test("cancelPairing: withdraws an unanswered offer; a late answer is refused; nothing to withdraw is fine") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            a.tandem.cancelPairing()
            eq(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after cancelling nothing")
            val offer = a.tandem.startPairing()
            a.tandem.cancelPairing()
            eq(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after withdrawing its offer")
            // B cannot tell: it answers, and A refuses the answer.
            val answer = b.tandem.acceptPairing(offer.text)
            expectThrows<TandemException.PairingFailed>("an answer to a withdrawn offer") { a.tandem.completePairing(answer.text) }
            b.tandem.rejectPairing()
            // While waiting for the digits, cancelling leaves the keys to reject.
            val offer2 = a.tandem.startPairing()
            a.tandem.completePairing(b.tandem.acceptPairing(offer2.text).text)
            a.tandem.cancelPairing()
            check(a.tandem.pairingStatus() is PairingStatus.AwaitingConfirmation) { "cancel removed a pairing awaiting digits: ${a.tandem.pairingStatus()}" }
            a.tandem.confirmPairing()
            b.tandem.confirmPairing()
            a.tandem.cancelPairing()
            eq(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "cancel keeps a pairing")
        }
    }

    test("PairingExpired: an offer scanned after 120 s; an answer scanned after the grace") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            val offer = a.tandem.startPairing()
            b.clock.advance(OFFER_LIFETIME + 1)
            val e = expectThrows<TandemException.PairingExpired>("offer at 120.001 s") { b.tandem.acceptPairing(offer.text) }
            check(e.reason.isNotBlank()) { "empty reason" }
            eq(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B after an expired offer")
            // At exactly 120 s it is still good (and the refusal left nothing behind).
            b.clock.set(T0 + OFFER_LIFETIME)
            val answer = b.tandem.acceptPairing(offer.text)

            // A shows "offering" until the grace for the second scan ends.
            a.clock.advance(OFFER_LIFETIME + ANSWER_GRACE)
            eq(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A at the end of the grace")
            a.clock.advance(1)
            eq(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after the grace")
            expectThrows<TandemException.PairingExpired>("answer after the grace") { a.tandem.completePairing(answer.text) }
            eq(PairingStatus.Unpaired, a.tandem.pairingStatus(), "A after an expired answer")
            expectThrows<TandemException.NotPaired>("A confirms nothing") { a.tandem.confirmPairing() }
            // B's half is left waiting: it rejects, then both start over.
            b.tandem.rejectPairing()
            pair(a.tandem, b.tandem)
        }
    }

    test("PairingFailed: wrong kind of code, damaged, own, for another offer, reused, reject after confirm") {
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
                val e = expectThrows<TandemException.PairingFailed>(what) { call() }
                check(e.reason.isNotBlank()) { "$what: empty reason" }
            }
            eq(PairingStatus.Unpaired, c.tandem.pairingStatus(), "C after refused codes")
            eq(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.tandem.pairingStatus(), "A's offer survives refused answers")

            // A new offer replaces the old one: an answer to the old one is refused.
            val newer = a.tandem.startPairing()
            expectThrows<TandemException.PairingFailed>("answer to a replaced offer") { a.tandem.completePairing(answer.text) }
            b.tandem.rejectPairing()
            // B already used the first offer.
            expectThrows<TandemException.PairingFailed>("an offer used before") { b.tandem.acceptPairing(offer.text) }
            val sas = a.tandem.completePairing(b.tandem.acceptPairing(newer.text).text)
            a.tandem.confirmPairing()
            b.tandem.confirmPairing()
            check(SAS.matches(sas)) { "digits" }
            expectThrows<TandemException.PairingFailed>("reject after confirming") { a.tandem.rejectPairing() }
            eq(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "still paired after a late reject")
        }
    }

    test("AlreadyPaired: start, accept, complete while paired or waiting for the digits") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        val c = newDb("Cleo's phone")
        using(a, b, c) {
            val offer = a.tandem.startPairing()
            val answer = b.tandem.acceptPairing(offer.text)
            // B waits for the digits: that counts as paired.
            expectThrows<TandemException.AlreadyPaired>("B starts while waiting") { b.tandem.startPairing() }
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
                val e = expectThrows<TandemException.AlreadyPaired>(what) { call() }
                check(e.reason.isNotBlank()) { "$what: empty reason" }
            }
            eq(PairingStatus.Offering(cOffer.expiresAtMs), c.tandem.pairingStatus(), "C still offering")
            eq(BEN, (a.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "A still paired with B")
        }
    }
}

private fun syncTests() {
    test("sync: rituals both ways with equal ids and titles, acknowledgements, nothing new the second time") {
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
            eq(report(applied = 2, partnerConfirmed = true), b.tandem.importPayload(fromA), "B imports A's rituals")
            eq(report(applied = 0, duplicates = 2), b.tandem.importPayload(fromAAgain), "B imports the same changes again")
            val onB = b.tandem.rituals()
            // The core's order is its own (time, then clock and proposer): compare by id.
            eq(listOf(walk, call, tea).sortedBy { it.id }, onB.sortedBy { it.id }, "B's rituals (A's exactly as A has them)")

            val fromB = b.tandem.exportOne()
            eq(report(applied = 1, acknowledged = 2), a.tandem.importPayload(fromB), "A imports B's ritual; B holds A's two")
            eq(onB, a.tandem.rituals(), "both phones hold the same rituals")
            eq(listOf(walk.id, call.id, tea.id).sorted(), a.tandem.rituals().map { it.id }.sorted(), "ids")
            eq(setOf("Evening walk", "Sunday call", "Tea"), a.tandem.rituals().map { it.title }.toSet(), "titles")
            eq(b.tandem.device().deviceId, a.tandem.rituals().first { it.id == tea.id }.proposedBy, "proposer of B's ritual on A")

            // Second round: each side's export carries nothing the other lacks.
            eq(report(applied = 0, acknowledged = 1), b.tandem.importPayload(a.tandem.exportOne()), "B imports A's second export")
            eq(report(applied = 0, acknowledged = 2), a.tandem.importPayload(b.tandem.exportOne()), "A imports B's second export")
            eq(onB, b.tandem.rituals(), "B unchanged by empty payloads")
            // Occurrences agree too (same zone, same instants).
            eq(
                a.tandem.upcoming(T0, T0 + 2 * DAY, NY).map { it.ritualId to it.startMs },
                b.tandem.upcoming(T0, T0 + 2 * DAY, NY).map { it.ritualId to it.startMs },
                "occurrences on both phones",
            )
        }
    }

    test("payload text and chunk forms round trip; damaged forms are PayloadRejected") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            repeat(12) { i ->
                a.tandem.proposeRitual(draft(title = "Ritual $i", prompt = "p$i ".repeat(120).trim(), minutes = (10 + i).toUInt()))
            }
            val payload = a.tandem.exportOne()

            val text = payloadToText(payload)
            check(text.startsWith("TSYNC1:")) { "text form <${text.take(10)}>" }
            check(Regex("TSYNC1:[A-Za-z0-9_-]+").matches(text)) { "text form is not base64url" }
            check(payloadFromText(text).contentEquals(payload)) { "text round trip" }
            // Line breaks and spaces from a mail client are harmless.
            val wrapped = text.chunked(76).joinToString("\r\n", prefix = "  ", postfix = "\n")
            check(payloadFromText(wrapped).contentEquals(payload)) { "wrapped text round trip" }

            val chunks = payloadToChunks(payload)
            check(chunks.size >= 3) { "expected several chunks for ${payload.size} bytes, got ${chunks.size}" }
            check(chunks.all { it.length <= 2000 }) { "a chunk is longer than 2000 chars: ${chunks.map { it.length }}" }
            check(chunks.all { it.startsWith("TSYNC1-CHUNK:") }) { "chunk prefix" }
            check(payloadFromChunks(chunks).contentEquals(payload)) { "chunks in order" }
            check(payloadFromChunks(chunks.reversed()).contentEquals(payload)) { "chunks reversed" }
            check(payloadFromChunks(chunks.shuffled(java.util.Random(7))).contentEquals(payload)) { "chunks shuffled" }
            checkQr(qrCode(chunks[0]), chunks[0], "QR of a full chunk")

            val bytes = ByteArray(256) { it.toByte() }
            check(payloadFromText(payloadToText(bytes)).contentEquals(bytes)) { "all byte values through text" }
            check(payloadFromChunks(payloadToChunks(bytes)).contentEquals(bytes)) { "all byte values through chunks" }
            eq(1, payloadToChunks(ByteArray(0)).size, "an empty payload is one chunk")

            // The reassembled payload imports.
            eq(report(applied = 12, partnerConfirmed = true), b.tandem.importPayload(payloadFromChunks(chunks.reversed())), "import after chunks")

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
                val e = expectThrows<TandemException.PayloadRejected>(what) { call() }
                check(e.reason.isNotBlank()) { "$what: empty reason" }
            }
        }
    }

    test("qrCode: any text; version, size, modules and svg; too long is InvalidInput") {
        checkQr(qrCode("hello"), "hello", "hello", maxVersion = 1)
        val sync = qrCode("TSYNC1:" + "A".repeat(500))
        checkQr(sync, "TSYNC1:" + "A".repeat(500), "500 chars")
        check(sync.version > qrCode("hello").version) { "a longer text has a larger version" }
        val e = expectThrows<TandemException.InvalidInput>("5,000 characters") { qrCode("x".repeat(5000)) }
        check(e.reason.isNotBlank()) { "empty reason" }
    }

    test("PayloadRejected: every single flipped bit is refused and changes nothing") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            a.tandem.proposeRitual(draft(title = "Evening walk"))
            val payload = a.tandem.exportOne()
            val statusBefore = b.tandem.pairingStatus()
            // One byte flipped (all bits), then every bit of every byte.
            val e = expectThrows<TandemException.PayloadRejected>("byte ${payload.size / 2} flipped") {
                b.tandem.importPayload(payload.copyOf().also { it[payload.size / 2] = (it[payload.size / 2].toInt() xor 0xFF).toByte() })
            }
            check(e.reason.isNotBlank()) { "empty reason" }
            for (i in payload.indices) {
                for (bit in 0 until 8) {
                    expectThrows<TandemException.PayloadRejected>("bit $bit of byte $i of ${payload.size}") {
                        b.tandem.importPayload(payload.withBitFlipped(i, bit))
                    }
                }
            }
            expectThrows<TandemException.PayloadRejected>("truncated") { b.tandem.importPayload(payload.copyOf(payload.size - 1)) }
            expectThrows<TandemException.PayloadRejected>("one byte added") { b.tandem.importPayload(payload + 0) }
            expectThrows<TandemException.PayloadRejected>("empty") { b.tandem.importPayload(ByteArray(0)) }
            eq(emptyList<Ritual>(), b.tandem.rituals(), "B's rituals after refused payloads")
            eq(statusBefore, b.tandem.pairingStatus(), "B's status after refused payloads")
            // The genuine payload still imports in full: no refusal left a trace.
            eq(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(payload), "the genuine payload")
        }
    }

    test("PayloadRejected: another pairing's payload, this phone's own, a clock far ahead") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        val c = newDb("Cleo's phone")
        val d = newDb("Dan's phone")
        using(a, b, c, d) {
            pair(a.tandem, b.tandem)
            pair(c.tandem, d.tandem)
            c.tandem.proposeRitual(draft())
            val fromC = c.tandem.exportOne()
            expectThrows<TandemException.PayloadRejected>("C's payload on B") { b.tandem.importPayload(fromC) }
            expectThrows<TandemException.PayloadRejected>("C's payload on A") { a.tandem.importPayload(fromC) }
            val fromA = a.tandem.exportOne()
            expectThrows<TandemException.PayloadRejected>("A's payload on A") { a.tandem.importPayload(fromA) }
            eq(emptyList<Ritual>(), b.tandem.rituals(), "B after refused payloads")

            // A's clock runs three days ahead of B's: B refuses its changes
            // (hours ahead are admitted with a note; see the clock test).
            a.clock.advance(72 * HOUR)
            a.tandem.proposeRitual(draft(title = "From the future"))
            val skewed = a.tandem.exportOne()
            expectThrows<TandemException.ClockSkew>("a clock three days ahead") { b.tandem.importPayload(skewed) }
            eq(emptyList<Ritual>(), b.tandem.rituals(), "B after a skewed payload")
            b.clock.advance(30 * HOUR)
            eq(1u, b.tandem.importPayload(skewed).applied, "the same payload once B's clock is within two days")
        }
    }

    test("replay: a payload imported twice is alreadyImported and applies nothing") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            a.tandem.proposeRitual(draft())
            val payload = a.tandem.exportOne()
            eq(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(payload), "first import")
            val rituals = b.tandem.rituals()
            eq(report(applied = 0, already = true), b.tandem.importPayload(payload), "second import")
            eq(report(applied = 0, already = true), b.tandem.importPayload(payload.copyOf()), "third import")
            eq(rituals, b.tandem.rituals(), "rituals after replays")
            // Also through the text form, as a share sheet would deliver it twice.
            eq(true, b.tandem.importPayload(payloadFromText(payloadToText(payload))).alreadyImported, "replay via text")
        }
    }

    test("NotPaired: before pairing, before the digits are confirmed, after unpair") {
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
                val e = expectThrows<TandemException.NotPaired>(what) { call() }
                check(e.reason.isNotBlank()) { "$what: empty reason" }
            }
            val offer = a.tandem.startPairing()
            val answer = b.tandem.acceptPairing(offer.text)
            expectThrows<TandemException.NotPaired>("B exports before confirming") { b.tandem.exportPayloads() }
            expectThrows<TandemException.NotPaired>("B counts changes before confirming") { b.tandem.changesToSend() }
            a.tandem.completePairing(answer.text)
            expectThrows<TandemException.NotPaired>("A exports before confirming") { a.tandem.exportPayloads() }
            expectThrows<TandemException.NotPaired>("A counts changes before confirming") { a.tandem.changesToSend() }
            a.tandem.confirmPairing()
            a.tandem.proposeRitual(draft())
            val first = a.tandem.exportOne()
            expectThrows<TandemException.NotPaired>("B imports before confirming") { b.tandem.importPayload(first) }
            expectThrows<TandemException.NotPaired>("C, never paired, imports") { c.tandem.importPayload(first) }
            b.tandem.confirmPairing()
            eq(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(first), "B imports after confirming")

            // B unpairs: the history stays, A's payloads and B's exports are refused.
            b.tandem.unpair()
            eq(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B after unpair")
            eq(1, b.tandem.rituals().size, "B keeps the shared history")
            a.tandem.proposeRitual(draft(title = "After the split"))
            val later = a.tandem.exportOne()
            expectThrows<TandemException.NotPaired>("A's payload after B unpaired") { b.tandem.importPayload(later) }
            expectThrows<TandemException.NotPaired>("A's old payload after B unpaired") { b.tandem.importPayload(first) }
            expectThrows<TandemException.NotPaired>("B exports after unpair") { b.tandem.exportPayloads() }
            b.tandem.unpair() // twice is fine
            a.tandem.unpair()
            expectThrows<TandemException.NotPaired>("A exports after unpair") { a.tandem.exportPayloads() }
            eq(2, a.tandem.rituals().size, "A keeps the shared history")

            // B can pair with someone new; A's old payloads belong to another pairing.
            pair(c.tandem, b.tandem)
            expectThrows<TandemException.PayloadRejected>("the old partner's payload after re-pairing") { b.tandem.importPayload(later) }
            eq(report(applied = 0, partnerConfirmed = true), b.tandem.importPayload(c.tandem.exportOne()), "C's first payload")
            eq("Cleo's phone", (b.tandem.pairingStatus() as PairingStatus.Paired).partnerName, "B's new partner")
        }
    }
}

// ---- Keys that move on: the key epoch, forward secrecy, PayloadTooOld ----

/** Where [db]'s keys stand: (keyEpoch, keysMovedAtMs); fails unless paired. */
private fun keysOf(db: Db): Pair<UInt, Long> {
    val s = db.tandem.pairingStatus()
    check(s is PairingStatus.Paired) { "not paired: $s" }
    val paired = s as PairingStatus.Paired
    return paired.keyEpoch to paired.keysMovedAtMs
}

private fun keyTests() {
    test("key epoch: 1 on both phones after pairing, one more with each delivery, keysMovedAtMs the receiver's clock then") {
        val a = newDb(ANA)
        val b = newDb(BEN)
        using(a, b) {
            pair(a.tandem, b.tandem)
            eq(1u to T0, keysOf(a), "A right after pairing")
            eq(1u to T0, keysOf(b), "B right after pairing")
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
                    eq(senderBefore, keysOf(from), "round $round: exporting moves no keys")
                    payloads.forEach { to.tandem.importPayload(it) }
                    epoch++
                    eq(epoch to to.clock.nowMs(), keysOf(to), "round $round: $who after the payload")
                    eq(senderBefore, keysOf(from), "round $round: the sender after delivery")
                }
            }
            eq(9u, keysOf(a).first, "A after eight deliveries")
            eq(8u, keysOf(b).first, "B after eight deliveries")

            // A replayed payload and one sealed to a key already in use move nothing.
            val last = b.tandem.exportOne()
            a.clock.advance(MINUTE)
            eq(report(applied = 0, acknowledged = 1), a.tandem.importPayload(last), "B's next payload (sealed to A's key in use)")
            val aKeys = keysOf(a)
            eq(9u, aKeys.first, "A: a payload to the key in use is not a move")
            a.clock.advance(MINUTE)
            eq(true, a.tandem.importPayload(last).alreadyImported, "replay")
            eq(aKeys, keysOf(a), "A after a replay")
        }
        // Both phones keep where their keys stand across a reopen.
        reopen(a).closing { eq(9u, (it.pairingStatus() as PairingStatus.Paired).keyEpoch, "A after reopen") }
        reopen(b).closing { eq(8u, (it.pairingStatus() as PairingStatus.Paired).keyEpoch, "B after reopen") }
    }

    test("forward secrecy: a payload sealed to a key deleted since is PayloadTooOld and changes nothing; the one imported then replays") {
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
            eq(report(applied = 1, partnerConfirmed = true), b.tandem.importPayload(p1), "B imports P1 only")
            eq(2u, keysOf(b).first, "B made its next key")

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
            eq(listOf(3u to 2u, 5u to 4u, 7u to 6u), epochs, "(A, B) epochs after each exchange")
            val rituals = b.tandem.rituals()
            eq(listOf(walk.id, tea.id).sorted(), rituals.map { it.id }.sorted(), "Tea reached B with the exchanges")
            val status = b.tandem.pairingStatus()

            b.clock.advance(MINUTE)
            val e = expectThrows<TandemException.PayloadTooOld>("P2, sealed to B's deleted key 1") { b.tandem.importPayload(p2) }
            check(e.reason.isNotBlank()) { "empty reason" }
            eq(UserMessages.PAYLOAD_TOO_OLD, UserMessages.forError(e), "the message shown")
            eq(rituals, b.tandem.rituals(), "B's rituals unchanged by the refused payload")
            eq(status, b.tandem.pairingStatus(), "B's keys unchanged by the refused payload")
            expectThrows<TandemException.PayloadTooOld>("P2 again") { b.tandem.importPayload(p2) }

            // P1 was applied before its key went: delivered again, it is a duplicate.
            val again = b.tandem.importPayload(p1)
            eq(true, again.alreadyImported, "P1 again: alreadyImported")
            eq(0u, again.applied, "P1 again: nothing applied")
            eq(rituals, b.tandem.rituals(), "B's rituals after P1 again")
            eq(status, b.tandem.pairingStatus(), "B's keys after P1 again")
        }
    }

    test("controller syncIn: a too-old file is refused with the calm message and dropped; the rest still imports") {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            pairFlows(a, b)
            val aToB = tempDir()
            val bToA = tempDir()
            val aside = tempDir()
            val ta = FileSyncTransport(outbox = aToB, inbox = bToA)
            val tb = FileSyncTransport(outbox = bToA, inbox = aToB)
            a.c.proposeRitual("Evening walk", null, 30, "20:30", ZoneMode.Floating)
            a.c.syncOut(ta)
            a.c.proposeRitual("Tea", null, 15, "16:00", ZoneMode.Floating)
            val late = File(aToB, a.c.syncOut(ta).sentTo.single())
            // The second file is held back (a slow share), the first arrives.
            val held = File(aside, late.name)
            check(late.renameTo(held)) { "could not hold the file back" }
            eq(1L, b.c.syncIn(tb).applied, "B receives the first file")
            repeat(3) {
                a.clock.advance(MINUTE)
                b.clock.advance(MINUTE)
                a.c.syncOut(ta)
                b.c.syncIn(tb)
                b.c.syncOut(tb)
                a.c.syncIn(ta)
            }
            val rituals = b.c.rituals()
            eq(2, rituals.size, "both rituals reached B with the exchanges")

            // The held-back file finally arrives, next to a fresh one.
            check(held.renameTo(late)) { "could not put the file back" }
            a.c.syncOut(ta)
            eq(2, tb.waiting(), "two files waiting")
            val got = b.c.syncIn(tb)
            eq(1, got.refused.size, "one refused")
            val refused = got.refused.single()
            eq(late.name, refused.source, "the late file")
            check(refused.error is TandemException.PayloadTooOld) { "expected PayloadTooOld, got ${refused.error}" }
            eq(UserMessages.PAYLOAD_TOO_OLD, refused.message, "message")
            eq(1, got.imported.size, "the fresh file imported")
            eq(0, tb.waiting(), "the too-old file is dropped: nothing left waiting")
            eq(rituals, b.c.rituals(), "nothing changed on B")
            eq(listOf("${late.name}: ${UserMessages.PAYLOAD_TOO_OLD}"), SyncTexts.received(got).drop(1), "the screen's lines")
        }
    }

    test("PairingTexts.keys: the generation and when the keys last moved on, in the phone's zone") {
        val at = ms("2027-03-01T17:05:00Z")
        eq("Encryption keys: generation 3, last renewed 2027-03-01 12:05. They renew as you sync.", PairingTexts.keys(3, at, NY), "New York")
        eq("Encryption keys: generation 1, last renewed 2027-03-01 18:05. They renew as you sync.", PairingTexts.keys(1, at, BERLIN), "Berlin")
        eq("Encryption keys: generation 1, last renewed 2027-03-01 17:05. They renew as you sync.", PairingTexts.keys(1, at, "Not/AZone"), "unknown zone: UTC")
        eq(null, PairingTexts.keys(0, 0, NY), "no keys reported")
    }
}

private fun controllerTests() {
    test("FileStorageKeyProvider: makes 32 bytes once, owner-only, then the same key") {
        val file = File(tempDir(), "storage.key")
        val first = FileStorageKeyProvider(file).storageKey()
        eq(32, first.size, "key length")
        eq(32L, file.length(), "key file length")
        eq("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath())), "key file permissions")
        check(first.contentEquals(FileStorageKeyProvider(file).storageKey())) { "a second provider read another key" }
        val mem = InMemoryStorageKeyProvider()
        val k = mem.storageKey()
        k.fill(0)
        check(mem.storageKey().any { it != 0.toByte() }) { "the in-memory key can be changed by a caller" }
    }

    test("controller: propose, rituals, upcoming, today agenda across zones") {
        val dir = tempDir()
        val keys = FileStorageKeyProvider(File(dir, "storage.key"))
        val now = ms("2027-06-01T12:00:00Z") // 08:00 in New York
        val clock = ManualClock(now)
        val path = File(dir, "tandem.db").path
        val c = TandemController.open(path, keys, "Ana's phone", clock)
        try {
            eq("Ana's phone", c.device().name, "device name")
            val morning = c.proposeRitual("Morning coffee", null, 15, "07:00", ZoneMode.Floating)
            eq(now, morning.proposedAtMs, "proposedAtMs from the controller's clock")
            // rituals() is ordered by proposal time, then by (random) id: step the clock.
            clock.advance(MINUTE)
            val call = c.proposeRitual("Call", "What made you laugh?", 60, "20:00", ZoneMode.Fixed(BERLIN))
            eq(now + MINUTE, call.proposedAtMs, "proposedAtMs after advance")
            eq(listOf(morning, call), c.rituals(), "rituals")
            eq(8, c.upcoming(now, now + 4 * DAY, NY).size, "two a day for four days")

            val state = c.todayAgenda(now, NY)
            check(state is TodayState.Agenda) { "expected an agenda, got $state" }
            val rows = (state as TodayState.Agenda).rows
            eq(null, state.emptyMessage, "empty message with rows")
            eq(
                listOf(
                    AgendaRow(call.id, "Call", "14:00", "2027-06-01", ms("2027-06-01T18:00:00Z"), 60, BERLIN, "20:00"),
                    AgendaRow(morning.id, "Morning coffee", "07:00", "2027-06-02", ms("2027-06-02T11:00:00Z"), 15, NY, null),
                ),
                rows,
                "Today rows in New York",
            )
            // Fourteen hours later, the call has passed and tomorrow's call is in.
            val later = c.todayAgenda(now + 14 * HOUR, NY) as TodayState.Agenda
            eq(listOf("Morning coffee", "Call"), later.rows.map { it.title }, "rows 14 h later")
            eq("2027-06-02", later.rows[1].date, "next call's date")

            // On a Berlin clock the call reads 20:00 with no second time.
            val inBerlin = c.todayAgenda(now, BERLIN) as TodayState.Agenda
            val callRow = inBerlin.rows.first { it.ritualId == call.id }
            eq("20:00", callRow.time, "call time in Berlin")
            eq(null, callRow.zoneTime, "no second time in Berlin")

            c.renameDevice("Ana's Pixel")
            eq("Ana's Pixel", c.device().name, "renamed")
        } finally {
            c.close()
        }
        // Reopen through the same key file: same device, same rituals.
        TandemController.open(path, keys, null, clock).use { again ->
            eq("Ana's Pixel", again.device().name, "name after reopen")
            eq(2, again.rituals().size, "rituals after reopen")
        }
    }

    test("controller: empty Today, refused input, wrong key, closed") {
        val dir = tempDir()
        val path = File(dir, "tandem.db").path
        val keys = InMemoryStorageKeyProvider()
        val now = ms("2027-03-13T12:00:00Z")
        val c = TandemController.open(path, keys, "phone", ManualClock(now))

        val empty = c.todayAgenda(now, NY) as TodayState.Agenda
        eq(emptyList(), empty.rows, "no rows")
        eq(UserMessages.EMPTY_TODAY, empty.emptyMessage, "empty message")

        val badZone = c.todayAgenda(now, "Mars/Olympus")
        check(badZone is TodayState.Failed) { "expected Failed, got $badZone" }
        badZone as TodayState.Failed
        check(badZone.error is TandemException.InvalidInput) { "expected InvalidInput, got ${badZone.error}" }
        eq(UserMessages.forError(badZone.error), badZone.message, "message for a bad zone")
        check(!badZone.message.contains("Mars")) { "the message shows user text" }

        expectThrows<TandemException.InvalidInput>("negative minutes") { c.proposeRitual("Walk", null, -1, "08:00", ZoneMode.Floating) }
        expectThrows<TandemException.InvalidInput>("zero minutes") { c.proposeRitual("Walk", null, 0, "08:00", ZoneMode.Floating) }
        // The gap rule through the controller: 02:30 on the spring-forward night.
        c.proposeRitual("Night feed", null, 20, "02:30", ZoneMode.Floating)
        val gap = (c.todayAgenda(now, NY) as TodayState.Agenda).rows.single()
        eq("03:30", gap.time, "gap time shown")
        eq(ms("2027-03-14T07:30:00Z"), gap.startMs, "gap startMs")

        val wrong = expectThrows<TandemException.WrongKey>("another key provider") {
            TandemController.open(path, InMemoryStorageKeyProvider(), null)
        }
        eq(UserMessages.forError(wrong), UserMessages.forError(TandemException.WrongKey("x")), "wrong-key message")

        c.close()
        c.close()
        val closed = c.todayAgenda(now, NY)
        check(closed is TodayState.Failed && closed.error is TandemException.Closed) { "expected Failed(Closed), got $closed" }
        expectThrows<TandemException.Closed>("propose after close") { c.proposeRitual("Walk", null, 10, "08:00", ZoneMode.Floating) }
    }

    test("controller: system clock stamps proposals with the current time") {
        val path = File(tempDir(), "tandem.db").path
        TandemController.open(path, InMemoryStorageKeyProvider(), "phone").use { c ->
            val before = System.currentTimeMillis()
            val r = c.proposeRitual("Walk", null, 10, "08:00", ZoneMode.Floating)
            val after = System.currentTimeMillis()
            check(r.proposedAtMs in before..after) { "proposedAtMs ${r.proposedAtMs} not in [$before, $after]" }
        }
    }

    test("UserMessages: one distinct message per variant, never the reason") {
        val marker = "Secret title 🌙 /home/ana"
        val all = listOf(
            TandemException.InvalidInput(marker),
            TandemException.NotAllowedNow(marker),
            TandemException.NotFound(marker),
            TandemException.WrongKey(marker),
            TandemException.NotATandemDatabase(marker),
            TandemException.DatabaseTooNew(marker),
            TandemException.PairingFailed(marker),
            TandemException.PairingOutdated(marker),
            TandemException.PairingExpired(marker),
            TandemException.AlreadyPaired(marker),
            TandemException.NotPaired(marker),
            TandemException.PayloadRejected(marker),
            TandemException.PayloadTooOld(marker),
            TandemException.ClockSkew(marker),
            TandemException.Storage(marker),
            TandemException.Closed(marker),
            TandemException.WrongPassphrase(marker),
        )
        val messages = all.map { UserMessages.forError(it) }
        check(messages.all { it.isNotBlank() }) { "a blank message" }
        eq(all.size, messages.toSet().size, "distinct messages")
        check(messages.none { it.contains("Secret") || it.contains("reason") }) { "a message shows the reason" }
        eq(UserMessages.PAYLOAD_TOO_OLD, UserMessages.forError(TandemException.PayloadTooOld(marker)), "PayloadTooOld's message")
        check(UserMessages.PAYLOAD_TOO_OLD.contains("nothing was lost") && UserMessages.PAYLOAD_TOO_OLD.contains("sync again")) {
            "PayloadTooOld should say nothing was lost and to sync again: ${UserMessages.PAYLOAD_TOO_OLD}"
        }
    }
}

// ---- The pairing flow and the file transport, through the controller ----

private class Phone(val clock: ManualClock, val c: TandemController)

private fun phone(name: String): Phone {
    val clock = ManualClock(T0)
    val path = File(tempDir(), "tandem.db").path
    return Phone(clock, TandemController.open(path, InMemoryStorageKeyProvider(), name, clock))
}

private fun <T> using(vararg phones: Phone, block: () -> T): T = try {
    block()
} finally {
    phones.forEach { runCatching { it.c.close() } }
}

/** [state] must be an [S]; a Failed state's message is shown otherwise. */
private inline fun <reified S : PairingState> expectState(what: String, state: PairingState): S {
    if (state is S) return state
    throw Harness.CheckFailed("$what: expected ${S::class.simpleName}, got $state")
}

/** Pairs through two flows, [a] showing the offer; returns the digits. */
private fun pairFlows(a: Phone, b: Phone): String {
    val fa = a.c.pairingFlow()
    val fb = b.c.pairingFlow()
    val offer = expectState<PairingState.ShowingOffer>("A starts", fa.startAsOfferer())
    fb.startAsAnswerer()
    val answer = expectState<PairingState.ShowingAnswer>("B scans", fb.scanOffer(offer.qr.text))
    expectState<PairingState.ComparingCode>("A scans", fa.scanAnswer(answer.qr.text))
    expectState<PairingState.Paired>("A confirms", fa.confirm())
    expectState<PairingState.Paired>("B confirms", fb.confirm())
    return answer.sas
}

private fun pairingFlowTests() {
    test("PairingFlow: offerer and answerer reach Paired with equal digits; the name arrives with the first sync") {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()
            eq(PairingState.Idle, fa.state, "A's flow at first")
            eq(PairingState.Idle, fb.state, "B's flow at first")

            val offer = expectState<PairingState.ShowingOffer>("A starts", fa.startAsOfferer())
            eq(T0 + OFFER_LIFETIME, offer.expiresAtMs, "offer expiry")
            check(offer.qr.text.startsWith("TANDEM:")) { "the offer QR holds <${offer.qr.text.take(10)}>" }
            checkQr(offer.qr, offer.qr.text, "offer QR", maxVersion = 10)
            eq(PairingStatus.Offering(T0 + OFFER_LIFETIME), a.c.pairingStatus(), "core status while showing")
            check(fa.refresh() === offer) { "refresh replaced the offer screen" }

            eq(PairingState.ScanningOffer, fb.startAsAnswerer(), "B opens the camera")
            b.clock.advance(20_000)
            val answer = expectState<PairingState.ShowingAnswer>("B scans the offer", fb.scanOffer(offer.qr.text))
            check(SAS.matches(answer.sas)) { "digits <${answer.sas}>" }
            checkQr(answer.qr, answer.qr.text, "answer QR", maxVersion = 10)
            check(fb.refresh() === answer) { "refresh replaced the answer screen" }

            a.clock.advance(40_000)
            eq(PairingState.ComparingCode(answer.sas, BEN), fa.scanAnswer(answer.qr.text), "A compares the same digits")
            eq(PairingState.ComparingCode(answer.sas, BEN), fa.refresh(), "A after refresh")

            // Keys made when each phone took the other's code: B at +20 s, A at +40 s.
            eq(PairingState.Paired(BEN, true, 1, T0 + 40_000), fa.confirm(), "A confirms")
            eq(PairingState.Paired(null, false, 1, T0 + 20_000), fb.confirm(), "B confirms (A not known yet)")
            eq(PairingStatus.Paired(BEN, b.c.device().deviceId, true, 1u, T0 + 40_000), a.c.pairingStatus(), "A's core status")

            val aToB = tempDir()
            val bToA = tempDir()
            a.c.syncOut(FileSyncTransport(outbox = aToB, inbox = bToA))
            b.clock.advance(MINUTE)
            val first = b.c.syncIn(FileSyncTransport(outbox = bToA, inbox = aToB))
            eq(true, first.partnerConfirmed, "A's first payload confirms A")
            eq(PairingState.Paired(ANA, true, 2, T0 + 20_000 + MINUTE), fb.refresh(), "B after the first sync (its next key)")
            // A flow made later (after a restart) resumes from the core.
            eq(PairingState.Paired(BEN, true, 1, T0 + 40_000), a.c.pairingFlow().state, "A's new flow")
            eq(PairingState.Paired(ANA, true, 2, T0 + 20_000 + MINUTE), b.c.pairingFlow().state, "B's new flow")
        }
    }

    test("PairingFlow: expiry, wrong codes and rejected digits become Failed with a message") {
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
            check(late.error is TandemException.PairingExpired) { "expected PairingExpired, got ${late.error}" }
            eq(UserMessages.PAIRING_EXPIRED, late.message, "message for a late scan")
            eq(UserMessages.forError(late.error!!), late.message, "message from UserMessages")

            // A's code runs out while on screen: the core says so on refresh.
            a.clock.advance(OFFER_LIFETIME + ANSWER_GRACE)
            check(fa.refresh() === fa.state && fa.state is PairingState.ShowingOffer) { "A's offer gone inside the grace: ${fa.state}" }
            a.clock.advance(1)
            eq(PairingState.Failed(UserMessages.PAIRING_EXPIRED, null), fa.refresh(), "A after its code ran out")

            // Wrong kinds of code.
            b.clock.set(a.clock.nowMs())
            val o2 = expectState<PairingState.ShowingOffer>("A starts again", fa.startAsOfferer())
            val ownOffer = expectState<PairingState.Failed>("A scans its own offer as the answer", fa.scanAnswer(o2.qr.text))
            check(ownOffer.error is TandemException.PairingFailed) { "expected PairingFailed, got ${ownOffer.error}" }
            eq(UserMessages.forError(ownOffer.error!!), ownOffer.message, "message for a wrong code")
            check(!ownOffer.message.contains((ownOffer.error as TandemException.PairingFailed).reason)) { "the message shows the reason" }
            eq(PairingState.ScanningOffer, fb.startAsAnswerer(), "B tries again from Failed")
            val notTandem = expectState<PairingState.Failed>("B scans a web address", fb.scanOffer("https://example.com/"))
            check(notTandem.error is TandemException.PairingFailed) { "expected PairingFailed, got ${notTandem.error}" }

            // The digits are rejected on A; B cancels its half.
            val o3 = expectState<PairingState.ShowingOffer>("A starts a third time", fa.startAsOfferer())
            fb.startAsAnswerer()
            val answer = expectState<PairingState.ShowingAnswer>("B scans", fb.scanOffer(o3.qr.text))
            expectState<PairingState.ComparingCode>("A scans", fa.scanAnswer(answer.qr.text))
            eq(PairingState.Failed(UserMessages.PAIRING_REJECTED, null), fa.reject(), "A rejects the digits")
            eq(PairingStatus.Unpaired, a.c.pairingStatus(), "A's core after rejecting")
            eq(PairingState.Idle, fb.cancel(), "B cancels")
            eq(PairingStatus.Unpaired, b.c.pairingStatus(), "B's core after cancelling")

            // An answer scanned where an offer is expected.
            fb.startAsAnswerer()
            val answerAsOffer = expectState<PairingState.Failed>("B scans an answer", fb.scanOffer(answer.qr.text))
            check(answerAsOffer.error is TandemException.PairingFailed) { "expected PairingFailed, got ${answerAsOffer.error}" }

            // Steps a screen does not offer are UI bugs: they throw and reach nothing.
            val before = fa.state
            expectThrows<IllegalStateException>("confirm from Failed") { fa.confirm() }
            expectThrows<IllegalStateException>("reject from Failed") { fa.reject() }
            expectThrows<IllegalStateException>("scan an answer from Failed") { fa.scanAnswer(answer.qr.text) }
            expectThrows<IllegalStateException>("scan an offer from Failed") { fa.scanOffer(o3.qr.text) }
            check(fa.state === before) { "a refused step changed the state" }
            eq(PairingStatus.Unpaired, a.c.pairingStatus(), "A's core after refused steps")
            eq(PairingState.Idle, fa.cancel(), "cancel from Failed")
        }
    }

    test("PairingFlow: AlreadyPaired, resuming mid-way, cancelling an offer, unpair") {
        val a = phone(ANA)
        val b = phone(BEN)
        val c = phone("Cleo's phone")
        val d = phone("Dan's phone")
        using(a, b, c, d) {
            val stale = a.c.pairingFlow() // made before pairing, still Idle
            pairFlows(a, b)
            val already = expectState<PairingState.Failed>("a stale flow starts", stale.startAsOfferer())
            check(already.error is TandemException.AlreadyPaired) { "expected AlreadyPaired, got ${already.error}" }
            eq(UserMessages.forError(already.error!!), already.message, "message")
            expectThrows<IllegalStateException>("start from Paired") { a.c.pairingFlow().startAsOfferer() }
            eq(PairingState.Paired(BEN, true, 1, T0), a.c.pairingFlow().cancel(), "cancel keeps a pairing")

            // C shows an offer, D answers; then both apps restart.
            val fc = c.c.pairingFlow()
            val fd = d.c.pairingFlow()
            val offer = expectState<PairingState.ShowingOffer>("C starts", fc.startAsOfferer())
            fd.startAsAnswerer()
            val answer = expectState<PairingState.ShowingAnswer>("D scans", fd.scanOffer(offer.qr.text))
            // D's answer code cannot be shown again: it resumes at the digits.
            eq(PairingState.ComparingCode(answer.sas, null), d.c.pairingFlow().state, "D resumed")
            // C's offer code cannot be shown again either: start over.
            eq(PairingState.Idle, c.c.pairingFlow().state, "C resumed")
            // Leaving the offer screen withdraws the offer: D's answer is refused.
            eq(PairingState.Idle, fc.cancel(), "C cancels")
            eq(PairingStatus.Unpaired, c.c.pairingStatus(), "C's core after cancelling")
            val resumed = d.c.pairingFlow()
            eq(PairingState.Idle, resumed.cancel(), "D cancels its half")
            eq(PairingStatus.Unpaired, d.c.pairingStatus(), "D's core after cancelling")
            // Switching from showing a code to scanning one withdraws it too.
            expectState<PairingState.ShowingOffer>("C shows again", fc.startAsOfferer())
            eq(PairingState.ScanningOffer, fc.startAsAnswerer(), "C switches to scanning")
            eq(PairingStatus.Unpaired, c.c.pairingStatus(), "C's core after switching")

            // Unpairing elsewhere: a Paired screen goes back to Idle on refresh.
            val fa = a.c.pairingFlow()
            a.c.unpair()
            eq(PairingState.Idle, fa.refresh(), "A after unpair")
            // A can pair again, with C this time.
            pairFlows(c, a)
            // A answered this time: C's name comes with C's first payload.
            eq(PairingState.Paired(null, false, 1, T0), fa.refresh(), "A paired with C, C not yet known (keys of the new pairing)")
        }
    }

    test("FileSyncTransport: a text file per payload, every file read, only imported files removed") {
        val dir = tempDir()
        val outbox = File(dir, "out") // made on the first send
        val t = FileSyncTransport(outbox = outbox, inbox = File(dir, "in"))
        eq(emptyList<Incoming>(), t.receive(), "a missing inbox holds nothing")
        val p1 = ByteArray(300) { (it * 7).toByte() }
        val p2 = byteArrayOf(1, 2, 3)
        val sent = t.send(listOf(p1, p2))
        eq(2, sent.size, "files sent")
        eq(sent.toSet(), outbox.list()!!.toSet(), "only the payload files are in the outbox")
        for (name in sent) {
            check(name.startsWith(FileSyncTransport.FILE_PREFIX) && name.endsWith(FileSyncTransport.FILE_SUFFIX)) { "file name <$name>" }
        }
        eq(payloadToText(p1), File(outbox, sent[0]).readText(), "first file holds the text form")
        eq(payloadToText(p2), File(outbox, sent[1]).readText(), "second file holds the text form")
        eq(emptyList<String>(), t.send(emptyList()), "sending nothing")

        // The partner's transport reads this outbox as its inbox.
        File(outbox, "notes.txt").writeText("not a payload")
        File(outbox, ".partial").writeText("ignored")
        val partner = FileSyncTransport(outbox = File(dir, "partner-out"), inbox = outbox)
        val incoming = partner.receive()
        eq((sent + "notes.txt").sorted(), incoming.map { it.source }, "every visible file, by name")
        val bySource = incoming.associateBy { it.source }
        check(bySource.getValue(sent[0]).payload().contentEquals(p1)) { "first payload read back" }
        check(bySource.getValue(sent[1]).payload().contentEquals(p2)) { "second payload read back" }
        expectThrows<TandemException.PayloadRejected>("a file that is not sync text") { bySource.getValue("notes.txt").payload() }
        partner.imported(bySource.getValue(sent[0]))
        eq(listOf(sent[1], "notes.txt").sorted(), partner.receive().map { it.source }, "after one was imported")
    }

    test("controller: syncOut/syncIn through files both ways; replay, junk and an unpaired phone reported") {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val aToB = tempDir()
            val bToA = tempDir()
            val ta = FileSyncTransport(outbox = aToB, inbox = bToA)
            val tb = FileSyncTransport(outbox = bToA, inbox = aToB)
            val notPaired = expectThrows<TandemException.NotPaired>("syncOut before pairing") { a.c.syncOut(ta) }
            eq(UserMessages.forError(notPaired), UserMessages.forError(TandemException.NotPaired("x")), "message")
            eq(0, aToB.list()!!.size, "nothing written before pairing")
            eq(emptyList<SyncItem>(), a.c.syncIn(ta).items, "nothing to import")

            pairFlows(a, b)
            val walk = a.c.proposeRitual("Evening walk", null, 30, "20:30", ZoneMode.Floating)
            a.clock.advance(MINUTE)
            val call = a.c.proposeRitual("Sunday call", "How was the week?", 60, "18:00", ZoneMode.Fixed(BERLIN))
            val tea = b.c.proposeRitual("Tea", null, 15, "16:00", ZoneMode.Floating)

            eq(2, a.c.changesToSend(), "A's two rituals to send")
            val out = a.c.syncOut(ta)
            eq(SyncOutResult(changes = 2, payloads = 1, sentTo = out.sentTo), out, "two changes in one payload")
            val file = File(aToB, out.sentTo.single())
            val text = file.readText()
            check(text.startsWith("TSYNC1:")) { "the file holds <${text.take(10)}>" }

            val inB = b.c.syncIn(tb)
            eq(listOf(SyncItem.Imported(file.name, report(applied = 2, partnerConfirmed = true))), inB.items, "B imports A's file")
            eq(2L, inB.applied, "applied")
            eq(true, inB.partnerConfirmed, "partner confirmed")
            check(!file.exists()) { "the imported file is still in the inbox" }

            b.c.syncOut(tb)
            val inA = a.c.syncIn(ta)
            eq(listOf(report(applied = 1, acknowledged = 2)), inA.imported.map { it.report }, "A imports B's file")
            eq(false, inA.partnerConfirmed, "no confirmation travels to the offerer")
            eq(a.c.rituals(), b.c.rituals(), "same rituals on both phones")
            eq(setOf(walk.id, call.id, tea.id), b.c.rituals().map { it.id }.toSet(), "ids")
            eq(listOf("Evening walk", "Sunday call", "Tea"), a.c.rituals().map { it.title }.sorted(), "titles")
            eq(
                (a.c.todayAgenda(T0, NY) as TodayState.Agenda).rows,
                (b.c.todayAgenda(T0, NY) as TodayState.Agenda).rows,
                "the same Today screen on both phones",
            )

            // A replayed file, a stranger's file and a damaged payload.
            File(aToB, "replayed.txt").writeText(text)
            File(aToB, "shopping.txt").writeText("Shopping: milk, eggs")
            File(aToB, "damaged.txt").writeText(payloadToText(payloadFromText(text).let { it.withBitFlipped(it.size / 2) }))
            File(aToB, ".hidden").writeText("ignored")
            val rituals = b.c.rituals()
            val mixed = b.c.syncIn(tb)
            val bySource = mixed.items.associateBy { it.source }
            eq(setOf("replayed.txt", "shopping.txt", "damaged.txt"), bySource.keys, "files read")
            eq(SyncItem.Imported("replayed.txt", report(applied = 0, already = true)), bySource["replayed.txt"], "replay")
            for (name in listOf("shopping.txt", "damaged.txt")) {
                val r = bySource[name]
                check(r is SyncItem.Refused && r.error is TandemException.PayloadRejected) { "$name: expected Refused(PayloadRejected), got $r" }
                r as SyncItem.Refused
                eq(UserMessages.forError(r.error), r.message, "$name: message")
                check(!r.message.contains("Shopping")) { "$name: the message shows the file" }
            }
            eq(0L, mixed.applied, "nothing applied")
            eq(rituals, b.c.rituals(), "B's rituals unchanged")
            eq(setOf("shopping.txt", "damaged.txt", ".hidden"), aToB.list()!!.toSet(), "refused files stay, the replay is gone")

            // Second round: nothing new; the refused files are reported again.
            a.c.syncOut(ta)
            val again = b.c.syncIn(tb)
            eq(listOf(report(applied = 0, acknowledged = 1)), again.imported.map { it.report }, "second round")
            eq(2, again.refused.size, "refused files reported again")

            // B unpairs: A's next file is refused as NotPaired and kept.
            b.c.unpair()
            val last = a.c.syncOut(ta).sentTo.single()
            val after = b.c.syncIn(tb)
            val refused = after.items.single { it.source == last }
            check(refused is SyncItem.Refused && refused.error is TandemException.NotPaired) { "expected Refused(NotPaired), got $refused" }
            check(File(aToB, last).exists()) { "the refused file was removed" }
            expectThrows<TandemException.NotPaired>("B's syncOut after unpair") { b.c.syncOut(tb) }
        }
    }

    test("controller: changesToSend is 0 after a full exchange, 2 after two proposals, still 2 once sent, 0 after the partner's reply; personal rituals never count") {
        val stranger = phone("Cleo's phone")
        using(stranger) {
            expectThrows<TandemException.NotPaired>("before pairing") { stranger.c.changesToSend() }
            stranger.c.addPersonalRitual("Stretch", null, 10, "07:00", ZoneMode.Floating)
            expectThrows<TandemException.NotPaired>("a personal ritual does not change that") { stranger.c.changesToSend() }
        }
        couple { k ->
            eq(0, k.a.c.changesToSend(), "A after a full exchange")
            eq(0, k.b.c.changesToSend(), "B after a full exchange")
            k.a.c.proposeRitual("Evening walk", null, 30, "20:30", ZoneMode.Floating)
            eq(1, k.a.c.changesToSend(), "A after one proposal")
            k.a.c.proposeRitual("Sunday call", null, 60, "18:00", ZoneMode.Fixed(BERLIN))
            eq(2, k.a.c.changesToSend(), "A after two proposals")
            eq(0, k.b.c.changesToSend(), "B has nothing of its own to send")
            k.aToB()
            eq(2, k.a.c.changesToSend(), "still 2 once sent: not confirmed yet")
            eq(2, k.b.c.rituals().size, "B holds them")
            eq(0, k.b.c.changesToSend(), "B's reply would carry only the acknowledgement")
            k.bToA()
            eq(0, k.a.c.changesToSend(), "0 once B's reply is imported")
            k.a.c.addPersonalRitual("Stretch", null, 10, "07:00", ZoneMode.Floating)
            eq(0, k.a.c.changesToSend(), "a personal ritual never counts")
            k.b.c.unpair()
            expectThrows<TandemException.NotPaired>("after unpair") { k.b.c.changesToSend() }
        }
    }
}

// ---- Shared-ritual consent, through two paired controllers ----

/** Two paired phones and the folders their sync files travel through. */
private class Couple(val a: Phone, val b: Phone) {
    private val aToBDir = tempDir()
    private val bToADir = tempDir()
    private val ta = FileSyncTransport(outbox = aToBDir, inbox = bToADir)
    private val tb = FileSyncTransport(outbox = bToADir, inbox = aToBDir)
    val aId: String = a.c.device().deviceId
    val bId: String = b.c.device().deviceId

    /** A's changes reach B. */
    fun aToB() = deliver(a, ta, b, tb)

    /** B's changes reach A. */
    fun bToA() = deliver(b, tb, a, ta)

    /** Both ways; afterwards both phones hold exactly the same shared rituals (personal ones never travel). */
    fun sync() {
        aToB()
        bToA()
        eq(a.c.rituals().filter { !it.personal }, b.c.rituals().filter { !it.personal }, "the same shared rituals on both phones after syncing")
    }

    private fun deliver(from: Phone, out: SyncTransport, to: Phone, into: SyncTransport) {
        from.c.syncOut(out)
        val result = to.c.syncIn(into)
        eq(emptyList<SyncItem.Refused>(), result.refused, "payloads refused")
        check(result.imported.isNotEmpty()) { "nothing imported" }
    }
}

/** Ana's and Ben's phones, paired and synced once (Ben knows Ana's name). */
private fun <T> couple(block: (Couple) -> T): T {
    val a = phone(ANA)
    val b = phone(BEN)
    return using(a, b) {
        pairFlows(a, b)
        block(Couple(a, b).also { it.sync() })
    }
}

private fun Phone.screen(): RitualsScreen.Rows {
    val s = c.ritualsScreen(NY)
    if (s is RitualsScreen.Rows) return s
    throw Harness.CheckFailed("expected the Rituals screen, got $s")
}

/** The one row of ritual [id] on [p]'s Rituals screen, checked field by field. */
private fun checkRow(
    p: Phone,
    who: String,
    id: String,
    status: String,
    actions: List<RitualAction>,
    time: String,
    suggested: String? = null,
    ended: Boolean = false,
): RitualRow {
    val screen = p.screen()
    val live = screen.rows.filter { it.ritualId == id }
    val past = screen.ended.filter { it.ritualId == id }
    eq(if (ended) 0 to 1 else 1 to 0, live.size to past.size, "$who: rows for $id (live to ended)")
    val row = (live + past).single()
    eq(status, row.status, "$who: status text")
    eq(actions, row.actions, "$who: buttons")
    eq(time, row.time, "$who: time")
    eq(suggested, row.suggestion?.timeOfDay, "$who: suggested time")
    return row
}

/** [block] is refused with an [E] naming [mentions], and [p]'s rituals stay as they were. */
private inline fun <reified E : TandemException> refusedAs(p: Phone, what: String, mentions: String, block: () -> Unit) {
    val before = p.c.rituals()
    val e = expectThrows<E>(what, block)
    // Each variant's message is "reason=<reason>".
    check(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    eq(before, p.c.rituals(), "$what: rituals after the refusal")
}

/** Typed input the core refuses (InvalidInput). */
private fun refused(p: Phone, what: String, mentions: String, block: () -> Unit) =
    refusedAs<TandemException.InvalidInput>(p, what, mentions, block)

/** Well-formed but not possible in the ritual's current state (NotAllowedNow). */
private fun notNow(p: Phone, what: String, mentions: String, block: () -> Unit) =
    refusedAs<TandemException.NotAllowedNow>(p, what, mentions, block)

/** An id naming nothing on this phone (NotFound). */
private fun notFound(p: Phone, what: String, mentions: String, block: () -> Unit) =
    refusedAs<TandemException.NotFound>(p, what, mentions, block)

/** Today on [p] (from T0, in New York) as (title, time) pairs. */
private fun Phone.agenda(): List<Pair<String, String>> {
    val s = c.todayAgenda(T0, NY)
    check(s is TodayState.Agenda) { "expected an agenda, got $s" }
    return (s as TodayState.Agenda).rows.map { it.title to it.time }
}

private val NO_BUTTONS = emptyList<RitualAction>()
private val ANSWER_BUTTONS = listOf(RitualAction.ACCEPT, RitualAction.DECLINE, RitualAction.COUNTER)
private val ACTIVE_BUTTONS = listOf(RitualAction.COUNTER, RitualAction.PAUSE, RitualAction.RETIRE)
private val PAUSED_BUTTONS = listOf(RitualAction.COUNTER, RitualAction.RESUME, RitualAction.RETIRE)
private val CHANGE_BUTTONS_ACTIVE = ANSWER_BUTTONS + listOf(RitualAction.PAUSE, RitualAction.RETIRE)
private val CHANGE_BUTTONS_PAUSED = ANSWER_BUTTONS + listOf(RitualAction.RESUME, RitualAction.RETIRE)

private fun consentTests() {
    test("consent: proposed, synced, accepted by the partner: ACTIVE on both with nothing pending") {
        couple { k ->
            val (a, b) = k.a to k.b
            val walk = a.c.proposeRitual("Evening walk", "Where shall we go?", 30, "20:30", ZoneMode.Floating)
            eq(RitualStatus.PROPOSED, walk.status, "status after proposing")
            eq(k.aId, walk.proposedBy, "proposedBy")
            eq(PendingChange("Evening walk", "Where shall we go?", 30u, "20:30", ZoneMode.Floating, walk.pending!!.recurrence, walk.pending!!.windowEnd, walk.pending!!.leadMinutes, null, k.aId, version = walk.pending!!.version, terms = walk.pending!!.terms), walk.pending, "A's proposal waits: whole, no difference to show")
            eq(listOf("30 min", "20:30", "every day"), listOf("minutes", "time_of_day", "repeat").map { f -> walk.pending!!.terms.first { it.field == f }.text }, "what B will read before answering")
            eq(listOf(walk), a.c.rituals(), "A's rituals")
            val aRow = checkRow(a, "A", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "20:30")
            eq(RitualRow(walk.id, "Evening walk", "20:30", 30, null, RitualTexts.WAITING_FOR_PARTNER, null, NO_BUTTONS), aRow, "A's whole row")
            eq(null, a.screen().emptyMessage, "no empty message with a row")
            notNow(a, "A accepts its own proposal", "your own proposal") { a.c.acceptRitual(walk.id) }
            notNow(a, "A declines its own proposal", "your own proposal") { a.c.declineRitual(walk.id) }
            notNow(a, "A pauses a proposal", "only an active ritual") { a.c.pauseRitual(walk.id) }
            notNow(a, "A resumes a proposal", "not paused") { a.c.resumeRitual(walk.id) }
            // An invitation shows on Today while it waits.
            eq(listOf("Evening walk" to "20:30"), a.agenda(), "A's Today while waiting")

            k.aToB()
            eq(listOf(walk), b.c.rituals(), "B holds A's proposal exactly")
            checkRow(b, "B", walk.id, RitualTexts.WAITING_FOR_YOU, ANSWER_BUTTONS, "20:30")
            checkRow(a, "A", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "20:30")
            eq(listOf("Evening walk" to "20:30"), b.agenda(), "B's Today while waiting")

            val accepted = b.c.acceptRitual(walk.id)
            eq(walk.copy(status = RitualStatus.ACTIVE, pending = null), accepted, "B accepts: the same ritual, active, nothing pending")
            eq(listOf(accepted), b.c.rituals(), "B's rituals")
            checkRow(b, "B after accepting", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            // A has not heard yet.
            eq(RitualStatus.PROPOSED, a.c.rituals().single().status, "A before the sync")
            checkRow(a, "A before the sync", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "20:30")

            k.bToA()
            eq(listOf(accepted), a.c.rituals(), "A after B's acceptance")
            eq(null, a.c.rituals().single().pending, "nothing pending on A")
            checkRow(a, "A after the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            checkRow(b, "B after the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            eq(a.screen(), b.screen(), "the same screen on both phones once active")
            notNow(b, "B accepts again", "nothing about this ritual waits") { b.c.acceptRitual(walk.id) }
            notNow(a, "A accepts an active ritual", "nothing about this ritual waits") { a.c.acceptRitual(walk.id) }
            notNow(b, "B declines with nothing waiting", "nothing about this ritual waits") { b.c.declineRitual(walk.id) }
            notNow(a, "A resumes an active ritual", "not paused") { a.c.resumeRitual(walk.id) }
            eq(listOf("Evening walk" to "20:30"), a.agenda(), "A's Today once active")
            eq(a.agenda(), b.agenda(), "the same Today on both phones")
            k.sync()
        }
    }

    test("consent: declining needs no reason; the ritual ends on both phones with no occurrences") {
        couple { k ->
            val (a, b) = k.a to k.b
            val call = a.c.proposeRitual("Daily call", null, 15, "07:00", ZoneMode.Fixed(BERLIN))
            k.aToB()
            val row = checkRow(b, "B", call.id, RitualTexts.WAITING_FOR_YOU, ANSWER_BUTTONS, "07:00")
            eq(BERLIN, row.zone, "B's row names the fixed zone")
            val declined = b.c.declineRitual(call.id)
            eq(RitualStatus.DECLINED, declined.status, "status after declining")
            eq(null, declined.pending, "nothing waits once declined")
            eq(call.copy(status = RitualStatus.DECLINED, pending = null), declined, "the declined ritual still shows what it said")
            eq(call.id, declined.id, "id")
            checkRow(b, "B after declining", call.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "07:00", ended = true)
            eq(emptyList<RitualRow>(), b.screen().rows, "no live rows on B")
            eq(RitualTexts.EMPTY, b.screen().emptyMessage, "B's empty message")
            checkRow(a, "A before the sync", call.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "07:00")

            k.bToA()
            eq(listOf(declined), a.c.rituals(), "A after B declined")
            checkRow(a, "A after the sync", call.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "07:00", ended = true)
            eq(a.screen(), b.screen(), "the same screen on both phones")
            for (p in listOf(a, b)) {
                eq(emptyList<Pair<String, String>>(), p.agenda(), "no Today rows")
                eq(emptyList<Occurrence>(), p.c.upcoming(T0, T0 + 7 * DAY, NY), "no occurrences in a week")
            }
            notNow(b, "B accepts a declined ritual", "was declined") { b.c.acceptRitual(call.id) }
            notNow(b, "B declines again", "was declined") { b.c.declineRitual(call.id) }
            notNow(a, "A counters a declined ritual", "was declined") {
                a.c.counterRitual(call.id, "Daily call", null, 15, "08:00", ZoneMode.Fixed(BERLIN))
            }
            notNow(b, "B counters a declined ritual", "was declined") {
                b.c.counterRitual(call.id, "Daily call", null, 15, "08:00", ZoneMode.Fixed(BERLIN))
            }
            notNow(a, "A pauses a declined ritual", "only an active ritual") { a.c.pauseRitual(call.id) }
            notNow(a, "A resumes a declined ritual", "not paused") { a.c.resumeRitual(call.id) }
            k.sync()
        }
    }

    test("consent: a counter waits for the proposer; accepted, it is ACTIVE at the countered time") {
        couple { k ->
            val (a, b) = k.a to k.b
            val walk = a.c.proposeRitual("Walk", null, 30, "07:00", ZoneMode.Floating)
            k.aToB()
            refused(b, "B counters with a negative length", "minutes") { b.c.counterRitual(walk.id, "Walk", null, -1, "18:00", ZoneMode.Floating) }
            refused(b, "B counters with no title", "title") { b.c.counterRitual(walk.id, "  ", null, 20, "18:00", ZoneMode.Floating) }
            val countered = b.c.counterRitual(walk.id, "Walk", null, 20, "18:00", ZoneMode.Floating)
            eq(RitualStatus.COUNTERED, countered.status, "status after countering")
            eq("18:00" to 20u, countered.timeOfDay to countered.minutes, "the counter is shown while nothing is in effect")
            eq(PendingChange("Walk", null, 20u, "18:00", ZoneMode.Floating, countered.pending!!.recurrence, countered.pending!!.windowEnd, countered.pending!!.leadMinutes, null, k.bId, version = countered.pending!!.version, terms = countered.pending!!.terms, changes = countered.pending!!.changes), countered.pending, "B's counter waits")
            eq(listOf("duration: 20 min instead of 30 min", "time: 18:00 instead of 07:00"), countered.pending!!.changes.map { it.summary }, "the counter says what it changes against the proposal it answers")
            eq(k.aId, countered.proposedBy, "proposer unchanged")
            checkRow(b, "B after countering", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "18:00")
            notNow(b, "B accepts its own counter", "your own proposal") { b.c.acceptRitual(walk.id) }
            notNow(b, "B declines its own counter", "your own proposal") { b.c.declineRitual(walk.id) }
            checkRow(a, "A before the sync", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "07:00")

            k.bToA()
            eq(listOf(countered), a.c.rituals(), "A holds B's counter")
            checkRow(a, "A", walk.id, RitualTexts.ANOTHER_TIME, ANSWER_BUTTONS, "18:00")
            eq(listOf("Walk" to "18:00"), a.agenda(), "A's Today shows the suggested time")
            val active = a.c.acceptRitual(walk.id)
            eq(countered.copy(status = RitualStatus.ACTIVE, pending = null), active, "A accepts the counter")
            eq("18:00" to 20u, active.timeOfDay to active.minutes, "the countered time and length")
            checkRow(a, "A after accepting", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "18:00")
            checkRow(b, "B before the sync", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "18:00")
            k.aToB()
            eq(listOf(active), b.c.rituals(), "B after A accepted")
            checkRow(b, "B after the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "18:00")
            eq(listOf("Walk" to "18:00"), b.agenda(), "B's Today")

            // Counter, counter back, decline: the proposer's own version waits
            // for B again (PROPOSED), and B may decline it.
            val tea = a.c.proposeRitual("Tea", null, 15, "16:00", ZoneMode.Floating)
            k.aToB()
            eq(RitualStatus.COUNTERED, b.c.counterRitual(tea.id, "Tea", null, 15, "17:00", ZoneMode.Floating).status, "B counters the tea")
            k.bToA()
            checkRow(a, "A sees B's tea counter", tea.id, RitualTexts.ANOTHER_TIME, ANSWER_BUTTONS, "17:00")
            val back = a.c.counterRitual(tea.id, "Tea", null, 15, "16:30", ZoneMode.Floating)
            eq(RitualStatus.PROPOSED, back.status, "the proposer's counter back")
            eq(k.aId, back.pending?.by, "A's counter back waits for B")
            checkRow(a, "A after countering back", tea.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "16:30")
            k.aToB()
            checkRow(b, "B sees A's counter back", tea.id, RitualTexts.WAITING_FOR_YOU, ANSWER_BUTTONS, "16:30")
            eq(RitualStatus.DECLINED, b.c.declineRitual(tea.id).status, "B declines the counter back")
            k.bToA()
            checkRow(a, "A after B declined", tea.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "16:30", ended = true)
            checkRow(b, "B after declining", tea.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "16:30", ended = true)
            eq(listOf("Walk" to "18:00"), a.agenda(), "only the walk on A's Today")
            k.sync()
        }
    }

    test("consent: an amendment keeps the version in effect until the partner accepts it") {
        couple { k ->
            val (a, b) = k.a to k.b
            val checkIn = a.c.proposeRitual("Check-in", null, 20, "20:30", ZoneMode.Floating)
            k.aToB()
            b.c.acceptRitual(checkIn.id)
            k.bToA()

            val amended = a.c.counterRitual(checkIn.id, "Check-in", null, 20, "21:00", ZoneMode.Floating)
            eq(RitualStatus.ACTIVE, amended.status, "still active while the change waits")
            eq("20:30", amended.timeOfDay, "the old time stays in effect")
            eq(PendingChange("Check-in", null, 20u, "21:00", ZoneMode.Floating, amended.pending!!.recurrence, amended.pending!!.windowEnd, amended.pending!!.leadMinutes, null, k.aId, version = amended.pending!!.version, terms = amended.pending!!.terms, changes = amended.pending!!.changes), amended.pending, "A's change waits")
            eq(listOf("time: 21:00 instead of 20:30"), amended.pending!!.changes.map { it.summary }, "what A's change changes")
            checkRow(a, "A", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER, ACTIVE_BUTTONS, "20:30", suggested = "21:00")
            notNow(a, "A accepts its own change", "your own proposal") { a.c.acceptRitual(checkIn.id) }
            notNow(a, "A declines its own change", "your own proposal") { a.c.declineRitual(checkIn.id) }
            eq(listOf("Check-in" to "20:30"), a.agenda(), "A's Today keeps 20:30")

            k.aToB()
            eq(listOf(amended), b.c.rituals(), "B holds the amendment beside the version in effect")
            val bRow = checkRow(b, "B", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "21:00")
            eq(amended.pending, bRow.suggestion, "B's row carries the whole change")
            eq(listOf("time: 21:00 instead of 20:30"), bRow.changes, "B's row says what the change changes")
            check("time: 21:00" in bRow.reads && "repeats: every day" in bRow.reads) { "B reads the change whole: ${bRow.reads}" }
            eq(amended.pending!!.version, bRow.answerVersion, "B's answer names the version B read")
            eq(listOf("Check-in" to "20:30"), b.agenda(), "B's Today keeps 20:30")

            // Paused while the change waits: the change still waits.
            val paused = b.c.pauseRitual(checkIn.id)
            eq(RitualStatus.PAUSED to amended.pending, paused.status to paused.pending, "paused, the change still waits")
            checkRow(b, "B paused", checkIn.id, RitualTexts.PAUSED_CHANGE_FOR_YOU, CHANGE_BUTTONS_PAUSED, "20:30", suggested = "21:00")
            eq(emptyList<Pair<String, String>>(), b.agenda(), "B's Today while paused")
            k.bToA()
            checkRow(a, "A sees the pause", checkIn.id, RitualTexts.PAUSED_CHANGE_FOR_PARTNER, PAUSED_BUTTONS, "20:30", suggested = "21:00")
            eq(RitualStatus.ACTIVE, b.c.resumeRitual(checkIn.id).status, "B resumes")
            checkRow(b, "B resumed", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "21:00")

            notNow(b, "B accepts a version that is not the one waiting", "look again") { b.c.acceptRitualVersion(checkIn.id, amended.version.take(8)) }
            val now = b.c.acceptRitualVersion(checkIn.id, bRow.answerVersion!!.take(8))
            eq(amended.copy(timeOfDay = "21:00", pending = null, version = amended.pending!!.version, terms = amended.pending!!.terms), now, "B accepts: 21:00 in effect, nothing pending")
            checkRow(b, "B after accepting", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "21:00")
            eq(listOf("Check-in" to "21:00"), b.agenda(), "B's Today at 21:00")
            checkRow(a, "A before the sync", checkIn.id, RitualTexts.PAUSED_CHANGE_FOR_PARTNER, PAUSED_BUTTONS, "20:30", suggested = "21:00")
            k.bToA()
            eq(listOf(now), a.c.rituals(), "A after B accepted")
            checkRow(a, "A after the sync", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "21:00")
            eq(listOf("Check-in" to "21:00"), a.agenda(), "A's Today at 21:00")
            k.sync()
        }
    }

    test("consent: a change to a ritual in effect can be declined; the ritual stays as it was on both") {
        couple { k ->
            val (a, b) = k.a to k.b
            val checkIn = a.c.proposeRitual("Check-in", null, 20, "20:30", ZoneMode.Floating)
            k.aToB()
            val active = b.c.acceptRitual(checkIn.id)
            k.bToA()
            notNow(a, "A declines an active ritual", "nothing about this ritual waits") { a.c.declineRitual(checkIn.id) }
            notNow(b, "B declines an active ritual", "nothing about this ritual waits") { b.c.declineRitual(checkIn.id) }

            // B (not the proposer) suggests a change; A turns it down.
            val change = b.c.counterRitual(checkIn.id, "Check-in", null, 45, "19:00", ZoneMode.Floating)
            eq(PendingChange("Check-in", null, 45u, "19:00", ZoneMode.Floating, change.pending!!.recurrence, change.pending!!.windowEnd, change.pending!!.leadMinutes, null, k.bId, version = change.pending!!.version, terms = change.pending!!.terms, changes = change.pending!!.changes), change.pending, "B's change waits")
            eq(listOf("duration: 45 min instead of 20 min", "time: 19:00 instead of 20:30"), change.pending!!.changes.map { it.summary }, "what B's change changes")
            checkRow(b, "B", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER, ACTIVE_BUTTONS, "20:30", suggested = "19:00")
            k.bToA()
            checkRow(a, "A", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "19:00")
            val kept = a.c.declineRitual(checkIn.id)
            eq(active, kept, "A declines the change: the ritual as it was, nothing pending")
            checkRow(a, "A after declining", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            notNow(a, "A declines twice", "nothing about this ritual waits") { a.c.declineRitual(checkIn.id) }
            notNow(a, "A accepts the declined change", "nothing about this ritual waits") { a.c.acceptRitual(checkIn.id) }
            checkRow(b, "B before the sync", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER, ACTIVE_BUTTONS, "20:30", suggested = "19:00")
            k.aToB()
            eq(listOf(active), b.c.rituals(), "B after A declined the change")
            checkRow(b, "B after the sync", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            notNow(b, "B accepts its declined change", "nothing about this ritual waits") { b.c.acceptRitual(checkIn.id) }
            for (p in listOf(a, b)) eq(listOf("Check-in" to "20:30"), p.agenda(), "Today keeps 20:30")

            // Another change still works afterwards.
            val next = b.c.counterRitual(checkIn.id, "Check-in", null, 20, "19:30", ZoneMode.Floating).pending!!
            k.bToA()
            checkRow(a, "A sees B's next change", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "19:30")
            eq(active.copy(timeOfDay = "19:30", version = next.version, terms = next.terms), a.c.acceptRitual(checkIn.id), "A accepts the next change")
            k.aToB()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                checkRow(p, who, checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "19:30")
                eq(listOf("Check-in" to "19:30"), p.agenda(), "$who: Today at 19:30")
            }
            k.sync()
        }
    }

    test("consent: either partner pauses, resumes and retires; the other phone follows; upcoming skips paused") {
        couple { k ->
            val (a, b) = k.a to k.b
            val walk = a.c.proposeRitual("Evening walk", null, 30, "20:30", ZoneMode.Floating)
            val tea = b.c.proposeRitual("Tea", null, 15, "16:00", ZoneMode.Floating)
            k.sync()
            b.c.acceptRitual(walk.id)
            a.c.acceptRitual(tea.id)
            k.sync()
            val week = T0 to T0 + 7 * DAY
            fun ids(p: Phone) = p.c.upcoming(week.first, week.second, NY).map { it.ritualId }.toSet()
            eq(setOf(walk.id, tea.id), ids(a), "both rituals upcoming")
            notNow(a, "A resumes an active ritual", "not paused") { a.c.resumeRitual(walk.id) }

            // B (who did not propose the walk) pauses it.
            eq(RitualStatus.PAUSED, b.c.pauseRitual(walk.id).status, "B pauses the walk")
            checkRow(b, "B", walk.id, RitualTexts.PAUSED, PAUSED_BUTTONS, "20:30")
            notNow(b, "B pauses again", "only an active ritual") { b.c.pauseRitual(walk.id) }
            eq(setOf(tea.id), ids(b), "B: the paused walk is not upcoming")
            eq(listOf("Tea" to "16:00"), b.agenda(), "B's Today without the walk")
            checkRow(a, "A before the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            k.bToA()
            eq(RitualStatus.PAUSED, a.c.rituals().first { it.id == walk.id }.status, "A after the sync")
            checkRow(a, "A", walk.id, RitualTexts.PAUSED, PAUSED_BUTTONS, "20:30")
            eq(setOf(tea.id), ids(a), "A: the paused walk is not upcoming")
            eq(listOf("Tea" to "16:00"), a.agenda(), "A's Today without the walk")

            // A resumes it.
            eq(RitualStatus.ACTIVE, a.c.resumeRitual(walk.id).status, "A resumes the walk")
            notNow(a, "A resumes again", "not paused") { a.c.resumeRitual(walk.id) }
            checkRow(a, "A resumed", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            k.aToB()
            checkRow(b, "B sees the resume", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            eq(setOf(walk.id, tea.id), ids(b), "B: the walk is upcoming again")
            eq(listOf("Tea" to "16:00", "Evening walk" to "20:30"), b.agenda(), "B's Today with both")

            // B retires A's walk.
            val retired = b.c.retireRitual(walk.id)
            eq(RitualStatus.RETIRED to null, retired.status to retired.pending, "B retires the walk; nothing waits")
            checkRow(b, "B", walk.id, RitualTexts.RETIRED, NO_BUTTONS, "20:30", ended = true)
            notNow(b, "B retires twice", "already retired") { b.c.retireRitual(walk.id) }
            k.bToA()
            checkRow(a, "A", walk.id, RitualTexts.RETIRED, NO_BUTTONS, "20:30", ended = true)
            notNow(a, "A retires a retired ritual", "already retired") { a.c.retireRitual(walk.id) }
            notNow(a, "A resumes a retired ritual", "not paused") { a.c.resumeRitual(walk.id) }
            notNow(a, "A pauses a retired ritual", "only an active ritual") { a.c.pauseRitual(walk.id) }
            notNow(a, "A counters a retired ritual", "was retired") { a.c.counterRitual(walk.id, "Evening walk", null, 30, "21:00", ZoneMode.Floating) }
            notNow(a, "A accepts a retired ritual", "was retired") { a.c.acceptRitual(walk.id) }
            notNow(a, "A declines a retired ritual", "was retired") { a.c.declineRitual(walk.id) }
            eq(setOf(tea.id), ids(a), "A: a retired walk is not upcoming")

            // A pauses B's tea, then B retires it while paused.
            a.c.pauseRitual(tea.id)
            k.aToB()
            checkRow(b, "B sees the tea paused", tea.id, RitualTexts.PAUSED, PAUSED_BUTTONS, "16:00")
            eq(emptySet<String>(), ids(b), "B: nothing upcoming")
            eq(RitualStatus.RETIRED, b.c.retireRitual(tea.id).status, "B retires the paused tea")
            k.bToA()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val s = p.screen()
                eq(emptyList<RitualRow>(), s.rows, "$who: no live rows")
                eq(setOf(walk.id to RitualTexts.RETIRED, tea.id to RitualTexts.RETIRED), s.ended.map { it.ritualId to it.status }.toSet(), "$who: ended rows")
                eq(RitualTexts.EMPTY, s.emptyMessage, "$who: empty message")
                eq(emptyList<Pair<String, String>>(), p.agenda(), "$who: empty Today")
            }
            k.sync()
        }
    }

    test("controller.counterRitual keeps the ritual's repeat, window and reminders") {
        // The controller proposes daily rituals only: Ana's phone is a bare
        // Tandem here, paired with Ben's controller through the flows.
        val a = newDb(ANA)
        val b = phone(BEN)
        using(b) {
            using(a) {
                val fa = PairingFlow(a.tandem)
                val fb = b.c.pairingFlow()
                val offer = expectState<PairingState.ShowingOffer>("A starts", fa.startAsOfferer())
                fb.startAsAnswerer()
                val answer = expectState<PairingState.ShowingAnswer>("B scans", fb.scanOffer(offer.qr.text))
                expectState<PairingState.ComparingCode>("A scans", fa.scanAnswer(answer.qr.text))
                expectState<PairingState.Paired>("A confirms", fa.confirm())
                expectState<PairingState.Paired>("B confirms", fb.confirm())
                val toB = tempDir()
                val fromB = tempDir()
                fun aToB() {
                    File(toB, "from-a.txt").writeText(payloadToText(a.tandem.exportOne()))
                    eq(1, b.c.syncIn(FileSyncTransport(outbox = tempDir(), inbox = toB)).imported.size, "B imports A's payload")
                }
                fun bToA() {
                    b.c.syncOut(FileSyncTransport(outbox = fromB, inbox = tempDir()))
                    fromB.listFiles()!!.forEach { f ->
                        a.tandem.importPayload(payloadFromText(f.readText()))
                        f.delete()
                    }
                }

                val weekly = Recurrence(Repeat.Weekly, startDate = "2027-03-01", untilDate = "2027-12-31")
                val run = a.tandem.proposeRitual(
                    draft(title = "Long run", minutes = 60u, time = "07:00").copy(recurrence = weekly, windowEnd = "09:00", leadMinutes = listOf(30u, 0u)),
                )
                eq(weekly, run.recurrence, "A's weekly run")
                aToB()
                val onB = b.c.rituals().single()
                eq(Triple(weekly, "09:00", listOf(0u, 30u)), Triple(onB.recurrence, onB.windowEnd, onB.leadMinutes), "B's copy of the schedule")

                val countered = b.c.counterRitual(run.id, "Long run", null, 45, "07:30", ZoneMode.Floating)
                eq(RitualStatus.COUNTERED, countered.status, "B counters")
                eq(Triple(weekly, "09:00", listOf(0u, 30u)), Triple(countered.recurrence, countered.windowEnd, countered.leadMinutes), "the counter keeps the schedule")
                bToA()
                val active = a.tandem.acceptRitual(run.id)
                eq(RitualStatus.ACTIVE to "07:30", active.status to active.timeOfDay, "A accepts 07:30")
                eq(Triple(weekly, "09:00", listOf(0u, 30u)), Triple(active.recurrence, active.windowEnd, active.leadMinutes), "the accepted version keeps the schedule")
                aToB()
                eq(listOf(active), b.c.rituals(), "B after A accepted")
                // Weekly from Monday 2027-03-01: one run in the week from T0.
                eq(listOf("2027-03-01 07:30"), b.c.upcoming(T0 - 6 * HOUR, T0 - 6 * HOUR + 7 * DAY, NY).map { it.localStart }, "one run a week")
            }
        }
    }

    test("consent: acting on an unknown id is NotFound for all six actions") {
        couple { k ->
            val a = k.a
            // A ritual of another pairing: its id means nothing to A.
            val stranger = phone("Cleo's phone")
            val foreign = using(stranger) { stranger.c.proposeRitual("Walk", null, 10, "08:00", ZoneMode.Floating).id }
            a.c.proposeRitual("Walk", null, 10, "08:00", ZoneMode.Floating)
            for (id in listOf(foreign, "0123456789abcdef01234567", "", "nope")) {
                val actions: Map<String, () -> Unit> = mapOf(
                    "accept" to { a.c.acceptRitual(id) },
                    "decline" to { a.c.declineRitual(id) },
                    "counter" to { a.c.counterRitual(id, "Walk", null, 10, "09:00", ZoneMode.Floating) },
                    "pause" to { a.c.pauseRitual(id) },
                    "resume" to { a.c.resumeRitual(id) },
                    "retire" to { a.c.retireRitual(id) },
                )
                for ((what, call) in actions) notFound(a, "$what <$id>", "no ritual has this id", call)
            }
        }
    }

    test("RitualsScreen: distinct words that blame nobody; refusals and a closed database have messages") {
        val texts = listOf(
            RitualTexts.WAITING_FOR_YOU, RitualTexts.WAITING_FOR_PARTNER, RitualTexts.ANOTHER_TIME,
            RitualTexts.ACTIVE, RitualTexts.ACTIVE_CHANGE_FOR_YOU, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER,
            RitualTexts.PAUSED, RitualTexts.PAUSED_CHANGE_FOR_YOU, RitualTexts.PAUSED_CHANGE_FOR_PARTNER,
            RitualTexts.NOT_GOING_AHEAD, RitualTexts.RETIRED,
            RitualTexts.PERSONAL, RitualTexts.PERSONAL_PAUSED, RitualTexts.REVIEW_DUE,
        )
        eq(texts.size, texts.toSet().size, "distinct status texts")
        for (t in texts + RitualTexts.EMPTY + UserMessages.RITUAL_CHANGED + UserMessages.RITUAL_GONE +
            UserMessages.NOT_ALLOWED_NOW + UserMessages.NOT_FOUND) {
            for (word in listOf("miss", "fail", "ignor", "late", "forgot", "didn't", "refus", "reject", "declined")) {
                check(!t.lowercase().contains(word)) { "<$t> says <$word>" }
            }
        }
        val stale = TandemException.NotAllowedNow("this ritual was retired")
        eq(UserMessages.RITUAL_CHANGED, UserMessages.forRitualAction(stale), "a stale button")
        check(!UserMessages.forRitualAction(stale).contains("retired")) { "the message shows the reason" }
        val gone = TandemException.NotFound("no ritual has this id")
        eq(UserMessages.RITUAL_GONE, UserMessages.forRitualAction(gone), "a ritual that is gone")
        check(UserMessages.RITUAL_GONE != UserMessages.RITUAL_CHANGED) { "changed and gone read the same" }
        val typed = TandemException.InvalidInput("minutes must be 1 to 1440")
        eq(UserMessages.forError(typed), UserMessages.forRitualAction(typed), "a refused form reads as usual")
        val closed = TandemException.Closed("x")
        eq(UserMessages.forError(closed), UserMessages.forRitualAction(closed), "other errors read as usual")

        val p = phone(ANA)
        val screen = p.screen()
        eq(RitualsScreen.Rows(emptyList(), emptyList()), screen, "a new phone's screen")
        eq(RitualTexts.EMPTY, screen.emptyMessage, "empty message")
        val walk = p.c.proposeRitual("Walk", null, 10, "08:00", ZoneMode.Floating)
        p.c.close()
        val failed = p.c.ritualsScreen(NY)
        check(failed is RitualsScreen.Failed && failed.error is TandemException.Closed) { "expected Failed(Closed), got $failed" }
        failed as RitualsScreen.Failed
        eq(UserMessages.forError(failed.error), failed.message, "message for a closed database")
        expectThrows<TandemException.Closed>("accept after close") { p.c.acceptRitual(walk.id) }
        expectThrows<TandemException.Closed>("counter after close") { p.c.counterRitual(walk.id, "Walk", null, 10, "09:00", ZoneMode.Floating) }
    }
}

// ---- Reminders: the coordinator against a fake scheduler, on two paired phones ----

/** Records every call; holds what is armed like AlarmManager would. */
internal class FakeScheduler : ReminderScheduler {
    data class Armed(val reminder: Reminder, val title: String, val body: String)

    val armed = linkedMapOf<String, Armed>()
    val alarms = linkedMapOf<String, Alarm>()
    val calls = mutableListOf<String>()
    var access = ReminderAccess.ALL

    override fun pendingIds(): List<String> {
        calls += "pending"
        return armed.keys.toList()
    }

    override fun access(): ReminderAccess = access

    override fun arm(alarm: Alarm) {
        calls += "arm ${alarm.id}"
        armed[alarm.id] = Armed(alarm.reminder, alarm.title, alarm.body)
        alarms[alarm.id] = alarm
    }

    override fun cancel(ids: List<String>) {
        calls += "cancel $ids"
        ids.forEach {
            armed.remove(it)
            alarms.remove(it)
        }
    }

    /** The calls since the last [take], then forgets them. */
    fun take(): List<String> = calls.toList().also { calls.clear() }
}

private val REMINDER_ID = Regex("""[0-9a-f]{20}-[0-9a-f]{8}""")
private fun slot(id: String) = id.substringBefore('-')

/** "Evening walk", floating 20:30 for 30 min, three days from 2027-03-01, reminded 30 min before and at the start. */
private fun walkDraft() = RitualDraft(
    title = "Evening walk",
    prompt = null,
    minutes = 30u,
    timeOfDay = "20:30",
    zone = ZoneMode.Floating,
    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01", count = 3u),
    leadMinutes = listOf(30u, 0u),
)

/** A proposes [d], B accepts, A hears it: active on both. */
private fun Couple.activeFromA(d: RitualDraft): Ritual {
    val r = a.c.proposeDraft(d)
    aToB()
    b.c.acceptRitual(r.id)
    bToA()
    val now = a.c.rituals().single { it.id == r.id }
    eq(RitualStatus.ACTIVE, now.status, "${d.title} active on A")
    return now
}

/** A's coordinator, its fake scheduler and a settable device zone. */
private class ReminderRig(k: Couple) {
    val scheduler = FakeScheduler()
    var zone = NY
    val coordinator = ReminderCoordinator(k.a.c, scheduler) { zone }

    fun replan(trigger: ReplanTrigger): ReplanResult.Replanned {
        val r = coordinator.replan(trigger)
        check(r is ReplanResult.Replanned) { "$trigger: expected Replanned, got $r" }
        return r as ReplanResult.Replanned
    }
}

/** (fireAt, localTime, lead, body) of each reminder. */
private fun List<Reminder>.shape() = map { listOf(it.fireAtMs, it.localTime, it.leadMinutes, it.body) }

private val WALK_SHAPE_NY = listOf(
    listOf(ms("2027-03-02T01:00:00Z"), "2027-03-01 20:00", 30u, "In 30 min, at 20:30"),
    listOf(ms("2027-03-02T01:30:00Z"), "2027-03-01 20:30", 0u, "Now, 20:30"),
    listOf(ms("2027-03-03T01:00:00Z"), "2027-03-02 20:00", 30u, "In 30 min, at 20:30"),
    listOf(ms("2027-03-03T01:30:00Z"), "2027-03-02 20:30", 0u, "Now, 20:30"),
    listOf(ms("2027-03-04T01:00:00Z"), "2027-03-03 20:00", 30u, "In 30 min, at 20:30"),
    listOf(ms("2027-03-04T01:30:00Z"), "2027-03-03 20:30", 0u, "Now, 20:30"),
)

private fun reminderTests() {
    test("reminders: the first plan arms every reminder with its time and text; an unchanged re-plan touches nothing") {
        couple { k ->
            val rig = ReminderRig(k)
            eq(emptyList<String>(), rig.replan(ReplanTrigger.APP_START).armed, "nothing to arm before any ritual is active")
            rig.scheduler.take()
            val walk = k.activeFromA(walkDraft())
            val first = rig.replan(ReplanTrigger.AFTER_IMPORT)
            val ids = first.planned.map { it.id }
            eq(WALK_SHAPE_NY, first.planned.shape(), "fire times, local times, leads and bodies")
            eq(first.planned.map { it.fireAtMs }.sorted(), first.planned.map { it.fireAtMs }, "sorted by fireAtMs")
            check(ids.all { REMINDER_ID.matches(it) }) { "ids not SLOT-REVISION: $ids" }
            eq(6, ids.toSet().size, "distinct ids")
            eq(6, ids.map(::slot).toSet().size, "distinct slots")
            first.planned.forEach { r ->
                eq(walk.id, r.sourceId, "sourceId")
                eq("Evening walk", r.title, "title")
                eq(NY, r.zone, "zone")
                eq(true, r.hideContent, "hideContent: quiet by default on a new install")
                eq("Tandem", r.privateTitle, "privateTitle")
                eq("A moment for the two of you", r.privateBody, "privateBody")
                eq(r.fireAtMs + r.leadMinutes.toLong() * MINUTE, r.occurrenceStartMs, "occurrenceStartMs")
            }
            eq(ids, first.armed, "armed: all, in fire order")
            eq(emptyList<String>(), first.cancelled, "cancelled")
            eq(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "scheduler calls")
            eq(first.planned.map { FakeScheduler.Armed(it, "Tandem", "A moment for the two of you") }, rig.scheduler.armed.values.toList(), "armed with the private text by default")
            check(rig.scheduler.armed.values.none { "Evening walk" in it.title || "Evening walk" in it.body || "20:30" in it.body }) { "the ritual shows by default" }
            eq(
                List(6) { listOf<Any>(true, "Tandem", "A moment for the two of you") },
                rig.scheduler.alarms.values.map { listOf(it.lockScreenPrivate, it.publicTitle, it.publicBody) },
                "every alarm private on the lock screen, its public version the private wording",
            )

            val again = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(first.planned, again.planned, "an unchanged state plans the same reminders")
            eq(emptyList<String>(), again.armed, "re-plan arms")
            eq(emptyList<String>(), again.cancelled, "re-plan cancels")
            eq(listOf("pending"), rig.scheduler.take(), "re-plan only reads the pending ids")
            // The partner, in the same zone, plans the very same ids.
            eq(ids, k.b.c.planReminders(NY, 60u).map { it.id }, "B's plan in New York")
        }
    }

    test("reminders: the partner accepts a new ritual: only its reminders are armed; pausing cancels exactly that ritual's") {
        couple { k ->
            val rig = ReminderRig(k)
            // The person chose to show what each reminder is about.
            k.a.c.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            val walk = k.activeFromA(walkDraft())
            val walkIds = rig.replan(ReplanTrigger.APP_START).armed
            rig.scheduler.take()

            val tea = k.a.c.proposeDraft(
                RitualDraft(
                    title = "Morning tea", prompt = null, minutes = 15u, timeOfDay = "07:30", zone = ZoneMode.Fixed(BERLIN),
                    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-02", count = 2u),
                ),
            )
            val waiting = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(emptyList<String>(), waiting.armed + waiting.cancelled, "a proposal has no reminders")
            k.aToB()
            k.b.c.acceptRitual(tea.id)
            k.bToA()
            val afterImport = rig.replan(ReplanTrigger.AFTER_IMPORT)
            val teaReminders = afterImport.planned.filter { it.sourceId == tea.id }
            eq(
                listOf(
                    listOf(ms("2027-03-02T06:30:00Z"), "2027-03-02 01:30", 0u, "Now, 01:30"),
                    listOf(ms("2027-03-03T06:30:00Z"), "2027-03-03 01:30", 0u, "Now, 01:30"),
                ),
                teaReminders.shape(), "tea's reminders on A's New York clock",
            )
            eq(teaReminders.map { it.id }, afterImport.armed, "only tea's reminders are armed")
            eq(emptyList<String>(), afterImport.cancelled, "nothing cancelled")
            eq(walkIds, afterImport.planned.filter { it.sourceId == walk.id }.map { it.id }, "walk's ids unchanged")
            eq(8, rig.scheduler.armed.size, "armed in all")
            eq(listOf("Morning tea", "Morning tea"), teaReminders.map { rig.scheduler.armed.getValue(it.id).title }, "tea armed with its title")
            eq(
                listOf("Tandem" to "A moment for the two of you", "Tandem" to "A moment for the two of you"),
                teaReminders.map { rig.scheduler.alarms.getValue(it.id).let { a -> a.publicTitle to a.publicBody } },
                "shown content, yet the lock screen's public version stays private",
            )
            rig.scheduler.take()

            k.a.c.pauseRitual(walk.id)
            val paused = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(walkIds.sorted(), paused.cancelled.sorted(), "pausing cancels exactly walk's reminders")
            eq(emptyList<String>(), paused.armed, "pausing arms nothing")
            eq(listOf("pending", "cancel ${paused.cancelled}"), rig.scheduler.take(), "one cancel call")
            eq(teaReminders.map { it.id }, rig.scheduler.armed.keys.toList(), "tea's stay armed")

            k.a.c.resumeRitual(walk.id)
            val resumed = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(walkIds, resumed.armed, "resuming re-arms the same ids")
        }
    }

    test("reminders: hiding content replaces every id with one of the same slot, showing the private text") {
        couple { k ->
            val rig = ReminderRig(k)
            eq(ReminderSettings(quiet = null, hideContent = true), k.a.c.reminderSettings(), "default settings: quiet")
            k.a.c.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            k.b.c.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            k.activeFromA(walkDraft())
            val plain = rig.replan(ReplanTrigger.APP_START).planned
            check(plain.none { it.hideContent }) { "shown after opting in: $plain" }
            eq(List(6) { "Evening walk" }, rig.scheduler.armed.values.map { it.title }, "armed with the ritual's title once shown")
            rig.scheduler.take()
            k.a.c.setReminderSettings(ReminderSettings(quiet = null, hideContent = true))
            eq(ReminderSettings(quiet = null, hideContent = true), k.a.c.reminderSettings(), "settings round-trip")
            val hidden = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(plain.map { it.id }.sorted(), hidden.cancelled.sorted(), "every plain id cancelled")
            eq(hidden.planned.map { it.id }, hidden.armed, "every hidden id armed")
            check(hidden.armed.none { it in plain.map(Reminder::id) }) { "an id survived hiding" }
            eq(plain.map { slot(it.id) }, hidden.armed.map(::slot), "the same slots")
            eq(plain.shape(), hidden.planned.shape(), "the same times and bodies")
            check(hidden.planned.all { it.hideContent && it.title == "Evening walk" }) { "hidden reminders: ${hidden.planned}" }
            eq(List(6) { "Tandem" to "A moment for the two of you" }, rig.scheduler.armed.values.map { it.title to it.body }, "armed with the private text")
            val calls = rig.scheduler.take()
            eq("cancel ${hidden.cancelled}", calls[1], "cancel before arming")
            // The partner's phone is not affected: settings are device-only.
            eq(false, k.b.c.reminderSettings().hideContent, "B's setting")

            k.a.c.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            eq(plain.map { it.id }, rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).armed, "showing again restores the first ids")
        }
    }

    test("reminders: quiet hours move a reminder to their end (id in the same slot) or drop it when that end is past the start") {
        couple { k ->
            val rig = ReminderRig(k)
            k.a.c.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            k.activeFromA(walkDraft())
            val plain = rig.replan(ReplanTrigger.APP_START).planned
            k.a.c.setReminderSettings(ReminderSettings(QuietHours("19:50", "20:10", QuietPolicy.MOVE_TO_END), false))
            val moved = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            val leadIds = plain.filter { it.leadMinutes == 30u }.map { it.id }
            eq(leadIds.sorted(), moved.cancelled.sorted(), "the three 20:00 reminders cancelled")
            eq(leadIds.map(::slot), moved.armed.map(::slot), "re-armed in the same slots")
            eq(
                listOf(
                    listOf(ms("2027-03-02T01:10:00Z"), "2027-03-01 20:10", 30u, "In 20 min, at 20:30"),
                    listOf(ms("2027-03-03T01:10:00Z"), "2027-03-02 20:10", 30u, "In 20 min, at 20:30"),
                    listOf(ms("2027-03-04T01:10:00Z"), "2027-03-03 20:10", 30u, "In 20 min, at 20:30"),
                ),
                moved.planned.filter { it.id in moved.armed }.shape(), "moved to 20:10, the body says the time left",
            )
            k.a.c.setReminderSettings(ReminderSettings(QuietHours("20:25", "20:35", QuietPolicy.MOVE_TO_END), false))
            val dropped = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(WALK_SHAPE_NY.filter { it[2] == 30u }, dropped.planned.shape(), "20:30 reminders dropped (20:35 is past the start)")
            eq(leadIds, dropped.planned.map { it.id }, "the 20:00 reminders are back with their first ids")
            k.a.c.setReminderSettings(ReminderSettings(QuietHours("20:25", "20:35", QuietPolicy.DROP), false))
            eq(leadIds, rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).planned.map { it.id }, "DROP drops the 20:30 ones too")
            eq(leadIds, rig.scheduler.armed.keys.toList(), "armed")
        }
    }

    test("reminders: done and skipped occurrences lose their reminders; a moved one is re-armed at its new time") {
        couple { k ->
            val rig = ReminderRig(k)
            val walk = k.activeFromA(walkDraft())
            val plan = rig.replan(ReplanTrigger.APP_START).planned
            val byDate = k.a.c.upcoming(T0, T0 + 4 * DAY, NY).filter { it.ritualId == walk.id }
            eq(listOf("2027-03-01", "2027-03-02", "2027-03-03"), byDate.map { it.date }, "occurrence dates")
            fun idsOf(startMs: Long) = plan.filter { it.occurrenceStartMs == startMs }.map { it.id }

            k.a.c.markDone(walk.id, "2027-03-01", "lovely", null)
            val done = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(idsOf(byDate[0].startMs).sorted(), done.cancelled.sorted(), "done: its two reminders cancelled")
            eq(emptyList<String>(), done.armed, "done: nothing armed")
            eq(OccurrenceStatus.DONE, k.a.c.upcoming(T0, T0 + 4 * DAY, NY).first { it.date == "2027-03-01" }.status, "status")

            k.a.c.skipOccurrence(walk.id, "2027-03-02")
            val skipped = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(idsOf(byDate[1].startMs).sorted(), skipped.cancelled.sorted(), "skipped: its two reminders cancelled")
            eq(emptyList<String>(), skipped.armed, "skipped: nothing armed")

            val to = ms("2027-03-04T02:00:00Z") // 21:00 in New York
            k.a.c.moveOccurrence(walk.id, "2027-03-03", to)
            val moved = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(idsOf(byDate[2].startMs).sorted(), moved.cancelled.sorted(), "moved: the old reminders cancelled")
            eq(
                listOf(
                    listOf(ms("2027-03-04T01:30:00Z"), "2027-03-03 20:30", 30u, "In 30 min, at 21:00"),
                    listOf(to, "2027-03-03 21:00", 0u, "Now, 21:00"),
                ),
                moved.planned.shape(), "moved: reminded at the new time",
            )
            eq(moved.planned.map { it.id }, moved.armed, "moved: the new ones armed")
            val occ = k.a.c.upcoming(T0, T0 + 4 * DAY, NY).first { it.date == "2027-03-03" }
            eq(true to to, occ.moved to occ.startMs, "the occurrence shows the move")

            // Marks sync: B's plan agrees.
            k.aToB()
            eq(moved.planned.map { it.id }, k.b.c.planReminders(NY, 60u).map { it.id }, "B's plan after the marks sync")
        }
    }

    test("reminders: every trigger re-plans; a time or zone change re-arms; a failed plan leaves the scheduler untouched") {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            val ids = rig.replan(ReplanTrigger.APP_START).armed
            eq(6, ids.size, "armed at start")
            for (t in ReplanTrigger.values()) {
                rig.scheduler.armed.clear() // alarms lost (reboot, permission revoked, process killed)
                rig.scheduler.take()
                val r = rig.replan(t)
                eq(t, r.trigger, "$t: trigger")
                eq(ids, r.armed, "$t: everything re-armed")
                eq(ids, rig.scheduler.armed.keys.toList(), "$t: armed")
            }

            // Time: the first evening has passed.
            k.a.clock.set(ms("2027-03-02T02:00:00Z"))
            val later = rig.replan(ReplanTrigger.TIME_CHANGED)
            eq(ids.take(2).sorted(), later.cancelled.sorted(), "past reminders cancelled")
            eq(emptyList<String>(), later.armed, "nothing new")
            eq(WALK_SHAPE_NY.drop(2), later.planned.shape(), "the rest")

            // Zone: the phone lands in Berlin; the floating walk follows it.
            rig.zone = BERLIN
            val berlin = rig.replan(ReplanTrigger.ZONE_CHANGED)
            eq(ids.drop(2).sorted(), berlin.cancelled.sorted(), "New York reminders cancelled")
            eq(
                listOf(
                    listOf(ms("2027-03-02T19:00:00Z"), "2027-03-02 20:00", 30u, "In 30 min, at 20:30"),
                    listOf(ms("2027-03-02T19:30:00Z"), "2027-03-02 20:30", 0u, "Now, 20:30"),
                    listOf(ms("2027-03-03T19:00:00Z"), "2027-03-03 20:00", 30u, "In 30 min, at 20:30"),
                    listOf(ms("2027-03-03T19:30:00Z"), "2027-03-03 20:30", 0u, "Now, 20:30"),
                ),
                berlin.planned.shape(), "20:30 in Berlin",
            )
            check(berlin.planned.all { it.zone == BERLIN }) { "zone of the Berlin plan" }
            eq(berlin.planned.map { it.id }, berlin.armed, "Berlin reminders armed")

            // A plan the core refuses: nothing reaches the scheduler.
            rig.scheduler.take()
            val before = rig.scheduler.armed.toMap()
            rig.zone = "Mars/Olympus_Mons"
            val failed = rig.coordinator.replan(ReplanTrigger.ZONE_CHANGED)
            check(failed is ReplanResult.Failed) { "expected Failed, got $failed" }
            eq(ReplanTrigger.ZONE_CHANGED, failed.trigger, "failed trigger")
            eq(emptyList<String>(), rig.scheduler.take(), "no scheduler call")
            eq(before, rig.scheduler.armed.toMap(), "armed unchanged")
            check((failed as ReplanResult.Failed).message.isNotBlank()) { "a message for a person" }
            rig.zone = BERLIN
            k.a.c.close()
            val closed = rig.coordinator.replan(ReplanTrigger.APP_START)
            check(closed is ReplanResult.Failed && closed.error is TandemException.Closed) { "after close: $closed" }
            eq(emptyList<String>(), rig.scheduler.take(), "no scheduler call after close")
            eq(before, rig.scheduler.armed.toMap(), "armed unchanged after close")
        }
    }
}

// ---- Occurrence marks, rhythm, calendar export and recurrence: bare Tandem handles ----

/** Every payload [from] has for [to], imported by [to]. */
private fun deliver(from: Db, to: Db) {
    val payloads = from.tandem.exportPayloads()
    check(payloads.isNotEmpty()) { "no payloads to deliver" }
    payloads.forEach { to.tandem.importPayload(it) }
}

/** Ana's and Ben's bare databases, paired and confirmed, at T0. */
private fun <T> paired(block: (Db, Db) -> T): T {
    val a = newDb(ANA)
    val b = newDb(BEN)
    return using(a, b) {
        pair(a.tandem, b.tandem)
        block(a, b)
    }
}

/** A proposes [d], B accepts, A hears it: active on both. */
private fun activeFromA(a: Db, b: Db, d: RitualDraft): Ritual {
    val r = a.tandem.proposeRitual(d)
    deliver(a, b)
    b.tandem.acceptRitual(r.id)
    deliver(b, a)
    val now = a.tandem.rituals().single { it.id == r.id }
    eq(RitualStatus.ACTIVE, now.status, "${d.title} active on A")
    eq(now, b.tandem.rituals().single { it.id == r.id }, "${d.title}: the same on B")
    return now
}

/** (date, status, moved, localStart) of each occurrence of [id]. */
private fun Tandem.marks(id: String, from: Long, to: Long, zone: String = NY) =
    upcoming(from, to, zone).filter { it.ritualId == id }.map { listOf(it.date, it.status, it.moved, it.localStart) }

private fun marksTests() {
    test("marks: done on both phones, a skip, a move and a done-beats-skip conflict agree on both after sync") {
        paired { a, b ->
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            val (from, to) = T0 to T0 + 4 * DAY
            eq(
                listOf(
                    listOf("2027-03-01", OccurrenceStatus.SCHEDULED, false, "2027-03-01 20:30"),
                    listOf("2027-03-02", OccurrenceStatus.SCHEDULED, false, "2027-03-02 20:30"),
                    listOf("2027-03-03", OccurrenceStatus.SCHEDULED, false, "2027-03-03 20:30"),
                    listOf("2027-03-04", OccurrenceStatus.SCHEDULED, false, "2027-03-04 20:30"),
                ),
                a.tandem.marks(walk.id, from, to), "A before any mark",
            )

            // The 4th, so that every evening marked done below has come.
            for (db in listOf(a, b)) db.clock.set(T0 + 3 * DAY)
            // Both phones mark the first evening done, before hearing of each other.
            a.tandem.markDone(walk.id, "2027-03-01", "lovely", "calm")
            b.tandem.markDone(walk.id, "2027-03-01", null, null)
            b.tandem.skipOccurrence(walk.id, "2027-03-02")
            val newStart = ms("2027-03-04T02:00:00Z") // 21:00 New York
            a.tandem.moveOccurrence(walk.id, "2027-03-03", newStart)
            // A conflict: A skips the 4th, B says it happened. Done wins.
            a.tandem.skipOccurrence(walk.id, "2027-03-04")
            b.tandem.markDone(walk.id, "2027-03-04", null, "happy")

            eq(
                listOf(
                    listOf("2027-03-01", OccurrenceStatus.DONE, false, "2027-03-01 20:30"),
                    listOf("2027-03-02", OccurrenceStatus.SCHEDULED, false, "2027-03-02 20:30"),
                    listOf("2027-03-03", OccurrenceStatus.SCHEDULED, true, "2027-03-03 21:00"),
                    listOf("2027-03-04", OccurrenceStatus.SKIPPED, false, "2027-03-04 20:30"),
                ),
                a.tandem.marks(walk.id, from, to), "A's own marks before the sync",
            )
            eq(
                listOf(
                    listOf("2027-03-01", OccurrenceStatus.DONE, false, "2027-03-01 20:30"),
                    listOf("2027-03-02", OccurrenceStatus.SKIPPED, false, "2027-03-02 20:30"),
                    listOf("2027-03-03", OccurrenceStatus.SCHEDULED, false, "2027-03-03 20:30"),
                    listOf("2027-03-04", OccurrenceStatus.DONE, false, "2027-03-04 20:30"),
                ),
                b.tandem.marks(walk.id, from, to), "B's own marks before the sync",
            )

            deliver(a, b)
            deliver(b, a)
            val expected = listOf(
                listOf("2027-03-01", OccurrenceStatus.DONE, false, "2027-03-01 20:30"),
                listOf("2027-03-02", OccurrenceStatus.SKIPPED, false, "2027-03-02 20:30"),
                listOf("2027-03-03", OccurrenceStatus.SCHEDULED, true, "2027-03-03 21:00"),
                listOf("2027-03-04", OccurrenceStatus.DONE, false, "2027-03-04 20:30"),
            )
            eq(expected, a.tandem.marks(walk.id, from, to), "A after the sync")
            eq(expected, b.tandem.marks(walk.id, from, to), "B after the sync")
            val moved = b.tandem.upcoming(from, to, NY).single { it.date == "2027-03-03" }
            eq(newStart, moved.startMs, "moved startMs on B")
            eq(newStart + 30 * MINUTE, moved.endMs, "moved endMs keeps the length")
            eq("2027-03-03T21:00:00-05:00", moved.start, "moved start (RFC 3339)")
            eq(a.tandem.upcoming(from, to, NY).map { it.copy(said = emptyList()) }, b.tandem.upcoming(from, to, NY).map { it.copy(said = emptyList()) }, "identical occurrences on both phones")
            // The words left when marking done travel too, each phone knowing whose they are.
            fun said(db: Db) = db.tandem.upcoming(from, to, NY).filter { it.said.isNotEmpty() }.map { it.date to it.said }
            eq(listOf("2027-03-01" to listOf(Said(true, "lovely", "calm")), "2027-03-04" to listOf(Said(false, null, "happy"))), said(a), "A: its own words and B's feeling")
            eq(listOf("2027-03-01" to listOf(Said(false, "lovely", "calm")), "2027-03-04" to listOf(Said(true, null, "happy"))), said(b), "B: A's words and its own feeling")
            // Seen from Berlin, the floating walk is at 20:30 there; the move is a one-off instant.
            eq(listOf(true), b.tandem.upcoming(from, to, BERLIN).filter { it.moved }.map { it.startMs == newStart }, "the move from Berlin")

            // The latest move wins; marks on a paused ritual are allowed.
            b.tandem.pauseRitual(walk.id)
            val later = ms("2027-03-04T03:00:00Z") // 22:00 New York
            b.tandem.moveOccurrence(walk.id, "2027-03-03", later)
            deliver(b, a)
            eq(RitualStatus.PAUSED, a.tandem.rituals().single().status, "paused on A")
            b.tandem.resumeRitual(walk.id)
            deliver(b, a)
            eq("2027-03-03 22:00", a.tandem.upcoming(from, to, NY).single { it.date == "2027-03-03" }.localStart, "the second move on A")
        }
    }

    test("rhythm: kept out of scheduled over the last 7 and 28 occurrences since proposing; done on both counts once") {
        paired { a, b ->
            eq(emptyList<Rhythm>(), a.tandem.rhythm(NY), "no rituals, no rhythm")
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            val waiting = a.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))
            eq(listOf(Rhythm(walk.id, "Evening walk", 0u, 0u, 0u, 0u)), a.tandem.rhythm(NY), "at T0 nothing has started (the 02-28 evening predates the proposal)")

            // Ten evenings later: 2027-03-01 .. 2027-03-10 have started in New York.
            for (db in listOf(a, b)) db.clock.set(T0 + 10 * DAY)
            a.tandem.markDone(walk.id, "2027-03-01", null, null)
            b.tandem.markDone(walk.id, "2027-03-01", "again", null)
            a.tandem.markDone(walk.id, "2027-03-05", null, null)
            b.tandem.skipOccurrence(walk.id, "2027-03-08")
            a.tandem.markDone(walk.id, "2027-03-09", null, null)
            b.tandem.markDone(walk.id, "2027-03-10", null, null)
            a.tandem.markDone(walk.id, "2027-03-11", null, null) // tonight: not started yet
            deliver(a, b)
            deliver(b, a)
            // Shared figures count up to the newest shared change (12:00Z on the 11th), on any clock:
            // the 1st to the 10th have ended everywhere; the 11th, done ahead, has begun in the
            // east (20:30 in Kiritimati is 06:30Z). The 1st had begun there before the walk was
            // agreed, so it counts only because it was done.
            val expected = listOf(Rhythm(walk.id, "Evening walk", keptLast7 = 4u, scheduledLast7 = 7u, keptLast28 = 5u, scheduledLast28 = 11u))
            eq(expected, a.tandem.rhythm(NY), "A's rhythm")
            eq(expected, b.tandem.rhythm(NY), "B's rhythm (done on both phones counts once)")
            check(a.tandem.rhythm(NY).none { it.ritualId == waiting.id }) { "a waiting proposal has a rhythm" }

            eq(T0 + 10 * DAY, a.tandem.sharedFiguresAsOf(), "A counts up to the newest shared change")
            eq(T0 + 10 * DAY, b.tandem.sharedFiguresAsOf(), "and so does B")
            // Later, on a New York or a Tokyo clock: the same, until the next shared change.
            a.clock.set(ms("2027-03-12T02:00:00Z"))
            eq(expected, a.tandem.rhythm(NY), "after tonight's walk")
            eq(expected, a.tandem.rhythm("Asia/Tokyo"), "the floating walk on a Tokyo clock")

            // Forty days on (B thanks A, a shared change): the 28-window is full and rolls.
            setClocks(T0 + 40 * DAY, a, b)
            b.tandem.appreciate("Thank you.")
            deliver(b, a)
            val rolled = a.tandem.rhythm(NY).single()
            eq(7u to 28u, rolled.scheduledLast7 to rolled.scheduledLast28, "full windows")
            eq(0u to 0u, rolled.keptLast7 to rolled.keptLast28, "the early marks rolled out")

            // Paused still has a rhythm; retired has none.
            a.tandem.pauseRitual(walk.id)
            eq(1, a.tandem.rhythm(NY).size, "paused keeps its rhythm")
            a.tandem.retireRitual(walk.id)
            eq(emptyList<Rhythm>(), a.tandem.rhythm(NY), "retired: no rhythm")
            expectThrows<TandemException.InvalidInput>("rhythm in an unknown zone") { a.tandem.rhythm("Mars/Olympus") }
        }
    }

    test("exportIcs: CRLF calendar with one VEVENT per active ritual, fixed TZID and floating; proposals left out") {
        paired { a, b ->
            eq(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tandem//Tandem core//EN\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n",
                a.tandem.exportIcs(), "an empty calendar",
            )
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            val call = activeFromA(
                a, b,
                draft(title = "Sunday call, with tea", prompt = "How was the week?", minutes = 60u, time = "18:00", zone = ZoneMode.Fixed(BERLIN))
                    .copy(recurrence = Recurrence(Repeat.Weekly, startDate = "2027-03-07", count = 10u)),
            )
            val tea = a.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))
            deliver(a, b)
            val ics = a.tandem.exportIcs()
            check(ics.endsWith("\r\n")) { "the last line is not CRLF-terminated" }
            check(!ics.replace("\r\n", "").contains('\n')) { "a bare LF in <$ics>" }
            val lines = ics.removeSuffix("\r\n").split("\r\n")
            eq(listOf("BEGIN:VCALENDAR", "VERSION:2.0"), lines.take(2), "header")
            eq("END:VCALENDAR", lines.last(), "footer")
            eq(2, lines.count { it == "BEGIN:VEVENT" }, "two VEVENTs")
            eq(2, lines.count { it == "END:VEVENT" }, "two END:VEVENTs")
            check(!ics.contains(tea.id) && lines.none { it == "SUMMARY:Tea" }) { "the waiting proposal is in the calendar" }
            check(lines.all { it.length <= 75 }) { "a line over 75 octets" }

            fun event(id: String): List<String> {
                val start = lines.indexOf("UID:$id@tandem")
                check(start > 0 && lines[start - 1] == "BEGIN:VEVENT") { "no VEVENT for $id" }
                return lines.subList(start, start + lines.drop(start).indexOf("END:VEVENT")).filter { !it.startsWith("DTSTAMP:") }
            }
            eq(
                listOf("UID:${walk.id}@tandem", "SUMMARY:Evening walk", "DTSTART:20270301T203000", "DURATION:PT30M", "RRULE:FREQ=DAILY"),
                event(walk.id), "the floating daily walk (from its first evening after both accepted, not the day before)",
            )
            eq(
                listOf(
                    "UID:${call.id}@tandem", "SUMMARY:Sunday call\\, with tea", "DESCRIPTION:How was the week?",
                    "DTSTART;TZID=$BERLIN:20270307T180000", "DURATION:PT60M", "RRULE:FREQ=WEEKLY;COUNT=10",
                ),
                event(call.id), "the fixed weekly call",
            )
            eq(2, lines.count { it == "DTSTAMP:20270301T120000Z" }, "a DTSTAMP per event, the clock's now")
            // B, holding the same rituals at the same time, exports the same calendar.
            eq(ics, b.tandem.exportIcs(), "B's calendar")

            // Paused and retired rituals leave the calendar.
            a.tandem.pauseRitual(walk.id)
            check(!a.tandem.exportIcs().contains(walk.id)) { "a paused ritual is in the calendar" }
            a.tandem.retireRitual(call.id)
            eq(0, a.tandem.exportIcs().split("\r\n").count { it == "BEGIN:VEVENT" }, "nothing active, no events")
        }
    }

    test("recurrence: weekly, count, until and every-n-days round-trip and drive upcoming dates") {
        val db = newDb()
        db.tandem.closing { t ->
            val weekly = Recurrence(repeat = Repeat.Weekly, startDate = "2027-03-07")
            val run = t.proposeRitual(draft(title = "Long run", minutes = 60u, time = "10:00", zone = ZoneMode.Fixed(NY)).copy(recurrence = weekly))
            eq(weekly, run.recurrence, "weekly round-trips on the ritual")
            eq(weekly, t.rituals().single().recurrence, "and in rituals()")
            val occ = t.upcoming(T0, T0 + 28 * DAY, NY)
            eq(listOf("2027-03-07", "2027-03-14", "2027-03-21", "2027-03-28"), occ.map { it.date }, "Sundays from 2027-03-07")
            eq(listOf("2027-03-07 10:00", "2027-03-14 10:00", "2027-03-21 10:00", "2027-03-28 10:00"), occ.map { it.localStart }, "10:00 each, across the DST change")
            eq(listOf(ms("2027-03-07T15:00:00Z"), ms("2027-03-14T14:00:00Z")), occ.take(2).map { it.startMs }, "EST then EDT")
            check(occ.all { it.status == OccurrenceStatus.SCHEDULED && !it.moved }) { "fresh occurrences: $occ" }

            val twice = Recurrence(Repeat.Weekly, startDate = "2027-03-07", count = 2u)
            val until = Recurrence(Repeat.Daily, startDate = "2027-03-02", untilDate = "2027-03-04")
            val everyThird = Recurrence(Repeat.EveryNDays(3u), startDate = "2027-03-01")
            val a = t.proposeRitual(draft(title = "Twice").copy(recurrence = twice))
            val b = t.proposeRitual(draft(title = "Until").copy(recurrence = until))
            val c = t.proposeRitual(draft(title = "Every third").copy(recurrence = everyThird))
            eq(listOf(twice, until, everyThird), listOf(a, b, c).map { it.recurrence }, "recurrences round-trip")
            fun dates(id: String) = t.upcoming(T0 - DAY, T0 + 28 * DAY, NY).filter { it.ritualId == id }.map { it.date }
            eq(listOf("2027-03-07", "2027-03-14"), dates(a.id), "count = 2")
            eq(listOf("2027-03-02", "2027-03-03", "2027-03-04"), dates(b.id), "until 2027-03-04")
            eq(listOf("2027-03-01", "2027-03-04", "2027-03-07", "2027-03-10"), dates(c.id).take(4), "every third day")
            // No recurrence: daily from the day before proposing.
            val daily = t.proposeRitual(draft(title = "Daily"))
            eq(Recurrence(Repeat.Daily, startDate = "2027-02-28"), daily.recurrence, "no recurrence: daily from the day before proposing")
        }
    }

    test("marks: InvalidInput for a bad date, a date without an occurrence, a move over a week; NotAllowedNow for a waiting proposal; NotFound for an unknown id; nothing written") {
        paired { a, b ->
            val run = activeFromA(a, b, draft(title = "Long run", minutes = 60u, time = "10:00").copy(recurrence = Recurrence(Repeat.Weekly, startDate = "2027-03-07", count = 3u)))
            val tea = a.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))
            val before = a.tandem.upcoming(T0, T0 + 30 * DAY, NY)
            val sunday10 = ms("2027-03-07T15:00:00Z")
            val cases: Map<String, () -> Unit> = mapOf(
                "done, month 13" to { a.tandem.markDone(run.id, "2027-13-01", null, null) },
                "skip, month 13" to { a.tandem.skipOccurrence(run.id, "2027-13-01") },
                "move, month 13" to { a.tandem.moveOccurrence(run.id, "2027-13-01", sunday10) },
                "done, not a date" to { a.tandem.markDone(run.id, "next sunday", null, null) },
                "done, a Monday of a weekly ritual" to { a.tandem.markDone(run.id, "2027-03-08", null, null) },
                // T0 is 07:00 on 1 March in New York: Sunday the 7th has not come.
                "done, a day that has not come here" to { a.tandem.markDoneIn(run.id, "2027-03-07", null, null, NY) },
                "done, a day that has begun nowhere" to { a.tandem.markDone(run.id, "2027-03-14", null, null) },
                "done, in an unknown zone" to { a.tandem.markDoneIn(run.id, "2027-03-07", null, null, "Mars/Olympus") },
                "skip, before the start" to { a.tandem.skipOccurrence(run.id, "2027-02-28") },
                "move, after the count ends" to { a.tandem.moveOccurrence(run.id, "2027-03-28", ms("2027-03-28T14:00:00Z")) },
                "move, nine days later" to { a.tandem.moveOccurrence(run.id, "2027-03-07", sunday10 + 9 * DAY) },
                "move, nine days earlier" to { a.tandem.moveOccurrence(run.id, "2027-03-14", ms("2027-03-14T14:00:00Z") - 9 * DAY) },
            )
            for ((what, call) in cases) expectThrows<TandemException.InvalidInput>(what, call)
            // Well-formed, but a proposal has no occurrences yet: not now.
            val waiting: Map<String, () -> Unit> = mapOf(
                "done, a waiting proposal" to { a.tandem.markDone(tea.id, "2027-03-02", null, null) },
                "skip, a waiting proposal" to { a.tandem.skipOccurrence(tea.id, "2027-03-02") },
                "move, a waiting proposal" to { a.tandem.moveOccurrence(tea.id, "2027-03-02", T0 + DAY) },
            )
            for ((what, call) in waiting) expectThrows<TandemException.NotAllowedNow>(what, call)
            expectThrows<TandemException.NotFound>("done, unknown ritual") { a.tandem.markDone("0123456789abcdef01234567", "2027-03-07", null, null) }
            eq(before, a.tandem.upcoming(T0, T0 + 30 * DAY, NY), "nothing marked by the refusals")
            // The proposal on B, once B is asked, is still unmarkable there.
            deliver(a, b)
            expectThrows<TandemException.NotAllowedNow>("B marks the waiting proposal") { b.tandem.markDone(tea.id, "2027-03-02", null, null) }
            // Within a week is fine.
            a.tandem.moveOccurrence(run.id, "2027-03-07", sunday10 + 6 * DAY)
            eq(
                listOf(
                    listOf("2027-03-07", OccurrenceStatus.SCHEDULED, true, "2027-03-13 10:00"),
                    listOf("2027-03-14", OccurrenceStatus.SCHEDULED, false, "2027-03-14 10:00"),
                    listOf("2027-03-21", OccurrenceStatus.SCHEDULED, false, "2027-03-21 10:00"),
                ),
                a.tandem.marks(run.id, T0, T0 + 30 * DAY), "a six-day move",
            )
            // Retired: no longer in effect.
            a.tandem.retireRitual(run.id)
            expectThrows<TandemException.NotAllowedNow>("done on a retired ritual") { a.tandem.markDone(run.id, "2027-03-14", null, null) }
        }
    }
}

// ---- Personal rituals, gentle-experiment trials, snooze, rest weeks, weekdays ----

/** Both phones' clocks at [nowMs] (paired phones must agree on the time to sync). */
private fun Couple.setClocks(nowMs: Long) {
    a.clock.set(nowMs)
    b.clock.set(nowMs)
}

private fun setClocks(nowMs: Long, vararg dbs: Db) = dbs.forEach { it.clock.set(nowMs) }

/** The row of ritual [id] among [p]'s live rows. */
private fun Phone.row(id: String): RitualRow = screen().rows.single { it.ritualId == id }

private fun capabilityTests() {
    test("Weekday enum: Weekdays and MonthlyOnWeekday round-trip by value, normalised, and drive upcoming dates") {
        val db = newDb()
        db.tandem.closing { t ->
            val monFri = Repeat.Weekdays(listOf(Weekday.MONDAY, Weekday.FRIDAY))
            val gym = t.proposeRitual(draft(title = "Gym").copy(recurrence = Recurrence(monFri, startDate = "2027-03-01")))
            // Value equality: a fresh list equals the one the core returned.
            eq(Repeat.Weekdays(listOf(Weekday.MONDAY, Weekday.FRIDAY)), gym.recurrence.repeat, "Weekdays on the ritual")
            eq(Repeat.Weekdays(listOf(Weekday.MONDAY, Weekday.FRIDAY)), t.rituals().single().recurrence.repeat, "Weekdays in rituals()")
            eq(Recurrence(monFri, startDate = "2027-03-01"), t.ritualDraft(gym.id).recurrence, "Weekdays in ritualDraft")
            fun dates(id: String) = t.upcoming(T0 - DAY, T0 + 14 * DAY, NY).filter { it.ritualId == id }.map { it.date }
            eq(listOf("2027-03-01", "2027-03-05", "2027-03-08", "2027-03-12"), dates(gym.id), "Mondays and Fridays")

            // A set of days: order and repeats do not matter; Monday first.
            val shuffled = t.proposeRitual(
                draft(title = "Shuffled").copy(recurrence = Recurrence(Repeat.Weekdays(listOf(Weekday.SUNDAY, Weekday.WEDNESDAY, Weekday.SUNDAY)), startDate = "2027-03-01")),
            )
            eq(Repeat.Weekdays(listOf(Weekday.WEDNESDAY, Weekday.SUNDAY)), shuffled.recurrence.repeat, "normalised day set")
            eq(listOf("2027-03-03", "2027-03-07", "2027-03-10", "2027-03-14"), dates(shuffled.id), "Wednesdays and Sundays")

            val secondTuesday = Repeat.MonthlyOnWeekday(2, Weekday.TUESDAY)
            val lastFriday = Repeat.MonthlyOnWeekday(-1, Weekday.FRIDAY)
            val book = t.proposeRitual(draft(title = "Book club").copy(recurrence = Recurrence(secondTuesday, startDate = "2027-03-01")))
            val dinner = t.proposeRitual(draft(title = "Dinner out").copy(recurrence = Recurrence(lastFriday, startDate = "2027-03-01")))
            eq(Repeat.MonthlyOnWeekday(2, Weekday.TUESDAY), book.recurrence.repeat, "second Tuesday")
            eq(Repeat.MonthlyOnWeekday(-1, Weekday.FRIDAY), dinner.recurrence.repeat, "last Friday")
            fun monthly(id: String) = t.upcoming(T0, T0 + 90 * DAY, NY).filter { it.ritualId == id }.map { it.date }
            eq(listOf("2027-03-09", "2027-04-13", "2027-05-11"), monthly(book.id), "second Tuesdays")
            eq(listOf("2027-03-26", "2027-04-30", "2027-05-28"), monthly(dinner.id), "last Fridays")

            for ((what, repeat) in listOf(
                "no weekday" to Repeat.Weekdays(emptyList()),
                "0th Tuesday" to Repeat.MonthlyOnWeekday(0, Weekday.TUESDAY),
                "6th Tuesday" to Repeat.MonthlyOnWeekday(6, Weekday.TUESDAY),
            )) {
                expectThrows<TandemException.InvalidInput>(what) { t.proposeRitual(draft().copy(recurrence = Recurrence(repeat))) }
            }
            eq(4, t.rituals().size, "refused recurrences wrote nothing")
        }
    }

    test("personal ritual: ACTIVE at once before pairing, never reaches the partner, needs no answer, changes at once") {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val me = a.c.device().deviceId
            val journal = a.c.addPersonalRitual("Morning pages", null, 20, "08:00", ZoneMode.Floating)
            eq(RitualStatus.ACTIVE, journal.status, "active at once")
            eq(true, journal.personal, "personal")
            eq(null, journal.pending, "nothing waits")
            eq(null, journal.trialUntil, "no trial")
            eq(me to T0, journal.proposedBy to journal.proposedAtMs, "made by this phone, now")
            eq(listOf(journal), a.c.rituals(), "A's rituals")
            eq(
                RitualDraft(journal.title, journal.prompt, journal.minutes, journal.timeOfDay, journal.zone, journal.recurrence, journal.windowEnd, journal.leadMinutes, null),
                a.c.ritualDraft(journal.id), "ritualDraft is the version shown",
            )
            val row = a.row(journal.id)
            eq(
                RitualRow(journal.id, "Morning pages", "08:00", 20, null, RitualTexts.PERSONAL, null, listOf(RitualAction.CHANGE, RitualAction.PAUSE, RitualAction.RETIRE), personal = true),
                row, "a personal row: no partner to wait for",
            )
            // In effect at once: on Today and reminded, before any pairing.
            eq(listOf("Morning pages" to "08:00"), a.agenda(), "A's Today")
            val first = a.c.planReminders(NY, 60u).first()
            eq(listOf<Any>(journal.id, ReminderKind.RITUAL, ms("2027-03-01T13:00:00Z")), listOf(first.sourceId, first.kind, first.fireAtMs), "first reminder at 08:00 New York")

            notNow(a, "accept a personal ritual", "personal") { a.c.acceptRitual(journal.id) }
            notNow(a, "decline a personal ritual", "personal") { a.c.declineRitual(journal.id) }
            val changed = a.c.counterRitual(journal.id, "Morning pages", null, 20, "09:15", ZoneMode.Floating)
            eq(journal.copy(timeOfDay = "09:15", version = changed.version, terms = changed.terms), changed, "a counter is in effect at once: ACTIVE, 09:15, nothing pending")
            eq("09:15", changed.terms.first { it.field == "time_of_day" }.text, "its words say 09:15")
            check(changed.version != journal.version) { "a new version, a new id" }
            eq(listOf(changed), a.c.rituals(), "A's rituals after the change")
            eq("09:15" to null, a.row(journal.id).time to a.row(journal.id).suggestion, "the row shows 09:15, no suggestion")
            refused(a, "the same version again", "nothing changed") {
                a.c.counterRitual(journal.id, "Morning pages", null, 20, "09:15", ZoneMode.Floating)
            }

            // Pair, propose a shared ritual, sync both ways: only the shared one travels.
            pairFlows(a, b)
            val k = Couple(a, b)
            val walk = a.c.proposeRitual("Evening walk", null, 30, "20:30", ZoneMode.Floating)
            k.sync()
            eq(listOf(walk.id), b.c.rituals().map { it.id }, "B holds the shared ritual only")
            eq(setOf(journal.id, walk.id), a.c.rituals().map { it.id }.toSet(), "A holds both")
            check(b.c.planReminders(NY, 60u).none { it.sourceId == journal.id }) { "B plans reminders for A's personal ritual" }
            notFound(b, "B accepts A's personal ritual", "no ritual has this id") { b.c.acceptRitual(journal.id) }

            // Paused and changed again after pairing: still never on B.
            eq(RitualStatus.PAUSED, a.c.pauseRitual(journal.id).status, "paused")
            eq(RitualTexts.PERSONAL_PAUSED to listOf(RitualAction.CHANGE, RitualAction.RESUME, RitualAction.RETIRE), a.row(journal.id).let { it.status to it.actions }, "paused personal row")
            a.c.resumeRitual(journal.id)
            a.c.counterRitual(journal.id, "Morning pages", "Three pages", 25, "07:30", ZoneMode.Floating)
            k.sync()
            eq(listOf(walk.id), b.c.rituals().map { it.id }, "B after another sync")

            // The calendar file leaves it out unless asked for.
            check(!a.c.exportIcs().contains(journal.id)) { "a personal ritual in the default calendar" }
            check(a.c.exportIcs(includePersonal = true).contains("UID:${journal.id}@tandem")) { "no personal ritual when asked for" }
        }
    }

    test("trial: due on its last day with a TRIAL_REVIEW reminder; Keep waits for the partner, who accepts; then no trial on both") {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val walk = a.c.proposeRitual("Evening walk", null, 30, "20:30", ZoneMode.Floating, trialUntil = "2027-03-08")
            eq("2027-03-08" to "2027-03-08", walk.trialUntil to walk.pending?.trialUntil, "the proposal carries the trial end")
            eq("2027-03-08", a.c.ritualDraft(walk.id).trialUntil, "and so does its draft")
            k.aToB()
            b.c.acceptRitual(walk.id)
            k.bToA()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.c.rituals().single()
                eq(Triple(RitualStatus.ACTIVE, "2027-03-08", null as PendingChange?), Triple(r.status, r.trialUntil, r.pending), "$who: active trial")
                eq(emptyList<Ritual>(), p.c.reviewsDue(NY), "$who: nothing due at T0")
                eq("2027-03-08" to false, p.row(walk.id).let { it.trialUntil to it.reviewDue }, "$who: the row shows the trial")
            }
            // Planned ahead like any reminder: the last day, at the ritual's time.
            eq(
                listOf(ms("2027-03-09T01:30:00Z")),
                a.c.planReminders(NY, 60u).filter { it.kind == ReminderKind.TRIAL_REVIEW }.map { it.fireAtMs },
                "the review reminder, planned at T0",
            )

            // The evening before, in New York: not yet. Floating, so a Berlin clock already reads the 8th.
            k.setClocks(ms("2027-03-08T01:00:00Z"))
            eq(emptyList<Ritual>(), a.c.reviewsDue(NY), "not due on the 7th in New York")
            eq(listOf(walk.id), a.c.reviewsDue(BERLIN).map { it.id }, "due on the 8th in Berlin")

            // The last day, 07:00 in New York.
            k.setClocks(ms("2027-03-08T12:00:00Z"))
            for ((who, p) in listOf("A" to a, "B" to b)) {
                eq(listOf(walk.id), p.c.reviewsDue(NY).map { it.id }, "$who: due on its last day")
                val row = p.row(walk.id)
                eq(RitualTexts.REVIEW_DUE, row.status, "$who: status")
                eq(listOf(RitualAction.REVIEW, RitualAction.PAUSE, RitualAction.RETIRE), row.actions, "$who: look back instead of counter")
                eq(listOf(row), p.screen().reviewsDue, "$who: the review section")
            }
            val plan = rig.replan(ReplanTrigger.TIME_CHANGED)
            val review = plan.planned.filter { it.kind == ReminderKind.TRIAL_REVIEW }
            eq(1, review.size, "one review reminder")
            eq(
                listOf<Any>(walk.id, ms("2027-03-09T01:30:00Z"), "2027-03-08 20:30", "Time to look back: Evening walk", "Your experiment ends today: keep it, adjust it, or stop?"),
                review.single().let { listOf(it.sourceId, it.fireAtMs, it.localTime, it.title, it.body) },
                "the review reminder: the last day at the ritual's time",
            )
            eq(review.single().privateTitle, rig.scheduler.armed.getValue(review.single().id).title, "armed with the private title (content hidden by default)")
            check("Evening walk" !in rig.scheduler.armed.getValue(review.single().id).let { it.title + it.body }) { "the review names the ritual while hidden" }
            check(plan.planned.filter { it.sourceId == walk.id && it.kind != ReminderKind.TRIAL_REVIEW }.all { it.kind == ReminderKind.RITUAL }) { "other kinds in the plan" }
            check(plan.planned.any { it.kind == ReminderKind.RITUAL && it.fireAtMs == ms("2027-03-09T01:30:00Z") }) { "the occurrence's own reminder is gone" }

            // Past its time that evening: still due, but its reminder has gone by.
            k.setClocks(ms("2027-03-09T02:00:00Z"))
            eq(listOf(walk.id), a.c.reviewsDue(NY).map { it.id }, "still due at 21:00 on the last day")
            check(a.c.planReminders(NY, 60u).none { it.kind == ReminderKind.TRIAL_REVIEW }) { "a review reminder in the past" }

            // A keeps it: the same version without the trial end waits for B.
            val kept = a.c.keepRitual(walk.id)
            eq(RitualStatus.ACTIVE to "2027-03-08", kept.status to kept.trialUntil, "the trial stays in effect until B agrees")
            eq(
                PendingChange("Evening walk", null, 30u, "20:30", ZoneMode.Floating, walk.recurrence, walk.windowEnd, walk.leadMinutes, null, k.aId, version = kept.pending!!.version, terms = kept.pending!!.terms, changes = kept.pending!!.changes),
                kept.pending, "A's keep waits: the same version, no trial end",
            )
            eq(listOf("trial: none (for good) instead of until 2027-03-08, then a review"), kept.pending!!.changes.map { it.summary }, "the keep says what it changes")
            eq(emptyList<Ritual>(), a.c.reviewsDue(NY), "A: answered, no longer due")
            eq(RitualTexts.ACTIVE_CHANGE_FOR_PARTNER to false, a.row(walk.id).let { it.status to it.reviewDue }, "A's row")
            k.aToB()
            eq(emptyList<Ritual>(), b.c.reviewsDue(NY), "B: an answer waits, not due")
            val bRow = b.row(walk.id)
            eq(RitualTexts.ACTIVE_CHANGE_FOR_YOU to CHANGE_BUTTONS_ACTIVE, bRow.status to bRow.actions, "B is asked")
            eq(null, bRow.suggestion?.trialUntil, "B sees the keep without a trial end")
            val forGood = b.c.acceptRitual(walk.id)
            eq(kept.copy(trialUntil = null, pending = null, version = kept.pending!!.version, terms = kept.pending!!.terms), forGood, "B accepts: kept for good")
            k.bToA()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.c.rituals().single()
                eq(Triple(RitualStatus.ACTIVE, null as String?, null as PendingChange?), Triple(r.status, r.trialUntil, r.pending), "$who: no trial, nothing pending")
                eq(emptyList<Ritual>(), p.c.reviewsDue(NY), "$who: nothing due")
                check(p.c.planReminders(NY, 60u).none { it.kind == ReminderKind.TRIAL_REVIEW }) { "$who: a review reminder after keeping" }
                eq(RitualTexts.ACTIVE to ACTIVE_BUTTONS, p.row(walk.id).let { it.status to it.actions }, "$who: a plain active row")
            }
            notNow(a, "keep a ritual that is no longer a trial", "not a trial") { a.c.keepRitual(walk.id) }
            k.sync()
        }
    }

    test("trial: an end date today, past, unparsable or over a year is InvalidInput; review refusals; Adjust, Stop, personal Keep") {
        paired { a, b ->
            val t = a.tandem
            for ((what, until) in listOf(
                "today" to "2027-03-01",
                "in the past" to "2027-02-20",
                "a year and a day ahead" to "2028-03-02",
                "not a date" to "2027-13-01",
            )) {
                expectThrows<TandemException.InvalidInput>("propose, trial ending $what") { t.proposeRitual(draft().copy(trialUntil = until)) }
                expectThrows<TandemException.InvalidInput>("personal, trial ending $what") { t.addPersonalRitual(draft().copy(trialUntil = until)) }
            }
            eq(emptyList<Ritual>(), t.rituals(), "nothing written by refused trials")
            eq("2028-03-01", t.proposeRitual(draft(title = "Year").copy(trialUntil = "2028-03-01")).trialUntil, "a year ahead is the limit")

            val plain = activeFromA(a, b, draft(title = "Plain"))
            expectThrows<TandemException.NotAllowedNow>("review a ritual without a trial") { t.reviewRitual(plain.id, ReviewOutcome.Keep) }
            expectThrows<TandemException.NotFound>("review an unknown id") { t.reviewRitual("0123456789abcdef01234567", ReviewOutcome.Stop) }
            expectThrows<TandemException.NotFound>("ritualDraft of an unknown id") { t.ritualDraft("0123456789abcdef01234567") }
            expectThrows<TandemException.InvalidInput>("reviewsDue in an unknown zone") { t.reviewsDue("Mars/Olympus") }

            // Adjust: a counter that ends the experiment at another time.
            val tea = activeFromA(a, b, draft(title = "Tea", minutes = 15u, time = "16:00").copy(trialUntil = "2027-03-15"))
            val adjusted = t.reviewRitual(tea.id, ReviewOutcome.Adjust(t.ritualDraft(tea.id).copy(timeOfDay = "17:00", trialUntil = null)))
            eq(listOf<Any?>("16:00", "2027-03-15", "17:00", null), listOf(adjusted.timeOfDay, adjusted.trialUntil, adjusted.pending?.timeOfDay, adjusted.pending?.trialUntil), "the adjustment waits beside the trial")
            deliver(a, b)
            val accepted = b.tandem.acceptRitual(tea.id)
            eq("17:00" to null as String?, accepted.timeOfDay to accepted.trialUntil, "accepted: 17:00 for good")

            // Stop: retired on both, by one partner alone.
            val run = activeFromA(a, b, draft(title = "Run", time = "07:00").copy(trialUntil = "2027-03-10"))
            eq(RitualStatus.RETIRED, t.reviewRitual(run.id, ReviewOutcome.Stop).status, "stopped")
            deliver(a, b)
            eq(RitualStatus.RETIRED, b.tandem.rituals().single { it.id == run.id }.status, "stopped on B")
            expectThrows<TandemException.NotAllowedNow>("review a stopped trial") { t.reviewRitual(run.id, ReviewOutcome.Keep) }

            // A personal trial is kept at once.
            val mine = t.addPersonalRitual(draft(title = "Stretch", time = "06:30").copy(trialUntil = "2027-03-05"))
            eq(RitualStatus.ACTIVE to "2027-03-05", mine.status to mine.trialUntil, "a personal trial")
            val keptMine = t.reviewRitual(mine.id, ReviewOutcome.Keep)
            eq(mine.copy(trialUntil = null, version = keptMine.version, terms = keptMine.terms), keptMine, "kept at once: no trial, nothing pending")
            eq("none (for good)", keptMine.terms.first { it.field == "trial_until" }.text, "its words say: for good")
        }
    }

    test("snooze: one SNOOZED reminder at the returned instant replaces the earlier ones, on this phone only; refusals by kind") {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val walk = k.activeFromA(walkDraft())
            val base = rig.replan(ReplanTrigger.APP_START).planned
            val firstStart = ms("2027-03-02T01:30:00Z") // 2027-03-01 20:30 in New York
            val firstIds = base.filter { it.occurrenceStartMs == firstStart }.map { it.id }
            eq(2, firstIds.size, "the first evening's two reminders")

            // 20:05: the 20:00 reminder has fired; "in 45 minutes".
            k.setClocks(ms("2027-03-02T01:05:00Z"))
            val until = a.c.snoozeReminder(walk.id, "2027-03-01", 45, NY)
            eq(ms("2027-03-02T01:50:00Z"), until, "back 45 minutes from now")
            val r = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            val snoozed = r.planned.filter { it.kind == ReminderKind.SNOOZED }
            eq(1, snoozed.size, "one snoozed reminder")
            eq(
                listOf<Any>(walk.id, until, firstStart, "2027-03-01 20:50", "Evening walk", "Snoozed from 20:30"),
                snoozed.single().let { listOf(it.sourceId, it.fireAtMs, it.occurrenceStartMs, it.localTime, it.title, it.body) },
                "the snoozed reminder",
            )
            check(r.planned.none { it.kind == ReminderKind.RITUAL && it.occurrenceStartMs == firstStart && it.fireAtMs <= until }) {
                "a ritual reminder for the snoozed evening at or before the snooze"
            }
            eq(listOf(snoozed.single().id), r.armed, "armed: the snoozed one")
            eq(firstIds.sorted(), r.cancelled.sorted(), "cancelled: that evening's two reminders (20:30 gives way to 20:50)")
            eq(base.filter { it.occurrenceStartMs != firstStart }, r.planned.filter { it.kind == ReminderKind.RITUAL }, "the other evenings unchanged")

            // Device-local: B, even after a sync, keeps the 20:30 reminder and has no snooze.
            k.aToB()
            val onB = b.c.planReminders(NY, 60u)
            check(onB.none { it.kind == ReminderKind.SNOOZED }) { "a snooze reached B" }
            check(onB.any { it.kind == ReminderKind.RITUAL && it.occurrenceStartMs == firstStart && it.fireAtMs == firstStart }) { "B lost its 20:30 reminder" }

            for (m in listOf(0, 721, -1)) {
                expectThrows<TandemException.InvalidInput>("snooze $m minutes") { a.c.snoozeReminder(walk.id, "2027-03-01", m, NY) }
            }
            expectThrows<TandemException.InvalidInput>("snooze in an unknown zone") { a.c.snoozeReminder(walk.id, "2027-03-01", 10, "Mars/Olympus") }
            expectThrows<TandemException.NotFound>("snooze an unknown ritual") { a.c.snoozeReminder("0123456789abcdef01234567", "2027-03-01", 10, NY) }
            expectThrows<TandemException.NotAllowedNow>("snooze an evening two days off") { a.c.snoozeReminder(walk.id, "2027-03-03", 10, NY) }
            eq(until, rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).planned.single { it.kind == ReminderKind.SNOOZED }.fireAtMs, "refusals left the snooze as it was")

            // 20:05 on the 1st in New York: tomorrow evening cannot be done yet (InvalidInput), tonight's can.
            expectThrows<TandemException.InvalidInput>("done for tomorrow, in New York") { a.c.markDone(walk.id, "2027-03-02", deviceZone = NY) }
            // Done: the snooze goes with its evening's reminders, and it cannot be snoozed again.
            a.c.markDone(walk.id, "2027-03-01", deviceZone = NY)
            val done = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(listOf(snoozed.single().id), done.cancelled, "done: the snoozed reminder cancelled")
            check(done.planned.none { it.occurrenceStartMs == firstStart }) { "reminders for a done evening" }
            expectThrows<TandemException.NotAllowedNow>("snooze a done evening") { a.c.snoozeReminder(walk.id, "2027-03-01", 10, NY) }
        }
    }

    test("rest week: declared on A, synced, resting on B; no reminders and no rhythm that week; call off; refusals") {
        paired { a, b ->
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            eq(emptyList<String>(), a.tandem.restWeeks(), "no rest weeks at first")
            eq("2027-03-08", a.tandem.declareRestWeek("2027-03-10", NY), "the Monday of the week holding Wednesday the 10th")
            eq("2027-03-08", a.tandem.declareRestWeek("2027-03-14", NY), "declaring it again (from its Sunday) is fine")
            eq(listOf("2027-03-08"), a.tandem.restWeeks(), "A's rest weeks")
            eq(emptyList<String>(), b.tandem.restWeeks(), "B before the sync")
            deliver(a, b)
            eq(listOf("2027-03-08"), b.tandem.restWeeks(), "B after the sync")

            val (from, to) = ms("2027-03-05T00:00:00Z") to ms("2027-03-17T00:00:00Z")
            val expected = (4..15).map { d -> "2027-03-%02d".format(d) to (d in 8..14) }
            for ((who, db) in listOf("A" to a, "B" to b)) {
                eq(expected, db.tandem.upcoming(from, to, NY).filter { it.ritualId == walk.id }.map { it.date to it.resting }, "$who: resting exactly Monday 8th to Sunday 14th")
                val plan = db.tandem.planReminders(NY, 60u)
                val week = ms("2027-03-08T05:00:00Z") until ms("2027-03-15T04:00:00Z") // that week in New York
                check(plan.none { it.occurrenceStartMs in week || it.fireAtMs in week }) { "$who: a reminder in the rest week" }
                eq(true to true, plan.any { it.fireAtMs == ms("2027-03-08T01:30:00Z") } to plan.any { it.fireAtMs == ms("2027-03-16T00:30:00Z") }, "$who: the Sundays around it are reminded")
            }

            // A fortnight on: the week counts as neither kept nor missed, even a walk marked done in it.
            setClocks(ms("2027-03-15T12:00:00Z"), a, b)
            a.tandem.markDone(walk.id, "2027-03-03", null, null)
            a.tandem.markDone(walk.id, "2027-03-09", null, null)
            // (The 1st's 20:30 had begun in the east before the walk was agreed: unmarked, it counts
            // in no figure.)
            eq(listOf(Rhythm(walk.id, "Evening walk", 1u, 6u, 1u, 6u)), a.tandem.rhythm(NY), "rhythm without the rest week")

            // B calls it off (the later word wins); A hears of it.
            eq("2027-03-08", b.tandem.callOffRestWeek("2027-03-09", NY), "called off")
            deliver(b, a)
            eq(emptyList<String>(), a.tandem.restWeeks(), "A after the call-off")
            check(a.tandem.upcoming(from, to, NY).none { it.resting }) { "resting after the call-off" }
            eq(listOf(Rhythm(walk.id, "Evening walk", 1u, 7u, 2u, 13u)), a.tandem.rhythm(NY), "rhythm with the week back")

            expectThrows<TandemException.NotFound>("call off a week that is not a rest week") { a.tandem.callOffRestWeek("2027-03-17", NY) }
            expectThrows<TandemException.InvalidInput>("a week more than four weeks back") { a.tandem.declareRestWeek("2027-02-10", NY) }
            expectThrows<TandemException.InvalidInput>("a week more than a year ahead") { a.tandem.declareRestWeek("2028-06-01", NY) }
            expectThrows<TandemException.InvalidInput>("not a date") { a.tandem.declareRestWeek("2027-02-30", NY) }
            expectThrows<TandemException.InvalidInput>("an unknown zone") { a.tandem.declareRestWeek("2027-03-22", "Mars/Olympus") }
            eq(emptyList<String>(), a.tandem.restWeeks(), "nothing written by the refusals")
        }
    }

    test("controller: a rest week re-plans away exactly that week's reminders; Today shows it resting; calling it off re-arms the same ids") {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val walk = k.activeFromA(walkDraft().copy(recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01", count = 14u)))
            val base = rig.replan(ReplanTrigger.APP_START)
            eq(28, base.armed.size, "two reminders an evening for 14 evenings")
            val week = ms("2027-03-08T05:00:00Z") until ms("2027-03-15T04:00:00Z")
            val inWeek = base.planned.filter { it.occurrenceStartMs in week }.map { it.id }
            eq(14, inWeek.size, "seven evenings in the rest week")

            eq("2027-03-08", a.c.declareRestWeek("2027-03-08", NY), "declared from its Monday")
            val rested = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(inWeek.sorted(), rested.cancelled.sorted(), "exactly that week's reminders cancelled")
            eq(emptyList<String>(), rested.armed, "nothing armed")
            eq(
                listOf(true, false),
                listOf(ms("2027-03-10T12:00:00Z"), T0).map { now -> (a.c.todayAgenda(now, NY) as TodayState.Agenda).rows.single { it.ritualId == walk.id }.resting },
                "Today: resting on the 10th, not on the 1st",
            )

            k.aToB()
            eq(listOf("2027-03-08"), b.c.restWeeks(), "B holds the rest week")
            check(b.c.planReminders(NY, 60u).none { it.occurrenceStartMs in week }) { "B plans reminders in the rest week" }
            eq("2027-03-08", b.c.callOffRestWeek("2027-03-12", NY), "B calls it off")
            k.bToA()
            eq(emptyList<String>(), a.c.restWeeks(), "A after B called it off")
            val back = rig.replan(ReplanTrigger.AFTER_IMPORT)
            eq(inWeek.sorted(), back.armed.sorted(), "the same ids re-armed")
            val gone = expectThrows<TandemException.NotFound>("call it off twice") { a.c.callOffRestWeek("2027-03-08", NY) }
            eq(UserMessages.NOT_FOUND, UserMessages.forError(gone), "its message")
        }
    }

    test("controller: on a trial's last day, adjustRitual (no new trial end) and stopRitual end the experiment on both phones") {
        couple { k ->
            val (a, b) = k.a to k.b
            val tea = a.c.proposeRitual("Tea", null, 15, "16:00", ZoneMode.Fixed(BERLIN), trialUntil = "2027-03-03")
            val run = a.c.proposeRitual("Run", null, 40, "07:00", ZoneMode.Floating, trialUntil = "2027-03-03")
            k.aToB()
            b.c.acceptRitual(tea.id)
            b.c.acceptRitual(run.id)
            k.bToA()
            k.setClocks(ms("2027-03-03T12:00:00Z"))
            eq(listOf(tea.id, run.id), a.c.reviewsDue(NY).map { it.id }, "both due on their last day")
            val adjusted = a.c.adjustRitual(tea.id, "Tea", "Green, please", 20, "17:00", ZoneMode.Fixed(BERLIN))
            eq(
                listOf<Any?>("16:00", "2027-03-03", "17:00", 20u, "Green, please", null, ZoneMode.Fixed(BERLIN)),
                listOf(adjusted.timeOfDay, adjusted.trialUntil, adjusted.pending?.timeOfDay, adjusted.pending?.minutes, adjusted.pending?.prompt, adjusted.pending?.trialUntil, adjusted.pending?.zone),
                "the adjustment waits beside the trial, without a trial end",
            )
            eq(tea.recurrence, adjusted.pending?.recurrence, "the repeat carries over")
            val stopped = a.c.stopRitual(run.id)
            eq(RitualStatus.RETIRED, stopped.status, "stopped")
            eq(emptyList<Ritual>(), a.c.reviewsDue(NY), "nothing due on A")
            eq(listOf(run.id to RitualTexts.RETIRED), a.screen().ended.map { it.ritualId to it.status }, "the stopped run is in the past section")
            k.aToB()
            eq(RitualStatus.RETIRED, b.c.rituals().single { it.id == run.id }.status, "stopped on B")
            val accepted = b.c.acceptRitual(tea.id)
            eq(listOf<Any?>("17:00", 20u, null, null), listOf(accepted.timeOfDay, accepted.minutes, accepted.trialUntil, accepted.pending), "B accepts: 17:00 for good")
            k.bToA()
            eq(emptyList<Ritual>(), a.c.reviewsDue(NY) + b.c.reviewsDue(NY), "nothing due on either phone")
            k.sync()
        }
    }

    test("UserMessages: NotAllowedNow and NotFound read as their own person-readable text, with no user text") {
        val marker = "Secret walk 🌙"
        val notNow = UserMessages.forError(TandemException.NotAllowedNow(marker))
        val notFound = UserMessages.forError(TandemException.NotFound(marker))
        eq(UserMessages.NOT_ALLOWED_NOW, notNow, "NotAllowedNow")
        eq(UserMessages.NOT_FOUND, notFound, "NotFound")
        check(notNow != notFound) { "the two read the same" }
        check(notNow != UserMessages.forError(TandemException.InvalidInput(marker))) { "NotAllowedNow reads as InvalidInput" }
        check(notFound != UserMessages.forError(TandemException.InvalidInput(marker))) { "NotFound reads as InvalidInput" }
        for (m in listOf(notNow, notFound, UserMessages.RITUAL_CHANGED, UserMessages.RITUAL_GONE)) {
            check(m.isNotBlank() && !m.contains("Secret") && !m.contains("🌙") && !m.contains("reason")) { "<$m> shows the reason" }
        }
        // Real refusals, with the typed title in the core's reason or not: the message never shows it.
        val p = phone(ANA)
        using(p) {
            val walk = p.c.proposeRitual(marker, null, 10, "08:00", ZoneMode.Floating)
            val own = expectThrows<TandemException.NotAllowedNow>("accept one's own proposal") { p.c.acceptRitual(walk.id) }
            val none = expectThrows<TandemException.NotFound>("pause an unknown id") { p.c.pauseRitual("0123456789abcdef01234567") }
            eq(UserMessages.RITUAL_CHANGED to UserMessages.RITUAL_GONE, UserMessages.forRitualAction(own) to UserMessages.forRitualAction(none), "the row messages")
            eq(notNow to notFound, UserMessages.forError(own) to UserMessages.forError(none), "the general messages")
        }
    }
}

// ---- Boundaries, the agreements ledger and pauses, through two paired controllers ----

private val HEX32 = Regex("[0-9a-f]{32}")
private const val UNKNOWN_ID = "0123456789abcdef01234567"

/** Words a screen about agreements or pauses never uses: nobody is late, nothing failed. */
private val BLAME = Regex("""\b(late|lateness|missed|miss|failed|fail|failure|violation|violated|violate|broke|broken|overdue|blame)\b""", RegexOption.IGNORE_CASE)

private fun noBlame(texts: List<String>, what: String) {
    check(texts.isNotEmpty()) { "$what: no texts to check" }
    texts.forEach { t -> check(!BLAME.containsMatchIn(t)) { "$what: <$t> uses a blame word" } }
}

private fun ag(title: String, text: String, coolDown: Int? = null, revisit: String? = null, reviewOn: String? = null) =
    TandemController.agreementDraft(title, text, coolDownMinutes = coolDown, revisit = revisit, reviewOn = reviewOn)

private fun Phone.agreement(id: String): Agreement = c.agreements().single { it.id == id }

private fun Phone.agreementsScreen(): AgreementsScreen.Rows {
    val s = c.agreementsScreen(NY)
    if (s is AgreementsScreen.Rows) return s
    throw Harness.CheckFailed("expected the Agreements screen, got $s")
}

/** The row of agreement [id] on [this] phone's Agreements screen; [ended] says which section. */
private fun Phone.agreementRow(id: String, ended: Boolean = false): AgreementRow {
    val s = agreementsScreen()
    val (live, past) = s.rows.filter { it.agreementId == id } to s.ended.filter { it.agreementId == id }
    eq(if (ended) 0 to 1 else 1 to 0, live.size to past.size, "rows for agreement $id (live to ended)")
    return (live + past).single()
}

private fun Phone.pauseScreen(): PauseScreen.Shown {
    val s = c.pauseScreen(NY)
    if (s is PauseScreen.Shown) return s
    throw Harness.CheckFailed("expected the pause screen, got $s")
}

/** [block] is refused with an [E] whose reason mentions [mentions]; [p]'s agreements, pauses and boundaries stay. */
private inline fun <reified E : TandemException> refusedHere(p: Phone, what: String, mentions: String, block: () -> Unit): E {
    val before = Triple(p.c.agreements(), p.c.pauses(), p.c.boundaries())
    val e = expectThrows<E>(what, block)
    check(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    eq(before, Triple(p.c.agreements(), p.c.pauses(), p.c.boundaries()), "$what: state after the refusal")
    return e
}

/** Both phones' histories of [id]: the same chain (hashes, head), each entry linked to the one before. */
private fun sameHistory(k: Couple, id: String, kinds: List<HistoryKind>): Pair<AgreementHistory, AgreementHistory> {
    val ha = k.a.c.agreementHistory(id)
    val hb = k.b.c.agreementHistory(id)
    eq(kinds, ha.entries.map { it.kind }, "history kinds on A")
    eq(kinds, hb.entries.map { it.kind }, "history kinds on B")
    eq(ha.head, hb.head, "the same head on both phones")
    check(Regex("[0-9a-f]{64}").matches(ha.head)) { "head <${ha.head}> is not 64 hex" }
    eq(ha.entries.map { it.hash }, hb.entries.map { it.hash }, "the same entry hashes on both phones")
    eq(ha.entries.last().hash, ha.head, "head is the last entry's hash")
    ha.entries.zipWithNext().forEachIndexed { i, (prev, next) -> eq(prev.hash, next.prev, "entry ${i + 1} links to entry $i") }
    eq(ha.entries.map { !it.byMe }, hb.entries.map { it.byMe }, "byMe is each phone's own side")
    return ha to hb
}

private fun agreementTests() {
    test("agreements: proposed on A, amended on B, A accepts B's version by its hash: ACTIVE on both with the amended text; history and head agree; version 1 superseded") {
        couple { k ->
            val (a, b) = k.a to k.b
            val proposed = a.c.proposeAgreement(ag("  Phones at dinner ", "No phones at the table."))
            val id = proposed.id
            val v1 = proposed.pending.single()
            check(HEX32.matches(v1.hash)) { "version hash <${v1.hash}> is not 32 hex" }
            eq(
                listOf<Any?>(AgreementStatus.PROPOSED, true, T0, null, false, null, null),
                listOf(proposed.status, proposed.proposedByMe, proposed.proposedAtMs, proposed.inEffect, proposed.reviewed, proposed.withdrawnByMe, proposed.withdrawnAtMs),
                "A: proposed, nothing in effect",
            )
            eq(
                listOf<Any?>(null, "Phones at dinner", "No phones at the table.", null, null, true, T0, true, false, false),
                listOf(v1.parent, v1.title, v1.text, v1.pauseProtocol, v1.reviewOn, v1.byMe, v1.atMs, v1.acceptedByMe, v1.acceptedByPartner, v1.waitingForMe),
                "A: version 1, accepted by its author",
            )
            a.agreementRow(id).let { r ->
                eq("Waiting for your partner", r.status, "A: status")
                eq(listOf(AgreementAction.WITHDRAW), r.actions, "A: row buttons")
                eq(listOf(listOf<Any?>(v1.hash, "Your suggestion", "Waiting for your partner", listOf(AgreementAction.AMEND))), r.alternatives.map { listOf(it.hash, it.label, it.status, it.actions) }, "A: the one version")
            }
            val own = refusedHere<TandemException.NotAllowedNow>(a, "A accepts its own proposal", "own proposal") { a.c.acceptAgreement(id, v1.hash) }
            eq(UserMessages.AGREEMENT_CHANGED, UserMessages.forAgreementAction(own), "its message")

            k.setClocks(T0 + 10 * MINUTE)
            k.sync()
            val onB = b.agreement(id)
            eq(false to T0, onB.proposedByMe to onB.proposedAtMs, "B: proposed by the partner")
            eq(
                listOf<Any?>(v1.hash, false, false, true, true),
                onB.pending.single().let { listOf(it.hash, it.byMe, it.acceptedByMe, it.acceptedByPartner, it.waitingForMe) },
                "B: the same version waits for B",
            )
            b.agreementRow(id).let { r ->
                eq("Waiting for your answer", r.status, "B: status")
                eq(
                    listOf(listOf<Any?>("Your partner's suggestion", "Waiting for your answer", listOf(AgreementAction.ACCEPT, AgreementAction.DECLINE, AgreementAction.AMEND))),
                    r.alternatives.map { listOf(it.label, it.status, it.actions) },
                    "B: answer buttons on the partner's version",
                )
            }

            val amendedText = "No phones at the table, except on call nights."
            val amended = b.c.amendAgreement(id, v1.hash, ag("Phones at dinner", amendedText))
            val v2 = amended.pending.single { it.byMe }
            check(HEX32.matches(v2.hash) && v2.hash != v1.hash) { "v2 hash <${v2.hash}>" }
            eq(listOf<Any?>(v1.hash, amendedText, true, false, T0 + 10 * MINUTE), listOf(v2.parent, v2.text, v2.acceptedByMe, v2.waitingForMe, v2.atMs), "B: v2 built on v1")
            eq(listOf(v1.hash, v2.hash), amended.pending.map { it.hash }, "B: both versions wait, oldest first")
            refusedHere<TandemException.NotAllowedNow>(b, "the same amendment again", "already exists") { b.c.amendAgreement(id, v1.hash, ag("Phones at dinner", amendedText)) }
            refusedHere<TandemException.NotAllowedNow>(b, "an amendment changing nothing", "changes nothing") { b.c.amendAgreement(id, v1.hash, ag("Phones at dinner", "No phones at the table.")) }

            k.setClocks(T0 + 20 * MINUTE)
            k.sync()
            val bothOnA = a.agreement(id)
            eq(listOf(v1.hash to false, v2.hash to true), bothOnA.pending.map { it.hash to it.waitingForMe }, "A: both versions, v2 waits for A")
            a.agreementRow(id).let { r ->
                eq("Waiting for your answer", r.status, "A: status with B's suggestion")
                eq(
                    listOf(
                        listOf<Any?>(v1.hash, "No phones at the table.", "Your suggestion", "Waiting for your partner", listOf(AgreementAction.AMEND)),
                        listOf<Any?>(v2.hash, amendedText, "Your partner's suggestion", "Waiting for your answer", listOf(AgreementAction.ACCEPT, AgreementAction.DECLINE, AgreementAction.AMEND)),
                    ),
                    r.alternatives.map { listOf(it.hash, it.text, it.label, it.status, it.actions) },
                    "A: the two versions side by side",
                )
                eq(
                    listOf(emptyList(), listOf("text: \u201c$amendedText\u201d instead of \u201cNo phones at the table.\u201d")),
                    r.alternatives.map { it.changes },
                    "A reads what B's version changes; the first proposal is read whole",
                )
                check("pause protocol: none" in r.alternatives[1].reads) { "read whole: ${r.alternatives[1].reads}" }
            }
            refusedHere<TandemException.InvalidInput>(a, "seven characters of a hash", "8 to 32 hex") { a.c.acceptAgreement(id, v2.hash.take(7)) }

            refusedHere<TandemException.NotAllowedNow>(a, "a well-formed hash of no version", "no version of this agreement has this content hash") { a.c.acceptAgreement(id, "0".repeat(32)) }
            refusedHere<TandemException.InvalidInput>(a, "a malformed hash", "32 hex") { a.c.acceptAgreement(id, "not-a-hash") }
            val gone = refusedHere<TandemException.NotFound>(a, "an unknown agreement", "no agreement") { a.c.acceptAgreement(UNKNOWN_ID, v2.hash) }
            eq(UserMessages.AGREEMENT_GONE, UserMessages.forAgreementAction(gone), "NotFound's message")

            val active = a.c.acceptAgreement(id, v2.hash)
            eq(AgreementStatus.ACTIVE, active.status, "A: active")
            eq(listOf<Any?>(v2.hash, amendedText, false, true, true), active.inEffect?.let { listOf(it.hash, it.text, it.byMe, it.acceptedByMe, it.acceptedByPartner) }, "A: B's version in effect")
            eq(emptyList<AgreementVersion>(), active.pending, "A: version 1 no longer waits")
            a.agreementRow(id).let { r ->
                eq(listOf<Any?>("In effect", "Phones at dinner", amendedText, v2.hash, listOf(AgreementAction.AMEND, AgreementAction.WITHDRAW), emptyList<AgreementOption>()), listOf(r.status, r.title, r.text, r.amendOn, r.actions, r.alternatives), "A: the row in effect")
            }

            k.sync()
            val onBNow = b.agreement(id)
            eq(AgreementStatus.ACTIVE to v2.hash, onBNow.status to onBNow.inEffect?.hash, "B: active with v2")
            eq(active.inEffect?.copy(byMe = true), onBNow.inEffect, "B: the same version, B's own")
            eq("In effect" to amendedText, b.agreementRow(id).let { it.status to it.text }, "B: the row")
            refusedHere<TandemException.NotAllowedNow>(b, "B accepts the superseded version 1", "superseded") { b.c.acceptAgreement(id, v1.hash) }
            refusedHere<TandemException.NotAllowedNow>(b, "B amends the superseded version 1", "superseded") { b.c.amendAgreement(id, v1.hash, ag("Phones at dinner", "Other")) }

            val (ha, hb) = sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.AMENDED, HistoryKind.ACCEPTED))
            eq(listOf<String?>(v1.hash, v2.hash, v2.hash), ha.entries.map { it.version }, "history versions")
            eq(listOf<String?>("No phones at the table.", amendedText, null), ha.entries.map { it.text }, "history texts")
            eq(listOf(true, false, true), ha.entries.map { it.byMe }, "A's side")
            eq(
                listOf(
                    "2027-03-01 07:00 You proposed “Phones at dinner”",
                    "2027-03-01 07:10 Your partner suggested a change: “Phones at dinner”",
                    "2027-03-01 07:20 You accepted “Phones at dinner”",
                ),
                a.agreementRow(id).history.map { "${it.at} ${it.text}" },
                "A's history lines",
            )
            eq(
                listOf("Your partner proposed “Phones at dinner”", "You suggested a change: “Phones at dinner”", "Your partner accepted “Phones at dinner”"),
                b.agreementRow(id).history.map { it.text },
                "B's history lines",
            )
            eq(hb.entries.map { it.atMs }, ha.entries.map { it.atMs }, "the same times on both phones")
        }
    }

    test("agreements: amendments made at once on both phones both wait, side by side, on both phones; accepting one supersedes the other") {
        couple { k ->
            val (a, b) = k.a to k.b
            val id = a.c.proposeAgreement(ag("Sunday planning", "We plan the week together on Sunday.")).id
            k.sync()
            val v1 = b.agreement(id).pending.single().hash
            b.c.acceptAgreement(id, v1)
            k.sync()
            eq(AgreementStatus.ACTIVE to v1, a.agreement(id).let { it.status to it.inEffect?.hash }, "active on A")

            val fromA = a.c.amendAgreement(id, v1, ag("Sunday planning", "We plan the week together on Sunday at 18:00."))
            val fromB = b.c.amendAgreement(id, v1, ag("Sunday planning", "We plan the week together after Sunday dinner."))
            val hA = fromA.pending.single().hash
            val hB = fromB.pending.single().hash
            check(hA != hB) { "two amendments share a hash" }
            eq("In effect; your change waits for your partner", a.agreementRow(id).status, "A before the sync")
            k.sync()

            val onA = a.agreement(id)
            val onB = b.agreement(id)
            for ((who, x) in listOf("A" to onA, "B" to onB)) {
                eq(AgreementStatus.ACTIVE to v1, x.status to x.inEffect?.hash, "$who: v1 still in effect")
                eq(setOf(hA, hB), x.pending.map { it.hash }.toSet(), "$who: both amendments wait")
                eq(listOf(v1, v1), x.pending.map { it.parent }, "$who: both built on v1")
            }
            eq(onA.pending.map { it.hash }, onB.pending.map { it.hash }, "the same order on both phones")
            eq(listOf(hB), onA.pending.filter { it.waitingForMe }.map { it.hash }, "A answers B's")
            eq(listOf(hA), onB.pending.filter { it.waitingForMe }.map { it.hash }, "B answers A's")
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.agreementRow(id)
                eq("In effect; a change waits for your answer", r.status, "$who: status")
                eq(v1, r.amendOn, "$who: a further change builds on v1")
                eq(
                    onA.pending.map { v ->
                        val mineHere = (v.hash == hA) == (who == "A")
                        listOf<Any?>(v.hash, if (mineHere) "Your suggestion" else "Your partner's suggestion", if (mineHere) emptyList() else listOf(AgreementAction.ACCEPT, AgreementAction.DECLINE))
                    },
                    r.alternatives.map { listOf(it.hash, it.label, it.actions) },
                    "$who: both side by side",
                )
            }

            val accepted = a.c.acceptAgreement(id, hB)
            eq(hB to emptyList<AgreementVersion>(), accepted.inEffect?.hash to accepted.pending, "A accepts B's: in effect, A's superseded")
            k.sync()
            eq(hB to 0, b.agreement(id).let { it.inEffect?.hash to it.pending.size }, "B: B's in effect, nothing waits")
            refusedHere<TandemException.NotAllowedNow>(b, "B accepts A's superseded amendment", "superseded") { b.c.acceptAgreement(id, hA) }
            sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.ACCEPTED, HistoryKind.AMENDED, HistoryKind.AMENDED, HistoryKind.ACCEPTED))
        }
    }

    test("agreements: withdrawn by the partner who did not propose it: WITHDRAWN on both after a sync; history ends WITHDRAWN; no amending afterwards") {
        couple { k ->
            val (a, b) = k.a to k.b
            val id = a.c.proposeAgreement(ag("Money talks", "We talk about money on the first Sunday of the month.")).id
            k.sync()
            val v1 = b.agreement(id).pending.single().hash
            b.c.acceptAgreement(id, v1)
            k.setClocks(T0 + HOUR)
            val withdrawn = b.c.withdrawAgreement(id)
            eq(
                listOf<Any?>(AgreementStatus.WITHDRAWN, "Money talks", null, emptyList<AgreementVersion>(), true, T0 + HOUR),
                listOf(withdrawn.status, withdrawn.title, withdrawn.inEffect, withdrawn.pending, withdrawn.withdrawnByMe, withdrawn.withdrawnAtMs),
                "B: withdrawn, alone",
            )
            k.sync()
            val onA = a.agreement(id)
            eq(
                listOf<Any?>(AgreementStatus.WITHDRAWN, "Money talks", null, emptyList<AgreementVersion>(), false, T0 + HOUR, true),
                listOf(onA.status, onA.title, onA.inEffect, onA.pending, onA.withdrawnByMe, onA.withdrawnAtMs, onA.proposedByMe),
                "A: withdrawn by the partner",
            )
            val (ha, _) = sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.ACCEPTED, HistoryKind.WITHDRAWN))
            eq(listOf(true, false, false), ha.entries.map { it.byMe }, "A's side: A proposed, B accepted and withdrew")

            val rowA = a.agreementRow(id, ended = true)
            eq(
                listOf<Any?>("Withdrawn", "Money talks", "We talk about money on the first Sunday of the month.", emptyList<AgreementAction>(), emptyList<AgreementOption>(), null),
                listOf(rowA.status, rowA.title, rowA.text, rowA.actions, rowA.alternatives, rowA.amendOn),
                "A: the withdrawn row, in the past section, with what was agreed",
            )
            eq("Your partner withdrew from this agreement", rowA.history.last().text, "A's last history line")
            eq("You withdrew from this agreement", b.agreementRow(id, ended = true).history.last().text, "B's last history line")
            eq(AgreementTexts.EMPTY, a.agreementsScreen().emptyMessage, "nothing live on A")

            val afterWithdrawal = refusedHere<TandemException.NotAllowedNow>(a, "A amends the withdrawn agreement", "withdrawn") { a.c.amendAgreement(id, v1, ag("Money talks", "Every second Sunday.")) }
            eq(UserMessages.AGREEMENT_CHANGED, UserMessages.forAgreementAction(afterWithdrawal), "its message")
            refusedHere<TandemException.NotAllowedNow>(a, "A withdraws it too", "withdrawn") { a.c.withdrawAgreement(id) }
            refusedHere<TandemException.NotAllowedNow>(a, "A keeps it at a review", "withdrawn") { a.c.reviewAgreement(id, AgreementReview.Keep) }
            refusedHere<TandemException.NotAllowedNow>(b, "B accepts v1 again", "withdrawn") { b.c.acceptAgreement(id, v1) }
        }
    }

    test("agreements: a review date is reminded at 19:00 on that day on both phones; due that day; Keep ends the review; dates are checked against the earliest today") {
        couple { k ->
            val (a, b) = k.a to k.b
            // 21:00 in New York on 1 March is already 2 March in UTC; the 2nd is still "after today" for New York.
            k.setClocks(ms("2027-03-02T02:00:00Z"))
            val early = a.c.proposeAgreement(ag("Check-in", "A short check-in.", reviewOn = "2027-03-02"))
            eq("2027-03-02", early.pending.single().reviewOn, "tomorrow in New York is accepted in the New York evening")
            refusedHere<TandemException.InvalidInput>(a, "a review date that is today somewhere", "review date") { a.c.proposeAgreement(ag("Check-in", "Again.", reviewOn = "2027-03-01")) }
            refusedHere<TandemException.InvalidInput>(a, "a cool-down of 19 minutes", "cool-down") { a.c.proposeAgreement(ag("Pause", "Cool down.", coolDown = 19)) }
            refusedHere<TandemException.InvalidInput>(a, "a negative cool-down from a picker", "cool-down") { a.c.proposeAgreement(ag("Pause", "Cool down.", coolDown = -1)) }
            refusedHere<TandemException.InvalidInput>(a, "an empty title", "title") { a.c.proposeAgreement(ag("  ", "Text.")) }
            eq(UserMessages.AGREEMENT_INPUT, UserMessages.forAgreementAction(TandemException.InvalidInput("x")), "InvalidInput's message")

            val id = a.c.proposeAgreement(ag("Date night", "One evening a week is ours.", reviewOn = "2027-03-10")).id
            k.sync()
            b.c.acceptAgreement(id, b.agreement(id).pending.single().hash)
            k.sync()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.c.planReminders(NY, 60u).filter { it.kind == ReminderKind.AGREEMENT_REVIEW }
                eq(
                    listOf(listOf<Any>(id, ms("2027-03-11T00:00:00Z"), "2027-03-10 19:00", "Time to revisit: Date night", ReminderChannel.LOOK_BACK)),
                    r.map { listOf(it.sourceId, it.fireAtMs, it.localTime, it.title, ReminderChannel.of(it.kind)) },
                    "$who: the review reminder, 19:00 New York on the 10th",
                )
                eq(emptyList<Agreement>(), p.c.agreementReviewsDue(NY), "$who: not due yet")
            }

            k.setClocks(ms("2027-03-10T15:00:00Z"))
            eq(listOf(id), a.c.agreementReviewsDue(NY).map { it.id }, "due on the day")
            a.agreementRow(id).let { r ->
                eq(listOf<Any?>("Time to revisit: keep it, amend it, or let it go?", true, "2027-03-10", listOf(AgreementAction.REVIEW, AgreementAction.AMEND, AgreementAction.WITHDRAW)), listOf(r.status, r.reviewDue, r.reviewOn, r.actions), "A: the row asks for a look back")
            }
            val kept = a.c.reviewAgreement(id, AgreementReview.Keep)
            eq(AgreementStatus.ACTIVE to true, kept.status to kept.reviewed, "kept: still in effect, reviewed")
            eq(emptyList<Agreement>(), a.c.agreementReviewsDue(NY), "no longer due on A")
            check(a.c.planReminders(NY, 60u).none { it.kind == ReminderKind.AGREEMENT_REVIEW }) { "A still plans the review reminder" }
            refusedHere<TandemException.NotAllowedNow>(a, "keep it twice", "already kept") { a.c.reviewAgreement(id, AgreementReview.Keep) }
            k.sync()
            eq(true, b.agreement(id).reviewed, "B: reviewed")
            check(b.c.planReminders(NY, 60u).none { it.kind == ReminderKind.AGREEMENT_REVIEW }) { "B still plans the review reminder" }
            eq("In effect", b.agreementRow(id).status, "B: in effect again")
            eq("You looked back and kept “Date night”", a.agreementRow(id).history.last().text, "A's history line for the keep")
            sameHistory(k, id, listOf(HistoryKind.PROPOSED, HistoryKind.ACCEPTED, HistoryKind.KEPT))
        }
    }

    test("pauses: seen by the partner after a sync with the same return and note; PAUSE_RETURN reminders on both; only the starter extends (once) or ends; kept when ended in time, seen only by the starter") {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val start = ms("2027-03-02T01:50:00Z") // 20:50 in New York
            val back = start + 20 * MINUTE // 21:10
            k.setClocks(start)
            val note = "Going for a walk. I love you."
            val p = a.c.startPause(20, "  $note ")
            eq(
                listOf<Any?>(true, start, back, back, false, null, note, PauseState.RUNNING, null),
                listOf(p.mine, p.startedAtMs, p.firstReturnAtMs, p.returnAtMs, p.extended, p.endedAtMs, p.note, p.state, p.kept),
                "A: a running pause, back at 21:10",
            )
            eq(listOf(p), a.c.pauses(), "A's pauses")
            val armed = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            val onA = armed.planned.single { it.kind == ReminderKind.PAUSE_RETURN }
            eq(
                listOf<Any>(p.id, back, "2027-03-01 21:10", "Time to reconnect", "You said you'd be back at 21:10", ReminderChannel.PAUSES),
                listOf(onA.sourceId, onA.fireAtMs, onA.localTime, onA.title, onA.body, ReminderChannel.of(onA.kind)),
                "A: the return reminder",
            )
            eq(onA.privateTitle to onA.privateBody, rig.scheduler.armed.getValue(onA.id).let { it.title to it.body }, "A: armed with the private text (content hidden by default)")
            check("21:10" !in onA.privateTitle + onA.privateBody) { "the private text names the return" }
            a.pauseScreen().let { s ->
                eq(listOf(listOf<Any?>("You are taking a pause, back at 21:10", "21:10", note, listOf(PauseAction.EXTEND, PauseAction.END))), s.current.map { listOf(it.text, it.returnAt, it.note, it.actions) }, "A: the banner row")
                eq("You are taking a pause, back at 21:10" to false, s.banner to s.canStart, "A: banner; no second pause")
            }
            refusedHere<TandemException.NotAllowedNow>(a, "a second pause while one runs", "still running") { a.c.startPause(30) }
            for (m in listOf(19, 1441, -1, 0)) {
                val e = refusedHere<TandemException.InvalidInput>(b, "a pause of $m minutes", "a pause lasts") { b.c.startPause(m) }
                eq(UserMessages.PAUSE_INPUT, UserMessages.forPauseAction(e), "$m minutes: its message")
            }

            k.sync()
            val seen = b.c.pauses().single()
            eq(
                listOf<Any?>(p.id, false, start, back, note, PauseState.RUNNING, null, null),
                listOf(seen.id, seen.mine, seen.startedAtMs, seen.returnAtMs, seen.note, seen.state, seen.endedAtMs, seen.kept),
                "B: the partner's pause, same return and note",
            )
            val onB = b.c.planReminders(NY, 60u).filter { it.kind == ReminderKind.PAUSE_RETURN }
            eq(
                listOf(listOf<Any>(p.id, back, "Your partner is coming back", "Back at 21:10")),
                onB.map { listOf(it.sourceId, it.fireAtMs, it.title, it.body) },
                "B: the return reminder",
            )
            b.pauseScreen().let { s ->
                eq(listOf(listOf<Any?>("Your partner needs a pause, back at 21:10", note, emptyList<PauseAction>())), s.current.map { listOf(it.text, it.note, it.actions) }, "B: the banner row, no buttons")
                eq(true, s.canStart, "B may take a pause of its own")
            }
            val notB = refusedHere<TandemException.NotAllowedNow>(b, "B ends A's pause", "partner's pause") { b.c.endPause(p.id) }
            eq(UserMessages.PAUSE_NOT_NOW, UserMessages.forPauseAction(notB), "its message")
            refusedHere<TandemException.NotAllowedNow>(b, "B extends A's pause", "partner's pause") { b.c.extendPause(p.id, 10) }
            refusedHere<TandemException.NotFound>(a, "an unknown pause", "no pause") { a.c.endPause(UNKNOWN_ID) }

            k.setClocks(start + 15 * MINUTE)
            val longer = a.c.extendPause(p.id, 10)
            eq(listOf<Any?>(back, back + 10 * MINUTE, true, PauseState.RUNNING), listOf(longer.firstReturnAtMs, longer.returnAtMs, longer.extended, longer.state), "A: extended once, to 21:20")
            refusedHere<TandemException.NotAllowedNow>(a, "a second extension", "extended once") { a.c.extendPause(p.id, 5) }
            val moved = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).planned.single { it.kind == ReminderKind.PAUSE_RETURN }
            eq(back + 10 * MINUTE to "You said you'd be back at 21:20", moved.fireAtMs to moved.body, "A: the reminder follows the new return")
            eq(listOf(PauseAction.END), a.pauseScreen().current.single().actions, "A: only END after the extension")
            k.sync()
            eq(back + 10 * MINUTE to "Back at 21:20", b.c.planReminders(NY, 60u).single { it.kind == ReminderKind.PAUSE_RETURN }.let { it.fireAtMs to it.body }, "B: the new return")
            eq("Your partner needs a pause, back at 21:20", b.pauseScreen().banner, "B: the banner")

            val endAt = start + 25 * MINUTE // 21:15
            k.setClocks(endAt)
            val ended = a.c.endPause(p.id)
            eq(listOf<Any?>(PauseState.ENDED, endAt, true), listOf(ended.state, ended.endedAtMs, ended.kept), "A: ended by its return")
            val after = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            check(after.planned.none { it.kind == ReminderKind.PAUSE_RETURN }) { "A still plans the return" }
            eq(listOf(moved.id), after.cancelled.filter { it == moved.id }, "A: the return reminder cancelled")
            refusedHere<TandemException.NotAllowedNow>(a, "end it twice", "already ended") { a.c.endPause(p.id) }
            k.sync()
            val endedOnB = b.c.pauses().single()
            eq(listOf<Any?>(PauseState.ENDED, null, endAt, false), listOf(endedOnB.state, endedOnB.kept, endedOnB.endedAtMs, endedOnB.mine), "B: ended; whether it was kept is only A's to see")
            check(b.c.planReminders(NY, 60u).none { it.kind == ReminderKind.PAUSE_RETURN }) { "B still plans the return" }
            b.pauseScreen().let { s ->
                eq(null to emptyList<PauseRow>(), s.banner to s.current, "B: no banner")
                eq(listOf("The pause ended at 21:15"), s.past.map { it.text }, "B: in the past section")
            }
        }
    }

    test("pauses: past its return and not ended, the starter sees TIME_TO_RECONNECT and the partner still RUNNING; ended later, kept false on A only, told without blame") {
        couple { k ->
            val (a, b) = k.a to k.b
            val start = ms("2027-03-02T02:30:00Z") // 21:30 in New York
            k.setClocks(start)
            val p = a.c.startPause()
            eq(start + 20 * MINUTE, p.returnAtMs, "no pause agreement: 20 minutes")
            k.sync()
            k.setClocks(start + 30 * MINUTE) // 22:00, ten minutes past the return
            eq(PauseState.TIME_TO_RECONNECT, a.c.pauses().single().state, "A: time to reconnect")
            eq(PauseState.RUNNING, b.c.pauses().single().state, "B: still running")
            eq("Time to reconnect" to listOf(PauseAction.EXTEND, PauseAction.END), a.pauseScreen().current.single().let { it.text to it.actions }, "A's banner")
            eq("Your partner needs a pause, back at 21:50", b.pauseScreen().banner, "B's banner keeps the promised time")
            check(a.c.planReminders(NY, 60u).none { it.kind == ReminderKind.PAUSE_RETURN }) { "a return reminder in the past" }
            val ended = a.c.endPause(p.id)
            eq(PauseState.ENDED to false, ended.state to ended.kept, "ended after its return: not kept")
            k.sync()
            eq(PauseState.ENDED to null, b.c.pauses().single().let { it.state to it.kept }, "B: ended, and not told whether it was kept")
            val texts = listOf(a.pauseScreen(), b.pauseScreen()).flatMap { it.past + it.current }.map { it.text }
            eq(listOf("The pause ended at 22:00", "The pause ended at 22:00"), texts, "both: when it ended, nothing more")
            noBlame(texts, "ended pause")
        }
    }

    test("pauses: a pause agreement's cool-down is the default length once in effect, on both phones") {
        couple { k ->
            val (a, b) = k.a to k.b
            val proposed = a.c.proposeAgreement(ag("When we argue", "Either of us may call a pause; we come back after it.", coolDown = 45, revisit = "  On the sofa "))
            eq(PauseProtocol(45u, true, "On the sofa"), proposed.pending.single().pauseProtocol, "the protocol as written")
            val before = a.c.startPause()
            eq(20 * MINUTE, before.returnAtMs - before.startedAtMs, "not in effect yet: 20 minutes")
            a.c.endPause(before.id)
            k.sync()
            b.c.acceptAgreement(proposed.id, b.agreement(proposed.id).pending.single().hash)
            val onB = b.c.startPause()
            eq(45 * MINUTE, onB.returnAtMs - onB.startedAtMs, "B: 45 minutes, from the agreement in effect")
            k.sync()
            val onA = a.c.startPause(null, "Back soon")
            eq(45 * MINUTE to "Back soon", (onA.returnAtMs - onA.startedAtMs) to onA.note, "A: 45 minutes too")
            a.c.endPause(onA.id)
            eq(30 * MINUTE, a.c.startPause(30).let { it.returnAtMs - it.startedAtMs }, "a length given still wins")
        }
    }

    test("boundaries: a shared one reaches the partner read-only; a private one never; the owner edits, shares, unshares and retires") {
        couple { k ->
            val (a, b) = k.a to k.b
            val examples = a.c.boundaryExamples()
            check(examples.size >= 3) { "only ${examples.size} examples" }
            check("I'm here, but I also need time to reset. I will come back." in examples) { "examples: $examples" }

            val shared = a.c.addBoundary("  When talks get heated, I need a pause.  ", shared = true)
            eq(listOf<Any>("When talks get heated, I need a pause.", true, true, T0, T0), listOf(shared.text, shared.shared, shared.mine, shared.createdAtMs, shared.updatedAtMs), "A: shared boundary")
            val private = a.c.addBoundary("I need quiet after work.", shared = false)
            eq(false to true, private.shared to private.mine, "A: private boundary")
            eq(listOf(shared, private), a.c.boundaries(), "A: both, oldest first")
            k.sync()
            eq(listOf(shared.copy(mine = false)), b.c.boundaries(), "B: only the shared one, not B's")

            val e = refusedHere<TandemException.NotAllowedNow>(b, "B edits A's boundary", "partner's boundary") { b.c.editBoundary(shared.id, "Something else.") }
            eq(UserMessages.BOUNDARY_NOT_NOW, UserMessages.forBoundaryAction(e), "its message")
            refusedHere<TandemException.NotAllowedNow>(b, "B unshares A's boundary", "partner's boundary") { b.c.shareBoundary(shared.id, false) }
            refusedHere<TandemException.NotAllowedNow>(b, "B retires A's boundary", "partner's boundary") { b.c.retireBoundary(shared.id) }
            refusedHere<TandemException.NotFound>(b, "B edits A's private boundary", "no boundary") { b.c.editBoundary(private.id, "Guess.") }
            refusedHere<TandemException.InvalidInput>(a, "an empty boundary", "empty") { a.c.addBoundary("   ", shared = false) }
            refusedHere<TandemException.InvalidInput>(a, "501 characters", "limit") { a.c.addBoundary("x".repeat(501), shared = true) }
            refusedHere<TandemException.NotAllowedNow>(a, "the same text again", "already says") { a.c.editBoundary(shared.id, "When talks get heated, I need a pause.") }

            k.setClocks(T0 + HOUR)
            val edited = a.c.editBoundary(shared.id, "When talks get heated, I need twenty minutes.")
            eq(T0 to T0 + HOUR, edited.createdAtMs to edited.updatedAtMs, "edited: updated now")
            a.c.editBoundary(private.id, "I need quiet after work, half an hour.")
            k.sync()
            eq(listOf("When talks get heated, I need twenty minutes." to false), b.c.boundaries().map { it.text to it.mine }, "B: the edit arrived; still no private one")

            a.c.shareBoundary(private.id, true)
            k.sync()
            eq(
                listOf("When talks get heated, I need twenty minutes.", "I need quiet after work, half an hour."),
                b.c.boundaries().map { it.text },
                "B: the newly shared one, as it reads now",
            )
            a.c.shareBoundary(private.id, false)
            a.c.retireBoundary(shared.id)
            k.sync()
            eq(emptyList<Boundary>(), b.c.boundaries(), "B: unshared and retired ones gone")
            eq(listOf(private.id to false), a.c.boundaries().map { it.id to it.shared }, "A: the private one stays, private")
        }
    }

    test("AgreementsScreen and PauseScreen: each viewer-side text by value; no blame words anywhere") {
        val zone = java.time.ZoneId.of(NY)
        fun v(hash: String, byMe: Boolean, waiting: Boolean, parent: String? = null, text: String = "Text $hash") =
            AgreementVersion(hash.repeat(32).take(32), parent, "Title", text, null, null, byMe, T0, byMe, !byMe, waiting)
        fun agreement(status: AgreementStatus, inEffect: AgreementVersion?, pending: List<AgreementVersion>, withdrawnByMe: Boolean? = null) =
            Agreement("id-$status-${pending.size}", "Title", status, true, T0, inEffect, pending, false, withdrawnByMe, withdrawnByMe?.let { T0 })
        val rows = listOf(
            agreement(AgreementStatus.PROPOSED, null, listOf(v("a", byMe = true, waiting = false))),
            agreement(AgreementStatus.PROPOSED, null, listOf(v("a", byMe = false, waiting = true))),
            agreement(AgreementStatus.ACTIVE, v("a", true, false), emptyList()),
            agreement(AgreementStatus.ACTIVE, v("a", true, false), listOf(v("b", false, true, parent = "a"), v("c", true, false, parent = "a"))),
            agreement(AgreementStatus.ACTIVE, v("a", true, false), listOf(v("c", true, false, parent = "a"))),
            agreement(AgreementStatus.WITHDRAWN, null, emptyList(), withdrawnByMe = false),
            agreement(AgreementStatus.DECLINED, null, emptyList()),
        ).map { AgreementsScreen.row(it, null, reviewDue = false, zone = zone) }
        eq(
            listOf(
                "Waiting for your partner", "Waiting for your answer", "In effect", "In effect; a change waits for your answer",
                "In effect; your change waits for your partner", "Withdrawn", "Not going ahead",
            ),
            rows.map { it.status },
            "statuses from the viewer's side",
        )
        eq(
            listOf("Your partner's suggestion" to "Waiting for your answer", "Your suggestion" to "Waiting for your partner"),
            rows[3].alternatives.map { it.label to it.status },
            "alternatives side by side",
        )
        val history = AgreementHistory(
            listOf(
                HistoryEntry(HistoryKind.PROPOSED, true, T0, "v1", "Title", "Text", "0", "h1"),
                HistoryEntry(HistoryKind.AMENDED, false, T0 + MINUTE, "v2", "Title 2", "Text 2", "h1", "h2"),
                HistoryEntry(HistoryKind.DECLINED, true, T0 + 2 * MINUTE, "v2", null, null, "h2", "h3"),
                HistoryEntry(HistoryKind.ACCEPTED, false, T0 + 3 * MINUTE, "v1", null, null, "h3", "h4"),
                HistoryEntry(HistoryKind.KEPT, true, T0 + 4 * MINUTE, "v1", null, null, "h4", "h5"),
                HistoryEntry(HistoryKind.WITHDRAWN, false, T0 + 5 * MINUTE, null, null, null, "h5", "h6"),
            ),
            "h6",
        )
        val lines = AgreementsScreen.historyLines(history, zone)
        eq(
            listOf(
                "2027-03-01 07:00 You proposed “Title”",
                "2027-03-01 07:01 Your partner suggested a change: “Title 2”",
                "2027-03-01 07:02 You declined “Title 2”",
                "2027-03-01 07:03 Your partner accepted “Title”",
                "2027-03-01 07:04 You looked back and kept “Title”",
                "2027-03-01 07:05 Your partner withdrew from this agreement",
            ),
            lines.map { "${it.at} ${it.text}" },
            "history lines",
        )
        val back = T0 + 20 * MINUTE // 07:20 in New York
        fun pause(mine: Boolean, state: PauseState, ended: Long? = null) =
            Pause("p", mine, T0, back, back, false, ended, null, state, ended?.let { it <= back })
        val pauses = listOf(
            pause(true, PauseState.RUNNING),
            pause(false, PauseState.RUNNING),
            pause(true, PauseState.TIME_TO_RECONNECT),
            pause(false, PauseState.ENDED, back + 40 * MINUTE),
            pause(true, PauseState.ENDED, back - 5 * MINUTE),
        ).map { PauseScreen.row(it, zone) }
        eq(
            listOf(
                "You are taking a pause, back at 07:20", "Your partner needs a pause, back at 07:20", "Time to reconnect",
                "The pause ended at 08:00", "The pause ended at 07:15",
            ),
            pauses.map { it.text },
            "pause texts from the viewer's side",
        )
        eq(
            listOf(listOf(PauseAction.EXTEND, PauseAction.END), emptyList(), listOf(PauseAction.EXTEND, PauseAction.END), emptyList(), emptyList()),
            pauses.map { it.actions },
            "pause buttons only on one's own running pause",
        )
        eq(PauseTexts.mine("21:10") to PauseTexts.partners("21:10"), "You are taking a pause, back at 21:10" to "Your partner needs a pause, back at 21:10", "the banner texts")
        noBlame(
            rows.flatMap { r -> listOf(r.status) + r.alternatives.flatMap { listOf(it.label, it.status) } } +
                lines.map { it.text } + pauses.map { it.text } +
                listOf(
                    AgreementTexts.REVIEW_DUE, AgreementTexts.EMPTY, PauseTexts.START_HINT,
                    UserMessages.AGREEMENT_INPUT, UserMessages.AGREEMENT_CHANGED, UserMessages.AGREEMENT_GONE,
                    UserMessages.PAUSE_INPUT, UserMessages.PAUSE_NOT_NOW, UserMessages.PAUSE_GONE,
                    UserMessages.BOUNDARY_INPUT, UserMessages.BOUNDARY_NOT_NOW, UserMessages.BOUNDARY_GONE, UserMessages.UNKNOWN_ZONE,
                ),
            "screen texts",
        )
        // The check itself catches what it is for.
        check(BLAME.containsMatchIn("Your partner is late") && BLAME.containsMatchIn("You missed it")) { "the blame check misses blame" }
        val p = phone(ANA)
        using(p) {
            val failed = p.c.pauseScreen("Mars/Olympus")
            check(failed is PauseScreen.Failed && failed.message == UserMessages.UNKNOWN_ZONE) { "an unknown zone: expected Failed(UNKNOWN_ZONE), got $failed" }
            val failedAgreements = p.c.agreementsScreen("Mars/Olympus")
            check(failedAgreements is AgreementsScreen.Failed && failedAgreements.error is TandemException.InvalidInput) { "agreements in an unknown zone: expected Failed(InvalidInput), got $failedAgreements" }
        }
    }

    test("ReminderChannel: every ReminderKind has a channel; pauses and reviews their own") {
        eq(
            listOf(ReminderChannel.RITUALS, ReminderChannel.RITUALS, ReminderChannel.LOOK_BACK, ReminderChannel.LOOK_BACK, ReminderChannel.PAUSES),
            listOf(ReminderKind.RITUAL, ReminderKind.SNOOZED, ReminderKind.TRIAL_REVIEW, ReminderKind.AGREEMENT_REVIEW, ReminderKind.PAUSE_RETURN).map { ReminderChannel.of(it) },
            "channels",
        )
        eq(ReminderKind.values().size, ReminderKind.values().map { ReminderChannel.of(it) }.size, "every kind maps")
    }

    test("trials: on the last day a counter carrying the trial end unchanged is accepted; keeping it while that change waits is NotAllowedNow") {
        couple { k ->
            val (a, b) = k.a to k.b
            val tea = a.c.proposeRitual("Tea", null, 15, "16:00", ZoneMode.Floating, trialUntil = "2027-03-03")
            k.aToB()
            b.c.acceptRitual(tea.id)
            k.bToA()
            k.setClocks(ms("2027-03-03T12:00:00Z"))
            eq(listOf(tea.id), a.c.reviewsDue(NY).map { it.id }, "its last day")
            eq("2027-03-03", a.c.ritualDraft(tea.id).trialUntil, "the draft carries the trial end")
            val countered = a.c.counterRitual(tea.id, "Tea", null, 15, "17:00", ZoneMode.Floating)
            eq(listOf<Any?>("16:00", "17:00", "2027-03-03"), listOf(countered.timeOfDay, countered.pending?.timeOfDay, countered.pending?.trialUntil), "the counter waits, the trial end carried unchanged")
            notNow(a, "keep the trial while a change waits", "already waits") { a.c.keepRitual(tea.id) }
            k.sync()
        }
    }

    test("Today: rows carry Occurrence.personal (a personal ritual true, a shared one false)") {
        couple { k ->
            val (a, b) = k.a to k.b
            a.c.addPersonalRitual("Journal", null, 10, "21:00", ZoneMode.Floating)
            val walk = a.c.proposeRitual("Walk", null, 30, "20:30", ZoneMode.Floating)
            k.aToB()
            b.c.acceptRitual(walk.id)
            k.bToA()
            val rows = (a.c.todayAgenda(T0, NY) as TodayState.Agenda).rows
            eq(listOf("Walk" to false, "Journal" to true), rows.map { it.title to it.personal }, "A's Today rows")
            eq(listOf("Walk" to false), (b.c.todayAgenda(T0, NY) as TodayState.Agenda).rows.map { it.title to it.personal }, "B's Today rows")
        }
    }
}

// Issue 6, first part: check-ins, appreciations, repairs, phrases, the
// private pattern log, insights and the I-statement builder.

private const val ALL_TIME_FROM = 0L
private const val ALL_TIME_TO = Long.MAX_VALUE

/** [block] is refused with InvalidInput whose reason mentions [mentions]; [p]'s notebook and pattern log stay. */
private fun notebookRefused(p: Phone, what: String, mentions: String, block: () -> Unit) {
    val before = p.c.entries(ALL_TIME_FROM, ALL_TIME_TO) to p.c.patternLog(ALL_TIME_FROM, ALL_TIME_TO)
    val e = expectThrows<TandemException.InvalidInput>(what, block)
    check(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    eq(before, p.c.entries(ALL_TIME_FROM, ALL_TIME_TO) to p.c.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "$what: notebook after the refusal")
}

private fun InsightsScreen.shown(): InsightsScreen.Shown {
    if (this is InsightsScreen.Shown) return this
    throw Harness.CheckFailed("expected the Insights screen, got $this")
}

private fun notebookTests() {
    test("CheckInForm: the slider's Int becomes the UByte as is; out-of-range values are not clamped") {
        eq(
            listOf<UByte>(1u, 5u, 10u, 0u, 11u, 255u, 255u),
            listOf(1, 5, 10, 0, 11, -1, 300).map { CheckInForm(slider = it).temperature },
            "temperatures",
        )
    }

    test("check-ins: a private one stays on its phone; a shared one reaches the partner with temperature, words, capacity and need") {
        couple { k ->
            val (a, b) = k.a to k.b
            k.setClocks(T0 + HOUR)
            val private = a.c.checkIn(CheckInForm(slider = 4, capacity = Capacity.LOW, need = Need.SPACE, note = "Long day", shared = false))
            eq(
                LogEntry(private.id, true, T0 + HOUR, false, EntryKind.CheckIn(4u, "settled", Capacity.LOW, Need.SPACE, "Long day")),
                private,
                "A's private check-in",
            )
            k.setClocks(T0 + HOUR + MINUTE)
            val shared = a.c.checkIn(CheckInForm(slider = 8, capacity = Capacity.SOME, need = Need.REASSURANCE, shared = true))
            eq(
                LogEntry(shared.id, true, T0 + HOUR + MINUTE, true, EntryKind.CheckIn(8u, "heated", Capacity.SOME, Need.REASSURANCE, null)),
                shared,
                "A's shared check-in",
            )
            check(private.id != shared.id) { "two check-ins share an id" }
            k.setClocks(T0 + HOUR + 2 * MINUTE)
            val privateRepair = a.c.recordRepair(RepairAct.APOLOGISED, "Said sorry for snapping", shared = false)
            k.setClocks(T0 + HOUR + 3 * MINUTE)
            val sharedRepair = a.c.recordRepair(RepairAct.CAME_BACK_FROM_PAUSE, shared = true)
            k.setClocks(T0 + HOUR + 4 * MINUTE)
            eq(EntryKind.Repair(RepairAct.APOLOGISED, "Said sorry for snapping", null), privateRepair.kind, "private repair")
            a.c.addPhrase(Situation.ASKING_FOR_SPACE, "I need a walk, then I'm back.", shared = false)
            k.setClocks(T0 + HOUR + 5 * MINUTE)
            a.c.addPhrase(Situation.INVITING_CLOSENESS, "Sit with me for a bit?", shared = true)
            k.sync()

            eq(listOf(private.id, shared.id, privateRepair.id, sharedRepair.id), a.c.entries(T0, T0 + DAY).take(4).map { it.id }, "A holds all of its own, oldest first")
            eq(6, a.c.entries(T0, T0 + DAY).size, "A: two check-ins, two repairs, two phrases")
            val onB = b.c.entries(T0, T0 + DAY)
            eq(
                listOf(
                    LogEntry(shared.id, false, T0 + HOUR + MINUTE, true, EntryKind.CheckIn(8u, "heated", Capacity.SOME, Need.REASSURANCE, null)),
                    LogEntry(sharedRepair.id, false, T0 + HOUR + 3 * MINUTE, true, EntryKind.Repair(RepairAct.CAME_BACK_FROM_PAUSE, null, null)),
                ),
                onB.filter { it.kind !is EntryKind.Phrase },
                "B: only the shared check-in and repair, not B's own",
            )
            eq(
                listOf(Phrase(Situation.INVITING_CLOSENESS, "Sit with me for a bit?", false, true)),
                b.c.phrases().filter { !it.builtIn },
                "B's phrasebook: A's shared phrase only",
            )
            eq(
                listOf(
                    Phrase(Situation.ASKING_FOR_SPACE, "I need a walk, then I'm back.", false, false),
                    Phrase(Situation.INVITING_CLOSENESS, "Sit with me for a bit?", false, true),
                ),
                a.c.phrases().filter { !it.builtIn },
                "A's phrasebook: both of its own",
            )
            val builtIn = a.c.phrases().filter { it.builtIn }
            eq(15, builtIn.size, "built-in phrases")
            eq(Situation.entries.associateWith { 3 }, builtIn.groupingBy { it.situation }.eachCount(), "three built-in phrases per situation")
            eq(builtIn, b.c.phrases().filter { it.builtIn }, "the same built-in phrases on B")
        }
    }

    test("appreciations: always shared; the partner receives it and both count it in insights") {
        couple { k ->
            val (a, b) = k.a to k.b
            k.setClocks(T0 + 2 * HOUR)
            val thanks = a.c.appreciate("Thank you for making dinner when I was tired.")
            eq(
                LogEntry(thanks.id, true, T0 + 2 * HOUR, true, EntryKind.Appreciation("Thank you for making dinner when I was tired.")),
                thanks,
                "A's appreciation",
            )
            k.sync()
            eq(listOf(thanks.copy(mine = false)), b.c.entries(T0, T0 + DAY), "B: the appreciation, from the partner")
            eq(listOf(1.0), a.c.insightsScreen(1, NY).shown().row("appreciations given")?.values, "A: given this week")
            eq(null, b.c.insightsScreen(1, NY).shown().row("appreciations received"), "B: no series counts what the partner gave")
            eq(listOf(0.0), b.c.insightsScreen(1, NY).shown().row("appreciations given")?.values, "B: given this week")
        }
    }

    test("pattern log: private; tags lowercased; never reaches the partner, whose insights show no triggers") {
        couple { k ->
            val (a, b) = k.a to k.b
            k.setClocks(T0 + 3 * HOUR)
            val entry = a.c.logPattern(PatternDraft(Happened.WITHDREW, tags = listOf("Tired", "WORK"), temperatureBefore = 7u, note = "Went for a drive"))
            eq(
                PatternEntry(entry.id, T0 + 3 * HOUR, Happened.WITHDREW, listOf("tired", "work"), null, 7u, "Went for a drive"),
                entry,
                "the entry as logged",
            )
            eq(listOf(entry), a.c.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "A's pattern log")
            a.c.appreciate("Thanks for the tea.") // something shared, so the sync carries a payload
            k.sync()
            eq(emptyList<PatternEntry>(), b.c.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "B's pattern log")
            check(b.c.entries(ALL_TIME_FROM, ALL_TIME_TO).none { it.id == entry.id }) { "the pattern entry reached B's notebook" }
            val onB = b.c.insights(1, NY)
            eq(
                listOf<Any?>(emptyList<LabelCount>(), List(7) { 0u }, List(4) { 0u }, null),
                listOf(onB.triggers, onB.distanceByWeekday, onB.distanceByPartOfDay, onB.temperatureBeforeDistance),
                "B's insights: nothing of A's log",
            )
            eq(listOf(0.0), InsightsScreen.of(onB).row("withdrawals and silences")?.values, "B: no withdrawals")
            val onA = a.c.insights(1, NY)
            eq(
                listOf<Any?>(listOf(LabelCount("tired", 1u), LabelCount("work", 1u)), 7.0),
                listOf(onA.triggers, onA.temperatureBeforeDistance),
                "A's insights from its own log",
            )
        }
    }

    test("insights: two scripted weeks in New York (Friday-evening withdrawals after heated check-ins, calm mornings)") {
        val p = phone(ANA)
        using(p) {
            fun at(iso: String) = p.clock.set(ms(iso))
            // EST (UTC-5) until 2027-03-14.
            at("2027-03-02T14:00:00Z") // Tuesday 09:00
            p.c.checkIn(CheckInForm(slider = 3, capacity = Capacity.PLENTY, need = Need.NOTHING_RIGHT_NOW))
            at("2027-03-05T22:00:00Z") // Friday 17:00
            p.c.checkIn(CheckInForm(slider = 8, capacity = Capacity.LOW, need = Need.SPACE))
            at("2027-03-06T00:00:00Z") // Friday 19:00
            p.c.logPattern(PatternDraft(Happened.WITHDREW, tags = listOf("tired")))
            at("2027-03-09T14:00:00Z") // Tuesday 09:00
            p.c.checkIn(CheckInForm(slider = 3, capacity = Capacity.SOME, need = Need.CLOSENESS))
            at("2027-03-11T01:00:00Z") // Wednesday 20:00
            p.c.logPattern(PatternDraft(Happened.TALK_DERAILED, topic = "Money"))
            at("2027-03-12T22:00:00Z") // Friday 17:00
            p.c.checkIn(CheckInForm(slider = 8, capacity = Capacity.LOW, need = Need.SPACE))
            at("2027-03-13T00:00:00Z") // Friday 19:00
            p.c.logPattern(PatternDraft(Happened.WENT_SILENT, tags = listOf("Tired", "work")))
            at("2027-03-13T10:00:00Z")
            p.c.recordRepair(RepairAct.CHECKED_IN)
            at("2027-03-13T17:00:00Z") // Saturday 12:00

            val i = p.c.insights(2, NY)
            eq(listOf("2027-03-01", "2027-03-08"), i.weeks, "weeks (Mondays)")
            eq(listOf(LabelCount("tired", 2u), LabelCount("work", 1u)), i.triggers, "triggers")
            eq(LabelCount("tired", 2u), i.triggers[0], "the first trigger")
            eq(listOf(LabelCount("money", 1u)), i.derailingTopics, "derailing topics")
            eq(8.0, i.temperatureBeforeDistance, "temperature before distance")
            eq(5.5, i.temperatureBaseline, "temperature baseline")
            eq(listOf<UInt>(0u, 0u, 0u, 0u, 2u, 0u, 0u), i.distanceByWeekday, "by weekday: two Fridays")
            eq(listOf<UInt>(0u, 0u, 0u, 2u), i.distanceByPartOfDay, "by part of day: two evenings")
            eq(
                listOf(
                    "rituals kept", "rituals scheduled", "personal rituals kept", "personal rituals scheduled", "pauses started", "pauses kept", "appreciations given",
                    "repairs", "my check-ins", "withdrawals and silences",
                ),
                i.series.map { it.name },
                "series names",
            )
            i.series.forEach { eq(i.weeks.size, it.values.size, "values of ${it.name}") }
            eq(
                listOf(
                    "Before you withdrew or went quiet, \"tired\" came up most often (twice).",
                    "In the hours before a silence you ran warmer than usual (8.0 against 5.5): an early pause may help.",
                    "Talks about \"money\" derailed most often; it may deserve a calm moment of its own.",
                ),
                i.sentences,
                "sentences",
            )
            noBlame(i.sentences, "insight sentences")

            val screen = p.c.insightsScreen(2, NY).shown()
            eq(i.weeks, screen.weeks, "screen weeks")
            eq(i.sentences, screen.sentences, "screen sentences")
            eq(
                listOf(
                    ChartRow("Rituals kept", listOf(0.0, 0.0)),
                    ChartRow("Rituals scheduled", listOf(0.0, 0.0)),
                    ChartRow("Personal rituals kept", listOf(0.0, 0.0)),
                    ChartRow("Personal rituals scheduled", listOf(0.0, 0.0)),
                    ChartRow("Pauses started", listOf(0.0, 0.0)),
                    ChartRow("Pauses kept", listOf(0.0, 0.0)),
                    ChartRow("Appreciations given", listOf(0.0, 0.0)),
                    ChartRow("Repairs", listOf(0.0, 1.0)),
                    ChartRow("My check-ins", listOf(2.0, 2.0)),
                    ChartRow("Withdrawals and silences", listOf(1.0, 1.0)),
                ),
                screen.rows,
                "chart rows",
            )
            eq(listOf(2.0, 2.0), screen.row("my check-ins")?.values, "row by the core's name")
            eq(
                listOf(LabelCount("money", 1u)) to listOf(LabelCount("tired", 2u), LabelCount("work", 1u)),
                screen.derailingTopics to screen.triggers,
                "screen topics and triggers",
            )
            val five = p.c.insights(5, NY)
            eq(listOf("2027-02-08", "2027-02-15", "2027-02-22", "2027-03-01", "2027-03-08"), five.weeks, "five weeks")
            eq(listOf(0.0, 0.0, 0.0, 2.0, 2.0), five.series.single { it.name == "my check-ins" }.values, "five weeks: the two with check-ins last")
        }
    }

    test("notebook: bad input is refused (temperature 0 and 11, empty or long appreciation, 0 and 521 weeks, an empty I-statement part)") {
        val p = phone(ANA)
        using(p) {
            notebookRefused(p, "temperature 0", "temperature") { p.c.checkIn(CheckInForm(slider = 0)) }
            notebookRefused(p, "temperature 11", "temperature") { p.c.checkIn(CheckInForm(slider = 11)) }
            notebookRefused(p, "a negative slider value", "temperature") { p.c.checkIn(CheckInForm(slider = -1)) }
            notebookRefused(p, "a 501-character note", "note") { p.c.checkIn(CheckInForm(slider = 5, note = "n".repeat(501))) }
            notebookRefused(p, "an empty appreciation", "empty") { p.c.appreciate("") }
            notebookRefused(p, "a blank appreciation", "empty") { p.c.appreciate("   ") }
            notebookRefused(p, "a 281-character appreciation", "280") { p.c.appreciate("a".repeat(281)) }
            notebookRefused(p, "pattern temperature 0", "temperature") { p.c.logPattern(PatternDraft(Happened.PURSUED, temperatureBefore = 0u)) }
            notebookRefused(p, "eleven tags", "tag") { p.c.logPattern(PatternDraft(Happened.PURSUED, tags = List(11) { "t$it" })) }
            notebookRefused(p, "a 31-character tag", "tag") { p.c.logPattern(PatternDraft(Happened.PURSUED, tags = listOf("t".repeat(31)))) }
            for (weeks in listOf(0, 521, -1)) {
                notebookRefused(p, "$weeks weeks", "week") { p.c.insights(weeks, NY) }
                val failed = p.c.insightsScreen(weeks, NY)
                check(failed is InsightsScreen.Failed && failed.error is TandemException.InvalidInput) { "$weeks weeks: screen $failed" }
            }
            eq(520, p.c.insights(520, NY).weeks.size, "520 weeks is fine")
            eq(1, p.c.insights(1, NY).weeks.size, "1 week is fine")
            for ((part, args) in listOf(
                "observation" to listOf("", "hurt", "care", "a hug"),
                "feeling" to listOf("you leave", "", "care", "a hug"),
                "need" to listOf("you leave", "hurt", "  ", "a hug"),
                "request" to listOf("you leave", "hurt", "care", ""),
            )) {
                val e = expectThrows<TandemException.InvalidInput>("I-statement without its $part") { p.c.iStatement(args[0], args[1], args[2], args[3]) }
                check(e.message.orEmpty().contains("the $part is empty")) { "empty $part: <${e.message}>" }
            }
            val leadOnly = expectThrows<TandemException.InvalidInput>("an I-statement feeling of only its lead") { p.c.iStatement("you leave", "I feel", "care", "a hug") }
            check(leadOnly.message.orEmpty().contains("the feeling is empty")) { "lead only: <${leadOnly.message}>" }
            eq(emptyList<LogEntry>(), p.c.entries(ALL_TIME_FROM, ALL_TIME_TO), "nothing was written")
        }
    }

    test("iStatement: the exact sentence; lead words and end punctuation typed into a part are not doubled") {
        val plain = app.tandem.ffi.iStatement("you look at your phone while I talk", "unheard", "your attention", "putting phones away at dinner")
        eq("When you look at your phone while I talk, I feel unheard, and I need your attention. Would you be open to putting phones away at dinner?", plain, "plain parts")
        val p = phone(ANA)
        using(p) {
            eq(
                "When the dishes pile up, I feel tired, and I need help. Would you be open to a rota?",
                p.c.iStatement("When the dishes pile up.", "I feel tired", "I need help", "Would you be open to a rota?"),
                "parts typed with their lead words",
            )
            val tags = p.c.suggestedTags()
            check(tags.isNotEmpty()) { "no suggested tags" }
            check(tags.all { it == it.lowercase() && it.length <= 30 }) { "suggested tags not lowercase or too long: $tags" }
            eq(tags, app.tandem.ffi.suggestedTags(), "the controller passes them through")
        }
    }
}

// ---- Export, restore, the mirror and wiping ----

private const val PASS = "long enough passphrase"
private const val SHARED_BOUNDARY = "Knock before coming into my study."
private const val PRIVATE_BOUNDARY = "I keep my diary to myself, always."
private const val PATTERN_NOTE = "Went quiet after the electricity bill"
private const val PATTERN_TOPIC = "household money"
private const val CHECK_IN_NOTE = "Busy week, glad it's Friday"
private const val RITUAL_TITLE = "Sunday pancakes"
private const val CANNOT_RECALL = "already on your partner's phone; making it private again stops further sharing but cannot recall it"

/** What [fill] wrote on a phone, by id. */
private class Written(val ritual: Ritual, val shared: Boundary, val private: Boundary, val pattern: PatternEntry, val checkIn: LogEntry)

/** A shared ritual, a shared and a private boundary, a private pattern entry and a shared check-in, a minute apart. */
private fun fill(t: Tandem, clock: ManualClock): Written {
    val ritual = t.proposeRitual(draft(title = RITUAL_TITLE, time = "09:30"))
    clock.advance(MINUTE)
    val shared = t.addBoundary(SHARED_BOUNDARY, true)
    clock.advance(MINUTE)
    val private = t.addBoundary(PRIVATE_BOUNDARY, false)
    clock.advance(MINUTE)
    val pattern = t.logPattern(PatternDraft(Happened.WENT_SILENT, listOf("tired"), PATTERN_TOPIC, 7u, PATTERN_NOTE))
    clock.advance(MINUTE)
    val checkIn = t.checkIn(6u, Capacity.SOME, Need.SPACE, CHECK_IN_NOTE, true)
    return Written(ritual, shared, private, pattern, checkIn)
}

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
    val e = expectThrows<E>(what, block)
    check(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    eq(before, t.snapshot(), "$what: nothing imported")
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

private fun exportTests() {
    test("export: sealed file holds no user text; a wrong passphrase, an altered or truncated file, no passphrase are refused into a fresh Tandem; the right one restores every value; a second import is NotAllowedNow") {
        val a = newDb(ANA)
        val b = newDb("New phone")
        using(a, b) {
            val w = fill(a.tandem, a.clock)
            val sealed = a.tandem.exportData(PASS)
            val text = String(sealed, Charsets.UTF_8)
            for (secret in listOf(PRIVATE_BOUNDARY, SHARED_BOUNDARY, PATTERN_NOTE, PATTERN_TOPIC, CHECK_IN_NOTE, RITUAL_TITLE, ANA, a.tandem.device().deviceId)) {
                check(!text.contains(secret)) { "the sealed file contains <$secret> in the clear" }
            }
            val outer = Json.parse(text).obj("sealed file")
            eq("tandem-export-sealed", outer["format"], "sealed format")
            eq(2L, outer["version"], "sealed version (2: the header is authenticated)")
            eq("argon2id" to 65536L, outer["kdf"].obj("kdf").let { it["name"] to it["memory_kib"] }, "kdf name and memory")
            eq("xchacha20poly1305", outer["cipher"].obj("cipher")["name"], "cipher")

            val bBefore = b.tandem.device()
            refusedImport<TandemException.WrongPassphrase>(b.tandem, "a wrong passphrase", "") { b.tandem.importData(sealed, "wrong passphrase") }
            eq(emptyList<Ritual>(), b.tandem.rituals(), "B: rituals after the wrong passphrase")
            eq(bBefore, b.tandem.device(), "B: still its own device after the wrong passphrase")
            refusedImport<TandemException.WrongPassphrase>(b.tandem, "an altered ciphertext", "") { b.tandem.importData(alteredCiphertext(sealed), PASS) }
            refusedImport<TandemException.InvalidInput>(b.tandem, "a sealed file without a passphrase", "sealed with a passphrase") { b.tandem.importData(sealed, null) }
            refusedImport<TandemException.InvalidInput>(b.tandem, "a truncated file", "damaged or not a Tandem export") { b.tandem.importData(sealed.copyOf(sealed.size / 2), PASS) }
            refusedImport<TandemException.InvalidInput>(b.tandem, "not JSON at all", "damaged or not a Tandem export") { b.tandem.importData("TSYNC1:hello".toByteArray(), PASS) }
            expectThrows<TandemException.InvalidInput>("a 7-character passphrase") { a.tandem.exportData("1234567") }
                .let { check(it.message.orEmpty().contains("at least 16 characters or at least 4 words") && !it.message.orEmpty().contains("1234567")) { "short passphrase: <${it.message}>" } }
            check(a.tandem.exportData("ox elm fig yew").isNotEmpty()) { "four words pass however short" }

            val restored = b.tandem.importData(sealed, PASS)
            check(restored > 0uL) { "restored $restored changes" }
            eq(a.tandem.device().name, b.tandem.device().name, "B took on A's name")
            check(a.tandem.device().deviceId != b.tandem.device().deviceId) { "B keeps its own device id: the old phone may still write under A's" }
            eq(a.tandem.asPerson(), b.tandem.asPerson(), "B holds every value A holds, as the same person")
            eq(listOf(w.ritual.id), b.tandem.rituals().map { it.id }, "B: the ritual")
            eq(listOf(w.shared.id to true, w.private.id to false), b.tandem.boundaries().map { it.id to it.shared }, "B: both boundaries, one private")
            eq(listOf(w.pattern), b.tandem.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "B: the private pattern entry")
            eq(listOf(w.checkIn), b.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO), "B: the shared check-in")
            eq(PairingStatus.Unpaired, b.tandem.pairingStatus(), "B: pairing is not restored")

            val again = refusedImport<TandemException.NotAllowedNow>(b.tandem, "importing again", "empty") { b.tandem.importData(sealed, PASS) }
            eq(UserMessages.IMPORT_NOT_EMPTY, UserMessages.forImport(again), "its message")
        }
    }

    test("restore: the new phone keeps its own id, pairs again, its first change reaches the partner as new; the old phone's later payload is refused as restored elsewhere") {
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

            check(newPhone.tandem.importData(backup, PASS) > 0uL) { "nothing restored" }
            check(newPhone.tandem.device().deviceId != oldPhone.tandem.device().deviceId) { "the restored phone reuses the old id" }
            ben.tandem.unpair()
            pair(newPhone.tandem, ben.tandem)
            newPhone.tandem.appreciate("new phone, same me")
            val reports = newPhone.tandem.exportPayloads().map { ben.tandem.importPayload(it) }
            eq(1u, reports.sumOf { it.applied }, "the new phone's change arrives as new")
            eq(0u, reports.sumOf { it.setAside }, "nothing set aside")
            eq(null, reports.first().setAsideNote, "no note")
            val texts = ben.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO).map { it.toString() }
            check(texts.any { it.contains("new phone, same me") } && texts.any { it.contains("before the backup") }) { "Ben's entries: $texts" }
            for (p in late) {
                val e = expectThrows<TandemException.PayloadRejected>("the old phone's late payload") { ben.tandem.importPayload(p) }
                check(e.message.orEmpty().contains("restored on another phone")) { "reason: <${e.message}>" }
            }
            check(ben.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO).none { it.toString().contains("after the backup") }) { "the old phone's late change got in" }
        }
    }

    test("clock: a partner's change made with a clock 3 h fast is imported at once with a note naming the partner's clock and the gap") {
        paired { a, b ->
            a.clock.advance(3 * 3_600_000L)
            a.tandem.appreciate("wrong clock")
            val r = b.tandem.importPayload(a.tandem.exportOne())
            eq(1u, r.applied, "applied")
            eq(180L, r.clockAheadMinutes, "minutes ahead")
            check(r.clockNote.orEmpty().contains("your partner's phone clock looks 3 h ahead")) { "note: <${r.clockNote}>" }
            b.tandem.appreciate("seen")
            val back = a.tandem.importPayload(b.tandem.exportOne())
            eq(1u, back.applied, "Ben's change goes back at once")
            eq(null, back.clockNote, "Ana's phone sees no gap: Ben's clock follows hers")
        }
    }

    test("export: the plaintext file parses as JSON (format tandem-export, device, state, log) with the private text; it restores without a passphrase; a newer version is refused") {
        val a = newDb(ANA)
        val b = newDb("New phone")
        val c = newDb("Third phone")
        using(a, b, c) {
            val w = fill(a.tandem, a.clock)
            val plain = a.tandem.exportPlaintext()
            val doc = Json.parse(String(plain, Charsets.UTF_8)).obj("plaintext export")
            eq("tandem-export", doc["format"], "format")
            eq(1L, doc["version"], "version")
            eq(mapOf<String, Any?>("id" to a.tandem.device().deviceId, "name" to ANA), doc["device"], "device")
            val state = doc["state"].obj("state")
            for (key in listOf("rituals", "rest_weeks", "agreements", "boundaries", "pauses", "entries", "private_log", "reminder_settings")) {
                check(key in state) { "state has no <$key>: ${state.keys}" }
            }
            eq(setOf("shared", "private", "lineage", "partner", "partner_lineage", "stopped"), doc["log"].obj("log").keys, "log parts")
            val boundaryTexts = state["boundaries"].allStrings()
            check(PRIVATE_BOUNDARY in boundaryTexts && SHARED_BOUNDARY in boundaryTexts) { "state.boundaries: $boundaryTexts" }
            check(PATTERN_NOTE in state["private_log"].allStrings()) { "state.private_log lacks the note" }
            check(RITUAL_TITLE in state["rituals"].allStrings()) { "state.rituals lacks the title" }
            check(String(plain, Charsets.UTF_8).contains(PRIVATE_BOUNDARY)) { "the plaintext lacks the private boundary" }

            eq(true, b.tandem.importData(plain, null) > 0uL, "plaintext restored")
            eq(a.tandem.asPerson(), b.tandem.asPerson(), "B holds every value A holds, as the same person")
            eq(listOf(w.private.id), b.tandem.boundaries().filter { !it.shared }.map { it.id }, "B: the private boundary")

            val newer = Json.write(doc.toMutableMap().also { it["version"] = 2L }).toByteArray()
            val e = refusedImport<TandemException.InvalidInput>(c.tandem, "version 2", "newer Tandem") { c.tandem.importData(newer, null) }
            eq(UserMessages.IMPORT_UNUSABLE, UserMessages.forImport(e), "its message")
            eq(true, c.tandem.importData(Json.write(doc).toByteArray(), null) > 0uL, "the same document, rewritten, restores")
            eq(a.tandem.asPerson(), c.tandem.asPerson(), "C holds every value A holds, as the same person")
        }
    }

    test("mirror: whatPartnerSees holds the shared ritual, boundary and check-in and the device name, never the private boundary or the pattern log; the audit records sharing and unsharing, newest first") {
        paired { a, b ->
            val w = fill(a.tandem, a.clock)
            val seen = a.tandem.whatPartnerSees()
            fun one(kind: String, id: String): VisibleItem = seen.singleOrNull { it.kind == kind && it.id == id }
                ?: throw Harness.CheckFailed("no single <$kind> $id in $seen")
            eq(
                listOf(
                    VisibleItem("device name", a.tandem.device().deviceId, ANA, 0L, null),
                    VisibleItem("shared ritual", w.ritual.id, "$RITUAL_TITLE (proposed)", T0, null),
                    VisibleItem("boundary", w.shared.id, SHARED_BOUNDARY, T0 + MINUTE, null),
                ),
                seen.take(3),
                "device name, ritual, boundary",
            )
            check(one("shared ritual", w.ritual.id).summary.contains(RITUAL_TITLE)) { "ritual summary" }
            eq(SHARED_BOUNDARY to T0 + MINUTE, one("boundary", w.shared.id).let { it.summary to it.sinceMs }, "the shared boundary")
            eq(T0 + 4 * MINUTE, one("check-in", w.checkIn.id).sinceMs, "the shared check-in since")
            check(seen.any { it.kind == "device name" && it.summary.contains(ANA) }) { "no device name in $seen" }
            val everything = seen.flatMap { listOf(it.id, it.summary) }
            for (secret in listOf(w.private.id, PRIVATE_BOUNDARY, w.pattern.id, PATTERN_NOTE, PATTERN_TOPIC)) {
                check(everything.none { it.contains(secret) }) { "the partner sees <$secret>: $seen" }
            }
            eq(emptySet<String>(), seen.map { it.kind }.toSet() - VisibilityScreen.KIND_ORDER.toSet(), "kinds beyond the documented ones")

            val audit0 = a.tandem.sharingAudit()
            eq(
                listOf(
                    AuditEntry(T0 + 4 * MINUTE, "shared a check-in", w.checkIn.id),
                    AuditEntry(T0 + MINUTE, "shared a boundary", w.shared.id),
                    AuditEntry(T0, "proposed a shared ritual", w.ritual.id),
                ),
                audit0,
                "the audit before any change of mind, newest first",
            )
            check(audit0.none { it.id == w.private.id || it.id == w.pattern.id }) { "private things in the audit: $audit0" }

            setClocks(T0 + HOUR, a, b)
            a.tandem.shareBoundary(w.private.id, true)
            eq(AuditEntry(T0 + HOUR, "shared a boundary", w.private.id), a.tandem.sharingAudit().first(), "audit after sharing")
            eq(PRIVATE_BOUNDARY, a.tandem.whatPartnerSees().single { it.id == w.private.id }.summary, "now seen")
            deliver(a, b)
            eq(listOf(SHARED_BOUNDARY, PRIVATE_BOUNDARY), b.tandem.boundaries().map { it.text }, "B holds what A's mirror said")

            setClocks(T0 + 2 * HOUR, a, b)
            a.tandem.shareBoundary(w.private.id, false)
            val audit = a.tandem.sharingAudit()
            eq(
                listOf(AuditEntry(T0 + 2 * HOUR, "made a boundary private", w.private.id), AuditEntry(T0 + HOUR, "shared a boundary", w.private.id)),
                audit.take(2),
                "audit after unsharing, newest first",
            )
            eq(audit.sortedByDescending { it.atMs }, audit, "the audit is newest first")
            eq(
                listOf(VisibleItem("made private", w.private.id, PRIVATE_BOUNDARY, T0 + HOUR, CANNOT_RECALL)),
                a.tandem.whatPartnerSees().filter { it.id == w.private.id },
                "the unshared boundary: already on B's phone, with the caveat",
            )
            deliver(a, b)
            eq(listOf(SHARED_BOUNDARY), b.tandem.boundaries().map { it.text }, "B no longer shows it")
            eq(emptyList<VisibleItem>(), b.tandem.whatPartnerSees().filter { it.summary.contains(SHARED_BOUNDARY) }, "B's mirror is B's own")
        }
    }

    test("entries made in the same millisecond come back in the order they were made") {
        val a = newDb(ANA)
        using(a) {
            val made = listOf(
                a.tandem.appreciate("First thanks"),
                a.tandem.checkIn(3u, Capacity.PLENTY, Need.NOTHING_RIGHT_NOW, null, false),
                a.tandem.appreciate("Second thanks"),
                a.tandem.recordRepair(RepairAct.APOLOGISED, null, null, false),
            )
            eq(made.map { it.id }, a.tandem.entries(ALL_TIME_FROM, ALL_TIME_TO).map { it.id }, "same-millisecond order")
            eq(T0, made.map { it.atMs }.distinct().single(), "all at T0")
        }
    }

    test("wipe: the database files are gone and every later call is Closed") {
        val a = newDb(ANA)
        fill(a.tandem, a.clock)
        val oldId = a.tandem.device().deviceId
        check(File(a.path).exists()) { "no database file before the wipe" }
        a.tandem.wipe()
        eq(listOf("tandem.db.wiped"), dbFiles(a.path), "only the wipe marker is left of the database")
        check(File(a.path + ".wiped").readText().all { it.isDigit() }) { "the marker holds more than a time" }
        expectThrows<TandemException.Closed>("rituals after wipe") { a.tandem.rituals() }
        expectThrows<TandemException.Closed>("exportData after wipe") { a.tandem.exportData(PASS) }
        expectThrows<TandemException.Closed>("whatPartnerSees after wipe") { a.tandem.whatPartnerSees() }
        expectThrows<TandemException.Closed>("wipe after wipe") { a.tandem.wipe() }
        a.tandem.closeDatabase()
        reopen(a, "Again").closing { t ->
            eq(emptyList<Ritual>(), t.rituals(), "a new database at the same path holds nothing")
                check(t.device().deviceId != oldId) { "the wiped device id came back" }
            eq(listOf("wiped an earlier Tandem on this phone"), t.sharingAudit().map { it.change }, "the next Tandem's audit names the wipe")
            eq(listOf("tandem.db"), dbFiles(a.path).filter { !it.contains("-") }, "the marker is gone once noted")
        }
    }

    test("controller: export to a file, restore on a new phone (wrong passphrase, then right, then again), plaintext only by name, with messages") {
        val a = phone(ANA)
        val b = phone("New phone")
        using(a, b) {
            a.c.proposeRitual(RITUAL_TITLE, null, 30, "09:30", ZoneMode.Floating)
            a.c.addBoundary(PRIVATE_BOUNDARY, shared = false)
            val dir = tempDir()
            val file = a.c.exportSealedTo(File(dir, "tandem-export.json"), PASS)
            eq(listOf("tandem-export.json"), dir.list()!!.sorted(), "only the export in its folder")
            check(!file.readText().contains(PRIVATE_BOUNDARY)) { "the file holds the boundary in the clear" }
            val short = expectThrows<TandemException.InvalidInput>("short passphrase") { a.c.exportSealed("short") }
            eq(UserMessages.EXPORT_PASSPHRASE_SHORT, UserMessages.forExport(short), "short passphrase message")

            val wrong = expectThrows<TandemException.WrongPassphrase>("wrong passphrase") { b.c.importExportFrom(file, "wrong passphrase") }
            eq(UserMessages.WRONG_PASSPHRASE, UserMessages.forImport(wrong), "wrong passphrase message")
            eq(UserMessages.WRONG_PASSPHRASE, UserMessages.forError(wrong), "forError says the same")
            eq(emptyList<Ritual>(), b.c.rituals(), "B: nothing after the wrong passphrase")
            val none = expectThrows<TandemException.InvalidInput>("no passphrase") { b.c.importExportFrom(file, null) }
            eq(UserMessages.IMPORT_UNUSABLE, UserMessages.forImport(none), "no passphrase message")

            check(b.c.importExportFrom(file, PASS) > 0) { "nothing restored" }
            eq(a.c.device().name, b.c.device().name, "B has A's name")
            check(a.c.device().deviceId != b.c.device().deviceId) { "B keeps its own id" }
            val person = { c: TandemController -> (c.rituals() to c.boundaries()).toString().replace(c.device().deviceId, "<me>") }
            eq(person(a.c), person(b.c), "B: the same rituals and boundaries, as the same person")
            val again = expectThrows<TandemException.NotAllowedNow>("again") { b.c.importExportFrom(file, PASS) }
            eq(UserMessages.IMPORT_NOT_EMPTY, UserMessages.forImport(again), "again message")

            val plain = Json.parse(String(a.c.exportPlaintextAfterWarning(), Charsets.UTF_8)).obj("plaintext")
            eq("tandem-export", plain["format"], "plaintext format")
            check(PRIVATE_BOUNDARY in plain["state"].allStrings()) { "plaintext lacks the private boundary" }
            val distinct = listOf(UserMessages.WRONG_PASSPHRASE, UserMessages.EXPORT_PASSPHRASE_SHORT, UserMessages.IMPORT_UNUSABLE, UserMessages.IMPORT_NOT_EMPTY, UserMessages.PLAINTEXT_WARNING, UserMessages.WIPE_WARNING)
            eq(distinct.size, distinct.toSet().size, "distinct export messages")
        }
    }

    test("VisibilityScreen: groups in kind order under their headings, rows and audit lines on the device clock; refusals are Failed") {
        val a = phone(ANA)
        using(a) {
            val ritual = a.c.proposeRitual(RITUAL_TITLE, null, 30, "09:30", ZoneMode.Floating)
            a.clock.advance(MINUTE)
            val shared = a.c.addBoundary(SHARED_BOUNDARY, shared = true)
            val private = a.c.addBoundary(PRIVATE_BOUNDARY, shared = false)
            a.clock.advance(MINUTE)
            a.c.shareBoundary(private.id, true)
            a.clock.advance(MINUTE)
            a.c.shareBoundary(private.id, false)
            a.c.logPattern(PatternDraft(Happened.WITHDREW, note = PATTERN_NOTE))

            val s = a.c.visibilityScreen(NY)
            check(s is VisibilityScreen.Shown) { "expected the mirror, got $s" }
            s as VisibilityScreen.Shown
            eq("Your partner's phone holds", s.heading, "heading")
            eq(null, s.emptyMessage, "no empty message")
            val kinds = s.groups.map { it.kind }
            eq(VisibilityScreen.KIND_ORDER.filter { it in kinds }, kinds, "groups in kind order")
            eq(kinds.distinct(), kinds, "one group per kind")
            eq(a.c.whatPartnerSees().size, s.groups.sumOf { it.rows.size }, "every item in a group")
            eq(
                listOf(VisibleRow(shared.id, SHARED_BOUNDARY, T0 + MINUTE, "2027-03-01 07:01")),
                s.group("boundary")?.rows,
                "the boundary group: only the shared one",
            )
            eq("Boundaries you shared", s.group("boundary")?.heading, "boundary heading")
            eq(
                VisibleGroup("device name", "Your phone's name", listOf(VisibleRow(a.c.device().deviceId, ANA, 0L, null))),
                s.groups.first(),
                "the device name first, with no time (the core's 0)",
            )
            eq("Shared rituals", s.group("shared ritual")?.heading, "ritual heading")
            eq(listOf(ritual.id), s.group("shared ritual")?.rows?.map { it.id }, "the ritual row")
            check(s.groups.flatMap { g -> g.rows.map { it.summary } }.none { it.contains(PATTERN_NOTE) }) { "the pattern log on the mirror" }
            // The boundary shared and then made private: its text is already on the partner's phone, said with the caveat.
            eq(
                VisibleGroup(
                    "made private", "Sent before you made it private",
                    listOf(VisibleRow(private.id, PRIVATE_BOUNDARY, T0 + 2 * MINUTE, "2027-03-01 07:02", CANNOT_RECALL)),
                ),
                s.group("made private"),
                "the made-private group, with the core's caveat",
            )
            check(s.groups.filter { it.kind != "made private" }.flatMap { g -> g.rows.map { it.summary } }.none { it.contains(PRIVATE_BOUNDARY) }) { "private text outside the caveat group" }
            eq(
                listOf(
                    AuditLine(private.id, T0 + 3 * MINUTE, "2027-03-01 07:03", "made a boundary private", "You made a boundary private"),
                    AuditLine(private.id, T0 + 2 * MINUTE, "2027-03-01 07:02", "shared a boundary", "You shared a boundary"),
                ),
                s.audit.take(2),
                "newest audit lines",
            )
            eq(a.c.sharingAudit().size, s.audit.size, "every audit entry a line")

            val bad = a.c.visibilityScreen("Mars/Olympus")
            eq(UserMessages.UNKNOWN_ZONE, (bad as? VisibilityScreen.Failed)?.message, "unknown zone")
            eq("Rest weeks", VisibilityTexts.heading("rest week"), "rest week heading")
            eq("Something new", VisibilityTexts.heading("something new"), "an unknown kind, capitalised")
            a.c.close()
            val closed = a.c.visibilityScreen(NY)
            check(closed is VisibilityScreen.Failed && closed.error is TandemException.Closed) { "after close: $closed" }
        }
    }

    test("controller.wipe: the files and the key are gone, later calls are Closed; the next open makes a new, empty Tandem") {
        val keys = InMemoryStorageKeyProvider()
        val path = File(tempDir(), "tandem.db").path
        val c = TandemController.open(path, keys, ANA, ManualClock(T0))
        val before = c.device()
        c.proposeRitual(RITUAL_TITLE, null, 30, "09:30", ZoneMode.Floating)
        c.wipe()
        eq(false, keys.hasKey, "the key provider holds no key")
        eq(listOf("tandem.db.wiped"), dbFiles(path), "database files: only the wipe marker")
        val e = expectThrows<TandemException.Closed>("rituals after wipe") { c.rituals() }
        eq(UserMessages.forError(TandemException.Closed("")), UserMessages.forError(e), "closed message")
        expectThrows<TandemException.Closed>("wipe twice") { c.wipe() }
        TandemController.open(path, keys, "Fresh start", ManualClock(T0)).use { fresh ->
            eq(true, keys.hasKey, "a new key")
            eq(emptyList<Ritual>(), fresh.rituals(), "nothing left")
            check(fresh.device().deviceId != before.deviceId) { "the old device id came back" }
        }

        val file = File(tempDir(), "storage.key")
        val fileKeys = FileStorageKeyProvider(file)
        val first = fileKeys.storageKey()
        fileKeys.deleteStorageKey()
        eq(false, file.exists(), "the key file is gone")
        fileKeys.deleteStorageKey()
        check(!first.contentEquals(fileKeys.storageKey())) { "the deleted key came back" }
    }
}

// ---- Re-planning triggers: exact scheduler calls per trigger ----

private fun triggerTests() {
    test("triggers: an unchanged re-plan arms and cancels nothing for AFTER_IMPORT, AFTER_LOCAL_CHANGE, TIME_CHANGED, ZONE_CHANGED; APP_START, BOOT, EXACT_ALARM_PERMISSION_CHANGED re-arm every planned id") {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            val ids = rig.replan(ReplanTrigger.APP_START).armed
            eq(6, ids.size, "armed at start")
            rig.scheduler.take()
            eq(
                listOf(ReplanTrigger.APP_START, ReplanTrigger.BOOT, ReplanTrigger.EXACT_ALARM_PERMISSION_CHANGED),
                ReplanTrigger.values().filter { it.rearmsAll }, "the re-arming triggers",
            )
            for (t in ReplanTrigger.values()) {
                val r = rig.replan(t)
                eq(emptyList<String>(), r.cancelled, "$t: cancelled")
                if (t.rearmsAll) {
                    eq(ids, r.armed, "$t: every id armed again")
                    eq(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "$t: scheduler calls")
                } else {
                    eq(emptyList<String>(), r.armed, "$t: armed")
                    eq(listOf("pending"), rig.scheduler.take(), "$t: only the pending ids are read")
                }
                eq(ids, rig.scheduler.armed.keys.toList(), "$t: armed set")
                eq(emptyList<String>(), r.notices, "$t: no notice when everything is allowed")
            }
        }
    }

    test("triggers: BOOT re-arms everything, from an empty armed set and from a stale record alike") {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            val ids = rig.replan(ReplanTrigger.APP_START).armed
            // The OS dropped the alarms at shutdown and the record went with them.
            rig.scheduler.armed.clear()
            rig.scheduler.alarms.clear()
            rig.scheduler.take()
            val boot = rig.replan(ReplanTrigger.BOOT)
            eq(ids, boot.armed, "armed after boot")
            eq(emptyList<String>(), boot.cancelled, "nothing to cancel")
            eq(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "scheduler calls from an empty set")
            eq(ids, rig.scheduler.armed.keys.toList(), "armed")
            check(rig.scheduler.alarms.values.all { it.timing == AlarmTiming.Exact(it.reminder.fireAtMs) }) { "exact at each fire time" }
            // The record still lists the ids, but the platform dropped them: BOOT arms them anyway.
            val again = rig.replan(ReplanTrigger.BOOT)
            eq(ids, again.armed, "a stale record does not stop BOOT")
            eq(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "scheduler calls with a stale record")
            // After boot, an unchanged local change touches nothing.
            eq(emptyList<String>(), rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).armed, "nothing after boot")
        }
    }

    test("triggers: ZONE_CHANGED moves a floating ritual's reminders (old ids cancelled, new ids armed) and keeps a fixed-zone ritual's instants and slots") {
        couple { k ->
            val rig = ReminderRig(k)
            val walk = k.activeFromA(walkDraft())
            val tea = k.activeFromA(
                RitualDraft(
                    title = "Morning tea", prompt = null, minutes = 15u, timeOfDay = "07:30", zone = ZoneMode.Fixed(BERLIN),
                    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-02", count = 2u),
                ),
            )
            val ny = rig.replan(ReplanTrigger.APP_START)
            val walkNy = ny.planned.filter { it.sourceId == walk.id }.map { it.id }
            val teaIds = ny.planned.filter { it.sourceId == tea.id }.map { it.id }
            eq(6 to 2, walkNy.size to teaIds.size, "walk and tea reminders")
            rig.scheduler.take()

            rig.zone = BERLIN
            val moved = rig.replan(ReplanTrigger.ZONE_CHANGED)
            val walkBerlin = moved.planned.filter { it.sourceId == walk.id }
            val teaBerlin = moved.planned.filter { it.sourceId == tea.id }
            // Tea keeps its instants and slots; its body shows the device's clock ("Now, 07:30", not "01:30"), so its ids' revision changes.
            eq((walkNy + teaIds).sorted(), moved.cancelled.sorted(), "the walk's New York ids and tea's New York-worded ids cancelled")
            eq(moved.planned.map { it.id }, moved.armed, "the Berlin ids armed")
            check(moved.armed.none { it in walkNy }) { "an old id re-armed" }
            eq(ny.planned.filter { it.sourceId == tea.id }.map { it.fireAtMs }, teaBerlin.map { it.fireAtMs }, "tea's instants unchanged")
            eq(teaIds.map(::slot), teaBerlin.map { slot(it.id) }, "tea's slots unchanged")
            eq(listOf("Now, 07:30", "Now, 07:30"), teaBerlin.map { it.body }, "tea's body on the Berlin clock")
            check(walkBerlin.zip(ny.planned.filter { it.sourceId == walk.id }).all { (b, n) -> b.fireAtMs < n.fireAtMs }) { "the walk moved to Berlin's earlier instants" }
            eq(listOf("pending", "cancel ${moved.cancelled}") + moved.armed.map { "arm $it" }, rig.scheduler.take(), "scheduler calls")
            eq(ms("2027-03-01T19:00:00Z"), walkBerlin.first().fireAtMs, "20:00 in Berlin on the first day, still ahead")
            eq(moved.planned.map { it.id }.toSet(), rig.scheduler.armed.keys, "armed = planned")

            // TIME_CHANGED: the clock jumps past the first Berlin evening.
            k.a.clock.set(ms("2027-03-02T20:00:00Z"))
            val jumped = rig.replan(ReplanTrigger.TIME_CHANGED)
            val passed = moved.planned.filter { it.fireAtMs <= ms("2027-03-02T20:00:00Z") }.map { it.id }
            eq(passed.sorted(), jumped.cancelled.sorted(), "passed reminders cancelled")
            eq(emptyList<String>(), jumped.armed, "nothing new armed")
            eq(listOf("pending", "cancel ${jumped.cancelled}"), rig.scheduler.take(), "scheduler calls")
        }
    }
}

// ---- Failure paths: permissions, pairing codes, sync files ----

private fun failurePathTests() {
    test("permissions: exact alarms denied arms every reminder in a 10-minute window from its time, with a notice; granting re-arms them exact") {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            rig.scheduler.access = ReminderAccess(notifications = true, exactAlarms = false)
            val windowed = rig.replan(ReplanTrigger.APP_START)
            eq(6, windowed.armed.size, "every reminder still armed")
            eq(false, windowed.exact, "fallback reported")
            eq(listOf(UserMessages.EXACT_ALARMS_OFF), windowed.notices, "the notice")
            eq(
                windowed.planned.map { AlarmTiming.Window(it.fireAtMs, 10 * MINUTE) },
                windowed.planned.map { rig.scheduler.alarms.getValue(it.id).timing }, "windows start at the fire time",
            )
            eq(windowed.planned.map { ReminderChannel.RITUALS }, rig.scheduler.alarms.values.map { it.channel }, "channels")
            rig.scheduler.take()

            rig.scheduler.access = ReminderAccess.ALL
            val exact = rig.replan(ReplanTrigger.EXACT_ALARM_PERMISSION_CHANGED)
            eq(windowed.planned, exact.planned, "the same plan")
            eq(windowed.armed, exact.armed, "every id re-armed")
            eq(emptyList<String>(), exact.cancelled + exact.notices, "nothing cancelled, no notice")
            eq(listOf("pending") + exact.armed.map { "arm $it" }, rig.scheduler.take(), "scheduler calls")
            check(rig.scheduler.alarms.values.all { it.timing == AlarmTiming.Exact(it.reminder.fireAtMs) }) { "exact now" }

            // Revoked while the app runs, noticed on the next local change: re-armed windowed.
            rig.scheduler.access = ReminderAccess(notifications = true, exactAlarms = false)
            val revoked = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            eq(exact.armed, revoked.armed, "re-armed after the change of access")
            check(rig.scheduler.alarms.values.all { it.timing is AlarmTiming.Window }) { "windowed again" }
            eq(emptyList<String>(), rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).armed, "then unchanged")
        }
    }

    test("permissions: notifications denied still arms every reminder (shown once allowed) and says why; both denied gives both notices") {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            rig.scheduler.access = ReminderAccess(notifications = false, exactAlarms = true)
            val off = rig.replan(ReplanTrigger.APP_START)
            eq(6, off.armed.size, "armed all the same")
            eq(listOf(UserMessages.NOTIFICATIONS_OFF), off.notices, "the notice")
            eq(1, k.a.c.rituals().size, "the ritual is kept")
            rig.scheduler.access = ReminderAccess(notifications = false, exactAlarms = false)
            val both = rig.replan(ReplanTrigger.EXACT_ALARM_PERMISSION_CHANGED)
            eq(listOf(UserMessages.NOTIFICATIONS_OFF, UserMessages.EXACT_ALARMS_OFF), both.notices, "both notices")
            for (n in both.notices) {
                check(n.contains("settings")) { "the notice says where to fix it: $n" }
                noBlame(listOf(n), "notice")
            }
        }
    }

    test("pairing: a code that is not Tandem's, an expired offer, an answer where an offer is expected and an offer where an answer is: each Failed with its message, nothing lost, and pairing works after") {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val mine = b.c.addPersonalRitual("Stretch", null, 10, "07:00", ZoneMode.Floating)
            val fa = a.c.pairingFlow()
            val fb = b.c.pairingFlow()
            fb.startAsAnswerer()
            for (text in listOf("https://example.com/", "WIFI:S:home;T:WPA;P:secret;;", "", "TANDEM:nonsense")) {
                val f = expectState<PairingState.Failed>("scan <$text>", fb.scanOffer(text))
                eq(UserMessages.forError(TandemException.PairingFailed("x")), f.message, "<$text>: message")
                check(f.error is TandemException.PairingFailed) { "<$text>: ${f.error}" }
                fb.startAsAnswerer()
            }
            val offer = expectState<PairingState.ShowingOffer>("A offers", fa.startAsOfferer())
            b.clock.advance(OFFER_LIFETIME + 1)
            val expired = expectState<PairingState.Failed>("B scans late", fb.scanOffer(offer.qr.text))
            eq(UserMessages.PAIRING_EXPIRED, expired.message, "expired message")
            check(expired.error is TandemException.PairingExpired) { "expected PairingExpired, got ${expired.error}" }
            b.clock.set(a.clock.nowMs())

            val o2 = expectState<PairingState.ShowingOffer>("A offers again", fa.startAsOfferer())
            val wrongMode = expectState<PairingState.Failed>("A scans its own offer as an answer", fa.scanAnswer(o2.qr.text))
            check(wrongMode.error is TandemException.PairingFailed) { "offer as answer: ${wrongMode.error}" }
            val o3 = expectState<PairingState.ShowingOffer>("A offers a third time", fa.startAsOfferer())
            fb.startAsAnswerer()
            val answer = expectState<PairingState.ShowingAnswer>("B scans", fb.scanOffer(o3.qr.text))
            val fc = phone("Cleo's phone")
            using(fc) {
                val flowC = fc.c.pairingFlow()
                flowC.startAsAnswerer()
                val asOffer = expectState<PairingState.Failed>("C scans B's answer as an offer", flowC.scanOffer(answer.qr.text))
                check(asOffer.error is TandemException.PairingFailed) { "answer as offer: ${asOffer.error}" }
            }
            eq(listOf(mine), b.c.rituals(), "B's ritual kept through every failure")
            expectState<PairingState.ComparingCode>("A scans B's answer", fa.scanAnswer(answer.qr.text))
            expectState<PairingState.Paired>("A confirms", fa.confirm())
            expectState<PairingState.Paired>("B confirms", fb.confirm())
        }
    }

    test("sync: a corrupt file and one from another pair are Refused with a message, stay in the inbox, and change nothing; the good one still imports") {
        couple { k ->
            val c = phone("Cleo's phone")
            val d = phone("Dan's phone")
            using(c, d) {
                pairFlows(c, d)
                c.c.proposeRitual("Their walk", null, 20, "18:00", ZoneMode.Floating)
                val strangerDir = tempDir()
                c.c.syncOut(FileSyncTransport(outbox = strangerDir, inbox = tempDir()))
                val inbox = tempDir()
                val strangers = strangerDir.listFiles()!!.toList()
                check(strangers.isNotEmpty()) { "C wrote nothing" }
                strangers.forEachIndexed { i, f -> f.copyTo(File(inbox, "other-pair-$i.txt")) }
                File(inbox, "corrupt.txt").writeText("TSYNC1:" + "A".repeat(40))
                k.a.c.proposeRitual("Our walk", null, 30, "20:30", ZoneMode.Floating)
                k.a.c.syncOut(FileSyncTransport(outbox = inbox, inbox = tempDir()))
                val before = k.b.c.rituals()
                val result = k.b.c.syncIn(FileSyncTransport(outbox = tempDir(), inbox = inbox))
                eq(strangers.size + 1, result.refused.size, "refused: the stranger's and the corrupt one")
                for (r in result.refused) {
                    check(r.error is TandemException.PayloadRejected) { "${r.source}: ${r.error}" }
                    eq(UserMessages.forError(r.error), r.message, "${r.source}: message")
                }
                eq(1, result.imported.size, "the partner's payload imported")
                eq(before.size + 1, k.b.c.rituals().size, "only the partner's ritual arrived")
                check(k.b.c.rituals().none { it.title == "Their walk" }) { "another pair's ritual arrived" }
                eq((strangers.indices.map { "other-pair-$it.txt" } + "corrupt.txt").toSet(), inbox.list()!!.toSet(), "refused files kept")
            }
        }
    }
}

// ---- The launcher: a missing key, restore, start over, a newer database ----

private fun launcherFiles(db: File): Map<String, List<Byte>> =
    db.parentFile.listFiles()!!.filter { it.isFile && it.name.startsWith(db.name) }.associate { it.name to it.readBytes().toList() }

private fun launcherTests() {
    test("launcher: first start creates; a missing key is KeyMissing, makes no key and leaves the files byte for byte") {
        val dir = tempDir()
        val db = File(dir, "tandem.db")
        val keys = InMemoryStorageKeyProvider()
        val first = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        check(first is LaunchState.Opened) { "first start: $first" }
        (first as LaunchState.Opened).controller.addPersonalRitual("Stretch", null, 10, "07:00", ZoneMode.Floating)
        first.controller.close()
        val again = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        check(again is LaunchState.Opened && again.controller.rituals().size == 1) { "reopened: $again" }
        (again as LaunchState.Opened).controller.close()

        keys.deleteStorageKey()
        val files = launcherFiles(db)
        val missing = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        eq(LaunchState.KeyMissing(UserMessages.KEY_MISSING), missing, "state")
        eq(false, keys.hasKey, "no key was made")
        eq(files, launcherFiles(db), "files untouched")
        val direct = expectThrows<TandemException.WrongKey>("the controller refuses too") { TandemController.open(db.path, keys, null) }
        eq(false, keys.hasKey, "still no key after the controller")
        check(!UserMessages.forError(direct).contains(direct.reason)) { "reason shown" }
        eq(files, launcherFiles(db), "files untouched by the controller")
    }

    test("launcher: restore from an export after a lost key; a wrong passphrase puts everything back; start over sets the locked files aside") {
        val dir = tempDir()
        val db = File(dir, "tandem.db")
        val keys = InMemoryStorageKeyProvider()
        val opened = TandemLauncher(db, keys, ANA, ManualClock(T0)).open() as LaunchState.Opened
        val stretch = opened.controller.addPersonalRitual("Stretch", null, 10, "07:00", ZoneMode.Floating)
        val export = opened.controller.exportSealed("correct horse battery staple")
        opened.controller.close()
        keys.deleteStorageKey()
        val files = launcherFiles(db)
        val launcher = TandemLauncher(db, keys, "New phone", ManualClock(T0))

        val wrong = launcher.restoreFromExport(export, "wrong horse")
        check(wrong is LaunchState.KeyMissing && wrong.error is TandemException.WrongPassphrase) { "wrong passphrase: $wrong" }
        eq(UserMessages.WRONG_PASSPHRASE, (wrong as LaunchState.KeyMissing).message, "message")
        eq(false, keys.hasKey, "the new key is gone again")
        eq(files, launcherFiles(db), "the locked files are back, byte for byte")
        eq(listOf("tandem.db"), dir.list()!!.filter { !it.startsWith("tandem.db-") }.sorted(), "no folder left behind")
        eq(LaunchState.KeyMissing(UserMessages.KEY_MISSING), launcher.open(), "still KeyMissing")

        val restored = launcher.restoreFromExport(export, "correct horse battery staple")
        check(restored is LaunchState.Opened && (restored.restored ?: 0) > 0) { "restore: $restored" }
        restored as LaunchState.Opened
        eq(listOf(stretch.id), restored.controller.rituals().map { it.id }, "the ritual restored")
        eq(ANA, restored.controller.device().name, "the exported device's name")
        val aside = File(dir, "tandem.db.locked-1")
        eq(files, launcherFiles(File(aside, "tandem.db")), "the locked files set aside, byte for byte")
        restored.controller.close()
        expectThrows<IllegalStateException>("start over with a key") { launcher.startOver() }

        keys.deleteStorageKey()
        val files2 = launcherFiles(db)
        val fresh = launcher.startOver()
        check(fresh is LaunchState.Opened) { "start over: $fresh" }
        (fresh as LaunchState.Opened).controller.let {
            eq(emptyList<Ritual>(), it.rituals(), "an empty Tandem")
            eq("New phone", it.device().name, "named anew")
            it.close()
        }
        eq(files2, launcherFiles(File(File(dir, "tandem.db.locked-2"), "tandem.db")), "the second locked set kept")
        eq(true, keys.hasKey, "a new key")
    }

    test("launcher: a database from a newer Tandem is Failed(DatabaseTooNew) with its message; the file and the key are kept") {
        val dir = tempDir()
        val db = File(dir, "tandem.db")
        val keys = InMemoryStorageKeyProvider()
        (TandemLauncher(db, keys, ANA, ManualClock(T0)).open() as LaunchState.Opened).controller.close()
        RandomAccessFile(db, "rw").use { f ->
            f.seek(60)
            f.writeInt(999)
        }
        val files = launcherFiles(db)
        val key = keys.storageKey()
        val r = TandemLauncher(db, keys, ANA, ManualClock(T0)).open()
        check(r is LaunchState.Failed && r.error is TandemException.DatabaseTooNew) { "expected Failed(DatabaseTooNew), got $r" }
        eq(UserMessages.forError(TandemException.DatabaseTooNew("x")), (r as LaunchState.Failed).message, "message")
        check(r.message.contains("Update the app")) { "the message says what to do" }
        eq(files, launcherFiles(db), "files untouched")
        check(key.contentEquals(keys.storageKey())) { "the key changed" }
    }
}

// ---- What the Android app reaches through the shell ----

private fun appSupportTests() {
    test("app support: each system broadcast maps to its trigger; unknown ones to none") {
        eq(ReplanTrigger.BOOT, SystemEvents.trigger("android.intent.action.BOOT_COMPLETED"), "boot")
        eq(ReplanTrigger.TIME_CHANGED, SystemEvents.trigger("android.intent.action.TIME_SET"), "time")
        eq(ReplanTrigger.ZONE_CHANGED, SystemEvents.trigger("android.intent.action.TIMEZONE_CHANGED"), "zone")
        eq(ReplanTrigger.EXACT_ALARM_PERMISSION_CHANGED, SystemEvents.trigger("android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED"), "exact")
        eq(ReplanTrigger.APP_START, SystemEvents.trigger("android.intent.action.MY_PACKAGE_REPLACED"), "update")
        eq(null, SystemEvents.trigger("android.intent.action.SCREEN_ON"), "unknown")
        eq(null, SystemEvents.trigger(null), "none")
    }

    test("app support: QrMatrix adds the quiet zone around the core's modules") {
        val qr = qrCode("TANDEM-TEST")
        val m = QrMatrix.of(qr)
        val n = qr.size.toInt()
        eq(n + 8, m.side, "side")
        for (y in 0 until m.side) for (x in 0 until m.side) {
            val inside = x in 4 until n + 4 && y in 4 until n + 4
            val expected = inside && qr.modules[(y - 4) * n + (x - 4)].toInt() == 1
            if (m.dark(x, y) != expected) throw Harness.CheckFailed("module ($x, $y)")
        }
        check(m.dark(4, 4)) { "the finder pattern's corner is dark" }
        eq(32, newStorageKey().size, "storage key")
    }

    test("app support: TandemSession opens and plans at start, re-plans after a change, a sync and each event, and stays closed while the key is missing") {
        val dir = tempDir()
        val keys = InMemoryStorageKeyProvider()
        val scheduler = FakeScheduler()
        val clock = ManualClock(T0)
        val session = TandemSession(TandemLauncher(File(dir, "tandem.db"), keys, ANA, clock), scheduler) { NY }
        check(session.start() is LaunchState.Opened) { "start: ${session.state}" }
        eq(listOf("pending"), scheduler.take(), "planned at start (nothing yet)")
        val walk = session.change { it.addPersonalDraft(walkDraft()) }
        eq(6, scheduler.armed.size, "armed after the change")
        check(scheduler.armed.values.all { it.reminder.sourceId == walk.id }) { "the walk's reminders" }
        scheduler.take()
        expectThrows<TandemException.NotFound>("a refused change") { session.change { it.pauseRitual("nope") } }
        eq(listOf("pending"), scheduler.take(), "re-planned after a refusal too")
        eq(ReplanTrigger.BOOT, session.replan(ReplanTrigger.BOOT)?.trigger, "boot")
        eq(6, scheduler.take().count { it.startsWith("arm ") }, "boot re-arms")
        session.controller!!.close()

        keys.deleteStorageKey()
        val again = TandemSession(TandemLauncher(File(dir, "tandem.db"), keys, ANA, clock), FakeScheduler()) { NY }
        eq(LaunchState.KeyMissing(UserMessages.KEY_MISSING), again.start(), "key missing")
        eq(null, again.replan(ReplanTrigger.BOOT), "no re-plan while closed")
        eq(null, again.controller, "no controller")
    }
}
