//! Shared steps of the ID-porten tests: the stand-in's answer to a login (to replay or tamper
//! with), who has logged in, and the logout form the app hands the browser.

use crate::helpers::{TestApp, location};
use crate::standin::{AtLoginPage, until_callback};
use app::ssr::db::entities::{citizen_login, person};
use reqwest::{StatusCode, Url};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// How many persons have logged in (the demo seed's signers have not).
pub async fn persons(app: &TestApp) -> u64 {
    person::Entity::find()
        .filter(person::Column::Issuer.ne("demo"))
        .count(&app.state.db)
        .await
        .unwrap()
}

/// The first person who logged in.
pub async fn logged_in_person(app: &TestApp) -> person::Model {
    person::Entity::find()
        .filter(person::Column::Issuer.ne("demo"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

pub async fn logins(app: &TestApp) -> u64 {
    citizen_login::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

/// The provider's session id of the login of the person called `given_name`.
pub async fn login_sid(app: &TestApp, given_name: &str) -> String {
    let who = person::Entity::find()
        .filter(person::Column::Issuer.ne("demo"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.given_name.as_deref() == Some(given_name))
        .unwrap();
    citizen_login::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .find(|l| l.person_id == who.id)
        .and_then(|l| l.sid.clone())
        .unwrap()
}

pub async fn my_page(app: &TestApp) -> (StatusCode, String) {
    app.get_text("/meg").await
}

/// The callback the stand-in sends Ola's browser to after a substantial login from
/// `return_to`, not yet followed.
pub async fn olas_callback(app: &TestApp, return_to: &str) -> Url {
    until_callback(
        &app.client,
        &app.base,
        return_to,
        AtLoginPage::LogIn {
            person: "ola-nordmann",
            level: "substantial",
        },
    )
    .await
}

/// `url` with its query parameter `key` set to `value`.
pub fn with_param(url: &Url, key: &str, value: &str) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == key {
                value.to_string()
            } else {
                v.to_string()
            };
            (k.to_string(), v)
        })
        .collect();
    let mut changed = url.clone();
    changed.query_pairs_mut().clear().extend_pairs(pairs);
    changed
}

/// The value of the hidden field `name` in a form in `html`.
pub fn hidden_field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("{name} in {html}"))
        + marker.len();
    html[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&")
}

/// Posts the app's logout form to the stand-in at `action`, answers the stand-in's own logout
/// page if it shows one, and returns where the stand-in sends the browser back to.
pub async fn logout_at_the_standin(app: &TestApp, action: &str, form: &[(&str, String)]) -> Url {
    let r = app.client.post(action).form(form).send().await.unwrap();
    let action = Url::parse(action).unwrap();
    // The stand-in asks (like a logout page) or redirects straight back.
    if r.status().is_redirection() {
        return action.join(&location(r.headers())).unwrap();
    }
    let page = r.text().await.unwrap();
    let form_start = page.find("<form").expect("a logout form at the stand-in");
    let act = page[form_start..]
        .split("action=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut fields = Vec::new();
    for part in page[form_start..].split("<input").skip(1) {
        let get = |attr: &str| {
            part.split(&format!("{attr}=\""))
                .nth(1)
                .map(|v| v.split('"').next().unwrap().to_string())
        };
        if let (Some(n), Some(v)) = (get("name"), get("value")) {
            fields.push((n, v));
        }
    }
    let url = action.join(act).unwrap();
    let r = app
        .client
        .post(url.clone())
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    url.join(&location(r.headers())).unwrap()
}
