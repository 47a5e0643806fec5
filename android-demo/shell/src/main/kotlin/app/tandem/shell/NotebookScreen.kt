package app.tandem.shell

import app.tandem.ffi.Notebook

/**
 * What the notebook screen renders: the core's notebook over its period
 * (check-ins, appreciations, repairs and phrases from both partners, the
 * words left on rituals marked done), newest day first, worded and timed
 * in the phone's language and zone. The couple's own words are shown as
 * written.
 */
sealed class NotebookScreen {
    data class Shown(val model: Notebook) : NotebookScreen()

    /** The core refused (an unknown zone, closed); [message] is for a person. */
    data class Failed(val message: String, val error: Exception) : NotebookScreen()
}
