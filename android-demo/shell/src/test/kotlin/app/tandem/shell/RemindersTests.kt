package app.tandem.shell

import app.tandem.ffi.NoticeKind
import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.QuietHours
import app.tandem.ffi.QuietPolicy
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Reminder
import app.tandem.ffi.ReminderChannel
import app.tandem.ffi.ReminderSettings
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import kotlin.test.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

private val REMINDER_ID = Regex("""[0-9a-f]{20}-[0-9a-f]{8}""")
private fun slot(id: String) = id.substringBefore('-')

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

/**
 * Reminders: planning and re-planning with the fake scheduler, hidden
 * content, quiet hours, marks, every trigger, denied permissions, and the
 * reminder channels.
 */
class RemindersTests : StoreTestBase() {
    @Test
    @DisplayName("reminders: the first plan arms every reminder with its time and text; an unchanged re-plan touches nothing")
    fun `reminders - the first plan arms every reminder with its time and text, an unchanged re-plan touches nothing`() {
        couple { k ->
            val rig = ReminderRig(k)
            assertEquals(emptyList<String>(), rig.replan(ReplanTrigger.APP_START).armed, "nothing to arm before any ritual is active")
            rig.scheduler.take()
            val walk = k.activeFromA(walkDraft())
            val first = rig.replan(ReplanTrigger.AFTER_IMPORT)
            val ids = first.planned.map { it.id }
            assertEquals(WALK_SHAPE_NY, first.planned.shape(), "fire times, local times, leads and bodies")
            assertEquals(first.planned.map { it.fireAtMs }.sorted(), first.planned.map { it.fireAtMs }, "sorted by fireAtMs")
            assertTrue(ids.all { REMINDER_ID.matches(it) }) { "ids not SLOT-REVISION: $ids" }
            assertEquals(6, ids.toSet().size, "distinct ids")
            assertEquals(6, ids.map(::slot).toSet().size, "distinct slots")
            first.planned.forEach { r ->
                assertEquals(walk.id, r.sourceId, "sourceId")
                assertEquals("Evening walk", r.title, "title")
                assertEquals(NY, r.zone, "zone")
                assertEquals(true, r.hideContent, "hideContent: quiet by default on a new install")
                assertEquals("Tandem", r.privateTitle, "privateTitle")
                assertEquals("A moment for the two of you", r.privateBody, "privateBody")
                assertEquals(r.fireAtMs + r.leadMinutes.toLong() * MINUTE, r.occurrenceStartMs, "occurrenceStartMs")
            }
            assertEquals(ids, first.armed, "armed: all, in fire order")
            assertEquals(emptyList<String>(), first.cancelled, "cancelled")
            assertEquals(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "scheduler calls")
            assertEquals(List(6) { "Tandem" to "A moment for the two of you" }, rig.scheduler.armed.values.map { it.title to it.body }, "armed with the private text by default")
            assertEquals(first.planned.map { it.fireAtMs to it.localTime }, rig.scheduler.alarms.values.map { it.fireAtMs to it.localTime }, "armed at the planned times")
            assertTrue(rig.scheduler.armed.values.none { "Evening walk" in it.title || "Evening walk" in it.body || "20:30" in it.body }) { "the ritual shows by default" }
            assertEquals(
                List(6) { listOf<Any>("Tandem", "A moment for the two of you", "Rituals", true) },
                rig.scheduler.alarms.values.map { listOf(it.publicTitle, it.publicBody, it.channelTitle, it.exact) },
                "every alarm private on the lock screen, its public version the private wording",
            )

            val again = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(first.planned, again.planned, "an unchanged state plans the same reminders")
            assertEquals(emptyList<String>(), again.armed, "re-plan arms")
            assertEquals(emptyList<String>(), again.cancelled, "re-plan cancels")
            assertEquals(listOf("pending"), rig.scheduler.take(), "re-plan only reads the pending ids")
            // The partner, in the same zone, plans the very same ids.
            assertEquals(ids, k.b.c.core.planReminders(NY, 60u).map { it.id }, "B's plan in New York")
        }
    }

