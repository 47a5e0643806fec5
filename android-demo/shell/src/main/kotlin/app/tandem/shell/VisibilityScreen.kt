package app.tandem.shell

import app.tandem.ffi.AuditLineModel
import app.tandem.ffi.VisibilityScreenModel
import app.tandem.ffi.VisibleGroupModel
import app.tandem.ffi.VisibleKind

/**
 * What the Privacy screen renders: the core's [VisibilityScreenModel]
 * (`screens::visibility`), as it is. What the partner's phone holds about
 * this person, grouped in the core's order of kinds under the catalog's
 * headings (the caveat on what was made private and cannot be recalled),
 * and the audit as sentences, newest first, times on the device's clock,
 * all in the phone's language. Before, this shell ordered the kinds, wrote
 * the headings, "You …" and the empty text and formatted the times, and
 * iOS did each its own way.
 */
sealed class VisibilityScreen {
    data class Shown(val model: VisibilityScreenModel) : VisibilityScreen() {
        val heading: String get() = model.heading
        /** Said when the partner's phone holds nothing but this phone's name. */
        val empty: String? get() = model.empty
        val groups: List<VisibleGroupModel> get() = model.groups
        val auditHeading: String get() = model.auditHeading
        val audit: List<AuditLineModel> get() = model.audit

        /** The group of [kind], or null. */
        fun group(kind: VisibleKind): VisibleGroupModel? = model.groups.firstOrNull { it.kind == kind }
    }

    /** The core refused (closed, say) or the zone is unknown; [message] is for a person. */
    data class Failed(val message: String, val error: Exception) : VisibilityScreen()
}
