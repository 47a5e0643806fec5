# Tandem's words, English. Every id here is in de.ftl, with the same variables.

## Lists, days and dates

list-and = { $first } and { $last }
day-range = { $from } to { $to }
day-mon = Mon
day-tue = Tue
day-wed = Wed
day-thu = Thu
day-fri = Fri
day-sat = Sat
day-sun = Sun
day-long-mon = Monday
day-long-tue = Tuesday
day-long-wed = Wednesday
day-long-thu = Thursday
day-long-fri = Friday
day-long-sat = Saturday
day-long-sun = Sunday
days-mon = Mondays
days-tue = Tuesdays
days-wed = Wednesdays
days-thu = Thursdays
days-fri = Fridays
days-sat = Saturdays
days-sun = Sundays
month-jan = Jan
month-feb = Feb
month-mar = Mar
month-apr = Apr
month-may = May
month-jun = Jun
month-jul = Jul
month-aug = Aug
month-sep = Sep
month-oct = Oct
month-nov = Nov
month-dec = Dec
date-short = { $weekday } { $day } { $month }
date-short-year = { $weekday } { $day } { $month } { $year }
heading-today = Today
heading-yesterday = Yesterday
heading-tomorrow = Tomorrow
ordinal = { $n ->
        [1] 1st
        [2] 2nd
        [3] 3rd
        [21] 21st
        [22] 22nd
        [23] 23rd
        [31] 31st
       *[other] { $n }th
    }

## A ritual version in words

