package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.NotebookScreen

/**
 * The notebook as the core words it: each day's heading, then each entry's
 * time and headline ("Ana appreciated you") with the words the person wrote
 * as they wrote them; the core's empty text when there is nothing.
 */
fun Ui.notebook(s: NotebookScreen) {
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            s.model.empty?.let { text(it) }
            s.model.days.forEach { day ->
                heading(day.heading)
                day.items.forEach { item ->
                    text(listOfNotNull(item.time, item.headline).joinToString("  "))
                    item.words.forEach { quiet("“$it”") }
                }
            }
        }
    }
}
