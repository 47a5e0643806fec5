package app.tandem.android

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.size
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.unit.dp
import app.tandem.shell.PairingQr
import app.tandem.shell.QrMatrix

/** Draws the core's module matrix (quiet zone from [QrMatrix]) square by square. */
@Composable
fun QrView(qr: PairingQr) {
    val m = QrMatrix.of(qr)
    Canvas(Modifier.size(280.dp)) {
        val cell = size.minDimension / m.side
        drawRect(Color.White, Offset.Zero, Size(cell * m.side, cell * m.side))
        for (y in 0 until m.side) for (x in 0 until m.side) {
            if (m.dark(x, y)) drawRect(Color.Black, Offset(x * cell, y * cell), Size(cell, cell))
        }
    }
}