quoted = “{ $text }”
field-title = title
field-prompt = prompt
field-text = text
field-minutes = duration
field-time = time
field-window = window
field-zone = time zone
field-repeat = repeats
field-start = from
field-end = ends
field-reminders = reminders
field-trial = trial
field-pause-protocol = pause protocol
field-cool-down = cool-down
field-who-may-call = who may call a pause
field-revisit = coming back
field-review-on = review
field-line = { $field }: { $value }
field-change = { $field }: { $after } instead of { $before }
describe-none = none
describe-minutes = { $minutes } min
describe-window = until { $time }
describe-zone-floating = floating (each phone's own zone)
describe-trial = until { $date }, then a review
describe-trial-none = none (for good)
describe-unknown-time = an unknown time
repeat-daily = every day
repeat-every-one-day = every day (every 1 day)
repeat-every-n-days = every { $n } days
repeat-weekly = weekly on { $days }
repeat-monthly-day = monthly on the { $ordinal }
repeat-monthly-last = monthly on the last { $weekday }
repeat-monthly-nth = monthly on the { $ordinal } { $weekday }
end-never = never
end-after-date = after { $date }
end-after-count = { $count ->
        [one] after 1 time
       *[other] after { $count } times
    }
reminder-at-start = at the start
reminder-before = { $minutes } min before

## The rituals screen

ritual-action-accept = Accept
ritual-action-decline = Decline
ritual-action-counter = Suggest another time
ritual-action-change = Change
ritual-action-pause = Pause
ritual-action-resume = Resume
ritual-action-retire = Retire
ritual-status-your-answer = Waiting for your answer
ritual-status-another-time = Another time suggested
ritual-status-partner-answer = Waiting for your partner
ritual-status-change-your-answer = A change waits for your answer
ritual-status-active-your-change = Active; your change waits for your partner
ritual-status-active = Active
ritual-status-paused-your-answer = Paused; a change waits for your answer
ritual-status-paused-your-change = Paused; your change waits for your partner
ritual-status-paused = Paused
ritual-status-not-going-ahead = Not going ahead
ritual-status-retired = Retired
ritual-status-personal-paused = Paused; just for you
ritual-status-personal = Just for you
ritual-review-due = Time to look back: keep it, adjust it, or stop?
rituals-empty = No rituals yet. Suggest one to your partner, or add one just for you.
rituals-ended-newest-only = Only the { $count } that ended most recently are shown here.
rituals-show-all = Show all past rituals
ritual-suggested = Suggested: { $changes }
ritual-suggested-new-version = A new version is suggested
ritual-zone-note = { $zone } time
ritual-trial-note = Trying it until { $date }

## What an action says once it is done
done-words-shared = Your partner will read your words after the next sync.
done-words-kept = Your words stay on this phone.
snoozed-until = Reminder snoozed until { $time }.

## What pause, extension and snooze buttons offer

offer-minutes = { $minutes } min
offer-hours = { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    }
offer-as-agreed = { $length } (as agreed)
offer-extend = { $minutes } more minutes
offer-snooze = In { $length }

## The notebook

partner-unnamed = Your partner
partner-object = your partner
temperature-calm = calm
temperature-settled = settled
temperature-stirred = stirred
temperature-heated = heated
temperature-flooded = flooded
capacity-low = low capacity
capacity-some = some capacity
capacity-plenty = plenty of capacity
need-space = needing space
need-closeness = needing closeness
need-reassurance = needing reassurance
need-practical-help = needing practical help
need-nothing = needing nothing right now
repair-checked-in = checked in after a tense moment
repair-apologised = apologised
repair-touch = a touch
repair-joke = a joke
repair-came-back = came back from a pause
repair-other = another repair
situation-space = asking for space
situation-closeness = inviting closeness
situation-reflecting = reflecting back
situation-owning = owning my part
situation-returning = returning after a pause
notebook-checked-in = { $person ->
        [you] You
       *[other] { $who }
    } checked in: { $temperature }, { $capacity }, { $need }
notebook-appreciation = { $person ->
        [you] You appreciated { $partner }
       *[other] { $who } appreciated you
    }
notebook-repair = { $person ->
        [you] You
       *[other] { $who }
    } noted a repair: { $act }{ $received ->
        [yes] , and it seemed received
        [no] , and it did not seem received yet
       *[none] { "" }
    }
notebook-phrase = { $person ->
        [you] You
       *[other] { $who }
    } added a phrase for { $situation }
notebook-ritual-words = { $person ->
        [you] You
       *[other] { $who }
    } on { $title }
notebook-ritual-feeling = { $person ->
        [you] You
       *[other] { $who }
    } on { $title }, feeling { $feeling }
notebook-empty = Nothing written in the last { $weeks ->
        [one] week
       *[other] { $weeks } weeks
    }. Check-ins, appreciations, repairs and notes on rituals appear here.

## Refusals, by their stable code ("ritual.changed" is refusal-ritual-changed)

refusal-export-passphrase-short = Choose a passphrase of at least 16 characters or at least 4 words. You will need it to open the file again.
refusal-restore-unusable = This file can't be restored, so nothing was changed. It may need its passphrase, be damaged or not a Tandem export, or come from a newer Tandem (then update the app).
refusal-restore-not-empty = A file can be restored only into a new, empty Tandem, so nothing was changed. Restore it on a fresh install.
refusal-ritual-changed = This ritual has changed since the screen was shown, so nothing was done. Here is how it stands now.
refusal-ritual-gone = This ritual isn't on this phone any more, so nothing was done. Here is the list as it stands now.
refusal-agreement-input = Some of what you entered can't be used. Check the title (up to 80 characters), the text (up to 2000), a cool-down of 20 minutes to a day, and a review date after today, then try again.
refusal-agreement-changed = This agreement has changed since the screen was shown, or your suggestion is already there, so nothing was done. Here is how it stands now.
refusal-agreement-gone = This agreement isn't on this phone any more, so nothing was done. Here is the list as it stands now.
refusal-pause-input = A pause lasts 20 minutes to 24 hours in all, and its note up to 140 characters. Pick a time in that range.
refusal-pause-not-now = That can't be done with this pause right now. The one who takes a pause ends it, and can add time once. Here is how it stands now.
refusal-pause-gone = This pause isn't on this phone any more, so nothing was done.
refusal-boundary-input = A boundary is 1 to 500 characters. Check the text, then try again.
refusal-boundary-not-now = Nothing was changed: a boundary is changed only by the one who wrote it, and this one may already read that way. Here it is as it stands now.
refusal-boundary-gone = This boundary isn't on this phone any more, so nothing was done.
refusal-input = Some of what you entered can't be used. Check the title, length, time and time zone, then try again.
refusal-not-now = That can't be done right now. Things may have changed on your partner's phone; here is how they stand now.
refusal-gone = That isn't on this phone any more, so nothing was done. Here is the list as it stands now.
refusal-wrong-passphrase = That passphrase doesn't open this file, so nothing was restored. Check it and try again; if the file was changed since it was saved, make a new export.
refusal-wrong-key = Tandem can't unlock its data on this device. If you reinstalled the app or restored a backup, the key may be gone.
refusal-not-tandem-data = The data file isn't one of Tandem's. Nothing was changed.
refusal-data-too-new = Your data was saved by a newer version of Tandem. Update the app to open it.
refusal-pairing-failed = That code can't be used to pair. Start pairing again on both phones and scan the code on your partner's screen.
refusal-pairing-outdated = Your partner's phone has an older Tandem. Update the app on both phones, then start pairing again.
refusal-pairing-expired = The pairing code expired. Start pairing again and scan the new code within two minutes.
refusal-pairing-already = This phone is already paired. Unpair it first to pair with someone else.
refusal-pairing-not-yet = This phone isn't paired with your partner yet. Pair, and confirm the check code, before syncing.
refusal-sync-rejected = This update from your partner couldn't be used, so nothing was changed. Ask your partner to send a new one.
refusal-sync-too-old = This update was older than your phone's current keys, so it was skipped; nothing was lost — sync again to get the latest.
refusal-sync-clock = Your partner's phone and this one disagree about the time. Check that both phones set the time automatically, then sync again.
refusal-storage = Tandem couldn't read or save its data. Check that the device has free space, then try again.
refusal-damaged = Some of Tandem's data on this phone is damaged, so it wasn't used. Restore a backup, or pair again to get the shared data back from your partner's phone.
refusal-closed = Tandem was closed. Open it again to continue.

## Clock times read from now

clock-tomorrow = tomorrow { $time }
clock-on-day = { $date } { $time }

## What changed on the partner's phone (news after a sync)

news-times = { $count ->
        [2] { $sentence } (twice)
       *[other] { $sentence } ({ $count } times)
    }
news-more = and { $count ->
        [1] 1 more change
       *[other] { $count } more changes
    } from { $who }
news-today = today
news-tomorrow = tomorrow
news-yesterday = yesterday
news-on-day = on { $date }
news-ritual-proposed = { $who } invited you to a new ritual: { $title }
news-ritual-countered = { $who } suggested another version of { $title }
news-ritual-accepted = { $who } accepted { $title }
news-ritual-declined = { $who } declined { $title }
news-ritual-paused = { $who } paused { $title }
news-ritual-resumed = { $who } resumed { $title }
news-ritual-retired = { $who } ended { $title }
news-ritual-done = { $who } marked { $title } done { $day }
news-ritual-done-note = { $who } marked { $title } done { $day } and left a note
news-ritual-done-feeling = { $who } marked { $title } done { $day } and said how it felt
news-ritual-skipped = { $who } skipped { $title } { $day }
news-ritual-moved = { $who } moved { $title } { $day } to { $at }
news-agreement-proposed = { $who } proposed an agreement: { $title }
news-agreement-amended = { $who } suggested a change to { $title }
news-agreement-accepted = { $who } agreed to { $title }
news-agreement-declined = { $who } declined { $title }
news-agreement-withdrawn = { $who } withdrew from the { $title } agreement
news-agreement-kept = { $who } looked back at { $title } and kept it
news-pause-started = { $who } started a pause, back at { $at }
news-pause-extended = { $who } needs a little longer, back at { $at }
news-pause-ended = { $who } is back from the pause
news-boundary-shared = { $who } shared a boundary with you
news-boundary-unshared = { $who } made a boundary private again
news-boundary-retired = { $who } let go of a boundary
news-checkin = { $who } shared a check-in
news-appreciation = { $who } sent you an appreciation
news-repair = { $who } noted a repair: { $act }
news-phrase = { $who } added a phrase to your phrasebook
news-rest-declared = { $who } made the week of { $date } a rest week
news-rest-called-off = { $who } called off the rest week, the week of { $date }

## The pause screen

pause-action-extend = A little more time
pause-action-end = I'm back
pause-mine = You are taking a pause, back at { $time }
pause-partners = Your partner needs a pause, back at { $time }
pause-time-to-reconnect = Time to reconnect
pause-ended = The pause ended at { $time }
pause-over = The pause is over
pause-start-hint = Need a moment? Take a pause and say when you'll be back.

## The Today screen

today-action-done = Done
today-action-skip = Skip
today-action-later = Later
look-back-keep = Keep it
look-back-adjust = Adjust
look-back-stop = Stop
look-back-amend = Suggest a change
look-back-let-go = Let it go
duration-minutes = { $minutes } min
duration-hours = { $hours } h
duration-hours-minutes = { $hours } h { $minutes } min
today-now = now
today-in = in { $length }
today-started-now = started just now
today-started = started { $length } ago
today-detail = { $when } · { $length }
today-done = Done
today-skipped = Skipped
today-resting = { $detail } · rest week
today-zone-time = { $time } { $zone }
today-said = { $person ->
        [you] You
       *[other] { $who }
    }: { $words }
today-ritual-detail = { $time } · { $length } · { $repeat }
today-invite-ritual = { $who } proposed a ritual
today-invite-counter = { $who } suggested another time
today-invite-change = { $who } suggested a change
today-invite-agreement = { $who } proposed an agreement
today-invite-version = { $who } suggested a new version
today-review-trial = Time to look back: tried until { $date }
today-review-agreement = Time to revisit
today-review-agreement-on = Time to revisit (review on { $date })
today-next-reminder = Next reminder { $time } · { $title }
today-empty = Nothing for today. A quiet day is fine too.
today-heading-due = Open today
today-heading-coming = Coming up
today-heading-earlier = Earlier today
today-heading-invitations = Waiting for your answer
today-heading-reviews = Time to look back together

## The check-in screen

checkin-prompt = How warm is it inside?
checkin-temperature = { $value } · { $words }
checkin-capacity-low = Running low
checkin-capacity-some = Some room
checkin-capacity-plenty = Plenty of room
checkin-need-space = Space
checkin-need-closeness = Closeness
checkin-need-reassurance = Reassurance
checkin-need-practical-help = Practical help
checkin-need-nothing = Nothing right now
checkin-note = A note (optional)
checkin-share = Share with your partner
checkin-submit = Check in
checkin-done = Checked in.
checkin-row = { $time } · { $temperature } · { $capacity } · { $need }
checkin-shared = Shared with your partner
checkin-empty = No check-ins yet today.
checkin-field-temperature = Choose a number from 1 to 10.
checkin-field-note-long = The note is { $count } characters long; it can be up to { $max }.
checkin-field-note-control = The note has a character that can't be saved. Remove it and try again.

## Insights

insight-times = { $count ->
        [1] once
        [2] twice
       *[other] { $count } times
    }
insight-series-kept = Rituals kept
insight-series-scheduled = Rituals planned
insight-series-own-kept = Your own rituals kept
insight-series-own-scheduled = Your own rituals planned
insight-series-pauses = Pauses you took
insight-series-pauses-kept = Pauses you came back from as promised
insight-series-given = Appreciations you gave
insight-series-repairs = Repairs
insight-series-checkins = Your check-ins
insight-series-distance = Withdrawals and silences
insight-milestone-every-ritual = A week with every ritual kept
insight-milestone-pause-kept = A pause that came back as promised
insight-milestone-tenth-appreciation = The tenth appreciation
insight-top-trigger = Before you withdrew or went quiet, “{ $tag }” came up most often ({ $times }).
insight-warmer = In the hours before a silence you ran warmer than usual ({ $before } against { $usual }): an early pause may help.
insight-top-topic = Talks about “{ $topic }” derailed most often; it may deserve a calm moment of its own.
insight-kept-together = Together you kept { $kept } of { $scheduled } ritual moments in these weeks.
insight-pauses = { $started ->
        [1] You took 1 pause
       *[other] You took { $started } pauses
    } and came back as promised from { $kept }.
insights-heading-rhythm = Week by week
insights-heading-before = What came before distance
insights-heading-when = When distance came
insights-heading-topics = Talks that derailed
insights-heading-milestones = Milestones
insights-week = week of { $date }
insights-row = { $label }: { $values }
insights-count = “{ $label }” · { $times }
insights-when-count = { $label } · { $times }
part-night = at night
part-morning = in the morning
part-afternoon = in the afternoon
part-evening = in the evening
insights-temperature = Before a withdrawal or silence your check-ins averaged { $before }; usually { $usual }.
insights-milestone = { $date } · { $title }
insights-empty = Nothing logged yet in these weeks.

## The sync screen

sync-pair-first = Pair first: syncing starts once your phones are paired on the Pairing screen.
sync-confirm-first = Confirm the check code on the Pairing screen first, then sync.
sync-finish-pairing = Receive your partner's first file to finish pairing.
sync-send-next = Send your changes to your partner. They stay counted here until your partner's phone confirms it has them.
sync-reply-next = Send a reply so your partner's phone knows what arrived.
sync-up-to-date = Nothing new to send. Send anyway if your partner is waiting for a file from you.
sync-receive-next = { $count ->
    [one] 1 file from your partner is waiting: receive it.
   *[other] { $count } files from your partner are waiting: receive them.
    }
sync-waiting = { $count ->
    [0] No files waiting
    [one] 1 file from your partner waiting
   *[other] { $count } files from your partner waiting
    }
sync-to-send = { $count ->
    [0] Your partner's phone has everything
    [one] 1 change to send
   *[other] { $count } changes to send
    }
sync-to-send-many = { $count } or more changes to send
sync-files = { $count ->
    [one] 1 file
   *[other] { $count } files
    }
sync-sent = { $changes ->
    [0] Sent an update as { $files }: it lets your partner's phone know what arrived here.
    [one] Sent 1 change as { $files }.
   *[other] Sent { $changes } changes as { $files }.
    }
sync-sent-many = Sent { $changes } or more changes as { $files }.
sync-received = { $count ->
    [0] No new changes received.
    [one] 1 change received.
   *[other] { $count } changes received.
    }
sync-imported-before = { $count ->
    [one] 1 file was imported before.
   *[other] { $count } files were imported before.
    }
sync-partner-confirmed = Your partner's phone confirmed the pairing.
sync-nothing-waiting = Nothing waiting to receive. Files your partner shares to this phone land here.
sync-refused-file = { $name }: { $message }

## The agreements screen and its form

describe-agreed = agreed
describe-either-calls = either of you
describe-asker-calls = only the one who asked for this agreement
describe-not-said = not said
agreement-action-accept = Accept
agreement-action-decline = Decline
agreement-action-amend = Suggest a change
agreement-action-keep = Keep it
agreement-action-let-go = Let it go
agreement-action-withdraw = Withdraw
agreement-status-your-answer = Waiting for your answer
agreement-status-partner-answer = Waiting for your partner
agreement-status-in-effect = In effect
agreement-status-change-your-answer = In effect; a change waits for your answer
agreement-status-your-change = In effect; your change waits for your partner
agreement-status-not-going-ahead = Not going ahead
agreement-status-withdrawn = Withdrawn
agreement-option-answered = You suggested a change to it
agreement-review-due = Time to revisit: keep it, change it, or let it go?
agreement-review-on = Looking back on { $date }
agreements-empty = No agreements yet. Write one down together.
agreement-suggestion = { $person ->
        [you] Your suggestion
       *[other] Your partner's suggestion
    }
agreement-history-proposed = { $person ->
        [you] You proposed { $title }
       *[other] Your partner proposed { $title }
    }
agreement-history-amended = { $person ->
        [you] You suggested a change: { $title }
       *[other] Your partner suggested a change: { $title }
    }
agreement-history-accepted = { $person ->
        [you] You accepted { $title }
       *[other] Your partner accepted { $title }
    }
agreement-history-kept = { $person ->
        [you] You looked back and kept { $title }
       *[other] Your partner looked back and kept { $title }
    }
agreement-history-declined = Not taken up: { $title }
agreement-history-withdrawn = Withdrawn: { $title }
form-title-empty = Give it a short title.
form-text-empty = Write down what you agree on.
form-too-long = Up to { $max } characters; this has { $count }.
form-control-character = This holds a character that can't be used here, like a tab.
form-cool-down = A cool-down is a whole number of minutes, { $min } to { $max }.
form-review-not-a-date = A date like 2027-03-14.
form-review-past = Pick a day after today.
form-review-far = Pick a day within three years.
form-unchanged = This is the same as the version it changes.

## A ritual's own screen

ritual-heading-terms = How it goes
ritual-heading-next = Next
ritual-heading-days = The last two weeks
ritual-days-empty = Nothing in the last two weeks yet.
ritual-day-open = Not marked
ritual-day-resting = Rest week
ritual-next-time = { $date } · { $time }
ritual-kept = { $who ->
        [together] Together you kept
       *[you] You kept
    } { $kept } of { $scheduled } times in the last four weeks.
ritual-kept-first = { $who ->
        [together] Together you kept
       *[you] You kept
    } it the first time.
ritual-kept-first-open = Its first time has passed; the next one is a fresh start.

## The boundaries screen and its form

boundaries-intro = A boundary is yours alone: what you need, in your own words. It stays on this phone unless you share it; your partner can read a shared one but never change it.
boundaries-empty = You have not written a boundary yet. Start from an example or write your own.
boundaries-heading-mine = Yours
boundaries-heading-theirs = { $who } shared these with you
boundary-status-private = Only on this phone
boundary-status-shared = { $who } can read this
boundary-status-theirs = { $who } shared this with you
boundary-written-on = Written { $date }
boundary-changed-on = Changed { $date }
boundary-action-edit = Change
boundary-action-share = Share
boundary-action-private = Make private
boundary-action-retire = Retire
boundary-action-new = New boundary
boundary-shared-notice = Your partner can read it after the next sync.
boundary-private-notice = Private again: your partner's phone stops showing it after the next sync.
boundary-retired-notice = Retired: your partner's phone stops showing it after the next sync.
boundary-edited-notice = Your partner reads the new words after the next sync.
boundary-example-1 = When conversations get heated, I need us to pause before I can re-engage calmly.
boundary-example-2 = I'm here, but I also need time to reset. I will come back.
boundary-example-3 = I need a few minutes to myself after work before we talk about plans.
boundary-example-4 = Please tell me when you need space, so I don't read silence as distance.
boundary-example-5 = I'd rather we not discuss money late at night.
boundary-example-6 = When I ask for reassurance, a simple "I'm still here" helps a lot.
form-boundary-empty = Write what you need, in a sentence or two.
form-boundary-unchanged = These are the words it already has.
label-boundaries = Boundaries
label-new-boundary = New boundary
label-heading-boundary = Change your boundary
label-submit-boundary-private = Keep it to myself
label-submit-boundary-shared = Share with my partner
label-boundary-examples = Start from an example
label-boundary-text = Your boundary, in your own words

## The ritual form, field by field

form-ritual-title = Give your ritual a short title.
form-minutes = The length is a whole number of minutes, 1 to { $max }.
form-time = A time like 20:30, from 00:00 to 23:59.
form-zone = Choose a time zone from the list, like Europe/Berlin.
form-weekdays = Choose at least one day of the week.
form-every-days = Every 1 to { $max } days.
form-month-day = A day of the month, 1 to 31.
form-nth = The 1st to 5th or the last weekday of the month.
form-start-needed = This repeat needs a start date: it decides the days.
form-end-both = An end date or a number of times, not both.
form-end-before-start = The end comes on or after the start date.
form-count = A number of times, 1 to { $max }.
form-window = The window ends after it starts.
form-leads = Up to { $max } reminders, each 0 to 1440 minutes ahead.
form-trial-far = A trial lasts at most a year: pick a day within one.
form-trial-before-start = A trial ends on or after the day the ritual starts.
form-trial-after = Pick a day after { $date }, or leave it empty to keep it for good.

## Labels the apps show outside any screen model (tabs, form fields, buttons)

label-today = Today
label-rituals = Rituals
label-agreements = Agreements
label-pause = Pause
label-check-in = Check in
label-insights = Insights
label-pairing = Pair with your partner
label-sync = Sync
label-privacy = What your partner sees
label-together = Together
label-cancel = Cancel
label-save = Save
label-loading = Loading…
label-opening = Opening Tandem…
label-past = Past
label-earlier = Earlier
label-new-ritual = New ritual
label-new-agreement = New agreement
label-field-title = Title
label-field-prompt = What to do (optional)
label-field-time = Time (HH:MM, 24-hour)
label-field-minutes = Minutes
label-field-for = For
label-for-us = The two of us
label-for-me = Just for me
label-field-repeats = Repeats
label-every-day = Every day
label-chosen-days = On chosen days
label-as-before = As before
label-trial-section = A gentle experiment (optional)
label-field-trial-until = Try it until (YYYY-MM-DD)
label-submit-propose = Suggest to my partner
label-submit-personal = Just for me
label-submit-counter = Suggest this instead
label-submit-adjust = Keep it changed
label-field-agreement-text = What we agree
label-pausing-section = Pausing (optional)
label-field-cool-down = Cool-down in minutes
label-look-back-section = Look at it again together (optional)
label-field-review-on = Look back on (YYYY-MM-DD)
label-pick-date = Pick a date
label-submit-agreement = Propose
label-submit-amend = Suggest this change
label-sync-send = Send my changes to my partner
label-sync-share-title = Send to your partner
label-sync-receive = Import what my partner sent
label-sync-add-file = Add a file from my partner…
label-sync-last = Last time
label-open-settings = Open settings
label-export-passphrase = Passphrase of the export
label-choose-export = Choose the export file
label-restore = Restore from an export
label-start-over = Start over
label-start-over-confirm = Start over with an empty Tandem
label-cant-open = Tandem can't open right now
label-try-again = Try again
label-heading-counter = Suggest another time
label-heading-change = Change this ritual
label-heading-adjust = Adjust the experiment
label-heading-amend = Suggest a new version
label-data-heading = Your data
label-export-passphrase-new = Passphrase for the export (at least 8 characters)
label-export-sealed = Export, sealed
label-export-save-title = Save your export
label-erase = Erase…
label-erase-confirm = Erase Tandem from this phone
label-notebook = Notebook
label-pairing-code = Pairing code
label-unnamed-file = (no name)

## Settings: the app lock and the clean exit

lock-heading = App lock
lock-hint = Tandem asks for your phone's own screen lock (its passcode, fingerprint or face). If the phone has none, set one in its settings first.
lock-off = Off
lock-every-time = Every time
lock-after = { $minutes ->
        [one] After 1 minute away
       *[other] After { $minutes } minutes away
    }
lock-unlock-reason = Unlock Tandem
lock-locked = Tandem is locked.
lock-unlock-button = Unlock
lock-refused = Not confirmed, so nothing was done.
lock-guard-export = Confirm it's you to export your Tandem data
lock-guard-plaintext-export = Confirm it's you to export your Tandem data unsealed
lock-guard-unpair = Confirm it's you to unpair this phone
lock-guard-clean-exit = Confirm it's you to change what this phone keeps
lock-guard-wipe = Confirm it's you to erase Tandem from this phone
exit-heading = You unpaired this phone
exit-note = What follows happens on this phone only. Nothing is sent to your partner.
exit-stop-shared = Stop our shared rituals and agreements on this phone
exit-stop-shared-explained = They end here and their reminders stop. Your partner's phone is not told and keeps its own copy.
exit-stop-shared-done = The shared rituals and agreements are stopped on this phone.
exit-stop-shared-result = { $count ->
        [one] Stopped 1 shared thing on this phone.
       *[other] Stopped { $count } shared things on this phone.
    }
exit-delete-partner-data = Delete what my partner shared from this phone
exit-delete-partner-data-explained = Their check-ins, appreciations, boundaries, pauses and notes go from this phone. Your own entries stay.
exit-delete-partner-data-done = What your partner shared is deleted from this phone.
exit-delete-partner-data-result = { $count ->
        [one] Deleted 1 of your partner's entries from this phone.
       *[other] Deleted { $count } of your partner's entries from this phone.
    }

## Reminders, as notifications show them

reminder-now = Now, { $time }
reminder-in-minutes = In { $minutes } min, at { $time }
reminder-in-hours = In { $hours } h, at { $time }
reminder-snoozed = Snoozed from { $time }
reminder-trial-title = Time to look back: { $title }
reminder-trial-body = Your experiment ends today: keep it, adjust it, or stop?
reminder-agreement-title = Time to revisit: { $title }
reminder-agreement-body = Keep it, amend it, or let it go?
reminder-pause-mine-title = Time to reconnect
reminder-pause-mine-body = You said you'd be back at { $time }
reminder-pause-partner-title = Your partner is coming back
reminder-pause-partner-body = Back at { $time }
reminder-private-title = Tandem
reminder-private-together = A moment for the two of you
reminder-private-yourself = A moment for yourself
reminder-private-look-back = Something to look back on together
reminder-channel-rituals = Rituals
reminder-channel-look-back = Looking back together
reminder-channel-pauses = Pauses

## Notices outside any one screen

notice-notifications-off = Notifications are off for Tandem, so reminders won't pop up. They are still planned and shown here in the app. To get them as notifications, turn on notifications for Tandem in the phone's settings.
notice-notifications-not-asked = Tandem hasn't been allowed to send notifications yet. Reminders are shown here in the app until you allow them.
notice-exact-alarms-off = Tandem isn't allowed to set exact alarms on this phone, so a reminder may arrive up to 10 minutes after its time (never before). To get them on time, allow "Alarms & reminders" for Tandem in the phone's settings.
notice-plaintext-export = This file is not protected: anyone who gets it can read everything in it, including your private notes. Export with a passphrase unless you really need plain text.
notice-wipe = This erases all of Tandem's data on this phone and its key. It can't be undone; export first if you want to keep anything.
notice-files-failed = Tandem couldn't read or write a file it needs. Check that the device has free space, then try again.
notice-unknown-zone = This phone's time zone isn't one Tandem knows. Check the date and time settings, then try again.
notice-pairing-rejected = The digits didn't match, so the phones were not paired. Start again with your partner beside you.
notice-key-missing = Tandem's data is still on this phone, but the key that unlocks it is gone (this can happen after restoring the phone from a backup), so it can't be opened. Nothing was deleted. You can restore from an export you made, or start over with an empty Tandem; the locked data is set aside either way.
notice-start-over = Starting over makes a new, empty Tandem on this phone. The locked data can't be opened without its key; it is set aside, not deleted, and you'll need to pair with your partner again.
notice-key-store-failed = Tandem couldn't reach this phone's key store, so it can't open your data right now. Nothing was changed or deleted. Try again; restarting the phone often helps.
notice-sync-file-bad-name = Tandem didn't take this file: its name isn't one Tandem writes. Ask your partner to send it again from Tandem.
notice-sync-file-too-large = Tandem didn't take this file: it is far bigger than any update Tandem sends, so it isn't one.
notice-sync-file-not-sync = Tandem didn't take this file: it isn't an update from Tandem.
notice-sync-file-unreadable = Tandem couldn't read this file. Try sending it again.
notice-unexpected = Something went wrong inside Tandem. Please try again.

## Visibility and audit

visible-heading = Your partner's phone holds
visible-empty = Only this phone's name so far: nothing you shared is on your partner's phone yet.
visible-group-device-name = Your phone's name
visible-group-shared-ritual = Shared rituals
visible-group-ritual-note = Notes on shared rituals
visible-group-agreement = Agreements
visible-group-boundary = Boundaries you shared
visible-group-check-in = Check-ins you shared
visible-group-appreciation = Appreciations
visible-group-repair = Repairs you shared
visible-group-phrase = Phrases you shared
visible-group-pause = Pauses
visible-group-rest-week = Rest weeks
visible-group-answer = Your answers
visible-group-made-private = Sent before you made it private
visible-cannot-recall = Already on your partner's phone: making it private again stops further sharing but cannot recall it.
visible-newest-only = Only the newest { $count } are shown here.
visible-show-all = Show everything
visible-answers-newest-only = Only the newest { $count } answers about what is listed above are shown here.
visible-ritual = { $title } ({ $status ->
        [proposed] proposed
        [countered] another time suggested
        [active] active
        [paused] paused
        [declined] not going ahead
       *[retired] retired
    })
visible-agreement = { $title } ({ $status ->
        [proposed] proposed
        [active] in effect
        [declined] not going ahead
       *[withdrawn] withdrawn
    })
visible-check-in = { $temperature }/10, { $need }
visible-pause = A pause
visible-rest-week = The week of { $date }
visible-answer = { $answer ->
        [accepted] Accepted { $title }
        [declined] Declined { $title }
        [countered] Suggested another version of { $title }
        [kept] Kept { $title } at its review
       *[withdrew] Withdrew consent from { $title }
    }
audit-heading = What you shared, exported or changed here
audit-ritual-proposed = You proposed a shared ritual
audit-ritual-countered = You suggested another version of a shared ritual
audit-ritual-accepted = You accepted a shared ritual version
audit-ritual-declined = You declined a ritual change
audit-ritual-paused = You paused a shared ritual
audit-ritual-resumed = You resumed a shared ritual
audit-ritual-retired = You retired a shared ritual
audit-ritual-done = You marked a shared ritual done
audit-ritual-done-words = You marked a shared ritual done, with a note or a feeling
audit-ritual-skipped = You skipped a shared ritual once
audit-ritual-moved = You moved a shared ritual once
audit-rest-declared = You declared a rest week
audit-rest-called-off = You called off a rest week
audit-boundary-shared = You shared a boundary
audit-boundary-unshared = You made a boundary private
audit-boundary-changed = You changed a shared boundary
audit-boundary-retired = You retired a shared boundary
audit-agreement-proposed = You proposed an agreement
audit-agreement-amended = You suggested a new version of an agreement
audit-agreement-accepted = You accepted an agreement version
audit-agreement-declined = You declined an agreement version
audit-agreement-withdrawn = You withdrew consent from an agreement
audit-agreement-kept = You kept an agreement at its review
audit-check-in-shared = You shared a check-in
audit-appreciation-sent = You sent an appreciation
audit-repair-shared = You shared a repair
audit-phrase-shared = You shared a phrase
audit-pause-started = You started a pause
audit-pause-extended = You extended a pause
audit-pause-ended = You ended a pause
audit-exported = You exported everything, sealed with a passphrase
audit-exported-plaintext = You exported everything unsealed (plain text)
audit-exported-calendar = You exported rituals as a calendar file
audit-unpaired = You unpaired this phone
audit-stopped-shared = You stopped the shared rituals and agreements here
audit-deleted-partner-data = You deleted your partner's shared data from this phone
audit-lock-on = You turned the app lock on
audit-lock-off = You turned the app lock off
audit-wiped = An earlier Tandem on this phone was wiped

## Pairing

pairing-heading-start = Pair your phones
pairing-heading-code = Your code
pairing-heading-compare = Compare the digits
pairing-heading-paired = Paired
pairing-start = Sit down together. One of you shows a code and the other scans it; then both phones show digits to compare.
pairing-show-code = Let your partner scan this, then scan the code on their screen.
pairing-code-closed = This code can't be scanned any more. If your partner has scanned it already, scan the code on their screen now; if not, show a new code.
pairing-show-answer = Let your partner scan this code. When their screen shows digits too, check that they match these.
pairing-compare = Do these digits match the ones on { $named ->
        [yes] { $who }'s screen?
       *[no] your partner's screen?
    }
pairing-good-until = Good until { $time }
pairing-paired-with = { $named ->
        [yes] Paired with { $who }
       *[no] Paired with your partner
    }
pairing-paired = Your phones sync through the files you send each other on the Sync screen.
pairing-paired-answer = If your partner's screen doesn't show the digits yet, let them scan this code. Then receive their first file to finish pairing.
pairing-keys = Encryption keys: generation { $epoch }, last renewed { $date } at { $time }. They renew as you sync.
pairing-camera = Tandem needs the camera to scan your partner's code. If you said no before, allow it in the phone's settings.
pairing-allow-camera = Allow the camera
pairing-close-camera = Close the camera
pairing-ran-out = Your code ran out before pairing finished. Show a new code when you are both ready.
pairing-action-show-code = Show my code
pairing-action-scan = Scan my partner's code
pairing-action-match = They match
pairing-action-differ = They differ
pairing-action-check = Check the code is still good
pairing-action-cancel = Cancel
pairing-action-unpair = Unpair this phone
