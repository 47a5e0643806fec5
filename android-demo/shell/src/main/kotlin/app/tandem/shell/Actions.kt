package app.tandem.shell

// A person's actions as data (the core's `perform`): every screen button
// carries its own (`perform` on the button); the app hands it to
// [TandemSession.perform] and the outcome says what to carry out. Kotlin
// reaches no nested class through a typealias: the one action without a
// button the app builds (starting a pause from the core's lengths) has its own.

/** Something a person does on a screen; one core call does it ([TandemSession.perform]). */
typealias UserAction = app.tandem.ffi.UserAction

/** What an action did: the notice to show, the reminders to cancel and arm, the changes waiting for the partner. */
typealias ActionEffects = app.tandem.ffi.ActionOutcome

typealias StartPause = app.tandem.ffi.UserAction.StartPause
