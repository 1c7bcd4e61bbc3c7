//! The follow page of a case: a logged-in citizen follows with one click (and chooses how
//! often they hear); anyone else gives an address, confirmed by a mailed link. The case's Atom
//! feed is linked for those who would rather read it in a feed reader. Never cached: it is
//! different for every reader.

use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, RadioGroup, TextField, field_error, kept};
use crate::components::status::ErrorPage;
use crate::domain::follow::{Cadence, CaseKind, Reason};
use crate::dto::auth::KeptForm;
use crate::dto::follows::FollowPageData;
use crate::features::auth::api::kept_form_values;
use crate::features::follows::api::{FollowByEmail, FollowCase, UnfollowCase, follow_page};
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/org/:slug/horinger/:id/folg`
#[component]
pub fn HearingFollowPage() -> impl IntoView {
    view! { <FollowPage kind=CaseKind::Hearing/> }
}

/// `/org/:slug/innbyggerforslag/:id/folg`
#[component]
pub fn InitiativeFollowPage() -> impl IntoView {
    view! { <FollowPage kind=CaseKind::Initiative/> }
}

fn cadence_options(i: I18n) -> Vec<(String, String)> {
    Cadence::ALL
        .into_iter()
        .map(|c| (c.as_str().to_string(), i.t(c.label_key())))
        .collect()
}

#[component]
fn FollowPage(kind: CaseKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("sendt").is_some());
    let confirmed = move || query.with(|q| q.get("bekreftet").is_some());
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
            )
        })
    };
    let follow = ServerAction::<FollowCase>::new();
    let unfollow = ServerAction::<UnfollowCase>::new();
    let by_email = ServerAction::<FollowByEmail>::new();
    let data = Resource::new(
        move || (key(), follow.version().get(), unfollow.version().get()),
        move |((slug, id), _, _)| follow_page(kind, slug, id),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let failed = by_email.value().with_untracked(|v| matches!(v, Some(Err(_))));
                let kept_values = KeptForm::values_for(
                    &kept_values.await.unwrap_or_default(), "follow_by_email", failed);
                match data.await {
                    Ok(d) => {
                        let (slug, id) = key();
                        view! {
                            <Title text=i.tf("follow.page.title", &[("title", &d.title)])/>
                            <Link rel="alternate" type_="application/atom+xml" href=d.feed_path.clone()/>
                            <h1 class="ds-heading" data-size="lg">{i.tf("follow.page.title", &[("title", &d.title)])}</h1>
                            <p class="ds-paragraph">{i.t("follow.page.intro")}</p>
                            <p class="ds-paragraph"><a class="ds-link" href=d.case_path.clone()>{i.tf("follow.page.back", &[("title", &d.title)])}</a></p>
                            {sent().then(|| view! {
                                <div class="ds-alert" data-color="success" role="status">
                                    <p class="ds-paragraph">{i.t("follow.page.sent")}</p>
                                </div>
                            })}
                            {confirmed().then(|| view! {
                                <div class="ds-alert" data-color="success" role="status">
                                    <p class="ds-paragraph">{i.t("follow.page.confirmed")}</p>
                                </div>
                            })}
                            {if d.citizen {
                                view! { <CitizenFollow d=d.clone() slug=slug.clone() id follow unfollow/> }.into_any()
                            } else {
                                view! { <AddressFollow kind slug=slug.clone() id by_email kept_values return_to=crate::paths::follow_path(kind, &slug, id)/> }.into_any()
                            }}
                            <section aria-labelledby="feed-heading">
                                <h2 class="ds-heading" data-size="md" id="feed-heading">{i.t("follow.feed.heading")}</h2>
                                <p class="ds-paragraph">{i.t("follow.feed.intro")}</p>
                                <p class="ds-paragraph"><a class="ds-link" href=d.feed_path type="application/atom+xml">{i.t("follow.feed.link")}</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CitizenFollow(
    d: FollowPageData,
    slug: String,
    id: i32,
    follow: ServerAction<FollowCase>,
    unfollow: ServerAction<UnfollowCase>,
) -> impl IntoView {
    let i = use_i18n();
    let kind = d.kind.as_str();
    let where_to = match &d.citizen_email {
        Some(e) => i.tf("follow.page.mail_to", &[("email", e)]),
        None => i.t("follow.page.no_email"),
    };
    let (selected, following) = match d.following {
        Some((c, r)) => (c.as_str().to_string(), Some(r)),
        None => (Cadence::Immediate.as_str().to_string(), None),
    };
    let slug_again = slug.clone();
    view! {
        <section aria-labelledby="follow-heading">
            <h2 class="ds-heading" data-size="md" id="follow-heading">{i.t("follow.page.heading")}</h2>
            {following.map(|r| view! {
                <p class="ds-paragraph" role="status"><strong>{
                    if r == Reason::Follow { i.t("follow.page.following") } else { i.tf(r.why_key(), &[("title", &d.title)]) }
                }</strong></p>
            })}
            <p class="ds-paragraph">{where_to}</p>
            {d.citizen_email.is_none().then(|| view! {
                <p class="ds-paragraph"><a class="ds-link" href=crate::paths::MY_PAGE>{i.t("follow.page.add_email")}</a></p>
            })}
            <ActionForm action=follow attr:class="form">
                <FormAlert action=follow/>
                <CsrfField/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <RadioGroup name="cadence" legend=i.t("follow.cadence.legend") options=cadence_options(i)
                    selected=selected error=field_error(follow, "cadence")/>
                <button class="ds-button" data-variant="primary" type="submit">{
                    if following.is_some() { i.t("follow.page.save") } else { i.t("follow.page.follow") }
                }</button>
            </ActionForm>
            {following.is_some().then(|| view! {
                <ActionForm action=unfollow attr:class="form">
                    <CsrfField/>
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="slug" value=slug_again.clone()/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button class="ds-button" data-variant="secondary" type="submit">{i.t("follow.page.unfollow")}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn AddressFollow(
    kind: CaseKind,
    slug: String,
    id: i32,
    by_email: ServerAction<FollowByEmail>,
    kept_values: Vec<(String, String)>,
    return_to: String,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section aria-labelledby="follow-heading">
            <h2 class="ds-heading" data-size="md" id="follow-heading">{i.t("follow.page.heading")}</h2>
            <p class="ds-paragraph">
                <a class="ds-link" rel="external" href=crate::paths::citizen_login_href(&return_to)>{i.t("follow.page.login")}</a>
            </p>
            <ActionForm action=by_email attr:class="form" attr:novalidate=true>
                <FormAlert action=by_email/>
                <CsrfField/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=id.to_string()/>
                <TextField name="email" kind="email" autocomplete="email" label=i.t("follow.email.label")
                    hint=i.t("follow.email.hint")
                    value=kept(&kept_values, "email", "") error=field_error(by_email, "email")/>
                <RadioGroup name="cadence" legend=i.t("follow.cadence.legend") options=cadence_options(i)
                    selected=kept(&kept_values, "cadence", Cadence::Immediate.as_str())
                    error=field_error(by_email, "cadence")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("follow.email.send")}</button>
            </ActionForm>
        </section>
    }
}
