package app.tandem.shell

// A person's actions as data (the core's `perform`): the app builds one and
// hands it to [TandemSession.perform]; the outcome says what to carry out.
// Kotlin reaches no nested class through a typealias, so each has its own.

/** Something a person does on a screen; one core call does it ([TandemSession.perform]). */
typealias UserAction = app.tandem.ffi.UserAction

/** What an action did: the notice to show, the reminders to cancel and arm, the changes waiting for the partner. */
typealias ActionEffects = app.tandem.ffi.ActionOutcome

typealias AcceptRitual = app.tandem.ffi.UserAction.AcceptRitual
typealias DeclineRitual = app.tandem.ffi.UserAction.DeclineRitual
typealias AcceptRitualVersion = app.tandem.ffi.UserAction.AcceptRitualVersion
typealias DeclineRitualVersion = app.tandem.ffi.UserAction.DeclineRitualVersion
typealias PauseRitual = app.tandem.ffi.UserAction.PauseRitual
typealias ResumeRitual = app.tandem.ffi.UserAction.ResumeRitual
typealias RetireRitual = app.tandem.ffi.UserAction.RetireRitual
typealias KeepRitual = app.tandem.ffi.UserAction.KeepRitual
typealias StopRitual = app.tandem.ffi.UserAction.StopRitual
typealias MarkDone = app.tandem.ffi.UserAction.MarkDone
typealias SkipOccurrence = app.tandem.ffi.UserAction.SkipOccurrence
typealias Snooze = app.tandem.ffi.UserAction.Snooze
typealias RestWeek = app.tandem.ffi.UserAction.RestWeek
typealias AcceptAgreement = app.tandem.ffi.UserAction.AcceptAgreement
typealias DeclineAgreement = app.tandem.ffi.UserAction.DeclineAgreement
typealias WithdrawAgreement = app.tandem.ffi.UserAction.WithdrawAgreement
typealias KeepAgreement = app.tandem.ffi.UserAction.KeepAgreement
typealias LetGoAgreement = app.tandem.ffi.UserAction.LetGoAgreement
typealias StartPause = app.tandem.ffi.UserAction.StartPause
typealias ExtendPause = app.tandem.ffi.UserAction.ExtendPause
typealias EndPause = app.tandem.ffi.UserAction.EndPause
