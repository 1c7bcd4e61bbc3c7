//! Min side's "Your data": download everything (built in the background, offered here until it
//! expires) and the way to delete the account.

use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert};
use crate::features::my_data::api::{RequestDataExport, my_data_export};
use crate::i18n::format;
use leptos::prelude::*;

#[component]
pub fn MyDataSection() -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let request = ServerAction::<RequestDataExport>::new();
    let status = Resource::new(move || request.version().get(), |_| my_data_export());
    view! {
        <section aria-labelledby="data-heading">
            <h2 class="ds-heading" data-size="md" id="data-heading">{i.t("me.data.heading")}</h2>
            <p class="ds-paragraph">{i.t("me.data.intro")}</p>
            <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match status.await.ok().flatten() {
                        Some(s) if s.ready => view! {
                            <p class="ds-paragraph" role="status">
                                <a class="ds-link" href=crate::paths::my_data_download(s.id)>
                                    {i.tf("me.data.download", &[("size", &format::file_size(lang, s.size_bytes.unwrap_or(0)))])}
                                </a>
                                " "{i.tf("me.data.until", &[("date", &format::date_time(lang, s.expires_at))])}
                            </p>
                        }.into_any(),
                        Some(_) => view! {
                            <p class="ds-paragraph" role="status">{i.t("me.data.building")}</p>
                        }.into_any(),
                        None => ().into_any(),
                    }
                })}
            </Suspense>
            <ActionForm action=request attr:class="form">
                <FormAlert action=request/>
                <CsrfField/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("me.data.request")}</button>
            </ActionForm>
            <p class="ds-paragraph">
                <a class="ds-link" href=crate::paths::DELETE_ACCOUNT>{i.t("me.delete.link")}</a>
            </p>
        </section>
    }
}
