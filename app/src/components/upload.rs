//! The file field of a form that carries attachments (a comment, an initiative): several files,
//! the kinds accepted, and its error next to it. The server checks every file by its content;
//! `accept` only helps the browser's file picker.

use crate::components::context::use_i18n;
use leptos::prelude::*;

/// The attachments field, named `attachments`.
#[component]
pub fn AttachmentsField(accept: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="ds-field">
            <label class="ds-label" for="f-attachments">{i.t("submit.attachments")}</label>
            <div data-field="description" id="f-attachments-hint">{i.t("submit.attachments_hint")}</div>
            <input class="ds-input" id="f-attachments" name="attachments" type="file" multiple
                accept=accept
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=move || if error.get().is_some() { "f-attachments-hint f-attachments-error" } else { "f-attachments-hint" }/>
            {move || error.get().map(|e| view! {
                <div class="ds-validation-message" data-field="validation" id="f-attachments-error">{e}</div>
            })}
        </div>
    }
}
