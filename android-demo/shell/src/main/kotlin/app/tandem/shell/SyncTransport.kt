package app.tandem.shell

import app.tandem.ffi.InboxCheck
import app.tandem.ffi.checkSyncFile
import app.tandem.ffi.setAsideSuffix
import app.tandem.ffi.syncFileMaxBytes
import app.tandem.ffi.syncFileNames
import app.tandem.ffi.IncomingFile
import app.tandem.ffi.ImportReport
import app.tandem.ffi.TandemException
import app.tandem.ffi.mergeNews
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

/** How payloads travel between the phones; it only moves bytes (a lost one is harmless: the next export carries it again). */
interface SyncTransport {
    /** Hands [payloads] to the partner; returns where each went, for reports. */
    @Throws(IOException::class)
    fun send(payloads: List<ByteArray>): List<String>

    /** Everything waiting here to be imported, in any order. */
    @Throws(IOException::class)
    fun receive(): List<Incoming>

    /** Carries out the core's decision for [item] after its import ([afterImport]). */
    @Throws(IOException::class)
    fun finish(item: Incoming, what: IncomingFile)
}

/** A share-sheet transport: one text file per payload in [outbox], named by the core; shared files land in [inbox]. */
class FileSyncTransport(private val outbox: File, private val inbox: File) : SyncTransport {

    /** Writes each payload's text under the core's name for it (`syncFileNames`, in import order). */
    override fun send(payloads: List<ByteArray>): List<String> {
        Files.createDirectories(outbox.toPath())
        return syncFileNames(payloads.size.toUInt()).zip(payloads) { name, payload ->
            writeBesideThenMove(File(outbox, name), payloadToText(payload).toByteArray(Charsets.UTF_8))
            name
        }
    }

    override fun receive(): List<Incoming> {
        return pending().sortedBy { it.name }.map { f ->
            val text = f.readText(Charsets.UTF_8)
            Incoming(f.name) { payloadFromText(text) }
        }
    }

    override fun finish(item: Incoming, what: IncomingFile) {
        val file = File(inbox, item.source).toPath()
        when (what) {
            IncomingFile.REMOVE -> Files.deleteIfExists(file)
            // The core's suffix keeps it out of receive() and waiting(), and out of the inbox's rules (iOS does the same).
            IncomingFile.SET_ASIDE -> if (Files.exists(file)) {
                Files.move(file, File(inbox, item.source + SET_ASIDE).toPath(), StandardCopyOption.REPLACE_EXISTING)
            }
            IncomingFile.KEEP -> Unit
        }
    }

    /** The file [name] that [send] wrote into the outbox (for the share sheet). */
    fun outboxFile(name: String): File = File(outbox, name)

    /** How many files wait in the inbox to be imported. */
    fun waiting(): Int = pending().size

    private fun pending(): List<File> =
        inbox.listFiles { f -> f.isFile && !f.name.startsWith(".") && !f.name.endsWith(SET_ASIDE) }?.toList().orEmpty()

    /**
     * Saves a file shared to this phone into the inbox when the core's rules
     * take it (`checkSyncFile`); else nothing is written and the core's
     * notice says why. A name already taken gets a number; a file shared
     * without one gets the core's name for a sync file.
     */
    fun accept(name: String?, bytes: ByteArray): Accepted {
        val shown = name ?: SyncTexts.UNNAMED
        val given = name ?: syncFileNames(1u).single()
        val safe = when (val check = checkSyncFile(given, bytes.size.toULong(), bytes)) {
            is InboxCheck.Refuse -> return Accepted.Refused(shown, UserMessages.notice(check.notice))
            is InboxCheck.Take -> check.name
        }
        return try {
            val target = free(safe)
            writeBesideThenMove(target, bytes)
            Accepted.Saved(target.name)
        } catch (e: IOException) {
            Accepted.Refused(shown, UserMessages.FILES_FAILED)
        }
    }

    /** [accept] from a stream, reading at most one byte past [MAX_FILE_BYTES]. */
    fun accept(name: String?, input: java.io.InputStream): Accepted {
        val bytes = try {
            readCapped(input)
        } catch (e: IOException) {
            return Accepted.Refused(name ?: SyncTexts.UNNAMED, UserMessages.FILES_FAILED)
        }
        return accept(name, bytes)
    }

    /** A name in the inbox not taken yet: [name], else "stem-2.ext", "stem-3.ext", … */
    private fun free(name: String): File {
        val dot = name.lastIndexOf('.').takeIf { it > 0 } ?: name.length
        return generateSequence(1) { it + 1 }
            .map { n -> File(inbox, if (n == 1) name else name.substring(0, dot) + "-$n" + name.substring(dot)) }
            .first { !it.exists() }
    }

    /** What [accept] did with a file. */
    sealed class Accepted {
        /** In the inbox as [name]. */
        data class Saved(val name: String) : Accepted()

        /** Nothing written; [message] is for a person. */
        data class Refused(val name: String, val message: String) : Accepted()
    }

    companion object {
        /** The core's largest sync file, in bytes. */
        val MAX_FILE_BYTES: Int = syncFileMaxBytes().toInt()

        /** The core's suffix for a file set aside after a refused import. */
        val SET_ASIDE: String = setAsideSuffix()

        /** Up to [MAX_FILE_BYTES] + 1 bytes of [input], so an oversized file is seen without reading it all. */
        fun readCapped(input: java.io.InputStream): ByteArray {
            val out = java.io.ByteArrayOutputStream()
            val buf = ByteArray(16 * 1024)
            while (out.size() <= MAX_FILE_BYTES) {
                val n = input.read(buf, 0, minOf(buf.size, MAX_FILE_BYTES + 1 - out.size()))
                if (n < 0) break
                out.write(buf, 0, n)
            }
            return out.toByteArray()
        }
    }
}

/** Writes [bytes] beside [target], then moves it over: a reader never sees half a file. */
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

/** What [TandemController.syncOut] sent: the changes the partner had not confirmed, the payloads, where they went. */
data class SyncOutResult(val changes: Int, val payloads: Int, val sentTo: List<String>)

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

    val applied: Long get() = imported.sumOf { it.report.applied.toLong() }

    val partnerConfirmed: Boolean get() = imported.any { it.report.partnerConfirmed }

    /** What the partner changed, in the core's sentences, one story for the whole sync. */
    val news: List<String> get() = mergeNews(imported.map { it.report }).map { it.text }
}
