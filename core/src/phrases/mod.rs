//! The phrasebook: words for hard moments, grouped by situation, written
//! once and reused. Built-in phrases, the couple's own (shared or private,
//! kept as entries), and an I-statement builder that checks every part is
//! there.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::validate;

pub const PHRASE_MAX_CHARS: usize = 280;
pub const PART_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Situation {
    AskingForSpace,
    InvitingCloseness,
    ReflectingBack,
    OwningMyPart,
    ReturningAfterAPause,
}

impl Situation {
    pub const ALL: [Situation; 5] = [
        Situation::AskingForSpace,
        Situation::InvitingCloseness,
        Situation::ReflectingBack,
        Situation::OwningMyPart,
        Situation::ReturningAfterAPause,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Situation::AskingForSpace => "asking for space",
            Situation::InvitingCloseness => "inviting closeness",
            Situation::ReflectingBack => "reflecting back",
            Situation::OwningMyPart => "owning my part",
            Situation::ReturningAfterAPause => "returning after a pause",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        let key = text.trim().to_lowercase().replace(['-', '_'], " ");
        Situation::ALL
            .into_iter()
            .find(|s| s.as_str() == key)
            .ok_or_else(|| {
                Error::invalid(
                    "a situation is one of: asking for space, inviting closeness, reflecting back, owning my part, returning after a pause",
                )
            })
    }
}

/// Built-in phrases: no pressure, no blame.
pub const BUILT_IN: &[(Situation, &str)] = &[
    (
        Situation::AskingForSpace,
        "I'm getting overwhelmed. I need twenty minutes, and then I want to come back to this.",
    ),
    (
        Situation::AskingForSpace,
        "I'm here, but I need a little time to reset. I'll find you at nine.",
    ),
    (
        Situation::AskingForSpace,
        "This matters to me, so I want to talk when I can listen properly.",
    ),
    (
        Situation::InvitingCloseness,
        "Would you like to sit together for a bit? No need to talk.",
    ),
    (
        Situation::InvitingCloseness,
        "I miss you today. Could we have ten minutes tonight?",
    ),
    (
        Situation::InvitingCloseness,
        "Whenever you're ready, I'd love to hear how your day was.",
    ),
    (
        Situation::ReflectingBack,
        "What I'm hearing is that you felt alone with it. Is that right?",
    ),
    (
        Situation::ReflectingBack,
        "So when I went quiet, it felt like I'd left. Did I get that?",
    ),
    (
        Situation::ReflectingBack,
        "Let me say back what I understood, and you tell me what I missed.",
    ),
    (
        Situation::OwningMyPart,
        "I got defensive there. I'm sorry; I want to try again.",
    ),
    (
        Situation::OwningMyPart,
        "I went quiet instead of saying I needed a break. That's on me.",
    ),
    (
        Situation::OwningMyPart,
        "I pushed when you needed space. I can see how that felt.",
    ),
    (
        Situation::ReturningAfterAPause,
        "I'm back, and calmer. Thank you for the time.",
    ),
    (
        Situation::ReturningAfterAPause,
        "I'm ready to listen now. Can you tell me again what you needed?",
    ),
    (
        Situation::ReturningAfterAPause,
        "I came back because this matters. Where were we?",
    ),
];

/// "When [observation], I feel [feeling], and I need [need]. Would you be
/// open to [request]?", with each part present and trimmed of the words the
/// template already says.
pub fn i_statement(observation: &str, feeling: &str, need: &str, request: &str) -> Result<String> {
    let part = |name: &str, text: &str, lead: &[&str]| -> Result<String> {
        let mut t = validate::required_text(name, text, PART_MAX_CHARS)?;
        for l in lead {
            // "when" alone counts as the lead word with nothing after it.
            if format!("{} ", t.to_lowercase()).starts_with(l) {
                t = t.get(l.len()..).unwrap_or("").trim_start().to_owned();
            }
        }
        let t = t.trim_end_matches(['.', '?', '!', ',']).trim().to_owned();
        if t.is_empty() {
            return Err(Error::invalid(format!("the {name} is empty")));
        }
        Ok(t)
    };
    let observation = part("observation", observation, &["when "])?;
    let feeling = part("feeling", feeling, &["i feel ", "i'm ", "i am "])?;
    let need = part("need", need, &["i need "])?;
    let request = part("request", request, &["would you be open to "])?;
    Ok(format!(
        "When {observation}, I feel {feeling}, and I need {need}. Would you be open to {request}?"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_i_statement_needs_every_part_and_reads_naturally() {
        assert_eq!(
            i_statement(
                "When plans change at the last minute",
                "I feel anxious.",
                "I need a heads-up",
                "texting me when you're running late"
            )
            .unwrap(),
            "When plans change at the last minute, I feel anxious, and I need a heads-up. Would you be open to texting me when you're running late?"
        );
        for (o, f, n, r, missing) in [
            ("", "sad", "time", "a walk", "observation"),
            ("x", " ", "time", "a walk", "feeling"),
            ("x", "sad", "", "a walk", "need"),
            ("x", "sad", "time", "", "request"),
            ("when", "sad", "time", "a walk", "observation"),
        ] {
            let err = i_statement(o, f, n, r).unwrap_err().to_string();
            assert!(err.contains(missing), "{err}");
        }
        assert!(
            Situation::ALL
                .iter()
                .all(|s| BUILT_IN.iter().any(|(b, _)| b == s))
        );
    }
}
