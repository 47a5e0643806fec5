package app.tandem.shell

import app.tandem.ffi.ManualClock
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.Tandem
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.coreVersion
import app.tandem.ffi.generateStorageKey
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
    controllerTests()
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
        val db = newDb()
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
            "upcoming" to { t.upcoming(T0, T0 + DAY, NY) },
        )
        for ((name, call) in calls) {
            val e = expectThrows<TandemException.Closed>(name) { call() }
            check(e.reason.isNotBlank()) { "$name: empty reason" }
        }
        // The file is released: it opens again.
        reopen(db).closing { eq("Ana's phone", it.device().name, "reopened after close") }
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
            TandemException.WrongKey(marker),
            TandemException.NotATandemDatabase(marker),
            TandemException.DatabaseTooNew(marker),
            TandemException.Storage(marker),
            TandemException.Closed(marker),
        )
        val messages = all.map { UserMessages.forError(it) }
        check(messages.all { it.isNotBlank() }) { "a blank message" }
        eq(all.size, messages.toSet().size, "distinct messages")
        check(messages.none { it.contains("Secret") || it.contains("reason") }) { "a message shows the reason" }
    }
}
