//! Deleting one's account: first what goes and what stays (and why), then a checkbox and a
//! button (a POST). And the page after, which says it is done.

use crate::components::context::use_i18n;
use crate::components::form::{CheckboxField, CsrfField, FormAlert, field_error};
use crate::components::status::{ErrorPage, set_status};
use crate::dto::my_data::DeletionPlan;
use crate::error::AppError;
use crate::features::my_data::api::{DeleteMyAccount, deletion_preview};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    let i = use_i18n();
    let delete = ServerAction::<DeleteMyAccount>::new();
    let preview = Resource::new(|| (), |_| deletion_preview());
    view! {
        <Title text=i.t("me.delete.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("me.delete.title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(p) => view! { <Explained p delete/> }.into_any(),
                    Err(AppError::Unauthorized) => {
                        set_status(401);
                        view! {
                            <p class="ds-paragraph">{i.t("me.not_logged_in_body")}</p>
                            <p class="ds-paragraph"><a class="ds-button" data-variant="primary" rel="external"
                                href=crate::paths::citizen_login_href(crate::paths::DELETE_ACCOUNT)>{i.t("nav.citizen_login")}</a></p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Explained(p: DeletionPlan, delete: ServerAction<DeleteMyAccount>) -> impl IntoView {
    let i = use_i18n();
    let n = |v: usize| v.to_string();
    view! {
        <p class="ds-paragraph">{i.t("me.delete.intro")}</p>
        <h2 class="ds-heading" data-size="md">{i.t("me.delete.goes_heading")}</h2>
        <ul class="ds-list">
            <li>{i.tf("me.delete.goes_submissions", &[("count", &n(p.submissions_deleted))])}</li>
            <li>{i.tf("me.delete.goes_signatures", &[("count", &n(p.signatures_deleted))])}</li>
            <li>{i.tf("me.delete.goes_proposals", &[("count", &n(p.proposals_deleted))])}</li>
            <li>{i.tf("me.delete.goes_follows", &[("count", &n(p.follows))])}</li>
            <li>{i.tf("me.delete.goes_panel_invitations", &[("count", &n(p.panel_invitations))])}</li>
            <li>{i.tf("me.delete.goes_dialogue", &[("count", &n(p.dialogue_posts_deleted))])}</li>
            <li>{i.t("me.delete.goes_rest")}</li>
        </ul>
        <h2 class="ds-heading" data-size="md">{i.t("me.delete.stays_heading")}</h2>
        <ul class="ds-list">
            <li>{i.tf("me.delete.stays_submissions", &[("count", &n(p.submissions_kept))])}</li>
            <li>{i.tf("me.delete.stays_signatures", &[("count", &n(p.signatures_kept))])}</li>
            <li>{i.tf("me.delete.stays_proposals", &[("count", &n(p.proposals_kept))])}</li>
            <li>{i.tf("me.delete.stays_panel_answers", &[("count", &n(p.panel_memberships))])}</li>
            <li>{i.tf("me.delete.stays_dialogue", &[("count", &n(p.dialogue_posts_kept))])}</li>
        </ul>
        <p class="ds-paragraph">{i.t("me.delete.download_first")}</p>
        <ActionForm action=delete attr:class="form">
            <FormAlert action=delete/>
            <CsrfField/>
            <CheckboxField name="confirm" label=i.t("me.delete.confirm") error=field_error(delete, "confirm")/>
            <button class="ds-button" data-variant="primary" data-color="danger" type="submit">{i.t("me.delete.button")}</button>
        </ActionForm>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::MY_PAGE>{i.t("me.delete.cancel")}</a></p>
    }
}

/// Where deleting leads: it is done, and the person is logged out.
#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("me.deleted.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("me.deleted.title")}</h1>
        <p class="ds-paragraph">{i.t("me.deleted.body")}</p>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::HOME>{i.t("follow.unsubscribe.home")}</a></p>
    }
}
