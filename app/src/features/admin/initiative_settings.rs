//! The organisation's rules for citizen initiatives: the longest collection period, how long
//! signer data is kept after an initiative is concluded, and the screening time.

use super::actions::AdminActions;
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept as kept_value};
use crate::dto::organisations::OrganisationDto;
use leptos::prelude::*;

#[component]
pub(super) fn InitiativeSettings(
    org: OrganisationDto,
    actions: AdminActions,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let a = actions.initiatives;
    let v = kept;
    let saved = move || matches!(a.value().get(), Some(Ok(())));
    view! {
        <section aria-labelledby="initiative-settings-heading">
            <h2 class="ds-heading" data-size="md" id="initiative-settings-heading">
                {i.t("admin.initiatives.heading")}
            </h2>
            <p>{i.t("admin.initiatives.intro")}</p>
            <ActionForm action=a attr:class="form" attr:novalidate=true>
                <FormAlert action=a/>
                <CsrfField/>
                <input type="hidden" name="slug" value=org.slug.clone()/>
                <TextField name="max_collection_months" label=i.t("admin.initiatives.max_collection_months")
                    hint=i.t("admin.initiatives.max_collection_months_hint") kind="number"
                    value=kept_value(&v, "max_collection_months", &org.max_collection_months.to_string())
                    error=field_error(a, "max_collection_months")/>
                <TextField name="signer_retention_months" label=i.t("admin.initiatives.signer_retention_months")
                    hint=i.t("admin.initiatives.signer_retention_months_hint") kind="number"
                    value=kept_value(&v, "signer_retention_months", &org.signer_retention_months.to_string())
                    error=field_error(a, "signer_retention_months")/>
                <TextField name="screening_days" label=i.t("admin.initiatives.screening_days")
                    hint=i.t("admin.initiatives.screening_days_hint") kind="number"
                    value=kept_value(&v, "screening_days", &org.screening_days.to_string())
                    error=field_error(a, "screening_days")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("common.save")}</button>
            </ActionForm>
            <p role="status" class="form-status">{move || saved().then(|| i.t("common.saved"))}</p>
        </section>
    }
}
