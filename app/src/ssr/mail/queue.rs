//! The mail queue in the database. Any number of server processes may run the worker: a
//! message is claimed by a conditional update before it is sent, so exactly one process sends
//! it. A claim left by a crashed process is released after `STALE_CLAIM`. A message that was
//! sent (or given up on) is deleted `Settings::mail_retention_days` after it was queued (30 by
//! default): a signature receipt ties an address to an initiative. An SMTP server's error text
//! may quote the address; it reaches neither the log nor `last_error` before every address in
//! it is blanked out.

use crate::ssr::db::entities::mail_outbox::{self, Column};
use crate::ssr::mail::{Mailer, OutgoingMail};
use crate::ssr::state::clock::Clock;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

const MAX_ATTEMPTS: i32 = 8;
const STALE_CLAIM_MINUTES: i64 = 10;

pub async fn enqueue(
    db: &impl ConnectionTrait,
    mail: &OutgoingMail,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let m = mail_outbox::ActiveModel {
        recipient: Set(mail.recipient.clone()),
        subject: Set(mail.subject.clone()),
        body_text: Set(mail.text.clone()),
        body_html: Set(mail.html.clone()),
        status: Set("queued".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_by: Set(None),
        claimed_at: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        list_unsubscribe: Set(mail.unsubscribe.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// Queues many messages at once (the fan-out's batches): a few statements, not one per mail.
pub async fn enqueue_many(
    db: &impl ConnectionTrait,
    mails: &[OutgoingMail],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    // 14 columns a row: 500 rows stay far below SQLite's and PostgreSQL's parameter limits.
    for chunk in mails.chunks(500) {
        let rows = chunk.iter().map(|mail| mail_outbox::ActiveModel {
            recipient: Set(mail.recipient.clone()),
            subject: Set(mail.subject.clone()),
            body_text: Set(mail.text.clone()),
            body_html: Set(mail.html.clone()),
            status: Set("queued".into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            claimed_by: Set(None),
            claimed_at: Set(None),
            sent_at: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            list_unsubscribe: Set(mail.unsubscribe.clone()),
            ..Default::default()
        });
        mail_outbox::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

fn backoff(attempts: i32) -> Duration {
    Duration::minutes([1, 5, 15, 60, 180, 360, 720][(attempts.max(1) as usize - 1).min(6)])
}

fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map(|(_, d)| d).unwrap_or("?")
}

/// Sends every message that is due; returns how many this process sent.
pub async fn run_once(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &str,
    instance: &str,
    clock: &Clock,
) -> Result<usize, DbErr> {
    let now = clock.now();
    mail_outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value("queued"))
        .col_expr(Column::ClaimedBy, Expr::value(Option::<String>::None))
        .filter(Column::Status.eq("sending"))
        .filter(Column::ClaimedAt.lt(now - Duration::minutes(STALE_CLAIM_MINUTES)))
        .exec(db)
        .await?;
    let due = mail_outbox::Entity::find()
        .filter(Column::Status.eq("queued"))
        .filter(Column::NextAttemptAt.lte(now))
        .order_by_asc(Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let mut sent = 0;
    for m in due {
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(Column::Status, Expr::value("sending"))
            .col_expr(Column::ClaimedBy, Expr::value(instance))
            .col_expr(Column::ClaimedAt, Expr::value(now))
            .filter(Column::Id.eq(m.id))
            .filter(Column::Status.eq("queued"))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue; // another process took it
        }
        let mail = OutgoingMail {
            recipient: m.recipient.clone(),
            subject: m.subject.clone(),
            text: m.body_text.clone(),
            html: m.body_html.clone(),
            unsubscribe: m.list_unsubscribe.clone(),
        };
        let attempts = m.attempts + 1;
        let mut am: mail_outbox::ActiveModel = m.into();
        am.attempts = Set(attempts);
        match mailer
            .send(from, &mail, &format!("mail-{}", am.id.as_ref()))
            .await
        {
            Ok(()) => {
                tracing::info!(recipient_domain = domain_of(&mail.recipient), "mail sent");
                am.status = Set("sent".into());
                am.sent_at = Set(Some(clock.now()));
                am.last_error = Set(None);
                sent += 1;
            }
            Err(e) => {
                let e = redact_addresses(&e);
                tracing::warn!(recipient_domain = domain_of(&mail.recipient), attempts, error = %e,
                    "mail not sent; will retry");
                am.status = Set(if attempts >= MAX_ATTEMPTS {
                    "failed"
                } else {
                    "queued"
                }
                .into());
                am.next_attempt_at = Set(now + backoff(attempts));
                am.last_error = Set(Some(e.chars().take(500).collect()));
                am.claimed_by = Set(None);
            }
        }
        am.update(db).await?;
    }
    Ok(sent)
}

/// `text` with every email address in it replaced by `[adresse]`.
pub fn redact_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') {
            out.push_str("[adresse]");
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || "<>()[]{};,:\"'`".contains(c) {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Deletes the messages sent or given up on that were queued before `before`; how many.
pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(mail_outbox::Entity::delete_many()
        .filter(Column::Status.is_in(["sent", "failed"]))
        .filter(Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_smtp_error_loses_every_address_it_quotes() {
        assert_eq!(
            redact_addresses("550 5.1.1 <kari.nordmann@eksempel.no>: Recipient address rejected"),
            "550 5.1.1 <[adresse]>: Recipient address rejected"
        );
        assert_eq!(
            redact_addresses("mailbox ola@x.no,per@y.no full"),
            "mailbox [adresse],[adresse] full"
        );
        assert_eq!(redact_addresses("timed out"), "timed out");
    }

    #[test]
    fn retries_back_off_and_addresses_log_only_their_domain() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(3), Duration::minutes(15));
        assert_eq!(backoff(99), Duration::minutes(720));
        assert_eq!(domain_of("kari@eksempel.no"), "eksempel.no");
    }
}
