//! Min side's list of the cases the citizen hears of: why (followed, signed, submitted,
//! proposed), how often, and a button to stop each.

use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, SelectField};
use crate::domain::follow::{Cadence, Reason};
use crate::dto::follows::MyFollow;
use crate::features::follows::api::{SetFollowCadence, Unfollow, my_follows};
use leptos::prelude::*;

#[component]
pub fn MyFollows() -> impl IntoView {
    let i = use_i18n();
    let set = ServerAction::<SetFollowCadence>::new();
    let stop = ServerAction::<Unfollow>::new();
    let follows = Resource::new(
        move || (set.version().get(), stop.version().get()),
        |_| my_follows(),
    );
    view! {
        <section aria-labelledby="follows-heading">
            <h2 class="ds-heading" data-size="md" id="follows-heading">{i.t("me.follows.heading")}</h2>
            <p class="ds-paragraph">{i.t("me.follows.intro")}</p>
            <FormAlert action=set/>
            <FormAlert action=stop/>
            <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    let list = follows.await.unwrap_or_default();
                    if list.is_empty() {
                        view! { <p class="ds-paragraph">{i.t("me.follows.none")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list">
                                {list.into_iter().map(|f| view! { <FollowItem f set stop/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn FollowItem(
    f: MyFollow,
    set: ServerAction<SetFollowCadence>,
    stop: ServerAction<Unfollow>,
) -> impl IntoView {
    let i = use_i18n();
    let options = Cadence::ALL
        .into_iter()
        .map(|c| (c.as_str().to_string(), i.t(c.label_key())))
        .collect::<Vec<_>>();
    let why = match f.reason {
        Reason::Follow => i.t("me.follows.followed"),
        r => i.tf(r.why_key(), &[("title", &f.title)]),
    };
    let id = f.id.to_string();
    let id_again = id.clone();
    let cadence_label = i.tf("me.follows.cadence_label", &[("title", &f.title)]);
    let stop_label = i.tf("me.follows.stop", &[("title", &f.title)]);
    view! {
        <li>
            <a class="ds-link" href=f.path.clone()>{f.title.clone()}</a>
            <br/>{why}
            <ActionForm action=set attr:class="form inline-form">
                <CsrfField/>
                <input type="hidden" name="follow_id" value=id.clone()/>
                <SelectField name="cadence" id=format!("cadence-{id}")
                    label=cadence_label
                    options selected=f.cadence.as_str().to_string()/>
                <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">{i.t("me.follows.save")}</button>
            </ActionForm>
            <ActionForm action=stop attr:class="form inline-form">
                <CsrfField/>
                <input type="hidden" name="follow_id" value=id_again/>
                <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                    {stop_label}
                </button>
            </ActionForm>
        </li>
    }
}
