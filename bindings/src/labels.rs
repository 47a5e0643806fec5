//! The words the apps show outside any screen model (tabs, form fields,
//! buttons), from the core's catalog, so both phones say the same and a
//! second language needs no app change. Screen words come with each
//! screen's model; these are the frame around them.

use tandem_core::catalog::Locale;

/// Every label, in one language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Labels {
    /// Monday to Sunday, short ("Mon", "Di"), for a form's day buttons.
    pub weekdays_short: Vec<String>,
    /// "Today"
    pub today: String,
    /// "Rituals"
    pub rituals: String,
    /// "Agreements"
    pub agreements: String,
    /// "Pause"
    pub pause: String,
    /// "Check in"
    pub check_in: String,
    /// "Insights"
    pub insights: String,
    /// "Pair with your partner"
    pub pairing: String,
    /// "Sync"
    pub sync: String,
    /// "What your partner sees"
    pub privacy: String,
    /// "Together"
    pub together: String,
    /// "Cancel"
    pub cancel: String,
    /// "Save"
    pub save: String,
    /// "Loading…"
    pub loading: String,
    /// "Opening Tandem…"
    pub opening: String,
    /// "Past"
    pub past: String,
    /// "Earlier"
    pub earlier: String,
    /// "New ritual"
    pub new_ritual: String,
    /// "New agreement"
    pub new_agreement: String,
    /// "Boundaries"
    pub boundaries: String,
    /// "Start from an example", above a boundary form's examples.
    pub boundary_examples: String,
    /// The boundary form's one field: "Your boundary, in your own words".
    pub boundary_text: String,
    /// "Title"
    pub field_title: String,
    /// "What to do (optional)"
    pub field_prompt: String,
    /// "Time (HH:MM, 24-hour)"
    pub field_time: String,
    /// "Minutes"
    pub field_minutes: String,
    /// "For"
    pub field_for: String,
    /// "The two of us"
    pub for_us: String,
    /// "Just for me"
    pub for_me: String,
    /// "Repeats"
    pub field_repeats: String,
    /// "Every day"
    pub every_day: String,
    /// "On chosen days"
    pub chosen_days: String,
    /// "As before"
    pub as_before: String,
    /// "A gentle experiment (optional)"
    pub trial_section: String,
    /// "Try it until (YYYY-MM-DD)"
    pub field_trial_until: String,
    /// "Suggest to my partner"
    pub submit_propose: String,
    /// "Just for me"
    pub submit_personal: String,
    /// "Suggest this instead"
    pub submit_counter: String,
    /// "Keep it changed"
    pub submit_adjust: String,
    /// "What we agree"
    pub field_agreement_text: String,
    /// "Pausing (optional)"
    pub pausing_section: String,
    /// "Cool-down in minutes"
    pub field_cool_down: String,
    /// "Look at it again together (optional)"
    pub look_back_section: String,
    /// "Look back on (YYYY-MM-DD)"
    pub field_review_on: String,
    /// "Pick a date"
    pub pick_date: String,
    /// "Propose"
    pub submit_agreement: String,
    /// "Suggest this change"
    pub submit_amend: String,
    /// "Send my changes to my partner"
    pub sync_send: String,
    /// "Send to your partner"
    pub sync_share_title: String,
    /// "Import what my partner sent"
    pub sync_receive: String,
    /// "Add a file from my partner…"
    pub sync_add_file: String,
    /// "Last time"
    pub sync_last: String,
    /// "Open settings"
    pub open_settings: String,
    /// "Passphrase of the export"
    pub export_passphrase: String,
    /// "Choose the export file"
    pub choose_export: String,
    /// "Restore from an export"
    pub restore: String,
    /// "Start over"
    pub start_over: String,
    /// "Start over with an empty Tandem"
    pub start_over_confirm: String,
    /// "Tandem can't open right now"
    pub cant_open: String,
    /// "Try again"
    pub try_again: String,
    /// "Suggest another time"
    pub heading_counter: String,
    /// "Adjust the experiment"
    pub heading_adjust: String,
    /// "Suggest a new version"
    pub heading_amend: String,
    /// "Your data"
    pub data_heading: String,
    /// "Passphrase for the export (at least 8 characters)"
    pub export_passphrase_new: String,
    /// "Export, sealed"
    pub export_sealed: String,
    /// "Save your export"
    pub export_save_title: String,
    /// "Erase…"
    pub erase: String,
    /// "Erase Tandem from this phone"
    pub erase_confirm: String,
    /// "Notebook"
    pub notebook: String,
    /// "Pairing code"
    pub pairing_code: String,
    /// "(no name)"
    pub unnamed_file: String,
}

