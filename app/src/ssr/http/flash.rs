//! What a user typed into a form that failed, kept in their session across the redirect that a
//! form posted without JavaScript gets, so that the page can show it again. Secrets (passwords)
//! are never kept.

use crate::error::AppError;
use crate::ssr::OrInternal;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "form_values";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Kept {
    form: String,
    values: Vec<(String, String)>,
}

/// Keeps `values` for `form` when the current request is a plain form post (no JavaScript);
/// with JavaScript the browser still has the form as it was.
pub async fn keep_form_values(
    session: &Session,
    form: &str,
    values: &[(&str, &str)],
) -> Result<(), AppError> {
    let plain_post = leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|p| crate::ssr::http::csrf::wants_html(&p.headers));
    if !plain_post {
        return Ok(());
    }
    let kept = Kept {
        form: form.into(),
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    session.insert(KEY, kept).await.or_internal()
}

/// Keeps a form that arrived as one struct of text fields (a `#[server(flatten)]` argument),
/// under its fields' names on the wire.
pub async fn keep_form<T: Serialize>(
    session: &Session,
    form: &str,
    input: &T,
) -> Result<(), AppError> {
    let kept = serde_json::to_value(input).unwrap_or_default();
    let values: Vec<(String, String)> = kept
        .as_object()
        .map(|o| {
            // An unticked box (`None`) is left out: kept as an empty value it would come back
            // ticked.
            o.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let refs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    keep_form_values(session, form, &refs).await
}

/// What was kept, with the name of its form. It is read, not taken: a page may render more
/// than once per request, and pages show it only while the URL carries that form's error.
pub async fn kept_form_values(
    session: &Session,
) -> Result<Option<(String, Vec<(String, String)>)>, AppError> {
    let kept: Option<Kept> = session.get(KEY).await.or_internal()?;
    Ok(kept.map(|k| (k.form, k.values)))
}
