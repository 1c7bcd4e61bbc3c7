//! Download my data: asked for on Min side (at most three a day), built by the worker into a
//! ZIP — `innspill.json` with everything, `innspill.html` to read it, and the person's own files
//! — kept in the file store, and offered on Min side to the same logged-in person only, until
//! it expires (seven days); then the worker deletes it. The person is mailed when it is ready,
//! with no link to the file itself.

use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::data_export::{self, Column};
use crate::ssr::db::entities::person;
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::services::my_data::collect::collect;
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use std::io::Write;

/// How long a built download is offered.
pub const KEEP_DAYS: i64 = 7;
/// Downloads a person may ask for.
pub const LIMIT: Limit = Limit {
    max: 3,
    window: Duration::days(1),
};

/// Asks for a new download of the citizen's data; the worker builds it within seconds.
pub async fn request(state: &AppState, citizen: &Citizen) -> Result<(), AppError> {
    let now = state.clock.now();
    let bucket = format!("data-export:person:{}", citizen.person_id);
    if let Err(minutes) = rate_limit::hit(&state.db, &bucket, LIMIT, now)
        .await
        .or_internal()?
    {
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
        });
    }
    data_export::ActiveModel {
        person_id: Set(citizen.person_id),
        status: Set("pending".into()),
        requested_at: Set(now),
        expires_at: Set(now + Duration::days(KEEP_DAYS)),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .or_internal()?;
    tracing::info!(person_id = citizen.person_id, "data export asked for");
    Ok(())
}

/// The citizen's newest download that has not expired, if any.
pub async fn latest(
    state: &AppState,
    person_id: i32,
) -> Result<Option<data_export::Model>, AppError> {
    data_export::Entity::find()
        .filter(Column::PersonId.eq(person_id))
        .filter(Column::ExpiresAt.gt(state.clock.now()))
        .order_by_desc(Column::Id)
        .one(&state.db)
        .await
        .or_internal()
}

/// The ZIP of download `id`, for its own person only (`NotFound` for anyone else's, one not
/// ready, or one expired).
pub async fn download(state: &AppState, citizen: &Citizen, id: i64) -> Result<Vec<u8>, AppError> {
    let e = data_export::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .or_internal()?
        .filter(|e| e.person_id == citizen.person_id && e.status == "ready")
        .filter(|e| e.expires_at > state.clock.now())
        .ok_or(AppError::NotFound)?;
    let key = e.storage_key.ok_or(AppError::NotFound)?;
    state.files.get(&key).await.or_internal()
}

/// Builds the downloads asked for (each claimed by one process); how many were built.
pub async fn build_pending(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let instance = state.settings.instance_id.as_str();
    let free = Condition::any()
        .add(Column::ClaimedAt.is_null())
        .add(Column::ClaimedAt.lt(now - Duration::minutes(10)));
    let pending = data_export::Entity::find()
        .filter(Column::Status.eq("pending"))
        .filter(free.clone())
        .order_by_asc(Column::Id)
        .limit(5)
        .all(&state.db)
        .await
        .or_internal()?;
    let mut built = 0;
    for e in pending {
        let claimed = data_export::Entity::update_many()
            .col_expr(Column::ClaimedBy, Expr::value(instance))
            .col_expr(Column::ClaimedAt, Expr::value(now))
            .filter(Column::Id.eq(e.id))
            .filter(Column::Status.eq("pending"))
            .filter(free.clone())
            .exec(&state.db)
            .await
            .or_internal()?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let Some(p) = person::Entity::find_by_id(e.person_id)
            .one(&state.db)
            .await
            .or_internal()?
        else {
            continue;
        };
        let lang = Lang::from_code(&p.lang).unwrap_or_default();
        let zip = zip_of(state, p.id, lang).await?;
        let key = state.files.put(&zip).await.or_internal()?;
        let mut am: data_export::ActiveModel = e.into();
        am.status = Set("ready".into());
        am.storage_key = Set(Some(key));
        am.size_bytes = Set(Some(zip.len() as i64));
        am.ready_at = Set(Some(state.clock.now()));
        am.update(&state.db).await.or_internal()?;
        if let Some(to) = &p.email {
            let mail = crate::ssr::mail::templates::render(
                "data_export_ready",
                lang,
                to,
                serde_json::json!({
                    "link": crate::paths::absolute(&state.settings.base_url, crate::paths::MY_PAGE),
                    "expires": crate::i18n::format::date_time(lang, now + Duration::days(KEEP_DAYS)),
                }),
            )
            .or_internal()?;
            crate::ssr::mail::queue::enqueue(&state.db, &mail, now)
                .await
                .or_internal()?;
        }
        tracing::info!(person_id = p.id, "data export built");
        built += 1;
    }
    Ok(built)
}

