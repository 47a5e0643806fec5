package app.tandem.android

import com.google.zxing.BarcodeFormat
import com.google.zxing.BinaryBitmap
import com.google.zxing.DecodeHintType
import com.google.zxing.ReaderException
import com.google.zxing.PlanarYUVLuminanceSource
import com.google.zxing.common.HybridBinarizer
import com.google.zxing.qrcode.QRCodeReader

/**
 * Reads a QR code from a camera frame's luminance (the Y plane of
 * YUV_420_888) with ZXing's core library: plain Java from Maven Central,
 * no Google Play services, nothing to close. What the text means is the
 * core's to decide (PairingFlow); this only reads it.
 */
object QrDecoder {
    private val hints = mapOf(DecodeHintType.POSSIBLE_FORMATS to listOf(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER to true)

    /** The text of the QR code in the [width]×[height] luminance [y] (rows [rowStride] bytes apart), or null. */
    fun decode(y: ByteArray, width: Int, height: Int, rowStride: Int = width): String? = try {
        val source = PlanarYUVLuminanceSource(y, rowStride, height, 0, 0, width, height, false)
        QRCodeReader().decode(BinaryBitmap(HybridBinarizer(source)), hints).text
    } catch (e: ReaderException) {
        null // no code in this frame, or not readable yet
    }
}
