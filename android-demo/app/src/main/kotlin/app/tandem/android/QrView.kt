package app.tandem.android

import android.content.Context
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.Paint
import android.view.View
import app.tandem.shell.PairingQr
import app.tandem.shell.QrMatrix

/** Draws the core's module matrix (quiet zone from [QrMatrix]) square by square, as a square view. */
class QrView(context: Context, qr: PairingQr) : View(context) {
    private val m = QrMatrix.of(qr)
    private val dark = Paint().apply { color = Color.BLACK }

    override fun onMeasure(widthSpec: Int, heightSpec: Int) {
        val side = minOf(MeasureSpec.getSize(widthSpec), (280 * resources.displayMetrics.density).toInt())
        setMeasuredDimension(side, side)
    }

    override fun onDraw(canvas: Canvas) {
        canvas.drawColor(Color.WHITE)
        val cell = width.toFloat() / m.side
        for (y in 0 until m.side) for (x in 0 until m.side) {
            if (m.dark(x, y)) canvas.drawRect(x * cell, y * cell, (x + 1) * cell, (y + 1) * cell, dark)
        }
    }
}