/// The ZIP: the JSON, its readable summary, and the person's files.
async fn zip_of(state: &AppState, person_id: i32, lang: Lang) -> Result<Vec<u8>, AppError> {
    let (data, files) = collect(state, person_id, lang).await?;
    let json = serde_json::to_vec_pretty(&data).or_internal()?;
    let html = summary_html(&data, lang).or_internal()?;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8], opts| -> Result<(), AppError> {
        z.start_file(name, opts).or_internal()?;
        z.write_all(bytes).or_internal()
    };
    add("innspill.json", &json, deflated)?;
    add("innspill.html", html.as_bytes(), deflated)?;
    for f in files {
        // A file gone from the store (deleted by retention meanwhile) is left out.
        if let Ok(bytes) = state.files.get(&f.storage_key).await {
            add(&f.path, &bytes, stored)?;
        }
    }
    Ok(z.finish().or_internal()?.into_inner())
}

/// A readable page of the same data (every value escaped).
fn summary_html(data: &serde_json::Value, lang: Lang) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    env.add_template("export-summary", SUMMARY)
        .map_err(|e| e.to_string())?;
    let i = crate::i18n::I18n(lang);
    env.get_template("export-summary")
        .and_then(|t| {
            t.render(minijinja::context! {
                lang => lang.code(), data => data,
                title => i.t("export.html.title"), intro => i.t("export.html.intro"),
                not_included => i.t("export.html.not_included"),
            })
        })
        .map_err(|e| e.to_string())
}

const SUMMARY: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<h1>{{ title }}</h1>
<p>{{ intro }}</p>
{% for section, value in data|items %}{% if section != "not_included" %}
<h2>{{ section }}</h2>
{% if value is mapping %}<dl>{% for k, v in value|items %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor %}</dl>
{% elif value is sequence and value is not string %}<ol>{% for item in value %}<li>{% if item is mapping %}<dl>{% for k, v in item|items %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor %}</dl>{% else %}{{ item }}{% endif %}</li>{% endfor %}</ol>
{% else %}<p>{{ value }}</p>{% endif %}
{% endif %}{% endfor %}
<h2>{{ not_included }}</h2>
<dl>{% for n in data.not_included %}<dt>{{ n.what }}</dt><dd>{{ n.why }}</dd>{% endfor %}</dl>
</body></html>
"#;

/// Deletes downloads past their time, with their files; how many.
pub async fn prune(state: &AppState) -> Result<usize, AppError> {
    let old = data_export::Entity::find()
        .filter(Column::ExpiresAt.lte(state.clock.now()))
        .all(&state.db)
        .await
        .or_internal()?;
    for e in &old {
        if let Some(k) = &e.storage_key {
            state.files.delete(k).await.or_internal()?;
        }
        data_export::Entity::delete_by_id(e.id)
            .exec(&state.db)
            .await
            .or_internal()?;
    }
    Ok(old.len())
}

/// Deletes every download of the person, with its file (their account is being deleted).
pub async fn forget(state: &AppState, person_id: i32) -> Result<(), AppError> {
    for e in data_export::Entity::find()
        .filter(Column::PersonId.eq(person_id))
        .all(&state.db)
        .await
        .or_internal()?
    {
        if let Some(k) = &e.storage_key {
            state.files.delete(k).await.or_internal()?;
        }
        data_export::Entity::delete_by_id(e.id)
            .exec(&state.db)
            .await
            .or_internal()?;
    }
    Ok(())
}
