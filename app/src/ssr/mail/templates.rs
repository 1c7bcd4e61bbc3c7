//! Mail templates (minijinja), one set per language under `app/templates/mail/<lang>/`:
//! `<name>.subject.txt`, `<name>.txt` and `<name>.html`. HTML is auto-escaped. Subjects never
//! carry personal data.

use super::OutgoingMail;
use crate::domain::lang::Lang;
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
}
