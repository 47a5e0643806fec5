package app.tandem.shell

import app.tandem.ffi.QrCode
import app.tandem.ffi.generateStorageKey

// What the Android app needs from the core, through the shell: the app never imports the bindings.

/** The core's pairing QR code ([PairingModel.qr]), named for the app. */
typealias PairingQr = QrCode

/** A new random 32-byte storage key, from the core (for a platform [StorageKeyProvider]). */
fun newStorageKey(): ByteArray = generateStorageKey()

/** The core's QR modules with the 4-module quiet zone, ready to draw square by square. */
class QrMatrix private constructor(private val size: Int, private val modules: ByteArray) {
    /** Squares per side, quiet zone included. */
    val side: Int get() = size + 2 * QUIET

    /** Whether the square at column [x], row [y] (quiet zone included) is dark. */
    fun dark(x: Int, y: Int): Boolean {
        val mx = x - QUIET
        val my = y - QUIET
        return mx in 0 until size && my in 0 until size && modules[my * size + mx].toInt() == 1
    }

    companion object {
        const val QUIET = 4

        fun of(qr: QrCode): QrMatrix = QrMatrix(qr.size.toInt(), qr.modules)
    }
}

/** The platform broadcast each re-plan trigger answers (Android action strings). */
object SystemEvents {
    const val BOOT_COMPLETED = "android.intent.action.BOOT_COMPLETED"
    const val TIME_SET = "android.intent.action.TIME_SET"
    const val TIMEZONE_CHANGED = "android.intent.action.TIMEZONE_CHANGED"
    const val EXACT_ALARM_PERMISSION = "android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED"
    const val PACKAGE_REPLACED = "android.intent.action.MY_PACKAGE_REPLACED"

    /** The trigger for broadcast [action]; null for one the app does not listen to. */
    fun trigger(action: String?): ReplanTrigger? = when (action) {
        BOOT_COMPLETED -> ReplanTrigger.BOOT
        TIME_SET -> ReplanTrigger.TIME_CHANGED
        TIMEZONE_CHANGED -> ReplanTrigger.ZONE_CHANGED
        EXACT_ALARM_PERMISSION -> ReplanTrigger.PERMISSION_CHANGED
        // An update may drop alarms like a force stop: re-arm as at start.
        PACKAGE_REPLACED -> ReplanTrigger.APP_START
        else -> null
    }
}
