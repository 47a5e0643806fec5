package app.tandem.android

import app.tandem.ffi.qrCode
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

/**
 * The scanner's decoder reads the codes the core draws: a camera frame's
 * luminance is stood in for by the core's modules, scaled and framed in a
 * quiet zone, as a phone would see another phone's screen.
 */
class QrDecoderTests {
    /** The Y plane of a frame showing [text]'s code, [scale] pixels per module, row stride [stride]. */
    private fun frame(text: String, scale: Int = 4, stride: Int? = null): Triple<ByteArray, Int, Int> {
        val qr = qrCode(text)
        val n = qr.size.toInt()
        val side = (n + 8) * scale
        val rowStride = stride ?: side
        val y = ByteArray(rowStride * side) { 0xEE.toByte() } // light paper, with a quiet zone of 4 modules
        for (row in 0 until n) for (col in 0 until n) {
            if (qr.modules[row * n + col].toInt() == 1) {
                for (dy in 0 until scale) for (dx in 0 until scale) {
                    y[((row + 4) * scale + dy) * rowStride + (col + 4) * scale + dx] = 0x10
                }
            }
        }
        return Triple(y, side, rowStride)
    }

    @Test
    fun readsTheCoresCodesFromAFrame() {
        for (text in listOf("TSYNC1:short", "TPAIR2:" + "A".repeat(300), "Ünïcode ✓")) {
            val (y, side, stride) = frame(text)
            assertEquals(text, QrDecoder.decode(y, side, side, stride))
        }
    }

    @Test
    fun aRowStrideWiderThanTheFrameIsRespected() {
        val (y, side, stride) = frame("TSYNC1:padded rows", stride = 4 * 64)
        assertEquals("TSYNC1:padded rows", QrDecoder.decode(y, side, side, stride))
    }

    @Test
    fun aFrameWithoutACodeIsNull() {
        assertNull(QrDecoder.decode(ByteArray(200 * 200) { 0x80.toByte() }, 200, 200))
    }
}
