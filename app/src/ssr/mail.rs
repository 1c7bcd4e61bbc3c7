//! Outgoing mail: messages are rendered from templates in the recipient's language, queued in
//! the database, and sent by a background worker through one of the backends. A request never
//! waits on SMTP, and an SMTP outage loses nothing. Only the recipient's domain is ever logged.

pub mod queue;
pub mod templates;

use crate::ssr::state::settings::MailBackend;
use lettre::message::header::ContentType;
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A rendered message, ready to send.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A notification's one-click unsubscribe address (RFC 8058): sent as `List-Unsubscribe`
    /// with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
    pub unsubscribe: Option<String>,
}

crate::domain::debug_only!(OutgoingMail { subject });

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
    Memory(Arc<Mutex<Vec<OutgoingMail>>>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::Files(p) => write!(f, "Mailer::Files({})", p.display()),
            Mailer::Memory(_) => f.write_str("Mailer::Memory"),
        }
    }
}

impl Mailer {
    pub fn from_backend(backend: &MailBackend) -> Result<Self, String> {
        use secrecy::ExposeSecret;
        Ok(match backend {
            MailBackend::Smtp(url) => Mailer::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|e| format!("INNSPILL_SMTP_URL: {e}"))?
                    .build(),
            ),
            MailBackend::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                Mailer::Files(dir.clone())
            }
            MailBackend::Memory => Mailer::Memory(Arc::default()),
        })
    }

    /// The messages sent so far (in-memory backend only; empty otherwise).
    pub fn sent(&self) -> Vec<OutgoingMail> {
        match self {
            Mailer::Memory(m) => m.lock().map(|v| v.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    fn build(&self, from: &str, mail: &OutgoingMail, id: &str) -> Result<Message, String> {
        // lettre picks the transfer encoding (7bit, quoted-printable or base64) per part.
        let text = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(Body::new(mail.text.clone()));
        let html = SinglePart::builder()
            .header(ContentType::TEXT_HTML)
            .body(Body::new(mail.html.clone()));
        let mut builder = Message::builder();
        if let Some(url) = &mail.unsubscribe {
            use lettre::message::header::{HeaderName, HeaderValue};
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        builder
            .from(
                from.parse::<Mailbox>()
                    .map_err(|e| format!("INNSPILL_MAIL_FROM: {e}"))?,
            )
            .to(mail
                .recipient
                .parse::<Mailbox>()
                .map_err(|e| e.to_string())?)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{id}@innspill>")))
            .multipart(MultiPart::alternative().singlepart(text).singlepart(html))
            .map_err(|e| e.to_string())
    }

    /// Sends one message; `id` names it (the queue row), so a file or log can be matched.
    pub async fn send(&self, from: &str, mail: &OutgoingMail, id: &str) -> Result<(), String> {
        match self {
            Mailer::Memory(m) => {
                m.lock().map_err(|e| e.to_string())?.push(mail.clone());
                Ok(())
            }
            Mailer::Files(dir) => {
                let msg = self.build(from, mail, id)?;
                let path = dir.join(format!("{id}.eml"));
                tokio::fs::write(&path, msg.formatted())
                    .await
                    .map_err(|e| e.to_string())
            }
            Mailer::Smtp(t) => {
                let msg = self.build(from, mail, id)?;
                t.send(msg).await.map(|_| ()).map_err(|e| e.to_string())
            }
        }
    }
}
