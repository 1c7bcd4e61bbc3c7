//! Mail templates (minijinja), one set per language under `app/templates/mail/<lang>/`:
//! `<name>.subject.txt`, `<name>.txt` and `<name>.html`. HTML is auto-escaped. Subjects never
//! carry personal data.

use crate::domain::lang::Lang;
use crate::ssr::mail::OutgoingMail;
use minijinja::Environment;
use serde::Serialize;
use std::sync::LazyLock;

macro_rules! templates {
    ($($lang:literal / $name:literal),* $(,)?) => {
        &[$(
            (concat!($lang, "/", $name, ".subject.txt"),
             include_str!(concat!("../../../templates/mail/", $lang, "/", $name, ".subject.txt"))),
            (concat!($lang, "/", $name, ".txt"),
             include_str!(concat!("../../../templates/mail/", $lang, "/", $name, ".txt"))),
            (concat!($lang, "/", $name, ".html"),
             include_str!(concat!("../../../templates/mail/", $lang, "/", $name, ".html"))),
        )*]
    };
}

const TEMPLATES: &[(&str, &str)] = templates![
    "nb" / "staff_invitation",
    "nn" / "staff_invitation",
    "en" / "staff_invitation",
    "nb" / "citizen_email_confirmation",
    "nn" / "citizen_email_confirmation",
    "en" / "citizen_email_confirmation",
    "nb" / "hearing_invitation",
    "nn" / "hearing_invitation",
    "en" / "hearing_invitation",
    "nb" / "submission_confirm",
    "nn" / "submission_confirm",
    "en" / "submission_confirm",
    "nb" / "submission_receipt",
    "nn" / "submission_receipt",
    "en" / "submission_receipt",
    "nb" / "submission_withheld",
    "nn" / "submission_withheld",
    "en" / "submission_withheld",
    "nb" / "dialogue_suspended",
    "nn" / "dialogue_suspended",
    "en" / "dialogue_suspended",
    "nb" / "initiative_screening_request",
    "nn" / "initiative_screening_request",
    "en" / "initiative_screening_request",
    "nb" / "initiative_rejected",
    "nn" / "initiative_rejected",
    "en" / "initiative_rejected",
    "nb" / "initiative_submitted",
    "nn" / "initiative_submitted",
    "en" / "initiative_submitted",
    "nb" / "signature_receipt",
    "nn" / "signature_receipt",
    "en" / "signature_receipt",
    "nb" / "case_event",
    "nn" / "case_event",
    "en" / "case_event",
    "nb" / "case_digest",
    "nn" / "case_digest",
    "en" / "case_digest",
    "nb" / "follow_confirm",
    "nn" / "follow_confirm",
    "en" / "follow_confirm",
    "nb" / "data_export_ready",
    "nn" / "data_export_ready",
    "en" / "data_export_ready",
    "nb" / "staff_digest",
    "nn" / "staff_digest",
    "en" / "staff_digest",
    "nb" / "staff_password_reset",
    "nn" / "staff_password_reset",
    "en" / "staff_password_reset",
    "nb" / "panel_wave",
    "nn" / "panel_wave",
    "en" / "panel_wave",
    "nb" / "panel_recruit",
    "nn" / "panel_recruit",
    "en" / "panel_recruit",
];

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    for (name, src) in TEMPLATES {
        if let Err(e) = env.add_template(name, src) {
            tracing::error!(template = name, error = %e, "mail template does not parse");
        }
    }
    env
});

