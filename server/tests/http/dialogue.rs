//! Dialogue with elected officials: debates where citizens post, reply, support and flag, and
//! moderators decide in public. Builders shared by the journeys.

mod hosts;
mod moderation;
mod officials;
mod posting;
mod privacy;

use crate::helpers::TestApp;
use crate::initiative_builders::Someone;
use app::ssr::db::entities::{dialogue_post, dialogue_space};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const SLUG: &str = "eksempel-kommune";
const MODERATOR: (&str, &str) = ("moderator@eksempel.kommune.no", "demo-passord-moderator");
const OFFICER: (&str, &str) = crate::hearing_support::OFFICER;

/// The demo debate on the Storgata hearing.
async fn demo_debate(app: &TestApp) -> i32 {
    dialogue_space::Entity::find()
        .filter(dialogue_space::Column::Title.eq(app::demo::dialogue::DEMO_DEBATE))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the demo debate")
        .id
}

fn page(id: i32) -> String {
    format!("/org/{SLUG}/dialog/{id}")
}

/// The space's posts, oldest first.
async fn posts_of(app: &TestApp, space: i32) -> Vec<dialogue_post::Model> {
    dialogue_post::Entity::find()
        .filter(dialogue_post::Column::SpaceId.eq(space))
        .order_by_asc(dialogue_post::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// `who` posts `text` in the space (in reply to `reply_to`), as the page's form does.
async fn post(who: &Someone, space: i32, reply_to: Option<i64>, text: &str) -> reqwest::Response {
    let space_s = space.to_string();
    let reply = reply_to.map(|r| r.to_string()).unwrap_or_default();
    let mut form = vec![
        ("csrf_token", who.token.as_str()),
        ("slug", SLUG),
        ("id", space_s.as_str()),
        ("text", text),
    ];
    if reply_to.is_some() {
        form.push(("reply_to", reply.as_str()));
    }
    who.browser.call("post_dialogue", &form).await
}

/// `who` reacts to a post: `support_dialogue_post`, or `flag_dialogue_post` with a reason.
async fn react(
    who: &Someone,
    endpoint: &str,
    space: i32,
    post: i64,
    reason: Option<&str>,
) -> reqwest::Response {
    let (space_s, post_s) = (space.to_string(), post.to_string());
    let mut form = vec![
        ("csrf_token", who.token.as_str()),
        ("slug", SLUG),
        ("id", space_s.as_str()),
        ("post", post_s.as_str()),
    ];
    if let Some(r) = reason {
        form.push(("reason", r));
    }
    who.browser.call(endpoint, &form).await
}

/// A moderator's decision on a post.
async fn moderate(who: &Someone, post: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    let post_s = post.to_string();
    let mut form = vec![
        ("csrf_token", who.token.as_str()),
        ("slug", SLUG),
        ("post", post_s.as_str()),
    ];
    form.extend_from_slice(fields);
    who.browser.call("moderate_dialogue_post", &form).await
}
