package app.tandem.shell

import app.tandem.ffi.Notebook

/** What the notebook screen renders: the core's notebook over its period. */
sealed class NotebookScreen {
    data class Shown(val model: Notebook) : NotebookScreen()

    /** The core refused (an unknown zone, closed); [message] is for a person. */
    data class Failed(val message: String, val error: Exception) : NotebookScreen()
}
