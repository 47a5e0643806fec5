package app.tandem.shell

import app.tandem.ffi.RitualRowModel
import app.tandem.ffi.RitualsScreenModel
import app.tandem.ffi.TandemException

/** A row of the core's rituals screen, as the app renders it. */
typealias RitualsRow = RitualRowModel

/** What the Rituals screen renders: the core's model as it is (`screens::rituals`). */
sealed class RitualsScreen {
    data class Shown(val model: RitualsScreenModel) : RitualsScreen()

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: TandemException) : RitualsScreen()
}
