package app.tandem.android

import android.graphics.Color
import android.graphics.Typeface
import android.text.Editable
import android.text.InputType
import android.text.TextWatcher
import android.view.View
import android.widget.Button
import android.widget.CheckBox
import android.widget.EditText
import android.widget.HorizontalScrollView
import android.widget.LinearLayout
import android.widget.SeekBar
import android.widget.TextView
import app.tandem.shell.Labels

/**
 * Platform views, built in code: the screens add text, buttons, fields and
 * rows to [into] in order. No state lives here; the activity redraws a
 * screen from the shell's model whenever it changes.
 */
class Ui(val activity: MainActivity, val into: LinearLayout) {
    private fun add(v: View): View = v.also { into.addView(it) }

    /** The words around the screens, in the phone's language (the core's catalog). */
    val words: Labels by lazy { activity.app.session.labels() }

    fun text(s: String, color: Int? = null): TextView =
        TextView(activity).apply { text = s; textSize = 16f; setPadding(0, 6, 0, 6); color?.let(::setTextColor) }.also { add(it) }

    fun heading(s: String) = text(s).apply { textSize = 19f; setTypeface(typeface, Typeface.BOLD) }
    fun quiet(s: String) = text(s, Color.GRAY).apply { textSize = 13f }
    fun warn(s: String) = text(s, Color.rgb(0xB0, 0x20, 0x20))

    fun button(label: String, onClick: () -> Unit): Button =
        Button(activity).apply { text = label; isAllCaps = false; setOnClickListener { onClick() } }.also { add(it) }

    /** A horizontal, scrollable row of whatever [build] adds. */
    fun row(build: Ui.() -> Unit) {
        val line = LinearLayout(activity).apply { orientation = LinearLayout.HORIZONTAL }
        Ui(activity, line).build()
        add(HorizontalScrollView(activity).apply { addView(line) })
    }

    /** A labelled text field; [onChange] gets every edit (the screen is not redrawn while typing). */
    fun field(label: String, value: String, number: Boolean = false, secret: Boolean = false, onChange: (String) -> Unit): EditText {
        quiet(label)
        return EditText(activity).apply {
            setText(value)
            inputType = when {
                secret -> InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_VARIATION_PASSWORD
                number -> InputType.TYPE_CLASS_NUMBER
                else -> InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_MULTI_LINE
            }
            addTextChangedListener(object : TextWatcher {
                override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit
                override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit
                override fun afterTextChanged(s: Editable?) = onChange(s?.toString().orEmpty())
            })
        }.also { add(it) }
    }

    fun check(label: String, checked: Boolean, onChange: (Boolean) -> Unit): CheckBox =
        CheckBox(activity).apply { text = label; isChecked = checked; setOnCheckedChangeListener { _, on -> onChange(on) } }.also { add(it) }

    /** A slider from [min] to [max]; [onChange] gets each value the person stops on. */
    fun slider(min: Int, max: Int, value: Int, onChange: (Int) -> Unit): SeekBar =
        SeekBar(activity).apply {
            this.max = max - min
            progress = value - min
            setOnSeekBarChangeListener(object : SeekBar.OnSeekBarChangeListener {
                override fun onProgressChanged(bar: SeekBar?, progress: Int, fromUser: Boolean) = Unit
                override fun onStartTrackingTouch(bar: SeekBar?) = Unit
                override fun onStopTrackingTouch(bar: SeekBar?) = onChange(progress + min)
            })
        }.also { add(it) }

    fun view(v: View) = add(v)
}
