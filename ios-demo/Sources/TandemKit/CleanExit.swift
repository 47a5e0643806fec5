import Foundation

// The clean exit is the core's (`TandemController.settingsScreen()`,
// `cleanExit(_:)`): its steps (`CleanExitStep`), what is still offered and
// what was done since unpairing, in the phone's language.

extension CleanExitStep: CaseIterable {
    public static var allCases: [CleanExitStep] { [.stopShared, .deletePartnerData] }
}
