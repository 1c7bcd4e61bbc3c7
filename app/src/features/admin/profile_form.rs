//! The organisation profile form.

use super::actions::AdminActions;
use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FormAlert, SelectField, TextField, field_error, kept as kept_value,
};
use crate::dto::admin::ProfileInput;
use crate::dto::organisations::OrganisationDto;
use leptos::prelude::*;

#[component]
pub(super) fn ProfileForm(
    org: OrganisationDto,
    actions: AdminActions,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let a = actions.profile;
    let current = ProfileInput {
        name: org.name.clone(),
        population: org.population.to_string(),
        population_date: org.population_date.to_string(),
        written_standard: org.written_standard.as_str().into(),
        accessibility_url: org.accessibility_url.clone().unwrap_or_default(),
    };
    let v = kept;
    let saved = move || matches!(a.value().get(), Some(Ok(())));
    view! {
        <section aria-labelledby="profile-heading">
            <h2 class="ds-heading" data-size="md" id="profile-heading">{i.t("admin.profile.heading")}</h2>
            <ActionForm action=a attr:class="form" attr:novalidate=true>
                <FormAlert action=a/>
                <CsrfField/>
                <input type="hidden" name="slug" value=org.slug.clone()/>
                <TextField name="name" label=i.t("admin.profile.name")
                    value=kept_value(&v, "name", &current.name) error=field_error(a, "name")/>
                <TextField name="population" label=i.t("admin.profile.population")
                    hint=i.t("admin.profile.population_hint")
                    value=kept_value(&v, "population", &current.population)
                    error=field_error(a, "population")/>
                <TextField name="population_date" label=i.t("admin.profile.population_date")
                    kind="date" value=kept_value(&v, "population_date", &current.population_date)
                    error=field_error(a, "population_date")/>
                <SelectField name="written_standard" label=i.t("admin.profile.written_standard")
                    options=vec![("nb".into(), i.t("lang.nb")), ("nn".into(), i.t("lang.nn"))]
                    selected=kept_value(&v, "written_standard", &current.written_standard)
                    error=field_error(a, "written_standard")/>
                <TextField name="accessibility_url" label=i.t("admin.profile.accessibility_url")
                    kind="url" hint=i.t("admin.profile.accessibility_url_hint")
                    value=kept_value(&v, "accessibility_url", &current.accessibility_url)
                    error=field_error(a, "accessibility_url")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("common.save")}</button>
            </ActionForm>
            <p role="status" class="form-status">{move || saved().then(|| i.t("common.saved"))}</p>
        </section>
    }
}
