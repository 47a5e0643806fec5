package app.tandem.shell

import app.tandem.ffi.Capacity
import app.tandem.ffi.CheckInRowModel
import app.tandem.ffi.CheckInScreenModel
import app.tandem.ffi.Need

/** One option of a picker: the core's [value] and its words. */
data class Choice<T>(val value: T, val label: String)

/** One of this person's check-ins today, as the core words it. */
typealias CheckInRow = CheckInRowModel

/** What the Check-in screen renders: the core's model (`screens::checkin`). */
sealed class CheckInScreen {
    data class Shown(val model: CheckInScreenModel) : CheckInScreen() {
        /** The slider's range, from the core's choices. */
        val range: IntRange get() = (model.temperatures.firstOrNull()?.value?.toInt() ?: 1)..(model.temperatures.lastOrNull()?.value?.toInt() ?: 10)

        /** The slider's label: the core's "7 · heated"; just the number for a value outside its choices. */
        fun label(slider: Long): String = model.temperatures.firstOrNull { it.value.toLong() == slider }?.label ?: "$slider"

        /** A new check-in form, the slider where the core says it starts. */
        fun newForm() = FormEdit.CheckIn(CheckInFormInput(model.defaultTemperature.toLong(), Capacity.SOME, Need.NOTHING_RIGHT_NOW, "", false))

        val capacities get() = model.capacities.map { Choice(it.value, it.label) }
        val needs get() = model.needs.map { Choice(it.value, it.label) }
    }

    /** The core refused; [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : CheckInScreen()
}