    @Test
    @DisplayName("reminders: the partner accepts a new ritual: only its reminders are armed; pausing cancels exactly that ritual's")
    fun `reminders - the partner accepts a new ritual - only its reminders are armed, pausing cancels exactly that ritual's`() {
        couple { k ->
            val rig = ReminderRig(k)
            // The person chose to show what each reminder is about.
            k.a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            val walk = k.activeFromA(walkDraft())
            val walkIds = rig.replan(ReplanTrigger.APP_START).armed
            rig.scheduler.take()

            val tea = k.a.c.core.proposeRitual(
                RitualDraft(
                    title = "Morning tea", prompt = null, minutes = 15u, timeOfDay = "07:30", zone = ZoneMode.Fixed(BERLIN),
                    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-02", count = 2u),
                ),
            )
            val waiting = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(emptyList<String>(), waiting.armed + waiting.cancelled, "a proposal has no reminders")
            k.aToB()
            k.b.c.core.acceptRitual(tea.id)
            k.bToA()
            val afterImport = rig.replan(ReplanTrigger.AFTER_IMPORT)
            val teaReminders = afterImport.planned.filter { it.sourceId == tea.id }
            assertEquals(
                listOf(
                    listOf(ms("2027-03-02T06:30:00Z"), "2027-03-02 01:30", 0u, "Now, 01:30"),
                    listOf(ms("2027-03-03T06:30:00Z"), "2027-03-03 01:30", 0u, "Now, 01:30"),
                ),
                teaReminders.shape(), "tea's reminders on A's New York clock",
            )
            assertEquals(teaReminders.map { it.id }, afterImport.armed, "only tea's reminders are armed")
            assertEquals(emptyList<String>(), afterImport.cancelled, "nothing cancelled")
            assertEquals(walkIds, afterImport.planned.filter { it.sourceId == walk.id }.map { it.id }, "walk's ids unchanged")
            assertEquals(8, rig.scheduler.armed.size, "armed in all")
            assertEquals(listOf("Morning tea", "Morning tea"), teaReminders.map { rig.scheduler.armed.getValue(it.id).title }, "tea armed with its title")
            assertEquals(
                listOf("Tandem" to "A moment for the two of you", "Tandem" to "A moment for the two of you"),
                teaReminders.map { rig.scheduler.alarms.getValue(it.id).let { a -> a.publicTitle to a.publicBody } },
                "shown content, yet the lock screen's public version stays private",
            )
            rig.scheduler.take()

            k.a.c.core.pauseRitual(walk.id)
            val paused = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(walkIds.sorted(), paused.cancelled.sorted(), "pausing cancels exactly walk's reminders")
            assertEquals(emptyList<String>(), paused.armed, "pausing arms nothing")
            assertEquals(listOf("pending", "cancel ${paused.cancelled}"), rig.scheduler.take(), "one cancel call")
            assertEquals(teaReminders.map { it.id }, rig.scheduler.armed.keys.toList(), "tea's stay armed")

            k.a.c.core.resumeRitual(walk.id)
            val resumed = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(walkIds, resumed.armed, "resuming re-arms the same ids")
        }
    }

    @Test
    @DisplayName("reminders: hiding content replaces every id with one of the same slot, showing the private text")
    fun `reminders - hiding content replaces every id with one of the same slot, showing the private text`() {
        couple { k ->
            val rig = ReminderRig(k)
            assertEquals(ReminderSettings(quiet = null, hideContent = true), k.a.c.core.reminderSettings(), "default settings: quiet")
            k.a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            k.b.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            k.activeFromA(walkDraft())
            val plain = rig.replan(ReplanTrigger.APP_START).planned
            assertTrue(plain.none { it.hideContent }) { "shown after opting in: $plain" }
            assertEquals(List(6) { "Evening walk" }, rig.scheduler.armed.values.map { it.title }, "armed with the ritual's title once shown")
            rig.scheduler.take()
            k.a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = true))
            assertEquals(ReminderSettings(quiet = null, hideContent = true), k.a.c.core.reminderSettings(), "settings round-trip")
            val hidden = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(plain.map { it.id }.sorted(), hidden.cancelled.sorted(), "every plain id cancelled")
            assertEquals(hidden.planned.map { it.id }, hidden.armed, "every hidden id armed")
            assertTrue(hidden.armed.none { it in plain.map(Reminder::id) }) { "an id survived hiding" }
            assertEquals(plain.map { slot(it.id) }, hidden.armed.map(::slot), "the same slots")
            assertEquals(plain.shape(), hidden.planned.shape(), "the same times and bodies")
            assertTrue(hidden.planned.all { it.hideContent && it.title == "Evening walk" }) { "hidden reminders: ${hidden.planned}" }
            assertEquals(List(6) { "Tandem" to "A moment for the two of you" }, rig.scheduler.armed.values.map { it.title to it.body }, "armed with the private text")
            val calls = rig.scheduler.take()
            assertEquals("cancel ${hidden.cancelled}", calls[1], "cancel before arming")
            // The partner's phone is not affected: settings are device-only.
            assertEquals(false, k.b.c.core.reminderSettings().hideContent, "B's setting")