/// Renders template `name` in `lang` for `recipient`.
pub fn render(
    name: &str,
    lang: Lang,
    recipient: &str,
    ctx: impl Serialize,
) -> Result<OutgoingMail, String> {
    let ctx = minijinja::Value::from_serialize(&ctx);
    let part = |ext: &str| -> Result<String, String> {
        ENV.get_template(&format!("{}/{name}.{ext}", lang.code()))
            .and_then(|t| t.render(&ctx))
            .map_err(|e| e.to_string())
    };
    Ok(OutgoingMail {
        recipient: recipient.to_string(),
        subject: part("subject.txt")?.trim().to_string(),
        text: part("txt")?,
        html: part("html")?,
        unsubscribe: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_renders_in_every_language() {
        for lang in Lang::ALL {
            let m = render(
                "staff_invitation",
                lang,
                "ny@kommune.no",
                serde_json::json!({"organisation": "Eksempel <kommune>", "role": "admin",
                    "link": "http://x/invitasjon/abc", "expires": "1. desember 2026"}),
            )
            .unwrap();
            assert!(m.text.contains("http://x/invitasjon/abc"), "{lang:?}");
            assert!(
                m.html.contains("Eksempel &lt;kommune&gt;"),
                "{lang:?} html not escaped"
            );
            assert!(!m.subject.contains("ny@kommune.no"));
        }
    }

    /// Every template, in every language, with every variable any of them uses: each parses,
    /// uses no variable outside that set, and gives a subject, a text and an HTML body.
    #[test]
    fn every_template_parses_and_uses_only_known_variables() {
        let ctx = serde_json::json!({
            "organisation": "Eksempel kommune", "title": "Et forslag", "link": "http://x/lenke",
            "reference": "INN-ABC", "expires": "1. desember 2026", "received": "2. mars",
            "reason": "En grunn", "due": "3. april", "threshold": 300,
            "summary": "Oppsummert", "role": "admin", "outcome": "Vedtatt", "note": "Merknad",
            "kind": "decided", "deadline": "4. mai", "date": "5. juni", "count": 12,
            "consultee": "Naboforeningen", "notify": true, "weekly": true,
            "why": "Fordi du følger saken.", "unsubscribe": "http://x/avmeld/f1.abc",
            "manage": "http://x/meg", "panel": "Innbyggerpanelet", "code": "ABCDE-FGHJK",
            "event": {"headline": "Fristen er forlenget.", "details": ["Vedtatt."],
                "more": "http://x/vedtak", "title": "Et forslag", "link": "http://x/sak",
                "at": "1. mars 2027"},
            "events": [{"headline": "Fristen er forlenget.", "details": [], "more": null,
                "title": "Et forslag", "link": "http://x/sak", "at": "1. mars 2027"}],
            "lines": ["To innspill venter på gjennomgang."],
            "space": "Diskuter saken", "until": "6. juli 2027 kl. 12.00", "rule": 3,
            "rule_text": "Hold deg til saken.",
        });
        let mut strict = Environment::new();
        strict.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, src) in TEMPLATES {
            strict
                .add_template(name, src)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let names: std::collections::BTreeSet<&str> = TEMPLATES
            .iter()
            .filter_map(|(n, _)| n.split('/').nth(1)?.strip_suffix(".subject.txt"))
            .collect();
        assert!(names.len() >= 11, "{names:?}");
        for lang in Lang::ALL {
            for name in &names {
                for part in ["subject.txt", "txt", "html"] {
                    let t = strict
                        .get_template(&format!("{}/{name}.{part}", lang.code()))
                        .unwrap_or_else(|e| panic!("{lang:?} {name}.{part}: {e}"));
                    let out = t
                        .render(&ctx)
                        .unwrap_or_else(|e| panic!("{lang:?} {name}.{part}: {e}"));
                    assert!(!out.trim().is_empty(), "{lang:?} {name}.{part} is empty");
                }
            }
        }
    }

    /// A mailbox's list of subjects shows which case a person took part in: no subject, in any
    /// language, carries a title, a name or any text a person gave (only the organisation's
    /// name and a random reference).
    #[test]
    fn no_subject_carries_a_title_a_name_or_a_persons_text() {
        let personal = "PERSONLIG";
        let ctx = serde_json::json!({
            "organisation": "Eksempel kommune", "title": personal, "link": "http://x/lenke",
            "reference": "INN-ABC", "expires": "1. desember 2026", "received": "2. mars",
            "reason": personal, "due": "3. april", "threshold": 300,
            "summary": personal, "role": "admin", "outcome": personal, "note": personal,
            "kind": "decided", "deadline": "4. mai", "date": "5. juni", "count": 12,
            "consultee": personal, "notify": true, "weekly": false, "why": personal,
            "unsubscribe": "http://x/avmeld/f1.abc", "manage": "http://x/meg",
            "panel": personal, "code": "ABCDE-FGHJK",
            "event": {"headline": personal, "details": [personal], "more": null,
                "title": personal, "link": "http://x/sak", "at": "1. mars 2027"},
            "events": [{"headline": personal, "details": [personal], "more": null,
                "title": personal, "link": "http://x/sak", "at": "1. mars 2027"}],
            "lines": [personal],
        });
        let names: std::collections::BTreeSet<&str> = TEMPLATES
            .iter()
            .filter_map(|(n, _)| n.split('/').nth(1)?.strip_suffix(".subject.txt"))
            .collect();
        for lang in Lang::ALL {
            for name in &names {
                let m = render(name, lang, "a@b.no", &ctx).unwrap();
                assert!(
                    !m.subject.contains(personal),
                    "{lang:?} {name}: {}",
                    m.subject
                );
            }
        }
    }
}
