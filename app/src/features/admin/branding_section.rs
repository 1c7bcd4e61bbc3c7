//! The organisation's branding (accent colour, logo) and its rule for administrators' second
//! factor.

use super::actions::AdminActions;
use crate::components::context::use_i18n;
use crate::components::form::{
    CheckboxField, CsrfField, FileField, FormAlert, TextField, UrlErrorAlert, error_for,
    field_error, kept as kept_value, url_error,
};
use crate::dto::organisations::OrganisationDto;
use crate::features::admin::api::UploadLogo;
use leptos::prelude::*;

#[component]
pub(super) fn BrandingSection(
    org: OrganisationDto,
    actions: AdminActions,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let a = actions.branding;
    let remove = actions.remove_logo;
    let saved = move || matches!(a.value().get(), Some(Ok(())));
    let upload_error = url_error::<UploadLogo>();
    let slug = org.slug.clone();
    let remove_slug = org.slug.clone();
    let upload_slug = org.slug.clone();
    view! {
        <section aria-labelledby="branding-heading">
            <h2 class="ds-heading" data-size="md" id="branding-heading">{i.t("admin.brand.heading")}</h2>
            <ActionForm action=a attr:class="form" attr:novalidate=true>
                <FormAlert action=a/>
                <CsrfField/>
                <input type="hidden" name="slug" value=slug/>
                <TextField name="accent_colour" label=i.t("admin.brand.colour")
                    hint=i.t("admin.brand.colour_hint")
                    value=kept_value(&kept, "accent_colour", org.accent_colour.as_deref().unwrap_or(""))
                    error=field_error(a, "accent_colour")/>
                <CheckboxField name="require_totp" label=i.t("admin.brand.require_totp")
                    hint=i.t("admin.brand.require_totp_hint") checked=org.require_totp/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("common.save")}</button>
            </ActionForm>
            <p role="status" class="form-status">{move || saved().then(|| i.t("common.saved"))}</p>
            <h3 class="ds-heading" data-size="sm">{i.t("admin.brand.logo")}</h3>
            {org.logo_url.clone().map(|url| view! {
                <p><img class="org-logo-preview" src=url alt=i.tf("admin.brand.logo_alt", &[("name", &org.name)])/></p>
                <ActionForm action=remove attr:class="inline-form">
                    <FormAlert action=remove/>
                    <CsrfField/>
                    <input type="hidden" name="slug" value=remove_slug/>
                    <button class="ds-button" data-variant="secondary" type="submit">{i.t("admin.brand.logo_remove")}</button>
                </ActionForm>
            })}
            <UrlErrorAlert error=upload_error.clone()/>
            <form method="post" action=crate::paths::UPLOAD_LOGO_ACTION enctype="multipart/form-data" class="form" novalidate>
                <CsrfField/>
                <input type="hidden" name="slug" value=upload_slug/>
                <FileField name="logo_file" label=i.t("admin.brand.logo_file")
                    hint=i.t("admin.brand.logo_hint") accept=".svg,.png,image/svg+xml,image/png"
                    error=error_for(i, &upload_error, "logo_file")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("admin.brand.logo_upload")}</button>
            </form>
        </section>
    }
}
