package app.tandem.shell

import app.tandem.ffi.OccurrenceRowModel
import app.tandem.ffi.TodayItemKind
import app.tandem.ffi.TodayItemModel
import app.tandem.ffi.TodayScreenModel

/** An occurrence on Today, as the core words it. */
typealias TodayRow = OccurrenceRowModel

/** An invitation or a look back on Today. */
typealias TodayItem = TodayItemModel

/** Whether a [TodayItem] is a ritual's or an agreement's. */
typealias TodayItemType = TodayItemKind

/** What the Today screen renders: the core's model as it is (`screens::today`). */
sealed class TodayScreen {
    data class Shown(val model: TodayScreenModel) : TodayScreen()

    /** The core refused or the zone is unknown; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : TodayScreen()
}
