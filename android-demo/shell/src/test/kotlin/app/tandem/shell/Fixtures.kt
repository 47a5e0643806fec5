package app.tandem.shell

import app.tandem.ffi.Agreement
import app.tandem.ffi.AgreementDraft
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.Boundary
import app.tandem.ffi.Capacity
import app.tandem.ffi.Happened
import app.tandem.ffi.ImportReport
import app.tandem.ffi.LogEntry
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Need
import app.tandem.ffi.PatternDraft
import app.tandem.ffi.PatternEntry
import app.tandem.ffi.QrCode
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Reminder
import app.tandem.ffi.Repeat
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualActionKind
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualRowModel
import app.tandem.ffi.RitualsScreenModel
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.Tandem
import app.tandem.ffi.TodayScreenModel
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.generateStorageKey
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.io.TempDir

// Fixtures shared by the test classes: databases and paired phones through
// the generated Kotlin, the controller rigs, and the constants they use.

/**
 * The base of every test class. JUnit gives each test its own [TempDir];
 * [tempDir] (used by the fixtures: newDb, phone, couple, Rig, side, ...) makes
 * fresh folders inside it, so every test opens its own stores and no test
 * sees another's. JUnit deletes the folder when the test ends.
 */
abstract class StoreTestBase {
    @TempDir
    lateinit var testDir: Path

    @BeforeEach
    fun enterTestDir() = TestDirs.enter(testDir)

    @AfterEach
    fun leaveTestDir() = TestDirs.leave()
}

/** The running test's @TempDir, for [tempDir]. */
internal object TestDirs {
    private val current = InheritableThreadLocal<Path?>()

    fun enter(dir: Path) = current.set(dir)

    fun leave() = current.remove()

    fun fresh(): File {
        val root = current.get() ?: error("tempDir() called outside a test (the class must extend StoreTestBase)")
        return Files.createTempDirectory(root, "t").toFile()
    }
}

/** A fresh directory inside the running test's @TempDir. */
internal fun tempDir(): File = TestDirs.fresh()

internal const val MINUTE = 60_000L
internal const val HOUR = 60 * MINUTE
internal const val DAY = 24 * HOUR
/** How the core names a sync file (`syncFileNames`): "tandem-sync-<batch>-<nnn>.tandem", the order by name the import order. */
internal val SYNC_FILE_NAME = Regex("""tandem-sync-([0-9a-f]{8})-([0-9]{3,})\.tandem""")

internal const val NY = "America/New_York"
internal const val BERLIN = "Europe/Berlin"

internal fun ms(rfc3339: String): Long = Instant.parse(rfc3339).toEpochMilli()

/** A deterministic "now" for proposals: 2027-03-01T12:00:00Z. */
internal val T0 = ms("2027-03-01T12:00:00Z")

internal fun draft(
    title: String = "Evening walk",
    prompt: String? = null,
    minutes: UInt = 30u,
    time: String = "20:30",
    zone: ZoneMode = ZoneMode.Floating,
) = RitualDraft(title = title, prompt = prompt, minutes = minutes, timeOfDay = time, zone = zone)

internal class Db(val path: String, val key: ByteArray, val clock: ManualClock, val tandem: Tandem)

internal fun newDb(name: String = "Ana's phone", now: Long = T0): Db {
    val path = File(tempDir(), "tandem.db").path
    val key = generateStorageKey()
    val clock = ManualClock(now)
    return Db(path, key, clock, Tandem.openWithClock(path, key, name, clock))
}

internal fun reopen(db: Db, name: String? = null): Tandem = Tandem.openWithClock(db.path, db.key, name, db.clock)

internal fun <T> Tandem.closing(block: (Tandem) -> T): T = try {
    block(this)
} finally {
    closeDatabase()
}

// ---- Pairing and sync through the generated bindings ----

internal const val ANA = "Ana's phone"
internal const val BEN = "Ben's phone"

/** Runs [block], then closes every database in [dbs]. */
internal fun <T> using(vararg dbs: Db, block: () -> T): T = try {
    block()
} finally {
    dbs.forEach { runCatching { it.tandem.closeDatabase() } }
}

/** Pairs [a] (offerer) with [b] (answerer), both confirmed; returns the digits. */
internal fun pair(a: Tandem, b: Tandem): String {
    val offer = a.startPairing()
    val answer = b.acceptPairing(offer.text)
    val sas = a.completePairing(answer.text)
    assertEquals(answer.sas, sas, "digits on both phones")
    a.confirmPairing()
    b.confirmPairing()
    return sas
}

