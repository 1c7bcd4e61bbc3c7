//! "Open now": the hearings closing soonest and the initiatives nearest their threshold, with
//! links to the full lists. On the front page (every organisation) and an organisation's page.

use crate::components::context::use_i18n;
use crate::dto::organisations::OpenNow;
use crate::features::hearings::components::HearingCard;
use crate::features::initiatives::components::InitiativeCard;
use leptos::prelude::*;

/// `org`: the organisation's slug, or `None` for the whole installation (cards then name
/// their organisation).
#[component]
pub fn OpenNowView(open: OpenNow, org: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let show_org = org.is_none();
    let now = open.now;
    let hearings_link = i.tf(
        "open_now.all_hearings",
        &[("count", &open.hearings_total.to_string())],
    );
    let initiatives_link = i.tf(
        "open_now.all_initiatives",
        &[("count", &open.initiatives_total.to_string())],
    );
    view! {
        <section aria-labelledby="open-hearings">
            <h2 class="ds-heading" data-size="md" id="open-hearings">{i.t("open_now.hearings")}</h2>
            {if open.hearings.is_empty() {
                view! { <p class="ds-paragraph">{i.t("open_now.no_hearings")}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {open.hearings.into_iter().map(|h| view! { <HearingCard h now show_org/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="ds-paragraph"><a class="ds-link" href=crate::paths::hearings(org.as_deref())>{hearings_link}</a></p>
        </section>
        <section aria-labelledby="open-initiatives">
            <h2 class="ds-heading" data-size="md" id="open-initiatives">{i.t("open_now.initiatives")}</h2>
            {if open.initiatives.is_empty() {
                view! { <p class="ds-paragraph">{i.t("open_now.no_initiatives")}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {open.initiatives.into_iter().map(|s| view! { <InitiativeCard s show_org/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="ds-paragraph"><a class="ds-link" href=format!("{}?status=collecting", crate::paths::initiatives(org.as_deref()))>{initiatives_link}</a></p>
        </section>
    }
}