/// The labels in the language of `locale_tag` (English for a language
/// Tandem does not have, or a tag that is empty or absurd).
#[uniffi::export]
pub fn labels(locale_tag: String) -> Labels {
    labels_in(Locale::parse(&locale_tag).unwrap_or_default())
}

pub(crate) fn labels_in(l: Locale) -> Labels {
    use chrono::Weekday as D;
    Labels {
        weekdays_short: [D::Mon, D::Tue, D::Wed, D::Thu, D::Fri, D::Sat, D::Sun]
            .into_iter()
            .map(|d| tandem_core::catalog::weekday_short(l, d))
            .collect(),
        today: l.say("label-today"),
        rituals: l.say("label-rituals"),
        agreements: l.say("label-agreements"),
        pause: l.say("label-pause"),
        check_in: l.say("label-check-in"),
        insights: l.say("label-insights"),
        pairing: l.say("label-pairing"),
        sync: l.say("label-sync"),
        privacy: l.say("label-privacy"),
        together: l.say("label-together"),
        cancel: l.say("label-cancel"),
        save: l.say("label-save"),
        loading: l.say("label-loading"),
        opening: l.say("label-opening"),
        past: l.say("label-past"),
        earlier: l.say("label-earlier"),
        new_ritual: l.say("label-new-ritual"),
        new_agreement: l.say("label-new-agreement"),
        boundaries: l.say("label-boundaries"),
        boundary_examples: l.say("label-boundary-examples"),
        boundary_text: l.say("label-boundary-text"),
        field_title: l.say("label-field-title"),
        field_prompt: l.say("label-field-prompt"),
        field_time: l.say("label-field-time"),
        field_minutes: l.say("label-field-minutes"),
        field_for: l.say("label-field-for"),
        for_us: l.say("label-for-us"),
        for_me: l.say("label-for-me"),
        field_repeats: l.say("label-field-repeats"),
        every_day: l.say("label-every-day"),
        chosen_days: l.say("label-chosen-days"),
        as_before: l.say("label-as-before"),
        trial_section: l.say("label-trial-section"),
        field_trial_until: l.say("label-field-trial-until"),
        submit_propose: l.say("label-submit-propose"),
        submit_personal: l.say("label-submit-personal"),
        submit_counter: l.say("label-submit-counter"),
        submit_adjust: l.say("label-submit-adjust"),
        field_agreement_text: l.say("label-field-agreement-text"),
        pausing_section: l.say("label-pausing-section"),
        field_cool_down: l.say("label-field-cool-down"),
        look_back_section: l.say("label-look-back-section"),
        field_review_on: l.say("label-field-review-on"),
        pick_date: l.say("label-pick-date"),
        submit_agreement: l.say("label-submit-agreement"),
        submit_amend: l.say("label-submit-amend"),
        sync_send: l.say("label-sync-send"),
        sync_share_title: l.say("label-sync-share-title"),
        sync_receive: l.say("label-sync-receive"),
        sync_add_file: l.say("label-sync-add-file"),
        sync_last: l.say("label-sync-last"),
        open_settings: l.say("label-open-settings"),
        export_passphrase: l.say("label-export-passphrase"),
        choose_export: l.say("label-choose-export"),
        restore: l.say("label-restore"),
        start_over: l.say("label-start-over"),
        start_over_confirm: l.say("label-start-over-confirm"),
        cant_open: l.say("label-cant-open"),
        try_again: l.say("label-try-again"),
        heading_counter: l.say("label-heading-counter"),
        heading_adjust: l.say("label-heading-adjust"),
        heading_amend: l.say("label-heading-amend"),
        data_heading: l.say("label-data-heading"),
        export_passphrase_new: l.say("label-export-passphrase-new"),
        export_sealed: l.say("label-export-sealed"),
        export_save_title: l.say("label-export-save-title"),
        erase: l.say("label-erase"),
        erase_confirm: l.say("label-erase-confirm"),
        notebook: l.say("label-notebook"),
        pairing_code: l.say("label-pairing-code"),
        unnamed_file: l.say("label-unnamed-file"),
    }
}