/** The one payload an export is expected to make. */
internal fun Tandem.exportOne(): ByteArray {
    val payloads = exportPayloads()
    assertEquals(1, payloads.size, "payloads in one export")
    return payloads[0]
}

internal fun report(applied: Int, duplicates: Int = 0, already: Boolean = false, acknowledged: Long = 0, partnerConfirmed: Boolean = false) =
    ImportReport(applied.toUInt(), duplicates.toUInt(), already, acknowledged.toULong(), partnerConfirmed)

/** This report without its news: the counts, compared where a test is not about the sentences. */
internal fun ImportReport.counts(): ImportReport = copy(news = emptyList(), newsFrom = "")

internal fun SyncItem.counts(): SyncItem = if (this is SyncItem.Imported) copy(report = report.counts()) else this

internal fun assertReport(expected: ImportReport, actual: ImportReport, what: String) = assertEquals(expected, actual.counts(), what)

internal fun checkQr(qr: QrCode, text: String, what: String, maxVersion: Int = 40) {
    assertEquals(text, qr.text, "$what: text")
    val v = qr.version.toInt()
    assertTrue(v in 1..maxVersion) { "$what: version $v not in 1..$maxVersion" }
    assertEquals(17u + 4u * qr.version.toUInt(), qr.size, "$what: size for version $v")
    assertEquals((qr.size * qr.size).toInt(), qr.modules.size, "$what: modules.size == size * size")
    assertTrue(qr.modules.all { it == 0.toByte() || it == 1.toByte() }) { "$what: a module is neither 0 nor 1" }
    assertTrue(qr.modules.any { it == 1.toByte() } && qr.modules.any { it == 0.toByte() }) { "$what: modules all one colour" }
    // The three finder patterns: the top-left module of each is dark.
    val n = qr.size.toInt()
    for ((x, y) in listOf(0 to 0, n - 7 to 0, 0 to n - 7)) {
        assertEquals(1.toByte(), qr.modules[y * n + x], "$what: finder pattern at ($x, $y)")
    }
    assertTrue(qr.svg.startsWith("<svg")) { "$what: svg starts with <${qr.svg.take(20)}>" }
    assertTrue(qr.svg.trimEnd().endsWith("</svg>")) { "$what: svg is not closed" }
}

// ---- The pairing flow and the file transport, through the controller ----

internal class Phone(val clock: ManualClock, val c: TandemController)

internal fun phone(name: String): Phone {
    val clock = ManualClock(T0)
    val path = File(tempDir(), "tandem.db").path
    return Phone(clock, TandemController.open(path, InMemoryStorageKeyProvider(), name, clock))
}

internal fun <T> using(vararg phones: Phone, block: () -> T): T = try {
    block()
} finally {
    phones.forEach { runCatching { it.c.close() } }
}

/** [s] must be a shown pairing screen; its model. */
internal fun shown(s: PairingScreen): PairingModel = (s as? PairingScreen.Shown)?.model ?: fail("expected a pairing screen, got $s")

/** [s] must be a shown pairing screen at [stage]; its model (a notice is named otherwise). */
internal fun expectStage(what: String, stage: PairingStage, s: PairingScreen): PairingModel {
    val m = shown(s)
    if (m.stage != stage) fail("$what: expected $stage, got ${m.stage} (notice: ${m.notice?.code})")
    return m
}

/** Pairs through two flows as the Pairing screens do, [a] showing its code; returns the digits. */
internal fun pairFlows(a: Phone, b: Phone): String = pairFlows(a.c.pairingFlow(), b.c.pairingFlow())

/** Pairs through two flows, [fa] showing its code; returns the digits. */
internal fun pairFlows(fa: PairingFlow, fb: PairingFlow, zone: String = BERLIN): String {
    val offer = expectStage("A shows its code", PairingStage.SHOWING_CODE, fa.press(PairingAction.SHOW_MY_CODE, zone))
    fb.press(PairingAction.SCAN_PARTNERS_CODE, zone)
    val answer = expectStage("B scans", PairingStage.SHOWING_ANSWER, fb.scanned(offer.qr!!.text, zone))
    expectStage("A scans", PairingStage.COMPARING, fa.scanned(answer.qr!!.text, zone))
    expectStage("A confirms", PairingStage.PAIRED, fa.press(PairingAction.THEY_MATCH, zone))
    expectStage("B confirms", PairingStage.PAIRED, fb.press(PairingAction.THEY_MATCH, zone))
    return answer.digits!!
}

// ---- Shared-ritual consent, through two paired controllers ----

