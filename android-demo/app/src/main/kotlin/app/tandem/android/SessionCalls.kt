package app.tandem.android

import app.tandem.shell.PairingFlow
import app.tandem.shell.PairingState
import java.io.File

// The Pairing and Sync screens' calls: each runs on the worker through the
// shell's session, and its outcome and reloaded screen come back to the activity.

/** One pairing step on the session's flow. */
fun MainActivity.pair(step: (PairingFlow) -> PairingState) = result({ app.session.pair(now(), zone(), step) })

/** Exports into the outbox; [share] gets every file written, on the main thread. */
fun MainActivity.send(share: (List<File>) -> Unit) = result({ app.session.send(now(), zone()) }, share)

/** Imports what waits in the inbox. */
fun MainActivity.receive() = result({ app.session.receive(now(), zone()) })
