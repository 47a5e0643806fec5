package app.tandem.shell

import org.junit.jupiter.api.Assertions.assertTrue

/**
 * A small strict JSON reader and writer for the tests (org.json is not on
 * this lane's classpath): objects become LinkedHashMap (key order kept),
 * arrays List, numbers Long or Double, and null, true, false as Kotlin's.
 * Anything malformed, or trailing text, throws IllegalArgumentException.
 */
object Json {
    fun parse(text: String): Any? {
        val p = Parser(text)
        val v = p.value()
        p.ws()
        require(p.i == text.length) { "trailing text at ${p.i}" }
        return v
    }

    fun write(v: Any?): String = buildString { write(v, this) }

    private fun write(v: Any?, out: StringBuilder) {
        when (v) {
            null -> out.append("null")
            is Boolean, is Long, is Int -> out.append(v.toString())
            is Double -> out.append(v.toString())
            is String -> str(v, out)
            is Map<*, *> -> {
                out.append('{')
                v.entries.forEachIndexed { n, (k, x) ->
                    if (n > 0) out.append(',')
                    str(k as String, out)
                    out.append(':')
                    write(x, out)
                }
                out.append('}')
            }
            is List<*> -> {
                out.append('[')
                v.forEachIndexed { n, x -> if (n > 0) out.append(','); write(x, out) }
                out.append(']')
            }
            else -> throw IllegalArgumentException("not JSON: ${v::class}")
        }
    }

    private fun str(s: String, out: StringBuilder) {
        out.append('"')
        for (c in s) when {
            c == '"' -> out.append("\\\"")
            c == '\\' -> out.append("\\\\")
            c < ' ' -> out.append(String.format("\\u%04x", c.code))
            else -> out.append(c)
        }
        out.append('"')
    }

    private class Parser(val s: String) {
        var i = 0

        fun ws() { while (i < s.length && s[i] in " \t\r\n") i++ }

        fun value(): Any? {
            ws()
            require(i < s.length) { "unexpected end" }
            return when (val c = s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> string()
                't' -> lit("true", true)
                'f' -> lit("false", false)
                'n' -> lit("null", null)
                else -> if (c == '-' || c.isDigit()) num() else throw IllegalArgumentException("unexpected '$c' at $i")
            }
        }

        private fun lit(word: String, v: Any?): Any? {
            require(s.startsWith(word, i)) { "bad literal at $i" }
            i += word.length
            return v
        }

        private fun expect(c: Char) {
            ws()
            require(i < s.length && s[i] == c) { "expected '$c' at $i" }
            i++
        }

        private fun obj(): Map<String, Any?> {
            val m = LinkedHashMap<String, Any?>()
            expect('{')
            ws()
            if (s[i] == '}') { i++; return m }
            while (true) {
                ws()
                val k = string()
                expect(':')
                require(!m.containsKey(k)) { "duplicate key $k" }
                m[k] = value()
                ws()
                if (s[i] == ',') { i++; continue }
                expect('}')
                return m
            }
        }

        private fun arr(): List<Any?> {
            val l = mutableListOf<Any?>()
            expect('[')
            ws()
            if (s[i] == ']') { i++; return l }
            while (true) {
                l += value()
                ws()
                if (s[i] == ',') { i++; continue }
                expect(']')
                return l
            }
        }

        private fun string(): String {
            require(s[i] == '"') { "expected a string at $i" }
            i++
            val b = StringBuilder()
            while (true) {
                require(i < s.length) { "unterminated string" }
                val c = s[i++]
                when {
                    c == '"' -> return b.toString()
                    c == '\\' -> {
                        when (val e = s[i++]) {
                            '"', '\\', '/' -> b.append(e)
                            'b' -> b.append('\b')
                            'f' -> b.append('\u000c')
                            'n' -> b.append('\n')
                            'r' -> b.append('\r')
                            't' -> b.append('\t')
                            'u' -> { b.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                            else -> throw IllegalArgumentException("bad escape at $i")
                        }
                    }
                    c < ' ' -> throw IllegalArgumentException("control character in a string at $i")
                    else -> b.append(c)
                }
            }
        }

        private fun num(): Any {
            val start = i
            if (s[i] == '-') i++
            while (i < s.length && (s[i].isDigit() || s[i] in ".eE+-")) i++
            val t = s.substring(start, i)
            return t.toLongOrNull() ?: t.toDouble()
        }
    }
}

/** [this] as a JSON object; fails the check otherwise. */
@Suppress("UNCHECKED_CAST")
fun Any?.obj(what: String): Map<String, Any?> {
    assertTrue(this is Map<*, *>) { "$what: expected a JSON object, got $this" }
    return this as Map<String, Any?>
}

/** Every string anywhere in a parsed JSON value. */
fun Any?.allStrings(): List<String> = when (this) {
    is String -> listOf(this)
    is Map<*, *> -> keys.map { it as String } + values.flatMap { it.allStrings() }
    is List<*> -> flatMap { it.allStrings() }
    else -> emptyList()
}
