//! The island of a respondent's page: questions shown only for some answers to a question on
//! the same page appear and disappear as that question is answered. Without JavaScript they
//! are all on the page, each saying when to answer it, and the server keeps an answer only
//! where it applies — the island only spares the respondent the reading.
//!
//! It has no props and sits outside the page's `<Suspense>`: it reads each question's
//! condition from its fieldset (`data-show-if`, the field it depends on, and
//! `data-show-if-any`, the option values that show it) in `#survey-questions`.

use leptos::prelude::*;

/// The id of the element whose children are the page's questions.
pub const QUESTIONS_ID: &str = "survey-questions";

#[island]
pub fn ConditionalQuestions() -> impl IntoView {
    Effect::new(move |_| {
        apply();
        // Kept for the page's life: the listener goes with the page.
        let _listener = window_event_listener(leptos::ev::change, move |_| apply());
    });
    view! { <span class="conditional-questions" hidden=true></span> }
}

/// Shows each conditional question whose condition holds, and hides the others; a condition
/// on a question of an earlier page (no field here) the server has applied already.
fn apply() {
    #[cfg(feature = "hydrate")]
    {
        let doc = document();
        let found = |selector: &str| doc.query_selector(selector).ok().flatten().is_some();
        let mut next = doc
            .get_element_by_id(QUESTIONS_ID)
            .and_then(|list| list.first_element_child());
        while let Some(el) = next {
            next = el.next_element_sibling();
            let (Some(field), Some(any)) = (
                el.get_attribute("data-show-if"),
                el.get_attribute("data-show-if-any"),
            ) else {
                continue;
            };
            if !found(&format!("[name=\"{field}\"]")) {
                continue;
            }
            // A question hidden itself counts as not answered (as on the server), so a chain
            // of conditions hides all the way down.
            let chosen = !found(&format!("#{field}-question[hidden]"))
                && any
                    .split(',')
                    .any(|v| found(&format!("#f-{field}-{v}:checked")));
            let _ = if chosen {
                el.remove_attribute("hidden")
            } else {
                el.set_attribute("hidden", "")
            };
        }
    }
}
