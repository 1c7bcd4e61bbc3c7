//! The staff's dialogue page: the organisation's spaces, a form to set up a new one, and — for
//! moderators — the queue: posts waiting for approval, posts with open flags and posts the flags
//! hid, each with who wrote it and the decisions to make (citing a house rule).

use super::staff_api::{
    CreateDialogueSpace, ModerateDialoguePost, SetDialogueHost, get_staff_dialogue,
};
use crate::components::action::failed;
use crate::components::context::use_i18n;
use crate::components::form::choice::{CheckboxField, RadioGroup, SelectField};
use crate::components::form::{
    CsrfField, FormAlert, TextAreaField, TextField, error_for, field_error, kept,
};
use crate::components::status::{ErrorPage, error_message};
use crate::domain::dialogue::PostState;
use crate::dto::auth::KeptForm;
use crate::dto::dialogue::{HouseRules, QueueItem, StaffDialogue};
use crate::features::auth::api::kept_form_values;
use crate::i18n::{I18n, format};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffDialoguePage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let create = ServerAction::<CreateDialogueSpace>::new();
    let moderate = ServerAction::<ModerateDialoguePost>::new();
    let host = ServerAction::<SetDialogueHost>::new();
    let data = Resource::new(
        move || {
            (
                slug(),
                create.version().get(),
                moderate.version().get(),
                host.version().get(),
            )
        },
        |(slug, _, _, _)| get_staff_dialogue(slug),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Title text=i.t("staff_dialogue.title")/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let kept = kept_values.await.unwrap_or_default();
                let values = KeptForm::values_for(&kept, "create_dialogue_space", failed(create));
                view! {
                    <h1 class="ds-heading" data-size="lg">{i.t("staff_dialogue.title")}</h1>
                    <Queue d=d.clone() moderate kept/>
                    {d.host.then(|| view! { <p class="ds-paragraph">{i.t("staff_dialogue.host_note")}</p> })}
                    <Spaces d=d.clone() host/>
                    {d.can_create.then(|| view! { <NewSpaceForm create slug=d.organisation_slug.clone() values/> })}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Spaces(d: StaffDialogue, host: ServerAction<SetDialogueHost>) -> impl IntoView {
    let i = use_i18n();
    let can_create = d.can_create;
    let officials = d.officials.clone();
    view! {
        <section aria-labelledby="spaces-heading">
            <h2 class="ds-heading" data-size="md" id="spaces-heading">{i.t("staff_dialogue.spaces")}</h2>
            {if d.spaces.is_empty() {
                view! { <p class="ds-paragraph">{i.t("staff_dialogue.no_spaces")}</p> }.into_any()
            } else {
                view! {
                    <table class="ds-table">
                        <thead><tr>
                            <th scope="col">{i.t("staff_dialogue.space")}</th>
                            <th scope="col">{i.t("staff_dialogue.kind")}</th>
                            <th scope="col">{i.t("staff_dialogue.state")}</th>
                            <th scope="col">{i.t("staff_dialogue.posts")}</th>
                            <th scope="col">{i.t("staff_dialogue.hosts")}</th>
                        </tr></thead>
                        <tbody>
                            {d.spaces.into_iter().map(|s| view! {
                                <tr>
                                    <td>{if s.published {
                                        view! { <a class="ds-link" href=crate::paths::dialogue(&d.organisation_slug, s.id)>{s.title.clone()}</a> }.into_any()
                                    } else {
                                        view! { <span>{s.title.clone()}</span> }.into_any()
                                    }}</td>
                                    <td>{i.t(s.kind.label_key())}</td>
                                    <td>{i.t(if !s.published { "staff_dialogue.draft" } else if s.open { "dialogue.list.open" } else { "dialogue.list.closed" })}</td>
                                    <td>{s.posts.to_string()}</td>
                                    <td><HostsCell slug=d.organisation_slug.clone() space=s.id hosts=s.hosts.clone()
                                        officials=officials.clone() can_edit=can_create host/></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// A space's hosts, each with a button to remove them, and a form to name another (editors).
#[component]
fn HostsCell(
    slug: String,
    space: i32,
    hosts: Vec<(i32, String)>,
    officials: Vec<(i32, String)>,
    can_edit: bool,
    host: ServerAction<SetDialogueHost>,
) -> impl IntoView {
    let i = use_i18n();
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), i.t("officials.choose_official")))
            .chain(
                officials
                    .into_iter()
                    .filter(|(id, _)| !hosts.iter().any(|(h, _)| h == id))
                    .map(|(id, n)| (id.to_string(), n)),
            )
            .collect();
    let slug2 = slug.clone();
    view! {
        <ul class="plain-list">
            {hosts.into_iter().map(|(id, name)| {
                let slug = slug.clone();
                view! {
                    <li>
                        <span>{name.clone()}</span>
                        {can_edit.then(|| view! {
                            <ActionForm action=host attr:class="inline-form">
                                <CsrfField/>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="space" value=space.to_string()/>
                                <input type="hidden" name="official" value=id.to_string()/>
                                <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                                    {i.tf("staff_dialogue.remove_host", &[("name", &name)])}
                                </button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {(can_edit && options.len() > 1).then(|| view! {
            <ActionForm action=host attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="slug" value=slug2/>
                <input type="hidden" name="space" value=space.to_string()/>
                <input type="hidden" name="add" value="on"/>
                <SelectField name="official" id=format!("host-{space}") label=i.t("staff_dialogue.add_host_label") options/>
                <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">{i.t("staff_dialogue.add_host")}</button>
            </ActionForm>
        })}
    }
}

fn rule_options(i: I18n, rules: &HouseRules) -> Vec<(String, String)> {
    let texts: Vec<String> = match rules {
        HouseRules::Default(n) => (1..=*n)
            .map(|k| i.t(&crate::domain::dialogue::default_rule_key(k)))
            .collect(),
        HouseRules::Own(r) => r.clone(),
    };
    std::iter::once((String::new(), i.t("staff_dialogue.choose_rule")))
        .chain(
            texts
                .into_iter()
                .enumerate()
                .map(|(n, t)| ((n + 1).to_string(), format!("{}. {t}", n + 1))),
        )
        .collect()
}

#[component]
fn Queue(
    d: StaffDialogue,
    moderate: ServerAction<ModerateDialoguePost>,
    kept: Option<KeptForm>,
) -> impl IntoView {
    let i = use_i18n();
    let error = moderate.value().get_untracked().and_then(|v| v.err());
    view! {
        <section aria-labelledby="queue-heading">
            <h2 class="ds-heading" data-size="md" id="queue-heading">{i.tf("staff_dialogue.queue", &[("count", &d.queue.len().to_string())])}</h2>
            {d.queue.is_empty().then(|| view! { <p class="ds-paragraph">{i.t("staff_dialogue.queue_empty")}</p> })}
            {d.queue.clone().into_iter().map(|q| {
                let form = format!("moderate_{}", q.post_id);
                let mine = kept.as_ref().is_some_and(|k| k.form == form);
                let values = KeptForm::values_for(&kept, &form, mine && error.is_some());
                let err = if mine { error.clone() } else { None };
                view! { <QueueCard q slug=d.organisation_slug.clone() rules=d.rules.clone() moderate values err/> }
            }).collect_view()}
            {(!d.hidden.is_empty()).then(|| view! {
                <details class="dialogue-hidden-posts">
                    <summary>{i.tf("staff_dialogue.hidden_posts", &[("count", &d.hidden.len().to_string())])}</summary>
                                {d.hidden.clone().into_iter().map(|q| {
                let form = format!("moderate_{}", q.post_id);
                let mine = kept.as_ref().is_some_and(|k| k.form == form);
                let values = KeptForm::values_for(&kept, &form, mine && error.is_some());
                let err = if mine { error.clone() } else { None };
                view! { <QueueCard q slug=d.organisation_slug.clone() rules=d.rules.clone() moderate values err/> }
            }).collect_view()}
                </details>
            })}
        </section>
    }
}

#[component]
fn QueueCard(
    q: QueueItem,
    slug: String,
    rules: HouseRules,
    moderate: ServerAction<ModerateDialoguePost>,
    values: Vec<(String, String)>,
    err: Option<crate::error::AppError>,
) -> impl IntoView {
    let i = use_i18n();
    let state = match (q.state, q.hidden_by_flags) {
        (PostState::Pending, _) => i.t("staff_dialogue.waiting"),
        (PostState::Hidden, true) => i.t("staff_dialogue.hidden_by_flags"),
        (PostState::Hidden, false) => i.t("staff_dialogue.hidden"),
        (PostState::Visible, _) => i.t("staff_dialogue.flagged"),
        (PostState::Rejected, _) => i.t("staff_dialogue.hidden"),
    };
    let actions: Vec<(String, String)> =
        std::iter::once((String::new(), i.t("staff_dialogue.choose_action")))
            .chain(
                ["approve", "hide", "restore", "lock", "unlock", "suspend"]
                    .into_iter()
                    .map(|a| (a.to_string(), i.t(&format!("staff_dialogue.action.{a}")))),
            )
            .collect();
    let id = q.post_id;
    view! {
        <article class="dialogue-queue-item" aria-labelledby=format!("q-{id}")>
            <h3 class="ds-heading" data-size="xs" id=format!("q-{id}")>
                {q.space_title.clone()}" · "{state}
            </h3>
            <p class="ds-paragraph" data-size="sm">
                {i.tf("staff_dialogue.written_by", &[("name", &q.author.clone().unwrap_or_else(|| i.t("dialogue.post.deleted_author")))])}
                " · "{format::date_time(i.lang(), q.created_at)}
            </p>
            <div class="prose" inner_html=q.html.clone()></div>
            {q.hide_requested.map(|r| view! {
                <p class="ds-paragraph"><strong>{i.tf("staff_dialogue.hide_requested", &[("rule", &r.to_string())])}</strong></p>
            })}
            {(!q.flags.is_empty()).then(|| view! {
                <ul class="ds-list">
                    {q.flags.iter().map(|(k, n)| view! { <li>{i.t(k)}": "{n.to_string()}</li> }).collect_view()}
                </ul>
            })}
            <ActionForm action=moderate attr:class="form" attr:novalidate=true>
                {err.clone().map(|e| view! {
                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{error_message(i, &e)}</p></div>
                })}
                <CsrfField/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="post" value=id.to_string()/>
                <SelectField name="action" id=format!("action-{id}") label=i.t("staff_dialogue.decision") options=actions
                    selected=kept(&values, "action", "") error=error_for(i, &err, "action")/>
                <SelectField name="rule" id=format!("rule-{id}") label=i.t("staff_dialogue.rule") options=rule_options(i, &rules)
                    selected=kept(&values, "rule", "") error=error_for(i, &err, "rule")/>
                <TextField name="days" id=format!("days-{id}") kind="number" label=i.t("staff_dialogue.days")
                    value=kept(&values, "days", "") error=error_for(i, &err, "days")/>
                <TextAreaField name="reason" id=format!("reason-{id}") rows=2 label=i.t("staff_dialogue.reason")
                    hint=i.t("staff_dialogue.reason_hint") value=kept(&values, "reason", "") error=error_for(i, &err, "reason")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("staff_dialogue.decide")}</button>
            </ActionForm>
        </article>
    }
}

#[component]
fn NewSpaceForm(
    create: ServerAction<CreateDialogueSpace>,
    slug: String,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let v = |f: &str, d: &str| kept(&values, f, d);
    let (kind, title, description, hearing) = (
        v("kind", "debate"),
        v("title", ""),
        v("description", ""),
        v("hearing", ""),
    );
    let (opens_date, opens_time) = (v("opens_date", ""), v("opens_time", ""));
    let (closes_date, closes_time) = (v("closes_date", ""), v("closes_time", ""));
    let moderation = v("moderation", "post");
    let residents_only = values
        .iter()
        .any(|(k, v)| k == "residents_only" && !v.is_empty());
    let published = values.is_empty()
        || values
            .iter()
            .any(|(k, v)| k == "published" && !v.is_empty());
    let kinds = vec![("debate".to_string(), i.t("dialogue.kind.debate"))];
    let modes = vec![
        ("post".to_string(), i.t("staff_dialogue.moderation.post")),
        ("pre".to_string(), i.t("staff_dialogue.moderation.pre")),
    ];
    view! {
        <section aria-labelledby="new-space-heading">
            <h2 class="ds-heading" data-size="md" id="new-space-heading">{i.t("staff_dialogue.new")}</h2>
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <FormAlert action=create/>
                <CsrfField/>
                <input type="hidden" name="slug" value=slug/>
                <RadioGroup name="kind" legend=i.t("staff_dialogue.kind") options=kinds selected=kind error=field_error(create, "kind")/>
                <TextField name="title" label=i.t("staff_dialogue.field.title") value=title error=field_error(create, "title")/>
                <TextAreaField name="description" label=i.t("staff_dialogue.field.description") value=description error=field_error(create, "description")/>
                <TextField name="hearing" kind="number" label=i.t("staff_dialogue.field.hearing") hint=i.t("staff_dialogue.field.hearing_hint")
                    value=hearing error=field_error(create, "hearing")/>
                <TextField name="opens_date" label=i.t("staff_dialogue.field.opens") kind="date" value=opens_date error=field_error(create, "opens_date")/>
                <TextField name="opens_time" label=i.t("editor.time_optional") kind="time" value=opens_time error=field_error(create, "opens_time")/>
                <TextField name="closes_date" label=i.t("staff_dialogue.field.closes") kind="date" hint=i.t("staff_dialogue.field.closes_hint")
                    value=closes_date error=field_error(create, "closes_date")/>
                <TextField name="closes_time" label=i.t("editor.time_optional") kind="time" value=closes_time error=field_error(create, "closes_time")/>
                <RadioGroup name="moderation" legend=i.t("staff_dialogue.moderation") options=modes selected=moderation error=field_error(create, "moderation")/>
                <CheckboxField name="residents_only" label=i.t("staff_dialogue.field.residents_only")
                    checked=residents_only/>
                <CheckboxField name="published" label=i.t("staff_dialogue.field.published")
                    checked=published/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("staff_dialogue.create")}</button>
            </ActionForm>
        </section>
    }
}
