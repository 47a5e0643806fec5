package app.tandem.shell

import app.tandem.ffi.ImportReport
import app.tandem.ffi.TandemException
import app.tandem.ffi.payloadFromText
import app.tandem.ffi.payloadToText
import java.io.File
import java.io.IOException
import java.nio.file.Files
import java.nio.file.StandardCopyOption

/** One payload waiting to be imported, and where it came from (for reports). */
class Incoming(
    /** A file name, a chunk set, a clipboard: shown in logs, never parsed. */
    val source: String,
    private val decode: () -> ByteArray,
) {
    /** The payload's bytes; damaged text is refused by the core here. */
    @Throws(TandemException::class)
    fun payload(): ByteArray = decode()

    override fun toString() = "Incoming($source)"
}

/**
 * How payloads travel between the two phones: a share sheet, a shared folder,
 * QR chunks. The transport only moves bytes; the core seals, checks and
 * applies them, and a payload lost on the way is harmless (the next export
 * carries its changes again).
 */
interface SyncTransport {
    /** Hands [payloads] to the partner; returns where each went, for reports. */
    @Throws(IOException::class)
    fun send(payloads: List<ByteArray>): List<String>

    /** Everything waiting here to be imported, in any order. */
    @Throws(IOException::class)
    fun receive(): List<Incoming>

    /** The core holds [item] now (applied, or seen before): it may be dropped. */
    @Throws(IOException::class)
    fun imported(item: Incoming)
}

/**
 * A share-sheet transport over two directories: [send] writes each payload's
 * text form ("TSYNC1:…") to its own file in [outbox], ready to share;
 * [receive] reads every file in [inbox] (where shared files are saved), and
 * [imported] deletes a file once the core holds it. Files the core refused
 * stay, so they show up in the next report too.
 */
class FileSyncTransport(private val outbox: File, private val inbox: File) : SyncTransport {

    override fun send(payloads: List<ByteArray>): List<String> {
        Files.createDirectories(outbox.toPath())
        return payloads.map { payload ->
            val target = Files.createTempFile(outbox.toPath(), FILE_PREFIX, FILE_SUFFIX).toFile()
            writeBesideThenMove(target, payloadToText(payload).toByteArray(Charsets.UTF_8))
            target.name
        }
    }

    override fun receive(): List<Incoming> {
        val files = inbox.listFiles { f -> f.isFile && !f.name.startsWith(".") } ?: return emptyList()
        return files.sortedBy { it.name }.map { f ->
            val text = f.readText(Charsets.UTF_8)
            Incoming(f.name) { payloadFromText(text) }
        }
    }

    override fun imported(item: Incoming) {
        Files.deleteIfExists(File(inbox, item.source).toPath())
    }

    companion object {
        const val FILE_PREFIX = "tandem-sync-"
        const val FILE_SUFFIX = ".txt"
    }
}

/**
 * Writes [bytes] to [target]: first to a hidden file beside it, then moved
 * over it, so a reader (a share sheet, a sync folder) never sees half a file.
 * Used for sync payloads and for export files.
 */
@Throws(IOException::class)
fun writeBesideThenMove(target: File, bytes: ByteArray) {
    val dir = target.absoluteFile.parentFile.toPath()
    Files.createDirectories(dir)
    val tmp = Files.createTempFile(dir, ".tandem-", ".part")
    try {
        Files.write(tmp, bytes)
        Files.move(tmp, target.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
    } finally {
        Files.deleteIfExists(tmp)
    }
}

/** What [TandemController.syncOut] sent. */
data class SyncOutResult(
    /** Payloads exported (at least one: it carries this phone's acknowledgement). */
    val payloads: Int,
    /** Where the transport put them. */
    val sentTo: List<String>,
)

/** One payload's fate in [TandemController.syncIn]. */
sealed class SyncItem {
    abstract val source: String

    data class Imported(override val source: String, val report: ImportReport) : SyncItem()

    /** The core refused it and nothing changed; [message] is for a person. */
    data class Refused(override val source: String, val message: String, val error: TandemException) : SyncItem()
}

/** What [TandemController.syncIn] did, payload by payload. */
data class SyncInResult(val items: List<SyncItem>) {
    val imported: List<SyncItem.Imported> get() = items.filterIsInstance<SyncItem.Imported>()
    val refused: List<SyncItem.Refused> get() = items.filterIsInstance<SyncItem.Refused>()

    /** Changes that were new on this phone. */
    val applied: Long get() = imported.sumOf { it.report.applied.toLong() }

    /** The partner's key confirmation arrived: [TandemController.pairingStatus] now names them. */
    val partnerConfirmed: Boolean get() = imported.any { it.report.partnerConfirmed }
}
