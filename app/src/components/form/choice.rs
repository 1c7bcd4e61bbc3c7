//! Fields where the user chooses: a select, a checkbox and a group of radio buttons.

use super::*;

/// A labelled select; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into, optional)] selected: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
    /// The element id, when the same field appears more than once on a page.
    #[prop(into, optional)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("f-{name}"));
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

/// A checkbox with its label (and an error message when it must be ticked).
#[component]
pub fn CheckboxField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional)] checked: bool,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] hint: Option<String>,
    /// The element id, when the same field appears more than once on a page.
    #[prop(into, optional)]
    id: Option<String>,
) -> impl IntoView {
    let ids = FieldIds::new(&name, id);
    let described = ids.described_by(hint.is_some(), error);
    let FieldIds {
        id,
        hint: hint_id,
        error: err_id,
    } = ids;
    view! {
        <div class="ds-field checkbox-field">
            <input class="ds-input" type="checkbox" id=id.clone() name=name value="on" checked=checked
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described/>
            <label class="ds-label" for=id>{label}</label>
            {hint.map(|h| view! { <div data-field="description" id=hint_id.clone()>{h}</div> })}
            {move || error.get().map(|e| view! {
                <div class="ds-validation-message" data-field="validation" id=err_id.clone()>{e}</div>
            })}
        </div>
    }
}

/// A group of radio buttons in a fieldset with its legend; `options` are (value, label).
#[component]
pub fn RadioGroup(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    options: Vec<(String, String)>,
    #[prop(into, optional)] selected: String,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let err_id = format!("f-{name}-error");
    let err_id2 = err_id.clone();
    view! {
        <fieldset class="ds-fieldset" aria-describedby=move || error.with(Option::is_some).then(|| err_id2.clone())>
            <legend class="ds-label">{legend}</legend>
            {options.into_iter().map(|(v, l)| {
                let id = format!("f-{name}-{v}");
                let checked = v == selected;
                view! {
                    <div class="ds-field radio-field">
                        <input class="ds-input" type="radio" id=id.clone() name=name.clone() value=v checked=checked/>
                        <label class="ds-label" for=id>{l}</label>
                    </div>
                }
            }).collect_view()}
            {move || error.get().map(|e| view! {
                <div class="ds-validation-message" data-field="validation" id=err_id.clone()>{e}</div>
            })}
        </fieldset>
    }
}
