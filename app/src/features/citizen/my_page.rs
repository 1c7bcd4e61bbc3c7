//! "Min side": the citizen's login, whether they can sign, their email address, their hearing
//! submissions and what became of them, their signatures (to withdraw while it collects), their
//! own initiatives, the cases they hear of, logout.

use crate::dto::citizen::{MySignature, MySubmission, TakenPart};
use crate::features::citizen::api::{
    RemoveCitizenEmail, SetCitizenEmail, current_citizen, my_participation,
};
use crate::features::follows::my_follows::MyFollows;
use crate::features::initiatives::api::WithdrawSignature;
use crate::features::my_data::my_data_section::MyDataSection;
use crate::features::panels::my_panels::MyPanels;

use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::components::status::{ErrorPage, set_status};
use crate::dto::auth::KeptForm;
use crate::dto::citizen::CitizenSummary;
use crate::dto::initiatives::InitiativeSummary;
use crate::features::auth::api::kept_form_values;
use crate::features::initiatives::api::my_initiatives;
use crate::features::initiatives::components::InitiativeCard;
use crate::paths::{CITIZEN_LOGOUT_PATH, citizen_login_href};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyPage() -> impl IntoView {
    let i = use_i18n();
    let set_email = ServerAction::<SetCitizenEmail>::new();
    let remove_email = ServerAction::<RemoveCitizenEmail>::new();
    let me = Resource::new(
        move || (set_email.version().get(), remove_email.version().get()),
        |_| current_citizen(),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    let mine = Resource::new(|| (), |_| my_initiatives());
    let withdraw = ServerAction::<WithdrawSignature>::new();
    let taken_part = Resource::new(move || withdraw.version().get(), |_| my_participation());
    view! {
        <Title text=i.t("me.title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let failed = set_email.value().with_untracked(|v| matches!(v, Some(Err(_))));
                let kept_values = KeptForm::values_for(
                    &kept_values.await.unwrap_or_default(), "set_citizen_email", failed);
                let mine = mine.await.unwrap_or_default();
                let taken_part = taken_part.await.unwrap_or_default();
                match me.await {
                    Ok(Some(c)) => view! {
                        <MyPageContent c kept_values set_email remove_email mine/>
                        <Participation p=taken_part withdraw/>
                        <MyFollows/>
                        <MyPanels/>
                        <MyDataSection/>
                        <LogoutSection/>
                    }.into_any(),
                    Ok(None) => {
                        set_status(401);
                        view! {
                            <h1 class="ds-heading" data-size="lg">{i.t("me.not_logged_in")}</h1>
                            <p class="ds-paragraph">{i.t("me.not_logged_in_body")}</p>
                            <p class="ds-paragraph">
                                <a class="ds-button" data-variant="primary" rel="external"
                                    href=citizen_login_href(crate::paths::MY_PAGE)>{i.t("nav.citizen_login")}</a>
                            </p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyPageContent(
    c: CitizenSummary,
    kept_values: Vec<(String, String)>,
    set_email: ServerAction<SetCitizenEmail>,
    remove_email: ServerAction<RemoveCitizenEmail>,
    mine: Vec<InitiativeSummary>,
) -> impl IntoView {
    let i = use_i18n();
    let has_email = c.email.is_some();
    view! {
        <h1 class="ds-heading" data-size="lg">{i.t("me.title")}</h1>
        <dl class="facts">
            <dt>{i.t("me.name")}</dt>
            <dd>{c.name.clone().unwrap_or_else(|| i.t("me.no_name"))}</dd>
            <dt>{i.t("me.login")}</dt>
            <dd>{i.tf("me.login_value", &[("level", &i.t(c.level.label_key()))])}</dd>
        </dl>
        {if c.can_sign {
            view! { <p class="ds-paragraph">{i.t("me.can_sign")}</p> }.into_any()
        } else {
            view! {
                <div class="ds-alert" data-color="info">
                    <p class="ds-paragraph">{i.t("me.cannot_sign")}</p>
                </div>
            }.into_any()
        }}
        <section aria-labelledby="email-heading">
            <h2 class="ds-heading" data-size="md" id="email-heading">{i.t("me.email.heading")}</h2>
            <p class="ds-paragraph">{i.t("me.email.intro")}</p>
            <p class="ds-paragraph">
                {match c.email.clone() {
                    Some(e) => i.tf("me.email.current", &[("email", &e)]),
                    None => i.t("me.email.none"),
                }}
            </p>
            {c.pending_email.clone().map(|p| view! {
                <p class="ds-paragraph" role="status">{i.tf("me.email.pending", &[("email", &p)])}</p>
            })}
            <ActionForm action=set_email attr:class="form" attr:novalidate=true>
                <FormAlert action=set_email/>
                <CsrfField/>
                <TextField name="email" kind="email" autocomplete="email"
                    label=if has_email { i.t("me.email.new_label") } else { i.t("me.email.label") }
                    value=kept(&kept_values, "email", "")
                    error=field_error(set_email, "email")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("me.email.send")}</button>
            </ActionForm>
            {has_email.then(|| view! {
                <ActionForm action=remove_email attr:class="form">
                    <CsrfField/>
                    <button class="ds-button" data-variant="secondary" type="submit">{i.t("me.email.remove")}</button>
                </ActionForm>
            })}
        </section>
        <section aria-labelledby="initiatives-heading">
            <h2 class="ds-heading" data-size="md" id="initiatives-heading">{i.t("me.initiatives.heading")}</h2>
            {if mine.is_empty() {
                view! { <p class="ds-paragraph">{i.t("me.initiatives.none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {mine.into_iter().map(|s| view! { <InitiativeCard s show_org=true/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="ds-paragraph">
                <a class="ds-link" href=crate::paths::INITIATIVES>{i.t("me.initiatives.all")}</a>
            </p>
        </section>
    }
}

#[component]
fn LogoutSection() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section aria-labelledby="logout-heading">
            <h2 class="ds-heading" data-size="md" id="logout-heading">{i.t("me.logout_heading")}</h2>
            <form method="post" action=CITIZEN_LOGOUT_PATH class="form">
                <CsrfField/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("nav.citizen_logout")}</button>
            </form>
        </section>
    }
}

/// The citizen's hearing submissions (with what became of each) and signatures.
#[component]
fn Participation(p: TakenPart, withdraw: ServerAction<WithdrawSignature>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section aria-labelledby="submissions-heading">
            <h2 class="ds-heading" data-size="md" id="submissions-heading">{i.t("me.submissions.heading")}</h2>
            {if p.submissions.is_empty() {
                view! { <p class="ds-paragraph">{i.t("me.submissions.none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {p.submissions.into_iter().map(|s| view! { <SubmissionItem s/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="signatures-heading">
            <h2 class="ds-heading" data-size="md" id="signatures-heading">{i.t("me.signatures.heading")}</h2>
            <FormAlert action=withdraw/>
            {if p.signatures.is_empty() {
                view! { <p class="ds-paragraph">{i.t("me.signatures.none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {p.signatures.into_iter().map(|s| view! { <SignatureItem s withdraw/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn SubmissionItem(s: MySubmission) -> impl IntoView {
    use crate::domain::submission::Publication;
    let i = use_i18n();
    let lang = i.lang();
    let status = if !s.confirmed {
        i.t("me.submissions.unconfirmed")
    } else if s.publication == Publication::Withheld {
        match s.withhold_reason {
            Some(r) => i.tf(
                "me.submissions.withheld",
                &[("reason", &i.t(r.label_key()))],
            ),
            None => i.t(s.publication.label_key()),
        }
    } else {
        i.t(s.publication.label_key())
    };
    let receipt = crate::paths::receipt(&s.organisation_slug, s.hearing_id, &s.reference);
    let hearing = crate::paths::hearing(&s.organisation_slug, s.hearing_id);
    view! {
        <li>
            <a class="ds-link" href=hearing>{s.hearing_title.clone()}</a>
            <br/>
            {i.tf("me.submissions.sent", &[("date", &crate::i18n::format::date_time(lang, s.received_at)), ("reference", &s.reference)])}
            " · "<strong>{status}</strong>" · "
            <a class="ds-link" href=receipt>{i.t("me.submissions.receipt")}</a>
        </li>
    }
}

#[component]
fn SignatureItem(s: MySignature, withdraw: ServerAction<WithdrawSignature>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let page = crate::paths::initiative(&s.organisation_slug, s.initiative_id);
    let how = if s.paper {
        i.t("me.signatures.on_paper")
    } else {
        i.t("me.signatures.online")
    };
    view! {
        <li>
            <a class="ds-link" href=page>{s.initiative_title.clone()}</a>
            <br/>
            {i.tf("me.signatures.signed", &[("date", &crate::i18n::format::date_time(lang, s.signed_at)), ("how", &how)])}
            " · "{i.t(s.status.label_key())}
            {s.can_withdraw.then(|| view! {
                <ActionForm action=withdraw attr:class="form inline-form">
                    <CsrfField/>
                    <input type="hidden" name="slug" value=s.organisation_slug.clone()/>
                    <input type="hidden" name="id" value=s.initiative_id.to_string()/>
                    <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                        {i.tf("me.signatures.withdraw", &[("title", &s.initiative_title)])}
                    </button>
                </ActionForm>
            })}
        </li>
    }
}