            k.a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            assertEquals(plain.map { it.id }, rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).armed, "showing again restores the first ids")
        }
    }

    @Test
    @DisplayName("reminders: quiet hours move a reminder to their end (id in the same slot) or drop it when that end is past the start")
    fun `reminders - quiet hours move a reminder to their end (id in the same slot) or drop it when that end is past the start`() {
        couple { k ->
            val rig = ReminderRig(k)
            k.a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            k.activeFromA(walkDraft())
            val plain = rig.replan(ReplanTrigger.APP_START).planned
            k.a.c.core.setReminderSettings(ReminderSettings(QuietHours("19:50", "20:10", QuietPolicy.MOVE_TO_END), false))
            val moved = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            val leadIds = plain.filter { it.leadMinutes == 30u }.map { it.id }
            assertEquals(leadIds.sorted(), moved.cancelled.sorted(), "the three 20:00 reminders cancelled")
            assertEquals(leadIds.map(::slot), moved.armed.map(::slot), "re-armed in the same slots")
            assertEquals(
                listOf(
                    listOf(ms("2027-03-02T01:10:00Z"), "2027-03-01 20:10", 30u, "In 20 min, at 20:30"),
                    listOf(ms("2027-03-03T01:10:00Z"), "2027-03-02 20:10", 30u, "In 20 min, at 20:30"),
                    listOf(ms("2027-03-04T01:10:00Z"), "2027-03-03 20:10", 30u, "In 20 min, at 20:30"),
                ),
                moved.planned.filter { it.id in moved.armed }.shape(), "moved to 20:10, the body says the time left",
            )
            k.a.c.core.setReminderSettings(ReminderSettings(QuietHours("20:25", "20:35", QuietPolicy.MOVE_TO_END), false))
            val dropped = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(WALK_SHAPE_NY.filter { it[2] == 30u }, dropped.planned.shape(), "20:30 reminders dropped (20:35 is past the start)")
            assertEquals(leadIds, dropped.planned.map { it.id }, "the 20:00 reminders are back with their first ids")
            k.a.c.core.setReminderSettings(ReminderSettings(QuietHours("20:25", "20:35", QuietPolicy.DROP), false))
            assertEquals(leadIds, rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).planned.map { it.id }, "DROP drops the 20:30 ones too")
            assertEquals(leadIds, rig.scheduler.armed.keys.toList(), "armed")
        }
    }

    @Test
    @DisplayName("reminders: done and skipped occurrences lose their reminders; a moved one is re-armed at its new time")
    fun `reminders - done and skipped occurrences lose their reminders, a moved one is re-armed at its new time`() {
        couple { k ->
            val rig = ReminderRig(k)
            val walk = k.activeFromA(walkDraft())
            val plan = rig.replan(ReplanTrigger.APP_START).planned
            val byDate = k.a.c.core.upcoming(T0, T0 + 4 * DAY, NY).filter { it.ritualId == walk.id }
            assertEquals(listOf("2027-03-01", "2027-03-02", "2027-03-03"), byDate.map { it.date }, "occurrence dates")
            fun idsOf(startMs: Long) = plan.filter { it.occurrenceStartMs == startMs }.map { it.id }

            k.a.c.core.markDone(walk.id, "2027-03-01", "lovely", null)
            val done = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(idsOf(byDate[0].startMs).sorted(), done.cancelled.sorted(), "done: its two reminders cancelled")
            assertEquals(emptyList<String>(), done.armed, "done: nothing armed")
            assertEquals(OccurrenceStatus.DONE, k.a.c.core.upcoming(T0, T0 + 4 * DAY, NY).first { it.date == "2027-03-01" }.status, "status")

            k.a.c.core.skipOccurrence(walk.id, "2027-03-02")
            val skipped = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(idsOf(byDate[1].startMs).sorted(), skipped.cancelled.sorted(), "skipped: its two reminders cancelled")
            assertEquals(emptyList<String>(), skipped.armed, "skipped: nothing armed")

            val to = ms("2027-03-04T02:00:00Z") // 21:00 in New York
            k.a.c.core.moveOccurrence(walk.id, "2027-03-03", to)
            val moved = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(idsOf(byDate[2].startMs).sorted(), moved.cancelled.sorted(), "moved: the old reminders cancelled")
            assertEquals(
                listOf(
                    listOf(ms("2027-03-04T01:30:00Z"), "2027-03-03 20:30", 30u, "In 30 min, at 21:00"),
                    listOf(to, "2027-03-03 21:00", 0u, "Now, 21:00"),
                ),
                moved.planned.shape(), "moved: reminded at the new time",
            )
            assertEquals(moved.planned.map { it.id }, moved.armed, "moved: the new ones armed")
            val occ = k.a.c.core.upcoming(T0, T0 + 4 * DAY, NY).first { it.date == "2027-03-03" }
            assertEquals(true to to, occ.moved to occ.startMs, "the occurrence shows the move")

            // Marks sync: B's plan agrees.
            k.aToB()
            assertEquals(moved.planned.map { it.id }, k.b.c.core.planReminders(NY, 60u).map { it.id }, "B's plan after the marks sync")
        }
    }

    @Test
    @DisplayName("reminders: every trigger re-plans; a time or zone change re-arms; a failed plan leaves the scheduler untouched")
    fun `reminders - every trigger re-plans, a time or zone change re-arms, a failed plan leaves the scheduler untouched`() {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            val ids = rig.replan(ReplanTrigger.APP_START).armed
            assertEquals(6, ids.size, "armed at start")
            for (t in ReplanTrigger.values()) {
                rig.scheduler.armed.clear() // alarms lost (reboot, permission revoked, process killed)
                rig.scheduler.take()
                val r = rig.replan(t)
                assertEquals(t, r.trigger, "$t: trigger")
                assertEquals(ids, r.armed, "$t: everything re-armed")
                assertEquals(ids, rig.scheduler.armed.keys.toList(), "$t: armed")
            }

            // Time: the first evening has passed.
            k.a.clock.set(ms("2027-03-02T02:00:00Z"))
            val later = rig.replan(ReplanTrigger.TIME_CHANGED)
            assertEquals(ids.take(2).sorted(), later.cancelled.sorted(), "past reminders cancelled")
            assertEquals(emptyList<String>(), later.armed, "nothing new")
            assertEquals(WALK_SHAPE_NY.drop(2), later.planned.shape(), "the rest")

            // Zone: the phone lands in Berlin; the floating walk follows it.
            rig.zone = BERLIN
            val berlin = rig.replan(ReplanTrigger.ZONE_CHANGED)
            assertEquals(ids.drop(2).sorted(), berlin.cancelled.sorted(), "New York reminders cancelled")
            assertEquals(
                listOf(
                    listOf(ms("2027-03-02T19:00:00Z"), "2027-03-02 20:00", 30u, "In 30 min, at 20:30"),
                    listOf(ms("2027-03-02T19:30:00Z"), "2027-03-02 20:30", 0u, "Now, 20:30"),
                    listOf(ms("2027-03-03T19:00:00Z"), "2027-03-03 20:00", 30u, "In 30 min, at 20:30"),
                    listOf(ms("2027-03-03T19:30:00Z"), "2027-03-03 20:30", 0u, "Now, 20:30"),
                ),
                berlin.planned.shape(), "20:30 in Berlin",
            )
            assertTrue(berlin.planned.all { it.zone == BERLIN }) { "zone of the Berlin plan" }
            assertEquals(berlin.planned.map { it.id }, berlin.armed, "Berlin reminders armed")

            // A plan the core refuses: nothing is armed or cancelled.
            rig.scheduler.take()
            val before = rig.scheduler.armed.toMap()
            rig.zone = "Mars/Olympus_Mons"
            val failed = rig.coordinator.replan(ReplanTrigger.ZONE_CHANGED)
            assertTrue(failed is ReplanResult.Failed) { "expected Failed, got $failed" }
            assertEquals(ReplanTrigger.ZONE_CHANGED, failed.trigger, "failed trigger")
            assertEquals(listOf("pending"), rig.scheduler.take(), "only the armed ids read: nothing armed or cancelled")
            assertEquals(before, rig.scheduler.armed.toMap(), "armed unchanged")
            assertTrue((failed as ReplanResult.Failed).message.isNotBlank()) { "a message for a person" }
            rig.zone = BERLIN
            k.a.c.close()
            val closed = rig.coordinator.replan(ReplanTrigger.APP_START)
            assertTrue(closed is ReplanResult.Failed && closed.error is TandemException.Closed) { "after close: $closed" }
            assertEquals(listOf("pending"), rig.scheduler.take(), "nothing armed or cancelled after close")
            assertEquals(before, rig.scheduler.armed.toMap(), "armed unchanged after close")
        }
    }

    @Test
    @DisplayName("language: a German phone arms its reminders in German, channel names too; changing the language re-arms them")
    fun `language - a German phone arms its reminders in German, channel names too, changing the language re-arms them`() {
        couple { k ->
            val rig = ReminderRig(k)
            k.a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            k.activeFromA(walkDraft())
            val english = rig.replan(ReplanTrigger.APP_START)
            assertEquals(listOf("In 30 min, at 20:30", "Now, 20:30"), english.planned.take(2).map { it.body }, "English")
            k.a.c.setLanguage("de-DE")
            val german = rig.replan(ReplanTrigger.LANGUAGE_CHANGED)
            assertEquals(english.armed.sorted(), german.cancelled.sorted(), "every English reminder cancelled")
            assertEquals(english.armed.map(::slot), german.armed.map(::slot), "re-armed in the same slots")
            val first = rig.scheduler.alarms.getValue(german.armed.first())
            assertEquals(
                listOf("Evening walk", "In 30 Min., um 20:30", "Rituale", "Tandem", "Ein Moment für euch beide"),
                listOf(first.title, first.body, first.channelTitle, first.publicTitle, first.publicBody),
                "the German alarm",
            )
        }
    }

    @Test
    @DisplayName("triggers: an unchanged re-plan arms and cancels nothing for AFTER_IMPORT, AFTER_LOCAL_CHANGE, TIME_CHANGED, ZONE_CHANGED; APP_START, BOOT, PERMISSION_CHANGED re-arm every planned id")
    fun `triggers - an unchanged re-plan arms and cancels nothing for AFTER_IMPORT, AFTER_LOCAL_CHANGE, TIME_CHANGED, ZONE_CHANGED, APP_START, BOOT, PERMISSION_CHANGED re-arm every planned id`() {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            val ids = rig.replan(ReplanTrigger.APP_START).armed
            assertEquals(6, ids.size, "armed at start")
            rig.scheduler.take()
            assertEquals(
                listOf(ReplanTrigger.APP_START, ReplanTrigger.BOOT, ReplanTrigger.PERMISSION_CHANGED),
                ReplanTrigger.values().filter { rig.replan(it).armed.isNotEmpty() }, "the re-arming triggers (the core's rule)",
            )
            rig.scheduler.take()
            for (t in ReplanTrigger.values()) {
                val r = rig.replan(t)
                assertEquals(emptyList<String>(), r.cancelled, "$t: cancelled")
                if (t in listOf(ReplanTrigger.APP_START, ReplanTrigger.BOOT, ReplanTrigger.PERMISSION_CHANGED)) {
                    assertEquals(ids, r.armed, "$t: every id armed again")
                    assertEquals(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "$t: scheduler calls")
                } else {
                    assertEquals(emptyList<String>(), r.armed, "$t: armed")
                    assertEquals(listOf("pending"), rig.scheduler.take(), "$t: only the pending ids are read")
                }
                assertEquals(ids, rig.scheduler.armed.keys.toList(), "$t: armed set")
                assertEquals(emptyList<ReminderNotice>(), r.notices, "$t: no notice when everything is allowed")
            }
        }
    }

    @Test
    @DisplayName("triggers: BOOT re-arms everything, from an empty armed set and from a stale record alike")
    fun `triggers - BOOT re-arms everything, from an empty armed set and from a stale record alike`() {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            val ids = rig.replan(ReplanTrigger.APP_START).armed
            // The OS dropped the alarms at shutdown and the record went with them.
            rig.scheduler.armed.clear()
            rig.scheduler.alarms.clear()
            rig.scheduler.take()
            val boot = rig.replan(ReplanTrigger.BOOT)
            assertEquals(ids, boot.armed, "armed after boot")
            assertEquals(emptyList<String>(), boot.cancelled, "nothing to cancel")
            assertEquals(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "scheduler calls from an empty set")
            assertEquals(ids, rig.scheduler.armed.keys.toList(), "armed")
            assertTrue(rig.scheduler.alarms.values.all { it.exact }) { "exact at each fire time" }
            // The record still lists the ids, but the platform dropped them: BOOT arms them anyway.
            val again = rig.replan(ReplanTrigger.BOOT)
            assertEquals(ids, again.armed, "a stale record does not stop BOOT")
            assertEquals(listOf("pending") + ids.map { "arm $it" }, rig.scheduler.take(), "scheduler calls with a stale record")
            // After boot, an unchanged local change touches nothing.
            assertEquals(emptyList<String>(), rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).armed, "nothing after boot")
        }
    }

    @Test
    @DisplayName("triggers: ZONE_CHANGED moves a floating ritual's reminders (old ids cancelled, new ids armed) and keeps a fixed-zone ritual's instants and slots")
    fun `triggers - ZONE_CHANGED moves a floating ritual's reminders (old ids cancelled, new ids armed) and keeps a fixed-zone ritual's instants and slots`() {
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
            assertEquals(6 to 2, walkNy.size to teaIds.size, "walk and tea reminders")
            rig.scheduler.take()

            rig.zone = BERLIN
            val moved = rig.replan(ReplanTrigger.ZONE_CHANGED)
            val walkBerlin = moved.planned.filter { it.sourceId == walk.id }
            val teaBerlin = moved.planned.filter { it.sourceId == tea.id }
            // Tea keeps its instants and slots; its body shows the device's clock ("Now, 07:30", not "01:30"), so its ids' revision changes.
            assertEquals((walkNy + teaIds).sorted(), moved.cancelled.sorted(), "the walk's New York ids and tea's New York-worded ids cancelled")
            assertEquals(moved.planned.map { it.id }, moved.armed, "the Berlin ids armed")
            assertTrue(moved.armed.none { it in walkNy }) { "an old id re-armed" }
            assertEquals(ny.planned.filter { it.sourceId == tea.id }.map { it.fireAtMs }, teaBerlin.map { it.fireAtMs }, "tea's instants unchanged")
            assertEquals(teaIds.map(::slot), teaBerlin.map { slot(it.id) }, "tea's slots unchanged")
            assertEquals(listOf("Now, 07:30", "Now, 07:30"), teaBerlin.map { it.body }, "tea's body on the Berlin clock")
            assertTrue(walkBerlin.zip(ny.planned.filter { it.sourceId == walk.id }).all { (b, n) -> b.fireAtMs < n.fireAtMs }) { "the walk moved to Berlin's earlier instants" }
            assertEquals(listOf("pending", "cancel ${moved.cancelled}") + moved.armed.map { "arm $it" }, rig.scheduler.take(), "scheduler calls")
            assertEquals(ms("2027-03-01T19:00:00Z"), walkBerlin.first().fireAtMs, "20:00 in Berlin on the first day, still ahead")
            assertEquals(moved.planned.map { it.id }.toSet(), rig.scheduler.armed.keys, "armed = planned")

            // TIME_CHANGED: the clock jumps past the first Berlin evening.
            k.a.clock.set(ms("2027-03-02T20:00:00Z"))
            val jumped = rig.replan(ReplanTrigger.TIME_CHANGED)
            val passed = moved.planned.filter { it.fireAtMs <= ms("2027-03-02T20:00:00Z") }.map { it.id }
            assertEquals(passed.sorted(), jumped.cancelled.sorted(), "passed reminders cancelled")
            assertEquals(emptyList<String>(), jumped.armed, "nothing new armed")
            assertEquals(listOf("pending", "cancel ${jumped.cancelled}"), rig.scheduler.take(), "scheduler calls")
        }
    }

    @Test
    @DisplayName("permissions: exact alarms denied arms every reminder in a 10-minute window from its time, with a notice; granting re-arms them exact")
    fun `permissions - exact alarms denied arms every reminder in a 10-minute window from its time, with a notice, granting re-arms them exact`() {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            rig.scheduler.access = ReminderAccess(notifications = true, exactAlarms = false)
            val windowed = rig.replan(ReplanTrigger.APP_START)
            assertEquals(6, windowed.armed.size, "every reminder still armed")
            assertEquals(false, windowed.exact, "fallback reported")
            assertEquals(listOf(NoticeKind.EXACT_ALARMS_OFF), windowed.notices.kinds(), "the notice")
            assertTrue(windowed.notices.single().opensExactAlarmSettings) { "the notice opens the setting" }
            assertEquals(
                windowed.planned.map { it.fireAtMs to 10 * MINUTE },
                windowed.planned.map { rig.scheduler.alarms.getValue(it.id).let { a -> a.fireAtMs to a.windowMs } }, "windows start at the fire time",
            )
            assertEquals(windowed.planned.map { ReminderChannel.RITUALS to "rituals" }, rig.scheduler.alarms.values.map { it.channel to it.channelKey }, "channels")
            rig.scheduler.take()

            rig.scheduler.access = ReminderAccess.ALL
            val exact = rig.replan(ReplanTrigger.PERMISSION_CHANGED)
            assertEquals(windowed.planned, exact.planned, "the same plan")
            assertEquals(windowed.armed, exact.armed, "every id re-armed")
            assertEquals(emptyList<String>() to emptyList<ReminderNotice>(), exact.cancelled to exact.notices, "nothing cancelled, no notice")
            assertEquals(listOf("pending") + exact.armed.map { "arm $it" }, rig.scheduler.take(), "scheduler calls")
            assertTrue(rig.scheduler.alarms.values.all { it.exact }) { "exact now" }

            // Revoked while the app runs, noticed on the next local change: re-armed windowed.
            rig.scheduler.access = ReminderAccess(notifications = true, exactAlarms = false)
            val revoked = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(exact.armed, revoked.armed, "re-armed after the change of access")
            assertTrue(rig.scheduler.alarms.values.all { !it.exact }) { "windowed again" }
            assertEquals(emptyList<String>(), rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).armed, "then unchanged")
        }
    }

    @Test
    @DisplayName("permissions: notifications denied still arms every reminder (shown once allowed) and says why; both denied gives both notices")
    fun `permissions - notifications denied still arms every reminder (shown once allowed) and says why, both denied gives both notices`() {
        couple { k ->
            val rig = ReminderRig(k)
            k.activeFromA(walkDraft())
            rig.scheduler.access = ReminderAccess(notifications = false, exactAlarms = true)
            val off = rig.replan(ReplanTrigger.APP_START)
            assertEquals(6, off.armed.size, "armed all the same")
            assertEquals(listOf(NoticeKind.NOTIFICATIONS_OFF), off.notices.kinds(), "the notice")
            assertEquals(1, k.a.c.core.rituals().size, "the ritual is kept")
            rig.scheduler.access = ReminderAccess(notifications = false, exactAlarms = false)
            val both = rig.replan(ReplanTrigger.PERMISSION_CHANGED)
            assertEquals(listOf(NoticeKind.NOTIFICATIONS_OFF, NoticeKind.EXACT_ALARMS_OFF), both.notices.kinds(), "both notices")
            for (n in both.notices) {
                assertTrue(n.text.contains("settings")) { "the notice says where to fix it: $n" }
                noBlame(listOf(n.text), "notice")
            }
        }
    }
}
