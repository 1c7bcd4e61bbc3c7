//! Shared steps of the admin tests: the municipality's admin, inviting staff, the invitation
//! link from its mail, and changing a member.

use crate::helpers::TestApp;
use reqwest::Response;

pub const ADMIN: (&str, &str) = ("admin@eksempel.kommune.no", "demo-passord-admin");

/// Invites `email` as `role` to Eksempel kommune, as the page's script does.
pub async fn invite_staff(app: &TestApp, token: &str, email: &str, role: &str) -> Response {
    app.call(
        "invite_staff",
        &[
            ("csrf_token", token),
            ("slug", "eksempel-kommune"),
            ("invite_email", email),
            ("invite_role", role),
        ],
    )
    .await
}

/// The `/invitasjon/…` path in the newest mail.
pub fn invitation_path(app: &TestApp) -> String {
    let mail = app.state.mailer.sent().pop().expect("an invitation mail");
    let link = mail
        .text
        .lines()
        .find(|l| l.contains("/invitasjon/"))
        .expect("link")
        .trim()
        .to_string();
    link[link.find("/invitasjon/").unwrap()..].to_string()
}

/// Changes member `user_id` of Eksempel kommune: `change` is a role or `active`.
pub async fn update_member(
    app: &TestApp,
    token: &str,
    user_id: i32,
    change: (&str, &str),
) -> Response {
    let user_id = user_id.to_string();
    app.call(
        "update_member",
        &[
            ("csrf_token", token),
            ("slug", "eksempel-kommune"),
            ("user_id", &user_id),
            change,
        ],
    )
    .await
}

/// The municipality's admin (logged in in `app`'s browser) has invited `email` as `role`; the
/// path of the mailed invitation.
pub async fn invited(app: &TestApp, email: &str, role: &str) -> String {
    assert!(app.login(ADMIN.0, ADMIN.1).await.status().is_success());
    let token = app.csrf_token().await;
    let r = invite_staff(app, &token, email, role).await;
    assert!(r.status().is_success(), "{}", r.status());
    app.run_mail_worker().await;
    invitation_path(app)
}
