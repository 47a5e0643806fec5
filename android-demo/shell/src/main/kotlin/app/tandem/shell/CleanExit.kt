package app.tandem.shell

/** The settings screen as the core words it: the app lock's choices and, after unpairing, the clean exit. */
typealias SettingsScreen = app.tandem.ffi.SettingsScreenModel

/** A step of the clean exit, on this phone alone ([TandemController.cleanExit]). */
typealias CleanExitStep = app.tandem.ffi.CleanExitStep

/** What a clean exit step did: how many things, in words. */
typealias CleanExitDone = app.tandem.ffi.CleanExitDone
