//! Form pieces in Designsystemet markup: fields with their label, hint and error message (tied
//! together with aria attributes), the CSRF field and the error summary.

pub mod choice;
pub use choice::*;

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

/// The ids that tie a field's label, hint and error message to its control.
#[derive(Clone)]
struct FieldIds {
    id: String,
    hint: String,
    error: String,
}

impl FieldIds {
    fn new(name: &str, id: Option<String>) -> Self {
        let id = id.unwrap_or_else(|| format!("f-{name}"));
        Self {
            hint: format!("{id}-hint"),
            error: format!("{id}-error"),
            id,
        }
    }

    /// The control's `aria-describedby`: the hint, and the error message while there is one.
    fn described_by(
        &self,
        has_hint: bool,
        error: Signal<Option<String>>,
    ) -> impl Fn() -> Option<String> + Send + Sync + 'static + use<> {
        let (hint_id, err_id) = (self.hint.clone(), self.error.clone());
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
    }
}

/// A field's frame: its label and hint above the control, and its error message below.
#[component]
fn LabelledField(
    ids: FieldIds,
    label: String,
    hint: Option<String>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let FieldIds {
        id,
        hint: hint_id,
        error: err_id,
    } = ids;
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id>{label}</label>
            {hint.map(|h| view! { <div data-field="description" id=hint_id>{h}</div> })}
            {children()}
            {move || error.get().map(|e| view! {
                <div class="ds-validation-message" data-field="validation" id=err_id.clone()>{e}</div>
            })}
        </div>
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
    /// The element id, when the same field appears more than once on a page.
    #[prop(into, optional)]
    id: Option<String>,
) -> impl IntoView {
    let ids = FieldIds::new(&name, id);
    let described = ids.described_by(hint.is_some(), error);
    let id = ids.id.clone();
    view! {
        <LabelledField ids label hint error>
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
        </LabelledField>
    }
}

/// A labelled file input (of a multipart form) with its hint and error message.
#[component]
pub fn FileField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] hint: String,
    /// The file types offered (`accept`).
    #[prop(into)]
    accept: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let ids = FieldIds::new(&name, None);
    let described = ids.described_by(true, error);
    let id = ids.id.clone();
    view! {
        <LabelledField ids label hint=Some(hint) error>
            <input
                class="ds-input"
                id=id
                name=name
                type="file"
                accept=accept
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
            />
        </LabelledField>
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

/// A labelled multi-line text field with optional hint and error message.
#[component]
pub fn TextAreaField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into, optional)] value: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] required: bool,
    /// The element id, when the same field appears more than once on a page.
    #[prop(into, optional)]
    id: Option<String>,
) -> impl IntoView {
    let ids = FieldIds::new(&name, id);
    let described = ids.described_by(hint.is_some(), error);
    let id = ids.id.clone();
    view! {
        <LabelledField ids label hint error>
            <textarea
                class="ds-input"
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
            >{value}</textarea>
        </LabelledField>
    }
}

/// The translated message for `field` in a server-function error, if any (for forms that are
/// not `ActionForm`s, e.g. file uploads).
pub fn error_for(
    i: crate::i18n::I18n,
    error: &Option<AppError>,
    field: &'static str,
) -> Signal<Option<String>> {
    let msg = match error {
        Some(AppError::Validation(f)) => f.get(field).map(|k| i.t(k)),
        _ => None,
    };
    Signal::derive(move || msg.clone())
}

/// The error a plain (no-JavaScript, or file-upload) post to server function `S` came back
/// with, read from the page's URL.
pub fn url_error<S: ServerFn<Error = AppError>>() -> Option<AppError> {
    use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == S::PATH)
        .map(|e| server_fn::error::ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// An alert above a plain form when its last post failed.
#[component]
pub fn UrlErrorAlert(error: Option<AppError>) -> impl IntoView {
    let i = use_i18n();
    error.map(|e| {
        view! {
            <div class="ds-alert" data-color="danger" role="alert">
                <p class="ds-paragraph">{error_message(i, &e)}</p>
            </div>
        }
    })
}