#[cfg(test)]
impl Labels {
    /// Every label with its field name, for tests that walk them all.
    pub fn all(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("today", &self.today),
            ("rituals", &self.rituals),
            ("agreements", &self.agreements),
            ("pause", &self.pause),
            ("check_in", &self.check_in),
            ("insights", &self.insights),
            ("pairing", &self.pairing),
            ("sync", &self.sync),
            ("privacy", &self.privacy),
            ("together", &self.together),
            ("cancel", &self.cancel),
            ("save", &self.save),
            ("loading", &self.loading),
            ("opening", &self.opening),
            ("past", &self.past),
            ("earlier", &self.earlier),
            ("new_ritual", &self.new_ritual),
            ("new_agreement", &self.new_agreement),
            ("boundaries", &self.boundaries),
            ("boundary_examples", &self.boundary_examples),
            ("boundary_text", &self.boundary_text),
            ("field_title", &self.field_title),
            ("field_prompt", &self.field_prompt),
            ("field_time", &self.field_time),
            ("field_minutes", &self.field_minutes),
            ("field_for", &self.field_for),
            ("for_us", &self.for_us),
            ("for_me", &self.for_me),
            ("field_repeats", &self.field_repeats),
            ("every_day", &self.every_day),
            ("chosen_days", &self.chosen_days),
            ("as_before", &self.as_before),
            ("trial_section", &self.trial_section),
            ("field_trial_until", &self.field_trial_until),
            ("submit_propose", &self.submit_propose),
            ("submit_personal", &self.submit_personal),
            ("submit_counter", &self.submit_counter),
            ("submit_adjust", &self.submit_adjust),
            ("field_agreement_text", &self.field_agreement_text),
            ("pausing_section", &self.pausing_section),
            ("field_cool_down", &self.field_cool_down),
            ("look_back_section", &self.look_back_section),
            ("field_review_on", &self.field_review_on),
            ("pick_date", &self.pick_date),
            ("submit_agreement", &self.submit_agreement),
            ("submit_amend", &self.submit_amend),
            ("sync_send", &self.sync_send),
            ("sync_share_title", &self.sync_share_title),
            ("sync_receive", &self.sync_receive),
            ("sync_add_file", &self.sync_add_file),
            ("sync_last", &self.sync_last),
            ("open_settings", &self.open_settings),
            ("export_passphrase", &self.export_passphrase),
            ("choose_export", &self.choose_export),
            ("restore", &self.restore),
            ("start_over", &self.start_over),
            ("start_over_confirm", &self.start_over_confirm),
            ("cant_open", &self.cant_open),
            ("try_again", &self.try_again),
            ("heading_counter", &self.heading_counter),
            ("heading_adjust", &self.heading_adjust),
            ("heading_amend", &self.heading_amend),
            ("data_heading", &self.data_heading),
            ("export_passphrase_new", &self.export_passphrase_new),
            ("export_sealed", &self.export_sealed),
            ("export_save_title", &self.export_save_title),
            ("erase", &self.erase),
            ("erase_confirm", &self.erase_confirm),
            ("notebook", &self.notebook),
            ("pairing_code", &self.pairing_code),
            ("unnamed_file", &self.unnamed_file),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_worded_in_every_language() {
        let (en, de, pseudo) = (
            labels("en".into()),
            labels("de-AT".into()),
            labels("en-XA".into()),
        );
        for ((name, e), ((_, d), (_, p))) in en
            .all()
            .into_iter()
            .zip(de.all().into_iter().zip(pseudo.all()))
        {
            assert!(
                !e.starts_with("label-") && !d.starts_with("label-"),
                "{name} has no words"
            );
            assert!(
                p.starts_with('⟦') && p.ends_with('⟧'),
                "{name} bypassed the catalog: {p}"
            );
            // German differs, except where the word is the same ("Pause").
            assert!(d != e || e == "Pause", "{name} is not German: {d}");
        }
        assert_eq!(
            labels("zz-unknown".into()),
            en,
            "an unknown language reads as English"
        );
    }
}
