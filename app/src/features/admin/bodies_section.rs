//! The organisation's bodies (councils, committees, district committees): list, add, remove.

use super::actions::AdminActions;
use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FormAlert, SelectField, TextField, field_error, kept as kept_value,
};
use crate::domain::organisation::BodyKind;
use crate::dto::organisations::OrganisationDto;
use leptos::prelude::*;

#[component]
pub(super) fn BodiesSection(
    org: OrganisationDto,
    actions: AdminActions,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let add = actions.add_body;
    let remove = actions.remove_body;
    let kinds: Vec<(String, String)> = BodyKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), i.t(k.label_key())))
        .collect();
    let slug = org.slug.clone();
    view! {
        <section aria-labelledby="bodies-heading">
            <h2 class="ds-heading" data-size="md" id="bodies-heading">{i.t("admin.bodies.heading")}</h2>
            <FormAlert action=remove/>
            <ul class="plain-list">
                {org.bodies.into_iter().map(|b| {
                    let slug = slug.clone();
                    view! {
                        <li>
                            <span>{format!("{} ({})", b.name, i.t(b.kind.label_key()))}</span>
                            <ActionForm action=remove attr:class="inline-form">
                                <CsrfField/>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="body_id" value=b.id/>
                                <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                                    {i.tf("admin.bodies.remove", &[("name", &b.name)])}
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3 class="ds-heading" data-size="sm">{i.t("admin.bodies.add_heading")}</h3>
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <FormAlert action=add/>
                <CsrfField/>
                <input type="hidden" name="slug" value=org.slug.clone()/>
                <TextField name="body_name" label=i.t("admin.bodies.name")
                    value=kept_value(&kept, "body_name", "") error=field_error(add, "body_name")/>
                <SelectField name="body_kind" label=i.t("admin.bodies.kind") options=kinds
                    selected=kept_value(&kept, "body_kind", "committee") error=field_error(add, "body_kind")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("admin.bodies.add")}</button>
            </ActionForm>
        </section>
    }
}
