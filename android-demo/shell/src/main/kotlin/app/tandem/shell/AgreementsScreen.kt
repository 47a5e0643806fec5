package app.tandem.shell

import app.tandem.ffi.AgreementOptionModel
import app.tandem.ffi.AgreementRowModel
import app.tandem.ffi.AgreementsScreenModel

/** An agreement's row as the core words it for this phone. */
typealias AgreementRow = AgreementRowModel

/** A version waiting for an answer, with its own buttons. */
typealias AgreementOption = AgreementOptionModel

/** What the Agreements screen renders: the core's model as it is (`screens::agreements`). */
sealed class AgreementsScreen {
    data class Shown(val model: AgreementsScreenModel) : AgreementsScreen()

    /** The core refused (an unknown zone too); [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : AgreementsScreen()
}
