//! The form for a new organisation: a multipart form (a Statbank CSV may come with it) that
//! works without JavaScript; a refused form comes back with what was typed and a message next
//! to each wrong field.

use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FileField, SelectField, TextAreaField, TextField, UrlErrorAlert, error_for, kept,
    url_error,
};
use crate::components::status::ErrorPage;
use crate::domain::organisation::OrgKind;
use crate::dto::auth::KeptForm;
use crate::dto::platform::NewOrganisationForm;
use crate::features::auth::api::kept_form_values;
use crate::features::platform::api::{CreateOrganisation, get_new_organisation_form};
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let i = use_i18n();
    let form = Resource::new(|| (), |_| get_new_organisation_form());
    let kept_forms = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Title text=i.t("platform.new")/>
        <p><a class="ds-link" href=crate::paths::PLATFORM>{i.t("platform.back")}</a></p>
        <h1 class="ds-heading" data-size="lg">{i.t("platform.new")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let kept_forms = kept_forms.await.unwrap_or_default();
                match form.await {
                    Ok(f) => view! { <OrganisationForm f kept_forms/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationForm(f: NewOrganisationForm, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let error = url_error::<CreateOrganisation>();
    let v = KeptForm::values_for(&kept_forms, "create_organisation", error.is_some());
    let err = |field: &'static str| error_for(i, &error, field);
    let number = kept(&v, "number", "");
    let number_error = err("number");
    let group = |kind: OrgKind, label: String| {
        let number = number.clone();
        let options = f
            .units
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| {
                let selected = u.number == number;
                view! { <option value=u.number.clone() selected=selected>{format!("{} {}", u.number, u.name)}</option> }
            })
            .collect_view();
        view! { <optgroup label=label>{options}</optgroup> }
    };
    let municipalities = group(OrgKind::Municipality, i.t("platform.form.municipalities"));
    let counties = group(OrgKind::County, i.t("platform.form.counties"));
    view! {
        <p class="ds-paragraph">{i.tf("platform.form.intro", &[
            ("date", &format::date(lang, f.classification_valid_from)),
        ])}</p>
        <UrlErrorAlert error=error.clone()/>
        <form method="post" action=crate::paths::CREATE_ORGANISATION_ACTION enctype="multipart/form-data" class="form" novalidate>
            <CsrfField/>
            <SelectField name="kind" label=i.t("org.kind")
                options=vec![
                    ("municipality".into(), i.t("org.kind.municipality")),
                    ("county".into(), i.t("org.kind.county")),
                ]
                selected=kept(&v, "kind", "municipality") error=err("kind")/>
            <div class="ds-field">
                <label class="ds-label" for="f-number">{i.t("platform.form.number")}</label>
                <div data-field="description" id="f-number-hint">{i.t("platform.form.number_hint")}</div>
                <select class="ds-input" id="f-number" name="number"
                    aria-describedby=move || if number_error.with(Option::is_some) { "f-number-hint f-number-error" } else { "f-number-hint" }
                    aria-invalid=move || number_error.with(Option::is_some).then_some("true")>
                    <option value="">{i.t("platform.form.choose")}</option>
                    {municipalities}
                    {counties}
                </select>
                {move || number_error.get().map(|e| view! {
                    <div class="ds-validation-message" data-field="validation" id="f-number-error">{e}</div>
                })}
            </div>
            <TextField name="name" label=i.t("platform.form.name") hint=i.t("platform.form.name_hint")
                value=kept(&v, "name", "") error=err("name")/>
            <TextField name="name_nn" label=i.t("platform.form.name_nn") hint=i.t("platform.form.optional")
                value=kept(&v, "name_nn", "") error=err("name_nn")/>
            <TextField name="name_sami" label=i.t("platform.form.name_sami") hint=i.t("platform.form.name_sami_hint")
                value=kept(&v, "name_sami", "") error=err("name_sami")/>
            <TextField name="slug" label=i.t("platform.form.slug") hint=i.t("platform.form.slug_hint")
                value=kept(&v, "slug", "") error=err("slug")/>
            <SelectField name="written_standard" label=i.t("admin.profile.written_standard")
                options=vec![("nb".into(), i.t("lang.nb")), ("nn".into(), i.t("lang.nn"))]
                selected=kept(&v, "written_standard", "nb") error=err("written_standard")/>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{i.t("platform.form.population")}</legend>
                <p class="ds-paragraph">{i.t("platform.form.population_hint")}</p>
                <TextField name="population" label=i.t("admin.profile.population")
                    value=kept(&v, "population", "") error=err("population")/>
                <TextField name="population_date" label=i.t("admin.profile.population_date") kind="date"
                    value=kept(&v, "population_date", "") error=err("population_date")/>
                <FileField name="population_file" label=i.t("platform.form.population_file")
                    hint=i.t("platform.form.population_file_hint") accept=".csv,text/csv"
                    error=err("population_file")/>
            </fieldset>
            <TextAreaField name="bodies" label=i.t("platform.form.bodies") hint=i.t("platform.form.bodies_hint")
                value=kept(&v, "bodies", "") rows=4 error=err("bodies")/>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{i.t("admin.initiatives.heading")}</legend>
                <TextField name="max_collection_months" label=i.t("admin.initiatives.max_collection_months") hint=i.t("admin.initiatives.max_collection_months_hint")
                    value=kept(&v, "max_collection_months", "12") error=err("max_collection_months")/>
                <TextField name="signer_retention_months" label=i.t("admin.initiatives.signer_retention_months") hint=i.t("admin.initiatives.signer_retention_months_hint")
                    value=kept(&v, "signer_retention_months", "12") error=err("signer_retention_months")/>
                <TextField name="screening_days" label=i.t("admin.initiatives.screening_days") hint=i.t("admin.initiatives.screening_days_hint")
                    value=kept(&v, "screening_days", "14") error=err("screening_days")/>
            </fieldset>
            <TextField name="admin_email" label=i.t("platform.form.admin_email") kind="email"
                hint=i.t("platform.form.admin_email_hint") value=kept(&v, "admin_email", "") error=err("admin_email")/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("platform.form.create")}</button>
        </form>
    }
}
