//! The pairing screen across the FFI: one call per step, each returning
//! the screen to show next (`tandem_core::screens::pairing`). The shells
//! draw it, open the camera for "Scan my partner's code" and pass what it
//! read as `PairingStep::Scanned`; everything else is the core's.

use tandem_core::screens::pairing as core_pairing;

use crate::{QrCode, Result, Tandem};

/// Where pairing stands on this phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PairingStage {
    /// Not paired, nothing under way: show a code, or scan the partner's.
    Start,
    /// This phone shows its code; then it scans the code on the partner's
    /// screen.
    ShowingCode,
    /// This phone scanned its partner's code: it shows its own for the
    /// partner to scan, and the digits to compare.
    ShowingAnswer,
    /// Compare the digits with the partner's screen.
    Comparing,
    Paired,
}

/// A button on the pairing screen and the step it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PairingActionKind {
    /// `PairingStep::Start`.
    ShowMyCode,
    /// Open the camera; what it reads is `PairingStep::Scanned`.
    ScanPartnersCode,
    /// `PairingStep::Confirm`.
    TheyMatch,
    /// `PairingStep::Reject`.
    TheyDiffer,
    /// `PairingStep::Check`.
    CheckCode,
    /// `PairingStep::Cancel`.
    Cancel,
    /// `PairingStep::Unpair`, after the app lock (`GuardedAction::Unpair`).
    Unpair,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PairingButton {
    pub action: PairingActionKind,
    pub label: String,
}

/// One pairing step, as a person takes it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PairingStep {
    /// Show a (new) code; one shown before stops working.
    Start,
    /// The camera read `text`: the core decides what it is (the partner's
    /// answer to this phone's code, or the partner's code to answer).
    Scanned { text: String },
    /// The digits match.
    Confirm,
    /// The digits differ: the new keys are destroyed.
    Reject,
    /// Leave pairing: a code shown is withdrawn, digits not yet confirmed
    /// are rejected; a pairing made stays.
    Cancel,
    /// Destroy the pair's keys on this phone, telling the partner nothing.
    Unpair,
    /// Read the screen again; changes nothing.
    Check,
}

/// What a refused step, or a code that ran out, says: a stable `code`
/// ("pairing.expired", "pairing.rejected", "pairing.ran-out") and the
/// text to show.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PairingNotice {
    pub code: String,
    pub text: String,
}

/// The pairing screen as the core decides and words it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PairingScreenModel {
    pub stage: PairingStage,
    pub heading: String,
    /// What to do now.
    pub instruction: String,
    /// The code to show, while there is one to scan.
    pub qr: Option<QrCode>,
    /// The digits to compare ("123 456 789 012 345").
    pub digits: Option<String>,
    /// Until when the code shown can be scanned (for a countdown; the
    /// `Check` step says whether it still can).
    pub expires_at_ms: Option<i64>,
    /// The same on this phone's clock: "Good until 21:12".
    pub expires: Option<String>,
    /// The name the partner's phone gave, once known.
    pub partner_name: Option<String>,
    /// "Paired with Ben", once paired.
    pub paired_with: Option<String>,
    /// The key generation and when this phone's keys last moved on.
    pub keys: Option<String>,
    /// To show, with `allow_camera`, when the camera may not be used.
    pub camera_hint: String,
    pub allow_camera: String,
    /// The button that closes the camera without scanning.
    pub close_camera: String,
    pub notice: Option<PairingNotice>,
    pub actions: Vec<PairingButton>,
}

impl From<PairingStep> for core_pairing::PairingStep {
    fn from(s: PairingStep) -> Self {
        use core_pairing::PairingStep as S;
        match s {
            PairingStep::Start => S::Start,
            PairingStep::Scanned { text } => S::Scanned(text),
            PairingStep::Confirm => S::Confirm,
            PairingStep::Reject => S::Reject,
            PairingStep::Cancel => S::Cancel,
            PairingStep::Unpair => S::Unpair,
            PairingStep::Check => S::Check,
        }
    }
}

fn stage(s: core_pairing::PairingStage) -> PairingStage {
    use core_pairing::PairingStage as S;
    match s {
        S::Start => PairingStage::Start,
        S::ShowingCode => PairingStage::ShowingCode,
        S::ShowingAnswer => PairingStage::ShowingAnswer,
        S::Comparing => PairingStage::Comparing,
        S::Paired => PairingStage::Paired,
    }
}

fn action(a: core_pairing::PairingAction) -> PairingActionKind {
    use core_pairing::PairingAction as A;
    match a {
        A::ShowMyCode => PairingActionKind::ShowMyCode,
        A::ScanPartnersCode => PairingActionKind::ScanPartnersCode,
        A::TheyMatch => PairingActionKind::TheyMatch,
        A::TheyDiffer => PairingActionKind::TheyDiffer,
        A::CheckCode => PairingActionKind::CheckCode,
        A::Cancel => PairingActionKind::Cancel,
        A::Unpair => PairingActionKind::Unpair,
    }
}

fn model(s: core_pairing::PairingScreen) -> Result<PairingScreenModel> {
    let qr = match &s.qr_text {
        Some(text) => Some(QrCode::render(text)?),
        None => None,
    };
    Ok(PairingScreenModel {
        stage: stage(s.stage),
        heading: s.heading,
        instruction: s.instruction,
        qr,
        digits: s.digits,
        expires_at_ms: s.expires_at_ms,
        expires: s.expires,
        partner_name: s.partner_name,
        paired_with: s.paired_with,
        keys: s.keys,
        camera_hint: s.camera_hint,
        allow_camera: s.allow_camera,
        close_camera: s.close_camera,
        notice: s.notice.map(|n| PairingNotice {
            code: n.code.to_owned(),
            text: n.text,
        }),
        actions: s
            .actions
            .into_iter()
            .map(|(a, label)| PairingButton {
                action: action(a),
                label,
            })
            .collect(),
    })
}

#[uniffi::export]
impl Tandem {
    /// The pairing screen as it stands, times on the clock of
    /// `device_zone` (IANA name): on opening the screen, on a timer while a
    /// code is shown, after a sync (the partner's name arrives with their
    /// first file).
    pub fn pairing_screen(&self, device_zone: String) -> Result<PairingScreenModel> {
        model(self.with(|c| c.pairing_screen(&device_zone))?)
    }

    /// Takes one pairing step and returns the screen to show next. A step
    /// the screen does not offer now changes nothing; one the core refuses
    /// (a code expired, damaged, of the wrong kind, used) changes nothing
    /// either and comes back with a `notice`. Errors are left for what is
    /// not about pairing (storage, an unknown zone, a closed Tandem).
    pub fn pairing_act(
        &self,
        step: PairingStep,
        device_zone: String,
    ) -> Result<PairingScreenModel> {
        let step = core_pairing::PairingStep::from(step);
        model(self.with(|c| c.pairing_act(&step, &device_zone))?)
    }
}
