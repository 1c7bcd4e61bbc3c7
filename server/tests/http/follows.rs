//! Following cases: by address with a confirmation link, as a logged-in citizen, leaving with
//! one click, each event reaching its followers once, digests, and the case feeds.

mod by_address;
mod digests;
mod feeds;
mod life;
mod once_each;

use crate::helpers::TestApp;
use crate::initiative_builders::Someone;
use app::ssr::mail::OutgoingMail;

/// The mails sent to `recipient` since `from` (an index into the sent list).
pub fn mails_to(app: &TestApp, from: usize, recipient: &str) -> Vec<OutgoingMail> {
    app.state.mailer.sent()[from..]
        .iter()
        .filter(|m| m.recipient == recipient)
        .cloned()
        .collect()
}

/// The first link in `text` that contains `marker`, as a path on the app.
pub fn link_with(app: &TestApp, text: &str, marker: &str) -> String {
    text.split_whitespace()
        .find(|w| w.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} link in {text}"))
        .trim_start_matches(&app.base)
        .to_string()
}

/// `who` (logged in) follows case `id` of `kind` in Eksempel kommune, hearing of it at `cadence`.
pub async fn follow(who: &Someone, kind: &str, id: i32, cadence: &str) {
    let r = who
        .browser
        .call(
            "follow_case",
            &[
                ("csrf_token", &who.token),
                ("kind", kind),
                ("slug", "eksempel-kommune"),
                ("id", &id.to_string()),
                ("cadence", cadence),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
}
