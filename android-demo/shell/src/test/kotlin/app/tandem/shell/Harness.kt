package app.tandem.shell

import java.io.File
import java.nio.file.Files

/**
 * A tiny test runner: no JUnit here (no Maven on this machine). Each `test`
 * runs its block; the first failed check ends that test and is printed.
 * `finish()` prints "N passed, N failed" and returns the exit code.
 */
object Harness {
    private var passed = 0
    private var failed = 0
    private val tempRoots = mutableListOf<File>()

    class CheckFailed(message: String) : AssertionError(message)

    fun test(name: String, block: () -> Unit) {
        try {
            block()
            passed++
            println("ok   $name")
        } catch (t: Throwable) {
            failed++
            val what = if (t is CheckFailed) t.message else "${t.javaClass.name}: ${t.message}"
            println("FAIL $name: $what")
            if (t !is CheckFailed) t.printStackTrace(System.out)
        }
    }

    fun finish(): Int {
        tempRoots.forEach { it.deleteRecursively() }
        println("$passed passed, $failed failed")
        return if (failed == 0 && passed > 0) 0 else 1
    }

    /** A fresh directory, removed at the end of the run. */
    fun tempDir(): File = Files.createTempDirectory("tandem-kt-").toFile().also { tempRoots += it }
}

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw Harness.CheckFailed(message())
}

fun <T> eq(expected: T, actual: T, what: String) {
    if (expected != actual) throw Harness.CheckFailed("$what: expected <$expected>, got <$actual>")
}

/** Runs [block], which must throw exactly an [E]; returns it. */
inline fun <reified E : Throwable> expectThrows(what: String, block: () -> Unit): E {
    try {
        block()
    } catch (t: Throwable) {
        if (t is E) return t
        throw Harness.CheckFailed("$what: expected ${E::class.simpleName}, got ${t.javaClass.name}: ${t.message}")
    }
    throw Harness.CheckFailed("$what: expected ${E::class.simpleName}, nothing was thrown")
}
