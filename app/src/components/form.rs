//! Form pieces in Designsystemet markup: fields with their label, hint and error message (tied
//! together with aria attributes), the CSRF field and the error summary.

use super::context::{use_csrf, use_i18n};
use super::status::error_message;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The hidden CSRF field every state-changing form carries.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf_token" value=use_csrf()/> }
}

/// The translated message for `field` in the action's latest error, if any.
pub fn field_error<S>(action: ServerAction<S>, field: &'static str) -> Signal<Option<String>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let i = use_i18n();
    Signal::derive(move || {
        action.value().with(|v| match v {
            Some(Err(AppError::Validation(f))) => f.get(field).map(|k| i.t(k)),
            _ => None,
        })
    })
}

/// A message above the form when the last attempt failed (with a summary for validation).
#[component]
pub fn FormAlert<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let i = use_i18n();
    move || {
        action.value().with(|v| match v {
            Some(Err(e)) => Some(view! {
                <div class="ds-alert" data-color="danger" role="alert">
                    <p class="ds-paragraph">{error_message(i, e)}</p>
                </div>
            }),
            _ => None,
        })
    }
}

/// A labelled input with optional hint and error message.
#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into, optional)] value: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, default = "text".to_string())] kind: String,
    #[prop(into, optional)] autocomplete: Option<String>,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let described = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div data-field="description" id=hint_id.clone()>{h}</div> })}
            <input
                class="ds-input"
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
            />
            {move || error.get().map(|e| view! {
                <div class="ds-validation-message" data-field="validation" id=err_id.clone()>{e}</div>
            })}
        </div>
    }
}

/// A labelled select; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into, optional)] selected: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    let err_id2 = err_id.clone();
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id.clone()>{label}</label>
            <select
                class="ds-input"
                id=id
                name=name
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| err_id2.clone())
            >
                {options.into_iter().map(|(v, l)| {
                    let sel = v == selected;
                    view! { <option value=v selected=sel>{l}</option> }
                }).collect_view()}
            </select>
            {move || error.get().map(|e| view! {
                <div class="ds-validation-message" id=err_id.clone()>{e}</div>
            })}
        </div>
    }
}

/// Looks up a kept form value (see `ssr::flash`) or falls back to `default`.
pub fn kept(values: &[(String, String)], field: &str, default: &str) -> String {
    values
        .iter()
        .find(|(k, _)| k == field)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| default.to_string())
}
