//! The route tree. Every route renders completely on the server before the response is sent
//! (`SsrMode::Async`), so pages work without JavaScript and carry their real status code.

use crate::components::context::{AuthEpoch, Csrf, initial_csrf_token, initial_lang};
use crate::components::layout::Layout;
use crate::components::status::NotFoundPage;
use crate::features::admin::accept_invitation_page::AcceptInvitationPage;
use crate::features::admin::admin_page::AdminPage;
use crate::features::auth::login_page::LoginPage;
use crate::features::auth::password_pages::{ForgotPasswordPage, NewPasswordPage};
use crate::features::auth::second_factor_pages::{SecondFactorCodePage, SecondFactorPage};
use crate::features::auth::staff_home_page::StaffHomePage;
use crate::features::auth::staff_menu::StaffMenu;
use crate::features::citizen::citizen_menu::CitizenMenu;
use crate::features::citizen::confirm_email_page::{ConfirmEmailPage, EmailConfirmedPage};
use crate::features::citizen::logged_out_page::LoggedOutPage;
use crate::features::citizen::my_page::MyPage;
use crate::features::dashboard::dashboard_page::StaffDashboardPage;
use crate::features::dialogue::list_page::DialoguesPage;
use crate::features::dialogue::log_page::DialogueLogPage;
use crate::features::dialogue::officials_page::OfficialsPage;
use crate::features::dialogue::space_page::DialogueSpacePage;
use crate::features::dialogue::staff_page::StaffDialoguePage;
use crate::features::follows::confirm_follow_page::ConfirmFollowPage;
use crate::features::follows::follow_page::{HearingFollowPage, InitiativeFollowPage};
use crate::features::follows::unsubscribe_page::{UnsubscribePage, UnsubscribedPage};
use crate::features::hearings::editor_page::{HearingEditorPage, NewHearingPage};
use crate::features::hearings::hearing_page::HearingPublicPage;
use crate::features::hearings::list_page::{HearingsPage, OrgHearingsPage};
use crate::features::hearings::receipt_page::{
    ConfirmSubmissionPage, ReceiptPage, SubmissionWithdrawnPage,
};
use crate::features::hearings::staff_list_page::StaffHearingsPage;
use crate::features::hearings::submit_page::SubmitPage;
use crate::features::hearings::summary_page::SummaryPage;
use crate::features::hearings::workbench_page::WorkbenchPage;
use crate::features::info::{AccessibilityPage, PrivacyPage};
use crate::features::initiatives::initiative_page::InitiativePublicPage;
use crate::features::initiatives::list_page::{InitiativesPage, OrgInitiativesPage};
use crate::features::initiatives::propose_page::{EditProposalPage, ProposePage};
use crate::features::initiatives::signature_list_page::SignatureListPage;
use crate::features::initiatives::staff_list_page::StaffInitiativesPage;
use crate::features::initiatives::staff_page::StaffInitiativePage;
use crate::features::my_data::delete_page::{AccountDeletedPage, DeleteAccountPage};
use crate::features::organisations::home_page::HomePage;
use crate::features::organisations::organisation_page::{OrganisationLayout, OrganisationPage};
use crate::features::organisations::records_page::{RecordsIndexPage, RecordsPage};
use crate::features::panels::enrol_page::PanelEnrolPage;
use crate::features::panels::leave_link_page::{PanelLeaveLinkPage, PanelLeftPage};
use crate::features::panels::letters_page::PanelLettersPage;
use crate::features::panels::list_page::PanelsPage;
use crate::features::panels::panel_page::PanelPage;
use crate::features::panels::privacy_page::PanelPrivacyPage;
use crate::features::panels::staff_list_page::{NewPanelPage, StaffPanelsPage};
use crate::features::panels::staff_panel_page::StaffPanelPage;
use crate::features::platform::new_organisation_page::NewOrganisationPage;
use crate::features::platform::platform_page::PlatformPage;
use crate::features::surveys::editor_page::SurveyEditorPage;
use crate::features::surveys::list_page::OrgSurveysPage;
use crate::features::surveys::response_page::{SurveyPreviewPage, SurveyResponsePage};
use crate::features::surveys::results_page::{StaffSurveyResultsPage, SurveyResultsPage};
use crate::features::surveys::staff_list_page::{NewSurveyPage, StaffSurveysPage};
use crate::features::surveys::survey_page::{SurveyPublicPage, SurveyThanksPage};
use crate::features::surveys::texts_page::SurveyTextsPage;
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(I18n(initial_lang()));
    provide_context(Csrf(initial_csrf_token()));
    provide_context(AuthEpoch(RwSignal::new(0)));
    view! {
        <Title formatter=|t: String| if t.is_empty() { "Innspill".to_string() } else { format!("{t} – Innspill") }/>
        <Router>
            <Layout menus=view! { <CitizenMenu/><StaffMenu/> }.into_any()>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/personvern") view=PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/tilgjengelighet") view=AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/behandlingsprotokoll") view=RecordsIndexPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansatt/logg-inn") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansatt/glemt-passord") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansatt/nytt-passord/:token") view=NewPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansatt") view=StaffHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/ansatt/tofaktor") view=SecondFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("/ansatt/tofaktor/kode") view=SecondFactorCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/plattform") view=PlatformPage ssr=SsrMode::Async/>
                    <Route path=path!("/plattform/ny-organisasjon") view=NewOrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/invitasjon/:token") view=AcceptInvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/meg") view=MyPage ssr=SsrMode::Async/>
                    <Route path=path!("/meg/epost/:token") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/meg/epost-bekreftet") view=EmailConfirmedPage ssr=SsrMode::Async/>
                    <Route path=path!("/meg/slett") view=DeleteAccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/konto-slettet") view=AccountDeletedPage ssr=SsrMode::Async/>
                    <Route path=path!("/utlogget") view=LoggedOutPage ssr=SsrMode::Async/>
                    <Route path=path!("/horinger") view=HearingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/innbyggerforslag") view=InitiativesPage ssr=SsrMode::Async/>
                    <Route path=path!("/innspill/bekreft/:token") view=ConfirmSubmissionPage ssr=SsrMode::Async/>
                    <Route path=path!("/innspill/trukket") view=SubmissionWithdrawnPage ssr=SsrMode::Async/>
                    <Route path=path!("/folg/bekreft/:token") view=ConfirmFollowPage ssr=SsrMode::Async/>
                    <Route path=path!("/avmeld/:token") view=UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/avmeldt") view=UnsubscribedPage ssr=SsrMode::Async/>
                    <Route path=path!("/forlat-panel/:token") view=PanelLeaveLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/forlatt-panel") view=PanelLeftPage ssr=SsrMode::Async/>
                    <Route path=path!("/innmelding") view=PanelEnrolPage ssr=SsrMode::Async/>
                    <ParentRoute path=path!("/org/:slug") view=OrganisationLayout ssr=SsrMode::Async>
                        <Route path=path!("") view=OrganisationPage ssr=SsrMode::Async/>
                        <Route path=path!("admin") view=AdminPage ssr=SsrMode::Async/>
                        <Route path=path!("behandlingsprotokoll") view=RecordsPage ssr=SsrMode::Async/>
                        <Route path=path!("horinger") view=OrgHearingsPage ssr=SsrMode::Async/>
                        <Route path=path!("horinger/:id") view=HearingPublicPage ssr=SsrMode::Async/>
                        <Route path=path!("horinger/:id/innspill") view=SubmitPage ssr=SsrMode::Async/>
                        <Route path=path!("horinger/:id/folg") view=HearingFollowPage ssr=SsrMode::Async/>
                        <Route path=path!("horinger/:id/kvittering/:reference") view=ReceiptPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt") view=StaffDashboardPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/horinger") view=StaffHearingsPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/horinger/ny") view=NewHearingPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/horinger/:id") view=HearingEditorPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/horinger/:id/innspill") view=WorkbenchPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/horinger/:id/oppsummering") view=SummaryPage ssr=SsrMode::Async/>
                        <Route path=path!("innbyggerforslag") view=OrgInitiativesPage ssr=SsrMode::Async/>
                        <Route path=path!("innbyggerforslag/nytt") view=ProposePage ssr=SsrMode::Async/>
                        <Route path=path!("innbyggerforslag/:id") view=InitiativePublicPage ssr=SsrMode::Async/>
                        <Route path=path!("innbyggerforslag/:id/rediger") view=EditProposalPage ssr=SsrMode::Async/>
                        <Route path=path!("innbyggerforslag/:id/folg") view=InitiativeFollowPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerforslag") view=StaffInitiativesPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerforslag/:id") view=StaffInitiativePage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerforslag/:id/underskrifter") view=SignatureListPage ssr=SsrMode::Async/>
                        <Route path=path!("undersokelser") view=OrgSurveysPage ssr=SsrMode::Async/>
                        <Route path=path!("undersokelser/:id") view=SurveyPublicPage ssr=SsrMode::Async/>
                        <Route path=path!("undersokelser/:id/svar/:token") view=SurveyResponsePage ssr=SsrMode::Async/>
                        <Route path=path!("undersokelser/:id/takk") view=SurveyThanksPage ssr=SsrMode::Async/>
                        <Route path=path!("undersokelser/:id/resultater") view=SurveyResultsPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/undersokelser") view=StaffSurveysPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/undersokelser/ny") view=NewSurveyPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/undersokelser/:id") view=SurveyEditorPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/undersokelser/:id/forhandsvis") view=SurveyPreviewPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/undersokelser/:id/resultater") view=StaffSurveyResultsPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/undersokelser/:id/tekstsvar") view=SurveyTextsPage ssr=SsrMode::Async/>
                        <Route path=path!("dialog") view=DialoguesPage ssr=SsrMode::Async/>
                        <Route path=path!("dialog/:id") view=DialogueSpacePage ssr=SsrMode::Async/>
                        <Route path=path!("dialog/:id/moderering") view=DialogueLogPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/dialog") view=StaffDialoguePage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/folkevalgte") view=OfficialsPage ssr=SsrMode::Async/>
                        <Route path=path!("innbyggerpanel") view=PanelsPage ssr=SsrMode::Async/>
                        <Route path=path!("innbyggerpanel/:id") view=PanelPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerpanel") view=StaffPanelsPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerpanel/ny") view=NewPanelPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerpanel/:id") view=StaffPanelPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerpanel/:id/personvern") view=PanelPrivacyPage ssr=SsrMode::Async/>
                        <Route path=path!("ansatt/innbyggerpanel/:id/trekk/:draw/brev") view=PanelLettersPage ssr=SsrMode::Async/>
                    </ParentRoute>
                </Routes>
            </Layout>
        </Router>
    }
}
