//! The organisation's staff: members with role and status, pending invitations, invite form.

use super::actions::AdminActions;
use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FormAlert, SelectField, TextField, field_error, kept as kept_value,
};
use crate::domain::role::Role;
use crate::dto::admin::{AdminOverview, InvitationDto, MemberDto};
use crate::features::admin::api::{ManageInvitation, UpdateMember};
use crate::i18n::{I18n, format};
use leptos::prelude::*;

#[component]
pub(super) fn StaffSection(
    overview: AdminOverview,
    actions: AdminActions,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let member = actions.member;
    let invite = actions.invite;
    let slug = overview.organisation.slug.clone();
    let roles = role_options(i);
    let rows = overview
        .members
        .into_iter()
        .map(|m| view! { <MemberRow m slug=slug.clone() member/> })
        .collect_view();
    let pending = overview.pending_invitations;
    let invitation = actions.invitation;
    view! {
        <section aria-labelledby="staff-heading">
            <h2 class="ds-heading" data-size="md" id="staff-heading">{i.t("admin.staff.heading")}</h2>
            <FormAlert action=member/>
            <table class="ds-table">
                <thead><tr>
                    <th scope="col">{i.t("admin.staff.name")}</th>
                    <th scope="col">{i.t("admin.staff.email")}</th>
                    <th scope="col">{i.t("admin.staff.role")}</th>
                    <th scope="col">{i.t("admin.staff.status")}</th>
                    <th scope="col">{i.t("admin.staff.actions")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {(!pending.is_empty()).then(|| view! {
                <h3 class="ds-heading" data-size="sm">{i.t("admin.staff.pending")}</h3>
                <FormAlert action=invitation/>
                <ul class="plain-list">
                    {pending.into_iter().map(|p| view! { <PendingItem p slug=slug.clone() invitation/> }).collect_view()}
                </ul>
            })}
            <h3 class="ds-heading" data-size="sm">{i.t("admin.staff.invite_heading")}</h3>
            <ActionForm action=invite attr:class="form" attr:novalidate=true>
                <FormAlert action=invite/>
                <CsrfField/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <TextField name="invite_email" label=i.t("admin.staff.invite_email") kind="email"
                    value=kept_value(&kept, "invite_email", "") error=field_error(invite, "invite_email")/>
                <SelectField name="invite_role" label=i.t("admin.staff.invite_role") options=roles
                    selected=kept_value(&kept, "invite_role", "case_officer") error=field_error(invite, "invite_role")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("admin.staff.invite")}</button>
            </ActionForm>
            <p role="status" class="form-status">
                {move || matches!(invite.value().get(), Some(Ok(()))).then(|| i.t("admin.staff.invited"))}
            </p>
        </section>
    }
}

/// A pending invitation, with buttons to send it again and to revoke it.
#[component]
fn PendingItem(
    p: InvitationDto,
    slug: String,
    invitation: ServerAction<ManageInvitation>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let who = [("email", p.email.as_str())];
    let button = |manage: &'static str, label: String, variant: &'static str| {
        view! { <InvitationButton invitation slug=slug.clone() id=p.id manage label variant/> }
    };
    view! {
        <li>
            {i.tf("admin.staff.pending_item", &[
                ("email", &p.email),
                ("role", &i.t(p.role.label_key())),
                ("expires", &format::date_time(lang, p.expires_at)),
            ])}
            {button("resend", i.tf("admin.staff.resend", &who), "secondary")}
            {button("revoke", i.tf("admin.staff.revoke", &who), "tertiary")}
        </li>
    }
}

/// One of a pending invitation's buttons.
#[component]
fn InvitationButton(
    invitation: ServerAction<ManageInvitation>,
    slug: String,
    id: i32,
    manage: &'static str,
    label: String,
    variant: &'static str,
) -> impl IntoView {
    view! {
        <ActionForm action=invitation attr:class="inline-form">
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="invitation_id" value=id/>
            <input type="hidden" name="manage" value=manage/>
            <button class="ds-button" data-variant=variant data-size="sm" type="submit">{label}</button>
        </ActionForm>
    }
}

/// Every role, as options of a select.
fn role_options(i: I18n) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), i.t(r.label_key())))
        .collect()
}

/// One member: name, address, role and status; another member's role and status can be
/// changed (never one's own).
#[component]
fn MemberRow(m: MemberDto, slug: String, member: ServerAction<UpdateMember>) -> impl IntoView {
    let i = use_i18n();
    let status = if m.active {
        i.t("admin.staff.active")
    } else {
        i.t("admin.staff.inactive")
    };
    let who = m.name.clone();
    let controls = (!m.is_you).then(|| {
        let toggle_label = if m.active {
            i.tf("admin.staff.deactivate", &[("name", &who)])
        } else {
            i.tf("admin.staff.reactivate", &[("name", &who)])
        };
        let (slug1, slug2) = (slug.clone(), slug.clone());
        view! {
            <ActionForm action=member attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="slug" value=slug1/>
                <input type="hidden" name="user_id" value=m.user_id/>
                <SelectField name="role" label=i.tf("admin.staff.role_of", &[("name", &who)])
                    options=role_options(i) selected=m.role.as_str().to_string()/>
                <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                    {i.t("admin.staff.change_role")}
                </button>
            </ActionForm>
            <ActionForm action=member attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="slug" value=slug2/>
                <input type="hidden" name="user_id" value=m.user_id/>
                <input type="hidden" name="active" value=(!m.active).to_string()/>
                <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">
                    {toggle_label}
                </button>
            </ActionForm>
        }
    });
    view! {
        <tr>
            <td>{m.name.clone()}{m.is_you.then(|| format!(" ({})", i.t("admin.staff.you")))}</td>
            <td>{m.email.clone()}</td>
            <td>{i.t(m.role.label_key())}</td>
            <td>{status}</td>
            <td>{controls}</td>
        </tr>
    }
}