/** Two paired phones and the folders their sync files travel through. */
internal class Couple(val a: Phone, val b: Phone) {
    private val aToBDir = tempDir()
    private val bToADir = tempDir()
    val ta = FileSyncTransport(outbox = aToBDir, inbox = bToADir)
    val tb = FileSyncTransport(outbox = bToADir, inbox = aToBDir)
    val aId: String = a.c.core.device().deviceId
    val bId: String = b.c.core.device().deviceId

    /** A's changes reach B. */
    fun aToB() = deliver(a, ta, b, tb)

    /** B's changes reach A. */
    fun bToA() = deliver(b, tb, a, ta)

    /** Both ways; afterwards both phones hold exactly the same shared rituals (personal ones never travel). */
    fun sync() {
        aToB()
        bToA()
        assertEquals(a.c.core.rituals().filter { !it.personal }, b.c.core.rituals().filter { !it.personal }, "the same shared rituals on both phones after syncing")
    }

    private fun deliver(from: Phone, out: SyncTransport, to: Phone, into: SyncTransport) {
        from.c.syncOut(out)
        val result = to.c.syncIn(into)
        assertEquals(emptyList<SyncItem.Refused>(), result.refused, "payloads refused")
        assertTrue(result.imported.isNotEmpty()) { "nothing imported" }
    }
}

/** Ana's and Ben's phones, paired and synced once (Ben knows Ana's name). */
internal fun <T> couple(block: (Couple) -> T): T {
    val a = phone(ANA)
    val b = phone(BEN)
    return using(a, b) {
        pairFlows(a, b)
        block(Couple(a, b).also { it.sync() })
    }
}

internal fun Phone.screen(): RitualsScreenModel {
    val s = c.ritualsScreen(NY)
    if (s is Rendered.Shown) return s.model
    fail("expected the Rituals screen, got $s")
}

/**
 * The core's words on the Rituals screen, as the tests expect them. The
 * core decides them (`screens::rituals`, tested in Rust); these check that
 * the bindings carry them whole.
 */
internal object RitualTexts {
    const val WAITING_FOR_YOU = "Waiting for your answer"
    const val WAITING_FOR_PARTNER = "Waiting for your partner"
    const val ANOTHER_TIME = "Another time suggested"
    const val ACTIVE = "Active"
    const val ACTIVE_CHANGE_FOR_YOU = "A change waits for your answer"
    const val ACTIVE_CHANGE_FOR_PARTNER = "Active; your change waits for your partner"
    const val PAUSED = "Paused"
    const val PAUSED_CHANGE_FOR_YOU = "Paused; a change waits for your answer"
    const val PAUSED_CHANGE_FOR_PARTNER = "Paused; your change waits for your partner"
    const val NOT_GOING_AHEAD = "Not going ahead"
    const val RETIRED = "Retired"
    const val PERSONAL = "Just for you"
    const val PERSONAL_PAUSED = "Paused; just for you"
    const val REVIEW_DUE = "Time to look back: keep it, adjust it, or stop?"
    const val EMPTY = "No rituals yet. Suggest one to your partner, or add one just for you."
}

internal typealias RitualAction = RitualActionKind

internal val RitualRowModel.ritualId: String get() = id
internal val RitualRowModel.actions: List<RitualActionKind> get() = buttons.map { it.action }

