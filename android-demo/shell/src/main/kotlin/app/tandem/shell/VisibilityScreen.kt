package app.tandem.shell

import app.tandem.ffi.AuditLineModel
import app.tandem.ffi.VisibilityScreenModel
import app.tandem.ffi.VisibleGroupModel
import app.tandem.ffi.VisibleKind

/** What the Privacy screen renders: the core's model (`screens::visibility`), as it is. */
sealed class VisibilityScreen {
    data class Shown(val model: VisibilityScreenModel) : VisibilityScreen() {
        val heading: String get() = model.heading
        /** Said when the partner's phone holds nothing but this phone's name. */
        val empty: String? get() = model.empty
        val groups: List<VisibleGroupModel> get() = model.groups
        val auditHeading: String get() = model.auditHeading
        val audit: List<AuditLineModel> get() = model.audit
        /** Said under the audit when older lines are left out. */
        val auditMore: String? get() = model.auditMore
        /** The label of the button that shows everything ([TandemSession.loadEverything]), when something was left out. */
        val showAll: String? get() = model.showAll

        /** The group of [kind], or null. */
        fun group(kind: VisibleKind): VisibleGroupModel? = model.groups.firstOrNull { it.kind == kind }
    }

    /** The core refused (closed, say) or the zone is unknown; [message] is for a person. */
    data class Failed(val message: String, val error: Exception) : VisibilityScreen()
}