/** [block] is refused with an [E] naming [mentions], and [p]'s rituals stay as they were. */
internal inline fun <reified E : TandemException> refusedAs(p: Phone, what: String, mentions: String, block: () -> Unit) {
    val before = p.c.core.rituals()
    val e = assertFailsWith<E>(what, block)
    // Each variant's message is "reason=<reason>".
    assertTrue(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    assertEquals(before, p.c.core.rituals(), "$what: rituals after the refusal")
}

/** Typed input the core refuses (InvalidInput). */
internal fun refused(p: Phone, what: String, mentions: String, block: () -> Unit) =
    refusedAs<TandemException.InvalidInput>(p, what, mentions, block)

/** Well-formed but not possible in the ritual's current state (NotAllowedNow). */
internal fun notNow(p: Phone, what: String, mentions: String, block: () -> Unit) =
    refusedAs<TandemException.NotAllowedNow>(p, what, mentions, block)

/** An id naming nothing on this phone (NotFound). */
internal fun notFound(p: Phone, what: String, mentions: String, block: () -> Unit) =
    refusedAs<TandemException.NotFound>(p, what, mentions, block)

/** The core's Today model on this controller, in [zone]; fails the test when it was refused. */
internal fun TandemController.todayModel(zone: String): TodayScreenModel = when (val s = todayScreen(zone)) {
    is Rendered.Shown -> s.model
    is Rendered.Failed -> fail("Today: ${s.message}", s.error)
}

/** What is coming on [p]'s Today (its clock, in New York) as (title, time) pairs. */
internal fun Phone.agenda(): List<Pair<String, String>> = c.todayModel(NY).coming.map { it.title to it.time }

internal val ANSWER_BUTTONS = listOf(RitualAction.ACCEPT, RitualAction.DECLINE, RitualAction.COUNTER)
internal val ACTIVE_BUTTONS = listOf(RitualAction.COUNTER, RitualAction.PAUSE, RitualAction.RETIRE)

internal val CHANGE_BUTTONS_ACTIVE = ANSWER_BUTTONS + listOf(RitualAction.PAUSE, RitualAction.RETIRE)

// ---- Reminders: the coordinator against a fake scheduler, on two paired phones ----

/** Records every call; holds what is armed like AlarmManager would. */
internal class FakeScheduler : ReminderScheduler {
    data class Armed(val alarm: Alarm, val title: String, val body: String)

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
        armed[alarm.id] = Armed(alarm, alarm.title, alarm.body)
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

/** "Evening walk", floating 20:30 for 30 min, three days from 2027-03-01, reminded 30 min before and at the start. */
internal fun walkDraft() = RitualDraft(
    title = "Evening walk",
    prompt = null,
    minutes = 30u,
    timeOfDay = "20:30",
    zone = ZoneMode.Floating,
    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01", count = 3u),
    leadMinutes = listOf(30u, 0u),
)

/** A proposes [d], B accepts, A hears it: active on both. */
internal fun Couple.activeFromA(d: RitualDraft): Ritual {
    val r = a.c.core.proposeRitual(d)
    aToB()
    b.c.core.acceptRitual(r.id)
    bToA()
    val now = a.c.core.rituals().single { it.id == r.id }
    assertEquals(RitualStatus.ACTIVE, now.status, "${d.title} active on A")
    return now
}

/** The kinds of [this] notices, for comparing. */
internal fun List<ReminderNotice>.kinds() = map { it.kind }

/** A's coordinator, its fake scheduler and a settable device zone. */
internal class ReminderRig(k: Couple) {
    val scheduler = FakeScheduler()
    var zone = NY
    val coordinator = ReminderCoordinator(k.a.c, scheduler) { zone }

    fun replan(trigger: ReplanTrigger): ReplanResult.Replanned {
        val r = coordinator.replan(trigger)
        assertTrue(r is ReplanResult.Replanned) { "$trigger: expected Replanned, got $r" }
        return r as ReplanResult.Replanned
    }
}

// ---- Occurrence marks, rhythm, calendar export and recurrence: bare Tandem handles ----

/** Every payload [from] has for [to], imported by [to]. */
internal fun deliver(from: Db, to: Db) {
    val payloads = from.tandem.exportPayloads()
    assertTrue(payloads.isNotEmpty()) { "no payloads to deliver" }
    payloads.forEach { to.tandem.importPayload(it) }
}

/** Ana's and Ben's bare databases, paired and confirmed, at T0. */
internal fun <T> paired(block: (Db, Db) -> T): T {
    val a = newDb(ANA)
    val b = newDb(BEN)
    return using(a, b) {
        pair(a.tandem, b.tandem)
        block(a, b)
    }
}

/** A proposes [d], B accepts, A hears it: active on both. */
internal fun activeFromA(a: Db, b: Db, d: RitualDraft): Ritual {
    val r = a.tandem.proposeRitual(d)
    deliver(a, b)
    b.tandem.acceptRitual(r.id)
    deliver(b, a)
    val now = a.tandem.rituals().single { it.id == r.id }
    assertEquals(RitualStatus.ACTIVE, now.status, "${d.title} active on A")
    assertEquals(now, b.tandem.rituals().single { it.id == r.id }, "${d.title}: the same on B")
    return now
}

/** (date, status, moved, localStart) of each occurrence of [id]. */
internal fun Tandem.marks(id: String, from: Long, to: Long, zone: String = NY) =
    upcoming(from, to, zone).filter { it.ritualId == id }.map { listOf(it.date, it.status, it.moved, it.localStart) }

// ---- Personal rituals, gentle-experiment trials, snooze, rest weeks, weekdays ----

/** Both phones' clocks at [nowMs] (paired phones must agree on the time to sync). */
internal fun Couple.setClocks(nowMs: Long) {
    a.clock.set(nowMs)
    b.clock.set(nowMs)
}

internal fun setClocks(nowMs: Long, vararg dbs: Db) = dbs.forEach { it.clock.set(nowMs) }

/** The row of ritual [id] among [p]'s live rows. */
internal fun Phone.row(id: String): RitualRowModel = screen().rows.single { it.id == id }

internal const val UNKNOWN_ID = "0123456789abcdef01234567"

/** Words a screen about agreements or pauses never uses: nobody is late, nothing failed. */
internal val BLAME = Regex("""\b(late|lateness|missed|miss|failed|fail|failure|violation|violated|violate|broke|broken|overdue|blame)\b""", RegexOption.IGNORE_CASE)

internal fun noBlame(texts: List<String>, what: String) {
    assertTrue(texts.isNotEmpty()) { "$what: no texts to check" }
    texts.forEach { t -> assertTrue(!BLAME.containsMatchIn(t)) { "$what: <$t> uses a blame word" } }
}

internal fun ag(title: String, text: String, coolDown: Int? = null, revisit: String? = null, reviewOn: String? = null) =
    AgreementDraft(title, text, coolDown?.let { PauseProtocol(if (it < 0) UInt.MAX_VALUE else it.toUInt(), true, revisit) }, reviewOn)

internal fun Phone.agreement(id: String): Agreement = c.core.agreements().single { it.id == id }

internal fun Phone.pauseScreen(): PauseScreen.Shown {
    val s = c.pauseScreen(NY)
    if (s is PauseScreen.Shown) return s
    fail("expected the pause screen, got $s")
}

/** [block] is refused with an [E] whose reason mentions [mentions]; [p]'s agreements, pauses and boundaries stay. */
internal inline fun <reified E : TandemException> refusedHere(p: Phone, what: String, mentions: String, block: () -> Unit): E {
    val before = Triple(p.c.core.agreements(), p.c.core.pauses(), p.c.core.boundaries())
    val e = assertFailsWith<E>(what, block)
    assertTrue(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    assertEquals(before, Triple(p.c.core.agreements(), p.c.core.pauses(), p.c.core.boundaries()), "$what: state after the refusal")
    return e
}

internal const val ALL_TIME_FROM = 0L
internal const val ALL_TIME_TO = Long.MAX_VALUE

internal fun InsightsScreen.shown(): app.tandem.ffi.InsightsScreenModel {
    if (this is Rendered.Shown) return model
    fail("expected the Insights screen, got $this")
}

internal const val SHARED_BOUNDARY = "Knock before coming into my study."
internal const val PRIVATE_BOUNDARY = "I keep my diary to myself, always."
internal const val PATTERN_NOTE = "Went quiet after the electricity bill"
internal const val PATTERN_TOPIC = "household money"
internal const val CHECK_IN_NOTE = "Busy week, glad it's Friday"
internal const val RITUAL_TITLE = "Sunday pancakes"

/** What [fill] wrote on a phone, by id. */
internal class Written(val ritual: Ritual, val shared: Boundary, val private: Boundary, val pattern: PatternEntry, val checkIn: LogEntry)

/** A shared ritual, a shared and a private boundary, a private pattern entry and a shared check-in, a minute apart. */
internal fun fill(t: Tandem, clock: ManualClock): Written {
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

/** The core's draft of ritual [id] with a counter form's fields typed over it, suggested as its next version. */
internal fun Tandem.counterRitual(id: String, title: String, prompt: String?, minutes: UInt, time: String, zone: ZoneMode): Ritual =
    counterRitual(id, ritualDraft(id).copy(title = title, prompt = prompt, minutes = minutes, timeOfDay = time, zone = zone))

/** The Insights screen over the last [weeks] (the apps show the core's eight: [TandemController.insightsTab]). */
internal fun TandemController.insightsOver(weeks: UInt, zone: String) = core.insightsScreen(weeks, zone)

/** A change made outside the app's buttons (a test's setup), then the re-plan the app makes after one. */
internal fun <T> TandemSession.change(action: (TandemController) -> T): T = try {
    action(controller ?: fail("Tandem is not open"))
} finally {
    replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
}

/** A check-in recorded directly through its form (a test's setup): the slider's number as it is. */
internal fun TandemController.checkIn(slider: Int, capacity: Capacity = Capacity.SOME, need: Need = Need.NOTHING_RIGHT_NOW, note: String? = null, shared: Boolean = false): LogEntry =
    core.checkInForm(slider.toLong(), capacity, need, note, shared)

/** [form] sent with its [submit]th button as the session sends it (one core call, the outcome carried out on [scheduler]). */
internal fun Phone.submit(form: FormEdit, submit: Int = 0, scheduler: ReminderScheduler = FakeScheduler()): Submitted =
    ReminderCoordinator(c, scheduler) { NY }.carryOut(NY, Submitted::effects) { core, phone -> form.send(core, submit, phone) }
