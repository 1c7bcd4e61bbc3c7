//! The table: one row per server function or route, with what each caller (the columns of
//! `WHO`) gets. `Y`: let through (any answer but 401, 403, 404 or 5xx: a form that is refused
//! for its content was let through); `N(status)`: refused with exactly that status; `S`: not
//! called in this row. `{csrf}` in a form is the caller's CSRF token, `{who}` their column.
//!
//! Calls are made with well-formed arguments and, where a call that is let through would change
//! what later rows read, with content the app refuses (so the row shows who gets past the
//! authorisation without changing the object).

use crate::helpers::TestApp;
use app::ssr::db::entities::{
    body, hearing, hearing_consultee, hearing_document, hearing_section, initiative,
    initiative_attachment, staff_user, submission, submission_attachment,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

#[derive(Clone, Copy, Debug)]
pub enum Expect {
    Y,
    N(u16),
    /// Static files: anything but a refusal or a server error (a file missing is 404 for all).
    Any,
    /// Not called (a row that changes an object once has a row per caller).
    S,
}
use Expect::{Any, N, S, Y};

#[derive(Debug)]
pub enum Part {
    Text(String),
    File(&'static str, Vec<u8>),
}

/// A request; `{csrf}` in a form value is the caller's own CSRF token.
#[derive(Debug)]
pub enum Req {
    /// A page or file, as a browser opens it.
    Get(String),
    /// A server function with GET arguments.
    Query(&'static str, String),
    /// A server function posted as the page's script does.
    Call(&'static str, Vec<(String, String)>),
    /// A multipart server function.
    Multipart(&'static str, Vec<(&'static str, Part)>),
    /// A plain form post to a route.
    Post(String, Vec<(String, String)>),
}

pub struct Row {
    /// The server function (`/api/<name>`) or route pattern, as the router names it.
    pub key: &'static str,
    pub req: Req,
    pub expect: [Expect; 9],
}

/// The objects the rows are about, and what must not reach those who may not see it.
pub struct Fixture {
    open: i32,
    draft: i32,
    closed: i32,
    document: (i32, String),
    storgata_section: i32,
    /// Two consultees and two documents of the draft, one for each who may remove them.
    consultees: [i32; 2],
    documents: [i32; 2],
    pending_submission: i32,
    published_reference: String,
    attachment: (i32, String),
    collecting: i32,
    submitted: i32,
    screening: i32,
    ingrids_draft: i32,
    initiative_attachment: (i32, String),
    committee: i32,
    moderator: i32,
    /// Ingrid follows the collecting initiative.
    ingrids_follow: i64,
    /// Eksempel kommune's logo (its version) and theme stylesheet (its file name).
    logo_version: String,
    theme_file: String,
    /// The demo's survey open for answers, the one with published results, its draft, and a
    /// response to the open one (its resume token).
    open_survey: i32,
    published_survey: i32,
    draft_survey: i32,
    survey_token: String,
    /// The demo's citizen panel, of which Ingrid is a member.
    panel: i32,
    /// A draw of the panel's sample with one letter to print.
    draw: i32,
    /// The demo's debate on the Storgata hearing, and its first post.
    debate: i32,
    debate_post: i64,
    /// Never in any answer to anyone.
    pub never: &'static [&'static str],
    /// Not public, each with the column of its owner (who may see it): only the organisation's
    /// staff and the owner may be shown it.
    pub private: Vec<(Option<usize>, String)>,
}

const INGRID: usize = 1;
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

impl Fixture {
    pub async fn new(app: &TestApp) -> Fixture {
        let db = &app.state.db;
        let hearing_titled = |t: &'static str| async move {
            hearing::Entity::find()
                .filter(hearing::Column::Title.eq(t))
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .id
        };
        let open = hearing_titled("Reguleringsplan for Storgata 10–14").await;
        let draft = hearing_titled("Ny parkeringsnorm for sentrum").await;
        let closed = hearing_titled("Trafikksikkerhetsplan 2027–2030").await;
        let doc = hearing_document::Entity::find()
            .filter(hearing_document::Column::HearingId.eq(open))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let storgata_section = hearing_section::Entity::find()
            .filter(hearing_section::Column::HearingId.eq(open))
            .order_by_desc(hearing_section::Column::Id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id;
        // The case officer adds two consultees and two documents to the draft.
        let officer = TestApp::second_browser(app);
        let token = officer
            .staff(
                "saksbehandler@eksempel.kommune.no",
                "demo-passord-saksbehandler",
            )
            .await;
        let editor = format!("/org/eksempel-kommune/ansatt/horinger/{draft}");
        for n in 1..=2 {
            let r = officer
                .call(
                    "add_hearing_consultee",
                    &[
                        ("csrf_token", &token),
                        ("slug", "eksempel-kommune"),
                        ("id", &draft.to_string()),
                        ("consultee_name", &format!("Høringsinstans {n}")),
                        ("consultee_email", &format!("instans{n}@eksempel.no")),
                        ("consultee_org_number", ""),
                    ],
                )
                .await;
            assert!(r.status().is_success(), "{}", r.status());
            let form = reqwest::multipart::Form::new()
                .text("csrf_token", token.clone())
                .text("slug", "eksempel-kommune")
                .text("id", draft.to_string())
                .text("document_title", format!("Utredning {n}"))
                .part(
                    "document_file",
                    reqwest::multipart::Part::bytes(PDF.to_vec())
                        .file_name(format!("utredning-{n}.pdf")),
                );
            let r = officer
                .post_multipart("upload_hearing_document", &editor, form)
                .await;
            assert!(r.status().is_redirection(), "{}", r.status());
        }
        let consultees: Vec<i32> = hearing_consultee::Entity::find()
            .filter(hearing_consultee::Column::HearingId.eq(draft))
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        let documents: Vec<i32> = hearing_document::Entity::find()
            .filter(hearing_document::Column::HearingId.eq(draft))
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect();
        let subs = submission::Entity::find()
            .filter(submission::Column::HearingId.eq(open))
            .all(db)
            .await
            .unwrap();
        let by = |needle: &str| {
            subs.iter()
                .find(|s| s.general_comment.contains(needle))
                .unwrap()
                .clone()
        };
        let pending_submission = by("sykkelparkering").id;
        let published_reference = by("flere trær").reference;

        // An anonymous submission with an attachment, not yet confirmed by its sender.
        let sender = TestApp::second_browser(app);
        let token = sender.csrf_token().await;
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token)
            .text("slug", "eksempel-kommune")
            .text("hearing_id", open.to_string())
            .text("kind", "private")
            .text("name", "Vera Vedlegg")
            .text("email", "vera.vedlegg@eksempel.no")
            .text("general_comment", "Vedlagt er min uttalelse om matrisen.")
            .text("confirm_public", "on")
            .part(
                "attachments",
                reqwest::multipart::Part::bytes(PDF.to_vec())
                    .file_name("uttalelse-matrise.pdf")
                    .mime_str("application/pdf")
                    .unwrap(),
            );
        let r = sender
            .post_multipart(
                "submit_comment",
                &format!("/org/eksempel-kommune/horinger/{open}/innspill"),
                form,
            )
            .await;
        assert!(r.status().is_redirection(), "{}", r.status());
        let attached = submission::Entity::find()
            .filter(submission::Column::Name.eq("Vera Vedlegg"))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let attachment = submission_attachment::Entity::find()
            .filter(submission_attachment::Column::SubmissionId.eq(attached.id))
            .one(db)
            .await
            .unwrap()
            .unwrap();

        // Ingrid's draft proposal with an attachment.
        let ingrid = app::ssr::db::entities::person::Entity::find()
            .filter(app::ssr::db::entities::person::Column::Subject.eq("ingrid-hansen"))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let minted = app::testing::mint_session_for(
            &app.state,
            ingrid.id,
            &app::domain::national_id::NationalId::parse("09835234565", true).unwrap(),
        )
        .await;
        let ends = app.state.clock.today() + chrono::Duration::days(90);
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", minted.csrf_token.clone())
            .text("slug", "eksempel-kommune")
            .text("title", "Hundepark på Nordsletta")
            .text(
                "ask",
                "Kommunestyret bes gjøre Nordsletta om til en inngjerdet hundepark.",
            )
            .text(
                "justification",
                "Utkastet til Ingrid om hundeparken er ikke offentlig.",
            )
            .text("collection_ends", ends.to_string())
            .part(
                "attachments",
                reqwest::multipart::Part::bytes(PDF.to_vec())
                    .file_name("hundepark-skisse.pdf")
                    .mime_str("application/pdf")
                    .unwrap(),
            );
        let r = app
            .client
            .post(app.url("/api/save_initiative"))
            .header("cookie", &minted.cookie)
            .header("accept", "text/html")
            .header(
                "referer",
                app.url("/org/eksempel-kommune/innbyggerforslag/nytt"),
            )
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{}", r.status());
        let initiative_titled = |t: &'static str| async move {
            initiative::Entity::find()
                .filter(initiative::Column::Title.eq(t))
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .id
        };
        let ingrids_draft = initiative_titled("Hundepark på Nordsletta").await;
        let initiative_attachment = initiative_attachment::Entity::find()
            .filter(initiative_attachment::Column::InitiativeId.eq(ingrids_draft))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let committee = body::Entity::find()
            .filter(body::Column::Name.ne("Kommunestyret"))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let moderator = staff_user::Entity::find()
            .filter(staff_user::Column::Email.eq("moderator@eksempel.kommune.no"))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id;
        // Ingrid follows the collecting initiative; an address alone follows the open hearing.
        let collecting = initiative_titled("Gratis parkering i sentrum på lørdager").await;
        let org_id = ingrid_org(app).await;
        let case = |kind, id| app::ssr::db::follows::Case {
            organisation_id: org_id,
            kind,
            id,
        };
        use app::domain::follow::{Cadence, CaseKind, Reason};
        app::ssr::db::follows::follow_person(
            db,
            app::ssr::db::follows::PersonFollow {
                case: case(CaseKind::Initiative, collecting),
                person_id: ingrid.id,
                email: None,
                lang: app::domain::lang::Lang::Nb,
                cadence: Cadence::Daily,
                reason: Reason::Follow,
            },
            app.state.clock.now(),
        )
        .await
        .unwrap();
        let ingrids_follow =
            app::ssr::db::follows::of_person(db, CaseKind::Initiative, collecting, ingrid.id)
                .await
                .unwrap()
                .unwrap()
                .id;
        app::ssr::db::follows::follow_address(
            db,
            case(CaseKind::Hearing, open),
            "anonym.folger@eksempel.no",
            app::domain::lang::Lang::Nb,
            Cadence::Immediate,
            Reason::Follow,
            None,
            app.state.clock.now(),
        )
        .await
        .unwrap();
        let survey_titled = |t: &'static str| async move {
            app::ssr::db::entities::survey::Entity::find()
                .filter(app::ssr::db::entities::survey::Column::Title.eq(t))
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .id
        };
        let open_survey = survey_titled(app::demo::surveys::OPEN_SURVEY).await;
        let published_survey = survey_titled(app::demo::surveys::PUBLISHED_SURVEY).await;
        let draft_survey = survey_titled(app::demo::surveys::DRAFT_SURVEY).await;
        let respondent = TestApp::second_browser(app);
        let path = crate::survey_support::start(&respondent, open_survey).await;
        let survey_token = path.rsplit('/').next().unwrap().to_string();
        let private = |owner: Option<usize>, s: &str| (owner, s.to_string());
        let eksempel = app::ssr::db::organisations::model_by_slug(db, "eksempel-kommune")
            .await
            .unwrap()
            .unwrap();
        let logo_version = eksempel.logo_key.clone().expect("the demo has a logo");
        let theme_file = format!(
            "{}.css",
            eksempel
                .accent_colour
                .as_deref()
                .expect("the demo has an accent colour")
                .trim_start_matches('#')
        );
        let panel = enrol_ingrid(app).await;
        let draw = letter_draw(app, panel).await;
        let (debate, debate_post) = demo_debate(app).await;
        Fixture {
            panel,
            draw,
            debate,
            debate_post,
            open_survey,
            published_survey,
            draft_survey,
            survey_token,
            logo_version,
            theme_file,
            open,
            draft,
            closed,
            document: (doc.id, doc.file_name.clone()),
            storgata_section,
            consultees: [consultees[0], consultees[1]],
            documents: [documents[0], documents[1]],
            pending_submission,
            published_reference,
            attachment: (attachment.id, attachment.file_name.clone()),
            collecting,
            submitted: initiative_titled("Lengre åpningstid på biblioteket").await,
            screening: initiative_titled("Flere benker langs elvepromenaden").await,
            ingrids_draft,
            initiative_attachment: (
                initiative_attachment.id,
                initiative_attachment.file_name.clone(),
            ),
            committee,
            moderator,
            ingrids_follow,
            never: &[
                "15868523589",
                "09835234565",
                "$argon2",
                "anonym.folger@eksempel.no",
                // Panel members' addresses (Ingrid's and the demo's).
                "ingrid.panel@eksempel.no",
                "eksempel.invalid",
            ],
            private: vec![
                // A draft hearing, and a draft survey.
                private(None, "Ny parkeringsnorm for sentrum"),
                private(None, app::demo::surveys::DRAFT_SURVEY),
                // What screening took out of a published submission, a withheld one, one
                // waiting for screening and one not yet confirmed, and who sent them.
                private(None, "Hans Hansen i nr. 9"),
                private(None, "Saksbehandleren er inhabil"),
                private(None, "sykkelparkering"),
                private(None, "ikke bekreftet på e-post"),
                private(None, "min uttalelse om matrisen"),
                private(None, "vera.vedlegg@eksempel.no"),
                private(None, "kari.nordmann@eksempel.no"),
                // The staff of the organisation, as its admin sees them.
                private(None, "moderator@eksempel.kommune.no"),
                // Signers, on paper and online.
                private(None, "Demoperson 001"),
                // One drawn for the panel, on the letter list.
                private(None, "Brevmottaker Hemmelig"),
                // Ingrid's proposals: one waiting for screening, one draft.
                private(Some(INGRID), "ti nye benker langs elvepromenaden"),
                private(Some(INGRID), "Utkastet til Ingrid om hundeparken"),
                private(Some(INGRID), "hundepark-skisse.pdf"),
            ],
        }
    }
}

/// The id of the demo municipality (Ingrid's).
async fn ingrid_org(app: &TestApp) -> i32 {
    app::ssr::db::organisations::find_by_slug(&app.state.db, "eksempel-kommune")
        .await
        .unwrap()
        .unwrap()
        .id
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn call(endpoint: &'static str, pairs: &[(&str, &str)]) -> Req {
    Req::Call(endpoint, form(pairs))
}

fn text(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, Part)> {
    pairs
        .iter()
        .map(|(k, v)| (*k, Part::Text(v.to_string())))
        .collect()
}

/// The demo's debate and its first post.
async fn demo_debate(app: &TestApp) -> (i32, i64) {
    use app::ssr::db::entities::{dialogue_post, dialogue_space};
    let db = &app.state.db;
    let space = dialogue_space::Entity::find()
        .filter(dialogue_space::Column::Title.eq(app::demo::dialogue::DEMO_DEBATE))
        .one(db)
        .await
        .unwrap()
        .expect("the demo debate");
    let post = dialogue_post::Entity::find()
        .filter(dialogue_post::Column::SpaceId.eq(space.id))
        .order_by_asc(dialogue_post::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a post in the demo debate");
    (space.id, post.id)
}

/// The organisation's elected official (with a seat on its council).
const OFFICIAL: [Expect; 9] = [
    N(401),
    N(401),
    N(401),
    N(403),
    N(403),
    N(403),
    Y,
    N(403),
    N(403),
];

/// The organisation's moderators: its admin and moderator.
const MODERATORS: [Expect; 9] = [N(401), N(401), N(401), Y, N(403), Y, N(403), N(403), N(403)];

/// Open to anyone.
const PUBLIC: [Expect; 9] = [Y; 9];
/// A logged-in citizen (any); staff are not citizens.
const CITIZENS: [Expect; 9] = [N(401), Y, Y, N(401), N(401), N(401), N(401), N(401), N(401)];
/// Ingrid's own object, changed by a server function: another citizen is told it does not
/// exist.
const INGRIDS: [Expect; 9] = [
    N(401),
    Y,
    N(404),
    N(401),
    N(401),
    N(401),
    N(401),
    N(401),
    N(401),
];
/// Ingrid's draft, as a page or file: hers alone.
const INGRIDS_DRAFT: [Expect; 9] = [
    N(404),
    Y,
    N(404),
    N(404),
    N(404),
    N(404),
    N(404),
    N(404),
    N(404),
];
/// Ingrid's proposal sent to screening: hers, and the organisation's handlers'.
const SENT_TO_SCREENING: [Expect; 9] = [N(404), Y, N(404), Y, Y, N(404), N(404), N(404), N(404)];
/// Those who screen hearing submissions: admin, case officer and moderator.
const SCREENERS: [Expect; 9] = [N(401), N(401), N(401), Y, Y, Y, N(403), N(403), N(403)];
/// Not public: seen by the screeners only (others are told it does not exist).
const SCREENERS_ONLY: [Expect; 9] = [N(404), N(404), N(404), Y, Y, Y, N(404), N(404), N(404)];
/// Static files.
const STATIC: [Expect; 9] = [Any; 9];
/// The organisation's admin only.
const ADMIN: [Expect; 9] = [
    N(401),
    N(401),
    N(401),
    Y,
    N(403),
    N(403),
    N(403),
    N(403),
    N(403),
];
/// Those who run hearings and initiatives: admin and case officer.
const HANDLERS: [Expect; 9] = [N(401), N(401), N(401), Y, Y, N(403), N(403), N(403), N(403)];
/// Nobody: the object does not exist for anyone (a wrong token).
const NOBODY: [Expect; 9] = [N(404); 9];
/// The platform administrator only (not any organisation's staff).
const PLATFORM: [Expect; 9] = [
    N(401),
    N(401),
    N(401),
    N(403),
    N(403),
    N(403),
    N(403),
    N(403),
    Y,
];
/// Any logged-in staff user (of any organisation).
const ANY_STAFF: [Expect; 9] = [N(401), N(401), N(401), Y, Y, Y, Y, Y, Y];

/// The rows, in the order they are called: reading first, then changing.
pub fn rows(f: &Fixture) -> Vec<Row> {
    let k = "eksempel-kommune";
    let wrong_token = "a".repeat(43);
    let row = |key: &'static str, req: Req, expect: [Expect; 9]| Row { key, req, expect };
    let get = |p: String| Req::Get(p);
    let q = |e: &'static str, s: String| Req::Query(e, s);
    let (open, draft, closed) = (f.open, f.draft, f.closed);
    let (collecting, submitted, screening) = (f.collecting, f.submitted, f.screening);
    let id = |n: i32| n.to_string();
    let rows = vec![
        // --- Public pages and their data ---------------------------------------------------
        row("/", get("/".into()), PUBLIC),
        row("/personvern", get("/personvern".into()), PUBLIC),
        row("/tilgjengelighet", get("/tilgjengelighet".into()), PUBLIC),
        row("/horinger", get("/horinger".into()), PUBLIC),
        row("/innbyggerforslag", get("/innbyggerforslag".into()), PUBLIC),
        row("/utlogget", get("/utlogget".into()), PUBLIC),
        row("/ansatt/logg-inn", get("/ansatt/logg-inn".into()), PUBLIC),
        row(
            "/ansatt/glemt-passord",
            get("/ansatt/glemt-passord".into()),
            PUBLIC,
        ),
        // The same answer for every address, an account's or not.
        row(
            "request_password_reset",
            call(
                "request_password_reset",
                &[
                    ("csrf_token", "{csrf}"),
                    ("email", "ingen-{who}@eksempel.kommune.no"),
                ],
            ),
            PUBLIC,
        ),
        row("/org/{slug}", get(format!("/org/{k}")), PUBLIC),
        row(
            "/org/{slug}/horinger",
            get(format!("/org/{k}/horinger")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/horinger/{id}",
            get(format!("/org/{k}/horinger/{open}")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/horinger/{id}",
            get(format!("/org/{k}/horinger/{draft}")),
            NOBODY,
        ),
        row(
            "/org/{slug}/horinger/{id}/innspill",
            get(format!("/org/{k}/horinger/{open}/innspill")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/horinger/{id}/innspill",
            get(format!("/org/{k}/horinger/{draft}/innspill")),
            NOBODY,
        ),
        row(
            "/org/{slug}/horinger/{id}/kvittering/{reference}",
            get(format!(
                "/org/{k}/horinger/{open}/kvittering/{}",
                f.published_reference
            )),
            PUBLIC,
        ),
        row(
            "/org/{slug}/innbyggerforslag",
            get(format!("/org/{k}/innbyggerforslag")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/innbyggerforslag/{id}",
            get(format!("/org/{k}/innbyggerforslag/{collecting}")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/innbyggerforslag/{id}",
            get(format!("/org/{k}/innbyggerforslag/{screening}")),
            SENT_TO_SCREENING,
        ),
        row(
            "/org/{slug}/innbyggerforslag/{id}",
            get(format!("/org/{k}/innbyggerforslag/{}", f.ingrids_draft)),
            INGRIDS_DRAFT,
        ),
        row(
            "/org/{slug}/innbyggerforslag/nytt",
            get(format!("/org/{k}/innbyggerforslag/nytt")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/innbyggerforslag/{id}/rediger",
            get(format!(
                "/org/{k}/innbyggerforslag/{}/rediger",
                f.ingrids_draft
            )),
            INGRIDS_DRAFT,
        ),
        row(
            "list_organisations",
            q("list_organisations", String::new()),
            PUBLIC,
        ),
        row(
            "get_organisation",
            q("get_organisation", format!("slug={k}")),
            PUBLIC,
        ),
        row(
            "get_organisation_band",
            q("get_organisation_band", format!("slug={k}")),
            PUBLIC,
        ),
        row(
            "open_now",
            q("open_now", format!("organisation={k}")),
            PUBLIC,
        ),
        row("list_hearings", q("list_hearings", String::new()), PUBLIC),
        row(
            "get_hearing",
            q("get_hearing", format!("slug={k}&id={open}&page=1")),
            PUBLIC,
        ),
        row(
            "get_hearing",
            q("get_hearing", format!("slug={k}&id={draft}&page=1")),
            NOBODY,
        ),
        row(
            "get_receipt",
            q(
                "get_receipt",
                format!("slug={k}&id={open}&reference={}", f.published_reference),
            ),
            PUBLIC,
        ),
        row(
            "get_receipt",
            q(
                "get_receipt",
                format!("slug={k}&id={open}&reference=INN-0000-0000"),
            ),
            NOBODY,
        ),
        row(
            "list_initiatives",
            q("list_initiatives", String::new()),
            PUBLIC,
        ),
        row(
            "get_initiative",
            q("get_initiative", format!("slug={k}&id={submitted}")),
            PUBLIC,
        ),
        row(
            "get_initiative",
            q("get_initiative", format!("slug={k}&id={screening}")),
            SENT_TO_SCREENING,
        ),
        // A citizen's own proposals; nobody else has any.
        row("my_initiatives", q("my_initiatives", String::new()), PUBLIC),
        row(
            "current_citizen",
            q("current_citizen", String::new()),
            PUBLIC,
        ),
        // Only ever about the caller (Ingrid and Ola each see their own).
        row(
            "my_participation",
            q("my_participation", String::new()),
            CITIZENS,
        ),
        row(
            "current_staff_summary",
            q("current_staff_summary", String::new()),
            PUBLIC,
        ),
        row(
            "kept_form_values",
            q("kept_form_values", String::new()),
            PUBLIC,
        ),
        row("/meg", get("/meg".into()), CITIZENS),
        row(
            "/meg/epost-bekreftet",
            get("/meg/epost-bekreftet".into()),
            PUBLIC,
        ),
        // --- Capabilities: a mailed token is the proof; a wrong one opens nothing -----------
        row(
            "/invitasjon/{token}",
            get(format!("/invitasjon/{wrong_token}")),
            NOBODY,
        ),
        row(
            "get_invitation",
            q("get_invitation", format!("token={wrong_token}")),
            NOBODY,
        ),
        row(
            "/meg/epost/{token}",
            get(format!("/meg/epost/{wrong_token}")),
            NOBODY,
        ),
        row(
            "/ansatt/nytt-passord/{token}",
            get(format!("/ansatt/nytt-passord/{wrong_token}")),
            NOBODY,
        ),
        row(
            "password_link_works",
            q("password_link_works", format!("token={wrong_token}")),
            NOBODY,
        ),
        row(
            "reset_password",
            call(
                "reset_password",
                &[
                    ("csrf_token", "{csrf}"),
                    ("token", &wrong_token),
                    ("password", "et langt og godt passord"),
                ],
            ),
            NOBODY,
        ),
        row(
            "preview_citizen_email",
            q("preview_citizen_email", format!("token={wrong_token}")),
            NOBODY,
        ),
        row(
            "/innspill/bekreft/{token}",
            get(format!("/innspill/bekreft/{wrong_token}")),
            NOBODY,
        ),
        row(
            "preview_submission_confirmation",
            q(
                "preview_submission_confirmation",
                format!("token={wrong_token}"),
            ),
            NOBODY,
        ),
        row(
            "confirm_submission",
            call(
                "confirm_submission",
                &[("csrf_token", "{csrf}"), ("token", &wrong_token)],
            ),
            NOBODY,
        ),
        row(
            "confirm_citizen_email",
            call(
                "confirm_citizen_email",
                &[("csrf_token", "{csrf}"), ("token", &wrong_token)],
            ),
            NOBODY,
        ),
        row(
            "accept_invitation",
            call(
                "accept_invitation",
                &[
                    ("csrf_token", "{csrf}"),
                    ("token", &wrong_token),
                    ("name", "Inntrenger"),
                    ("password", "et langt og godt passord"),
                ],
            ),
            NOBODY,
        ),
        // --- Files ---------------------------------------------------------------------------
        row(
            "/filer/dokument/{id}/{name}",
            get(format!("/filer/dokument/{}/{}", f.document.0, f.document.1)),
            PUBLIC,
        ),
        row(
            "/filer/vedlegg/{id}/{name}",
            get(format!(
                "/filer/vedlegg/{}/{}",
                f.attachment.0, f.attachment.1
            )),
            SCREENERS_ONLY,
        ),
        row(
            "/filer/forslag/{id}/{name}",
            get(format!(
                "/filer/forslag/{}/{}",
                f.initiative_attachment.0, f.initiative_attachment.1
            )),
            INGRIDS_DRAFT,
        ),
        // --- Staff: reading ------------------------------------------------------------------
        row("/ansatt", get("/ansatt".into()), ANY_STAFF),
        row(
            "/ansatt/tofaktor",
            get("/ansatt/tofaktor".into()),
            ANY_STAFF,
        ),
        row(
            "/ansatt/tofaktor/kode",
            get("/ansatt/tofaktor/kode".into()),
            PUBLIC,
        ),
        row(
            "second_factor_setup",
            q("second_factor_setup", String::new()),
            ANY_STAFF,
        ),
        row("/plattform", get("/plattform".into()), PLATFORM),
        row(
            "/plattform/ny-organisasjon",
            get("/plattform/ny-organisasjon".into()),
            PLATFORM,
        ),
        row(
            "get_platform_overview",
            q("get_platform_overview", String::new()),
            PLATFORM,
        ),
        row(
            "get_new_organisation_form",
            q("get_new_organisation_form", String::new()),
            PLATFORM,
        ),
        // The organisation's branding: public files.
        row(
            "/org/{slug}/logo/{version}",
            get(format!("/org/{k}/logo/{}", f.logo_version)),
            PUBLIC,
        ),
        row(
            "/org/{slug}/logo/{version}",
            get(format!("/org/{k}/logo/{}", "0".repeat(32))),
            NOBODY,
        ),
        row(
            "/org/{slug}/tema/{file}",
            get(format!("/org/{k}/tema/{}", f.theme_file)),
            PUBLIC,
        ),
        row(
            "/org/{slug}/tema/{file}",
            get(format!("/org/{k}/tema/ffffff.css")),
            NOBODY,
        ),
        row("/org/{slug}/admin", get(format!("/org/{k}/admin")), ADMIN),
        row(
            "get_admin_overview",
            q("get_admin_overview", format!("slug={k}")),
            ADMIN,
        ),
        row(
            "/org/{slug}/ansatt/horinger",
            get(format!("/org/{k}/ansatt/horinger")),
            SCREENERS,
        ),
        row(
            "list_staff_hearings",
            q("list_staff_hearings", format!("slug={k}")),
            SCREENERS,
        ),
        row(
            "/org/{slug}/ansatt/horinger/ny",
            get(format!("/org/{k}/ansatt/horinger/ny")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/horinger/{id}",
            get(format!("/org/{k}/ansatt/horinger/{draft}")),
            HANDLERS,
        ),
        row(
            "get_staff_hearing",
            q("get_staff_hearing", format!("slug={k}&id={draft}")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/horinger/{id}/innspill",
            get(format!("/org/{k}/ansatt/horinger/{open}/innspill")),
            SCREENERS,
        ),
        row(
            "get_workbench",
            q("get_workbench", format!("slug={k}&id={open}")),
            SCREENERS,
        ),
        row(
            "/org/{slug}/ansatt/horinger/{id}/oppsummering",
            get(format!("/org/{k}/ansatt/horinger/{closed}/oppsummering")),
            SCREENERS,
        ),
        row(
            "/org/{slug}/ansatt/horinger/{id}/eksport.csv",
            get(format!("/org/{k}/ansatt/horinger/{open}/eksport.csv")),
            SCREENERS,
        ),
        row(
            "/org/{slug}/ansatt/horinger/{id}/eksport.zip",
            get(format!("/org/{k}/ansatt/horinger/{open}/eksport.zip")),
            SCREENERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerforslag",
            get(format!("/org/{k}/ansatt/innbyggerforslag")),
            HANDLERS,
        ),
        row(
            "list_staff_initiatives",
            q("list_staff_initiatives", format!("slug={k}")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerforslag/{id}",
            get(format!("/org/{k}/ansatt/innbyggerforslag/{screening}")),
            [N(401), N(401), N(401), Y, Y, N(404), N(404), N(404), N(404)],
        ),
        row(
            "/org/{slug}/ansatt/innbyggerforslag/{id}",
            get(format!("/org/{k}/ansatt/innbyggerforslag/{collecting}")),
            [N(401), N(401), N(401), Y, Y, N(403), N(403), N(403), N(403)],
        ),
        row(
            "/org/{slug}/ansatt/innbyggerforslag/{id}/underskrifter",
            get(format!(
                "/org/{k}/ansatt/innbyggerforslag/{collecting}/underskrifter"
            )),
            HANDLERS,
        ),
        row(
            "get_signature_list",
            q("get_signature_list", format!("slug={k}&id={collecting}")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerforslag/{id}/underskrifter.csv",
            get(format!(
                "/org/{k}/ansatt/innbyggerforslag/{collecting}/underskrifter.csv"
            )),
            HANDLERS,
        ),
        // --- Open data, feeds, and the server's own routes -----------------------------------
        row(
            "/api/v1/organisations",
            get("/api/v1/organisations".into()),
            PUBLIC,
        ),
        row("/api/v1/hearings", get("/api/v1/hearings".into()), PUBLIC),
        row(
            "/api/v1/hearings/{id}",
            get(format!("/api/v1/hearings/{open}")),
            PUBLIC,
        ),
        row(
            "/api/v1/hearings/{id}",
            get(format!("/api/v1/hearings/{draft}")),
            NOBODY,
        ),
        row(
            "/api/v1/organisations/{slug}/hearings.atom",
            get(format!("/api/v1/organisations/{k}/hearings.atom")),
            PUBLIC,
        ),
        row(
            "/api/v1/initiatives",
            get("/api/v1/initiatives".into()),
            PUBLIC,
        ),
        row(
            "/api/v1/initiatives/{id}",
            get(format!("/api/v1/initiatives/{collecting}")),
            PUBLIC,
        ),
        row(
            "/api/v1/initiatives/{id}",
            get(format!("/api/v1/initiatives/{screening}")),
            NOBODY,
        ),
        row(
            "/api/v1/organisations/{slug}/initiatives.atom",
            get(format!("/api/v1/organisations/{k}/initiatives.atom")),
            PUBLIC,
        ),
        row(
            "/api/v1/openapi.json",
            get("/api/v1/openapi.json".into()),
            PUBLIC,
        ),
        row("/healthz", get("/healthz".into()), PUBLIC),
        row("/readyz", get("/readyz".into()), PUBLIC),
        row(
            "/sprak/{code}",
            get("/sprak/nn?til=/horinger".into()),
            PUBLIC,
        ),
        row("/favicon.svg", get("/favicon.svg".into()), STATIC),
        row("/robots.txt", get("/robots.txt".into()), STATIC),
        row("/autosubmit.js", get("/autosubmit.js".into()), STATIC),
        row("/pkg", get("/pkg/innspill.css".into()), STATIC),
        row(
            "/auth/idporten/login",
            get("/auth/idporten/login?til=/horinger".into()),
            PUBLIC,
        ),
        row(
            "/auth/idporten/callback",
            get("/auth/idporten/callback?code=x&state=y".into()),
            [N(400); 9],
        ),
        row(
            "/auth/idporten/logged-out",
            get("/auth/idporten/logged-out".into()),
            PUBLIC,
        ),
        row(
            "/auth/idporten/frontchannel-logout",
            get("/auth/idporten/frontchannel-logout?iss=x&sid=y".into()),
            PUBLIC,
        ),
        // --- Changing: citizens ---------------------------------------------------------------
        row(
            "submit_comment",
            Req::Multipart(
                "submit_comment",
                text(&[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("hearing_id", &id(open)),
                    ("kind", "private"),
                    ("name", "Matrise"),
                    ("general_comment", ""),
                ]),
            ),
            PUBLIC,
        ),
        row(
            "submit_comment",
            Req::Multipart(
                "submit_comment",
                text(&[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("hearing_id", &id(draft)),
                    ("kind", "private"),
                    ("name", "Matrise"),
                    ("general_comment", "Til et utkast"),
                ]),
            ),
            NOBODY,
        ),
        row(
            "save_initiative",
            Req::Multipart(
                "save_initiative",
                text(&[("csrf_token", "{csrf}"), ("slug", k), ("title", "")]),
            ),
            CITIZENS,
        ),
        row(
            "save_initiative",
            Req::Multipart(
                "save_initiative",
                text(&[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(f.ingrids_draft)),
                    ("title", ""),
                ]),
            ),
            INGRIDS,
        ),
        row(
            "send_initiative_to_screening",
            call(
                "send_initiative_to_screening",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(screening)),
                ],
            ),
            INGRIDS,
        ),
        row(
            "submit_initiative",
            call(
                "submit_initiative",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(screening)),
                ],
            ),
            INGRIDS,
        ),
        row(
            "sign_initiative",
            call(
                "sign_initiative",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(collecting)),
                ],
            ),
            CITIZENS,
        ),
        row(
            "sign_initiative",
            call(
                "sign_initiative",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(screening)),
                ],
            ),
            [
                N(401),
                N(404),
                N(404),
                N(401),
                N(401),
                N(401),
                N(401),
                N(401),
                N(401),
            ],
        ),
        row(
            "withdraw_signature",
            call(
                "withdraw_signature",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(collecting)),
                ],
            ),
            CITIZENS,
        ),
        row(
            "set_citizen_email",
            call(
                "set_citizen_email",
                &[("csrf_token", "{csrf}"), ("email", "ikke-en-adresse")],
            ),
            CITIZENS,
        ),
        // --- Changing: staff ------------------------------------------------------------------
        row(
            "update_organisation",
            call(
                "update_organisation",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("name", ""),
                    ("population", "x"),
                    ("population_date", ""),
                    ("written_standard", "nb"),
                    ("accessibility_url", ""),
                ],
            ),
            ADMIN,
        ),
        row(
            "add_body",
            call(
                "add_body",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("body_name", ""),
                    ("body_kind", "committee"),
                ],
            ),
            ADMIN,
        ),
        row(
            "invite_staff",
            call(
                "invite_staff",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("invite_email", "ikke-en-adresse"),
                    ("invite_role", "admin"),
                ],
            ),
            ADMIN,
        ),
        row(
            "manage_invitation",
            call(
                "manage_invitation",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("invitation_id", "0"),
                    ("manage", "ingenting"),
                ],
            ),
            ADMIN,
        ),
        row(
            "update_member",
            call(
                "update_member",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("user_id", &id(f.moderator)),
                    ("role", "moderator"),
                    ("active", "ja"),
                ],
            ),
            ADMIN,
        ),
        row(
            "update_initiative_settings",
            call(
                "update_initiative_settings",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("max_collection_months", "x"),
                    ("signer_retention_months", "x"),
                    ("screening_days", "x"),
                ],
            ),
            ADMIN,
        ),
        row(
            "save_hearing",
            call(
                "save_hearing",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("title", ""),
                    ("summary", ""),
                    ("body_md", ""),
                    ("body_id", ""),
                    ("case_number", ""),
                    ("contact_name", ""),
                    ("contact_email", ""),
                    ("opens_date", ""),
                    ("opens_time", ""),
                    ("deadline_date", ""),
                    ("deadline_time", ""),
                    ("short_reason", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "change_hearing_status",
            call(
                "change_hearing_status",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("action", "conclude"),
                    ("cancel_note", ""),
                    ("outcome", ""),
                    ("decision_url", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "extend_hearing_deadline",
            call(
                "extend_hearing_deadline",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(open)),
                    ("extend_date", "x"),
                    ("extend_time", "x"),
                ],
            ),
            HANDLERS,
        ),
        row(
            "grant_hearing_extension",
            call(
                "grant_hearing_extension",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(open)),
                    ("grant_name", ""),
                    ("grant_email", "x"),
                    ("grant_date", "x"),
                    ("grant_time", "x"),
                ],
            ),
            HANDLERS,
        ),
        row(
            "add_hearing_section",
            call(
                "add_hearing_section",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("section_title", ""),
                    ("section_body", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "remove_hearing_section",
            call(
                "remove_hearing_section",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(open)),
                    ("section_id", &id(f.storgata_section)),
                ],
            ),
            HANDLERS,
        ),
        row(
            "add_hearing_consultee",
            call(
                "add_hearing_consultee",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("consultee_name", ""),
                    ("consultee_email", "x"),
                    ("consultee_org_number", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "remove_hearing_consultee",
            call(
                "remove_hearing_consultee",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("consultee_id", &id(f.consultees[0])),
                ],
            ),
            [N(401), N(401), N(401), Y, S, N(403), N(403), N(403), N(403)],
        ),
        row(
            "remove_hearing_consultee",
            call(
                "remove_hearing_consultee",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("consultee_id", &id(f.consultees[1])),
                ],
            ),
            [S, S, S, S, Y, S, S, S, S],
        ),
        row(
            "upload_hearing_document",
            Req::Multipart("upload_hearing_document", {
                let mut parts = text(&[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("document_title", ""),
                ]);
                parts.push(("document_file", Part::File("matrise.pdf", PDF.to_vec())));
                parts
            }),
            HANDLERS,
        ),
        row(
            "remove_hearing_document",
            call(
                "remove_hearing_document",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("document_id", &id(f.documents[0])),
                ],
            ),
            [N(401), N(401), N(401), Y, S, N(403), N(403), N(403), N(403)],
        ),
        row(
            "remove_hearing_document",
            call(
                "remove_hearing_document",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("document_id", &id(f.documents[1])),
                ],
            ),
            [S, S, S, S, Y, S, S, S, S],
        ),
        row(
            "screen_submission",
            call(
                "screen_submission",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(open)),
                    ("submission_id", &id(f.pending_submission)),
                    ("action", "ukjent"),
                    ("public_general_comment", ""),
                    ("withhold_reason", ""),
                    ("withhold_note", ""),
                ],
            ),
            SCREENERS,
        ),
        row(
            "annotate_submission",
            call(
                "annotate_submission",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(open)),
                    ("submission_id", &id(f.pending_submission)),
                    ("admin_comment", "Sett i matrisen"),
                    ("staff_summary", ""),
                    ("tags", ""),
                ],
            ),
            SCREENERS,
        ),
        row(
            "screen_initiative",
            call(
                "screen_initiative",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(screening)),
                    ("action", "ukjent"),
                ],
            ),
            HANDLERS,
        ),
        row(
            "record_initiative_outcome",
            call(
                "record_initiative_outcome",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(submitted)),
                    ("kind", "ukjent"),
                    ("text", ""),
                    ("date", ""),
                    ("minutes_url", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "add_paper_signature",
            call(
                "add_paper_signature",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id(collecting)),
                    ("paper_name", ""),
                    ("paper_birth_date", ""),
                    ("paper_address", ""),
                    ("paper_national_id", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "remove_body",
            call(
                "remove_body",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("body_id", &id(f.committee)),
                ],
            ),
            ADMIN,
        ),
        // --- Onboarding, branding and the second factor ---------------------------------------
        row(
            "create_organisation",
            Req::Multipart(
                "create_organisation",
                text(&[
                    ("csrf_token", "{csrf}"),
                    ("kind", "municipality"),
                    ("number", "0000"),
                    ("name", "Ingen kommune"),
                    ("admin_email", "admin@ingen.example"),
                ]),
            ),
            PLATFORM,
        ),
        row(
            "set_organisation_active",
            call(
                "set_organisation_active",
                &[("csrf_token", "{csrf}"), ("slug", k), ("active", "kanskje")],
            ),
            PLATFORM,
        ),
        row(
            "update_branding",
            call(
                "update_branding",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("accent_colour", "#ffff00"),
                ],
            ),
            ADMIN,
        ),
        row(
            "upload_logo",
            Req::Multipart("upload_logo", {
                let mut parts = text(&[("csrf_token", "{csrf}"), ("slug", k)]);
                parts.push(("logo_file", Part::File("logo.svg", PDF.to_vec())));
                parts
            }),
            ADMIN,
        ),
        row(
            "remove_logo",
            call("remove_logo", &[("csrf_token", "{csrf}"), ("slug", k)]),
            ADMIN,
        ),
        row(
            "enable_second_factor",
            call(
                "enable_second_factor",
                &[("csrf_token", "{csrf}"), ("code", "abcdef")],
            ),
            ANY_STAFF,
        ),
        row(
            "disable_second_factor",
            call(
                "disable_second_factor",
                &[("csrf_token", "{csrf}"), ("code", "abcdef")],
            ),
            ANY_STAFF,
        ),
        // Nobody has a login waiting for its code: refused for all, as a conflict.
        row(
            "staff_second_factor",
            call(
                "staff_second_factor",
                &[("csrf_token", "{csrf}"), ("code", "123456")],
            ),
            PUBLIC,
        ),
        // --- Logging in and out (last: they end the callers' sessions) -----------------------
        row(
            "staff_login",
            call(
                "staff_login",
                &[
                    ("csrf_token", "{csrf}"),
                    ("email", "ingen-{who}@eksempel.kommune.no"),
                    ("password", "feil passord"),
                ],
            ),
            [N(422); 9],
        ),
        // --- Following: public cases only; a citizen's follows are theirs --------------------
        row(
            "follow_page",
            q("follow_page", format!("kind=hearing&slug={k}&id={open}")),
            PUBLIC,
        ),
        row(
            "follow_page",
            q("follow_page", format!("kind=hearing&slug={k}&id={draft}")),
            NOBODY,
        ),
        row(
            "follow_page",
            q(
                "follow_page",
                format!("kind=initiative&slug={k}&id={screening}"),
            ),
            NOBODY,
        ),
        row(
            "/org/{slug}/horinger/{id}/folg",
            get(format!("/org/{k}/horinger/{open}/folg")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/horinger/{id}/folg",
            get(format!("/org/{k}/horinger/{draft}/folg")),
            NOBODY,
        ),
        row(
            "/org/{slug}/innbyggerforslag/{id}/folg",
            get(format!("/org/{k}/innbyggerforslag/{collecting}/folg")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/innbyggerforslag/{id}/folg",
            get(format!(
                "/org/{k}/innbyggerforslag/{}/folg",
                f.ingrids_draft
            )),
            NOBODY,
        ),
        row(
            "/api/v1/events.atom",
            get(format!("/api/v1/events.atom?kind=hearing&organisation={k}")),
            PUBLIC,
        ),
        row(
            "/api/v1/hearings/{id}/events.atom",
            get(format!("/api/v1/hearings/{open}/events.atom")),
            PUBLIC,
        ),
        row(
            "/api/v1/hearings/{id}/events.atom",
            get(format!("/api/v1/hearings/{draft}/events.atom")),
            NOBODY,
        ),
        row(
            "/api/v1/initiatives/{id}/events.atom",
            get(format!("/api/v1/initiatives/{collecting}/events.atom")),
            PUBLIC,
        ),
        row(
            "/api/v1/initiatives/{id}/events.atom",
            get(format!("/api/v1/initiatives/{screening}/events.atom")),
            NOBODY,
        ),
        // A cadence the app refuses: who gets past the door, without following.
        row(
            "follow_case",
            call(
                "follow_case",
                &[
                    ("csrf_token", "{csrf}"),
                    ("kind", "hearing"),
                    ("slug", k),
                    ("id", &id(open)),
                    ("cadence", "hourly"),
                ],
            ),
            CITIZENS,
        ),
        row(
            "follow_case",
            call(
                "follow_case",
                &[
                    ("csrf_token", "{csrf}"),
                    ("kind", "hearing"),
                    ("slug", k),
                    ("id", &id(draft)),
                    ("cadence", "hourly"),
                ],
            ),
            [
                N(401),
                N(404),
                N(404),
                N(401),
                N(401),
                N(401),
                N(401),
                N(401),
                N(401),
            ],
        ),
        row(
            "unfollow_case",
            call(
                "unfollow_case",
                &[
                    ("csrf_token", "{csrf}"),
                    ("kind", "hearing"),
                    ("slug", k),
                    ("id", &id(open)),
                ],
            ),
            CITIZENS,
        ),
        // An address the app refuses; a case the public cannot see is not there at all.
        row(
            "follow_by_email",
            call(
                "follow_by_email",
                &[
                    ("csrf_token", "{csrf}"),
                    ("kind", "hearing"),
                    ("slug", k),
                    ("id", &id(open)),
                    ("email", "ikke-en-adresse"),
                    ("cadence", "daily"),
                ],
            ),
            PUBLIC,
        ),
        row(
            "follow_by_email",
            call(
                "follow_by_email",
                &[
                    ("csrf_token", "{csrf}"),
                    ("kind", "initiative"),
                    ("slug", k),
                    ("id", &id(screening)),
                    ("email", "ikke-en-adresse"),
                    ("cadence", "daily"),
                ],
            ),
            NOBODY,
        ),
        row(
            "submission_fate",
            q("submission_fate", format!("token={wrong_token}")),
            NOBODY,
        ),
        row(
            "withdraw_submission",
            call(
                "withdraw_submission",
                &[("csrf_token", "{csrf}"), ("token", &wrong_token)],
            ),
            NOBODY,
        ),
        row("/innspill/trukket", get("/innspill/trukket".into()), PUBLIC),
        row(
            "/folg/bekreft/{token}",
            get(format!("/folg/bekreft/{wrong_token}")),
            NOBODY,
        ),
        row(
            "preview_follow",
            q("preview_follow", format!("token={wrong_token}")),
            NOBODY,
        ),
        row(
            "confirm_follow",
            call(
                "confirm_follow",
                &[("csrf_token", "{csrf}"), ("token", &wrong_token)],
            ),
            NOBODY,
        ),
        row(
            "/avmeld/{token}",
            get(format!("/avmeld/{wrong_token}")),
            NOBODY,
        ),
        row(
            "preview_unsubscribe",
            q("preview_unsubscribe", format!("token={wrong_token}")),
            NOBODY,
        ),
        row(
            "/avmeld/{token}",
            Req::Post(
                format!("/avmeld/f{}.{}", f.ingrids_follow, "0".repeat(32)),
                form(&[("List-Unsubscribe", "One-Click")]),
            ),
            NOBODY,
        ),
        row("/avmeldt", get("/avmeldt".into()), PUBLIC),
        row("my_follows", q("my_follows", String::new()), CITIZENS),
        row(
            "set_follow_cadence",
            call(
                "set_follow_cadence",
                &[
                    ("csrf_token", "{csrf}"),
                    ("follow_id", &f.ingrids_follow.to_string()),
                    ("cadence", "weekly"),
                ],
            ),
            INGRIDS,
        ),
        row(
            "unfollow",
            call(
                "unfollow",
                &[
                    ("csrf_token", "{csrf}"),
                    ("follow_id", &f.ingrids_follow.to_string()),
                ],
            ),
            INGRIDS,
        ),
        // --- The staff dashboard: those who screen, in their own organisation ------------------
        row(
            "/org/{slug}/ansatt",
            get(format!("/org/{k}/ansatt")),
            SCREENERS,
        ),
        row(
            "staff_dashboard",
            q("staff_dashboard", format!("slug={k}")),
            SCREENERS,
        ),
        // A cadence the app refuses: who gets past the door, without changing a choice.
        row(
            "save_staff_notices",
            call(
                "save_staff_notices",
                &[("csrf_token", "{csrf}"), ("slug", k), ("cadence", "hourly")],
            ),
            SCREENERS,
        ),
        // --- Records of processing: public ---------------------------------------------------
        row(
            "/behandlingsprotokoll",
            get("/behandlingsprotokoll".into()),
            PUBLIC,
        ),
        row(
            "/org/{slug}/behandlingsprotokoll",
            get(format!("/org/{k}/behandlingsprotokoll")),
            PUBLIC,
        ),
        row(
            "processing_records",
            q("processing_records", format!("slug={k}")),
            PUBLIC,
        ),
        // --- A citizen's own data: only ever the caller's -------------------------------------
        row("/meg/slett", get("/meg/slett".into()), CITIZENS),
        row("/konto-slettet", get("/konto-slettet".into()), PUBLIC),
        row(
            "deletion_preview",
            q("deletion_preview", String::new()),
            CITIZENS,
        ),
        row(
            "my_data_export",
            q("my_data_export", String::new()),
            CITIZENS,
        ),
        row(
            "request_data_export",
            call("request_data_export", &[("csrf_token", "{csrf}")]),
            CITIZENS,
        ),
        // Without the box ticked: who gets past the door, and nobody's account goes.
        row(
            "delete_my_account",
            call("delete_my_account", &[("csrf_token", "{csrf}")]),
            CITIZENS,
        ),
        row(
            "/meg/data/{id}",
            get("/meg/data/999999".into()),
            [
                N(401),
                N(404),
                N(404),
                N(401),
                N(401),
                N(401),
                N(401),
                N(401),
                N(401),
            ],
        ),
        row(
            "remove_citizen_email",
            call("remove_citizen_email", &[("csrf_token", "{csrf}")]),
            CITIZENS,
        ),
        row(
            "/auth/idporten/logout",
            Req::Post(
                "/auth/idporten/logout".into(),
                form(&[("csrf_token", "{csrf}")]),
            ),
            PUBLIC,
        ),
        row(
            "staff_logout",
            call("staff_logout", &[("csrf_token", "{csrf}")]),
            PUBLIC,
        ),
    ];
    // Surveys first: the last rows log their callers out.
    survey_rows(f)
        .into_iter()
        .chain(panel_rows(f))
        .chain(dialogue_rows(f))
        .chain(rows)
        .collect()
}

/// A survey form's fields after the caller's CSRF token and the organisation.
fn with<'a>(k: &'a str, pairs: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v = vec![("csrf_token", "{csrf}"), ("slug", k)];
    v.extend_from_slice(pairs);
    v
}

/// Surveys: the staff's pages and changes (admin and case officer), the public's pages, and
/// answering, where the resume token is the proof.
fn survey_rows(f: &Fixture) -> Vec<Row> {
    let k = "eksempel-kommune";
    let row = |key: &'static str, req: Req, expect: [Expect; 9]| Row { key, req, expect };
    let (open, draft) = (f.open_survey.to_string(), f.draft_survey.to_string());
    let published = f.published_survey.to_string();
    let token = f.survey_token.clone();
    let staff = format!("/org/{k}/ansatt/undersokelser");
    let public = format!("/org/{k}/undersokelser");
    vec![
        row(
            "list_staff_surveys",
            Req::Query("list_staff_surveys", format!("slug={k}")),
            HANDLERS,
        ),
        row(
            "get_staff_survey",
            Req::Query("get_staff_survey", format!("slug={k}&id={draft}")),
            HANDLERS,
        ),
        row(
            "get_survey_preview",
            Req::Query("get_survey_preview", format!("slug={k}&id={draft}&side=1")),
            HANDLERS,
        ),
        row(
            "get_staff_survey_results",
            Req::Query(
                "get_staff_survey_results",
                format!("slug={k}&id={published}"),
            ),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/undersokelser",
            Req::Get(staff.clone()),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/undersokelser/ny",
            Req::Get(format!("{staff}/ny")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/undersokelser/{id}",
            Req::Get(format!("{staff}/{draft}")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/undersokelser/{id}/forhandsvis",
            Req::Get(format!("{staff}/{draft}/forhandsvis?side=1")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/undersokelser/{id}/resultater",
            Req::Get(format!("{staff}/{published}/resultater")),
            HANDLERS,
        ),
        row(
            "get_survey_texts",
            Req::Query("get_survey_texts", format!("slug={k}&id={published}")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/undersokelser/{id}/tekstsvar",
            Req::Get(format!("{staff}/{published}/tekstsvar")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/undersokelser/{id}/svar.csv",
            Req::Get(format!("{staff}/{published}/svar.csv")),
            HANDLERS,
        ),
        row(
            "/api/v1/surveys",
            Req::Get("/api/v1/surveys".into()),
            PUBLIC,
        ),
        row(
            "/api/v1/surveys/{id}/results",
            Req::Get(format!("/api/v1/surveys/{published}/results")),
            PUBLIC,
        ),
        row(
            "/api/v1/surveys/{id}/results",
            Req::Get(format!("/api/v1/surveys/{draft}/results")),
            NOBODY,
        ),
        row(
            "list_surveys",
            Req::Query("list_surveys", format!("organisation={k}")),
            PUBLIC,
        ),
        row(
            "get_survey",
            Req::Query("get_survey", format!("slug={k}&id={open}")),
            PUBLIC,
        ),
        // A draft is nobody's to see in public, staff included (they have its editor).
        row(
            "get_survey",
            Req::Query("get_survey", format!("slug={k}&id={draft}")),
            NOBODY,
        ),
        row(
            "get_survey_results",
            Req::Query("get_survey_results", format!("slug={k}&id={published}")),
            PUBLIC,
        ),
        row(
            "get_survey_results",
            Req::Query("get_survey_results", format!("slug={k}&id={draft}")),
            NOBODY,
        ),
        row(
            "get_survey_response",
            Req::Query(
                "get_survey_response",
                format!("slug={k}&id={open}&token={token}"),
            ),
            PUBLIC,
        ),
        row(
            "get_survey_response",
            Req::Query(
                "get_survey_response",
                format!("slug={k}&id={open}&token={}", "b".repeat(64)),
            ),
            NOBODY,
        ),
        row(
            "/org/{slug}/undersokelser",
            Req::Get(public.clone()),
            PUBLIC,
        ),
        row(
            "/org/{slug}/undersokelser/{id}",
            Req::Get(format!("{public}/{open}")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/undersokelser/{id}",
            Req::Get(format!("{public}/{draft}")),
            NOBODY,
        ),
        row(
            "/org/{slug}/undersokelser/{id}/takk",
            Req::Get(format!("{public}/{open}/takk")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/undersokelser/{id}/resultater",
            Req::Get(format!("{public}/{published}/resultater")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/undersokelser/{id}/svar/{token}",
            Req::Get(format!("{public}/{open}/svar/{token}")),
            PUBLIC,
        ),
        // Changes, each with content the app refuses: who gets past the door.
        row(
            "save_survey",
            call("save_survey", &with(k, &[("id", &draft), ("title", "")])),
            HANDLERS,
        ),
        row(
            "add_survey_question",
            call(
                "add_survey_question",
                &with(
                    k,
                    &[
                        ("id", &draft),
                        ("section", "1"),
                        ("kind", "single"),
                        ("text", ""),
                    ],
                ),
            ),
            HANDLERS,
        ),
        row(
            "change_survey_question",
            call(
                "change_survey_question",
                &with(
                    k,
                    &[("id", &draft), ("question_id", "999"), ("action", "remove")],
                ),
            ),
            HANDLERS,
        ),
        row(
            "reword_survey_question",
            call(
                "reword_survey_question",
                &with(
                    k,
                    &[
                        ("id", &draft),
                        ("question_id", "1"),
                        ("text", ""),
                        ("help", ""),
                    ],
                ),
            ),
            HANDLERS,
        ),
        row(
            "change_survey_section",
            call(
                "change_survey_section",
                &with(k, &[("id", &draft), ("section_title", "")]),
            ),
            HANDLERS,
        ),
        // A draft cannot close.
        row(
            "change_survey_status",
            call(
                "change_survey_status",
                &with(k, &[("id", &draft), ("action", "close")]),
            ),
            HANDLERS,
        ),
        // A decision that is neither: who gets past the door, and no text changes.
        row(
            "screen_survey_text",
            call(
                "screen_survey_text",
                &with(
                    k,
                    &[("id", &open), ("answer_id", "1"), ("decision", "maybe")],
                ),
            ),
            HANDLERS,
        ),
        row(
            "start_survey",
            call("start_survey", &with(k, &[("id", &open)])),
            PUBLIC,
        ),
        row(
            "start_survey",
            call("start_survey", &with(k, &[("id", &draft)])),
            NOBODY,
        ),
        // The first page sent without its required answer.
        row(
            "answer_survey",
            Req::Multipart(
                "answer_survey",
                text(&[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &open),
                    ("token", &token),
                    ("section", "1"),
                ]),
            ),
            PUBLIC,
        ),
    ]
}

/// The demo panel, with Ingrid enrolled in it (as joining does: her keyed hash, an address, her
/// profile under a pseudonym).
async fn enrol_ingrid(app: &TestApp) -> i32 {
    use app::domain::survey::panel::JoinForm;
    use app::domain::survey::strata::AgeBand;
    let id = crate::panels::demo_panel(app).await;
    let nid = app::domain::national_id::NationalId::parse("09835234565", true).unwrap();
    let pid = app::ssr::security::pid::pid_hash(app.state.settings.pid_key(), &nid);
    let enrolment = JoinForm {
        consent: Some("on".into()),
        email: "ingrid.panel@eksempel.no".into(),
        gender: "woman".into(),
        district: "1".into(),
        ..Default::default()
    }
    .parse(5)
    .unwrap();
    let age = AgeBand::of(nid.birth_date(), app.state.clock.now().date_naive()).unwrap();
    app::ssr::db::panels::enrol(
        &app.state.db,
        id,
        &app::ssr::services::panels::member_hash(&app.state, id, &pid),
        "1ngr1d0000000000000000000000pnl1",
        &enrolment,
        age,
        "self",
        app.state.clock.now(),
    )
    .await
    .unwrap();
    id
}

/// A draw of the demo panel's sample with one resident to reach by letter.
async fn letter_draw(app: &TestApp, panel: i32) -> i32 {
    use app::domain::survey::strata::{AgeBand, Gender, Stratum};
    use app::ssr::db::panels::recruitment::{NewInvitee, insert_draw};
    let now = app.state.clock.now();
    let d = insert_draw(
        &app.state.db,
        panel,
        42,
        &[NewInvitee {
            person_hash: "b".repeat(64),
            stratum: Stratum {
                age: AgeBand(2),
                gender: Gender::Man,
                district: 0,
            },
            code_hash: "c".repeat(64),
            email: None,
            name: Some("Brevmottaker Hemmelig".into()),
            address: Some("Hemmeligveien 1, 9999 Testby".into()),
        }],
        "[]".into(),
        now + chrono::Duration::days(60),
        1,
        now,
    )
    .await
    .unwrap();
    d.id
}

/// Panels: reading, then changes refused for their content (no consent; no choice of what
/// becomes of the answers; no name).
fn panel_rows(f: &Fixture) -> Vec<Row> {
    let k = "eksempel-kommune";
    let row = |key: &'static str, req: Req, expect: [Expect; 9]| Row { key, req, expect };
    let id = f.panel.to_string();
    let staff = format!("/org/{k}/ansatt/innbyggerpanel");
    let public = format!("/org/{k}/innbyggerpanel");
    vec![
        row(
            "list_panels",
            Req::Query("list_panels", format!("slug={k}")),
            PUBLIC,
        ),
        row(
            "get_panel",
            Req::Query("get_panel", format!("slug={k}&id={id}")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/innbyggerpanel",
            Req::Get(public.clone()),
            PUBLIC,
        ),
        row(
            "/org/{slug}/innbyggerpanel/{id}",
            Req::Get(format!("{public}/{id}")),
            PUBLIC,
        ),
        row(
            "my_panels",
            Req::Query("my_panels", String::new()),
            CITIZENS,
        ),
        row(
            "list_staff_panels",
            Req::Query("list_staff_panels", format!("slug={k}")),
            HANDLERS,
        ),
        row(
            "get_staff_panel",
            Req::Query("get_staff_panel", format!("slug={k}&id={id}")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerpanel",
            Req::Get(staff.clone()),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerpanel/ny",
            Req::Get(format!("{staff}/ny")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerpanel/{id}",
            Req::Get(format!("{staff}/{id}")),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerpanel/{id}/personvern",
            Req::Get(format!("{staff}/{id}/personvern")),
            HANDLERS,
        ),
        row(
            "join_panel",
            call(
                "join_panel",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id),
                    ("email", ""),
                ],
            ),
            CITIZENS,
        ),
        row(
            "leave_panel",
            call(
                "leave_panel",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id),
                    ("answers", ""),
                ],
            ),
            INGRIDS,
        ),
        row(
            "save_panel",
            call(
                "save_panel",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id),
                    ("name", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "create_wave",
            call(
                "create_wave",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("panel", &id),
                    ("survey", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "save_panel_margins",
            Req::Multipart(
                "save_panel_margins",
                text(&[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("panel", &id),
                    ("margin_districts", ""),
                ]),
            ),
            HANDLERS,
        ),
        // A leave link whose mac is wrong leads nowhere, for anyone.
        row(
            "/forlat-panel/{token}",
            Req::Get(format!("/forlat-panel/m1.{}", "0".repeat(32))),
            NOBODY,
        ),
        row(
            "preview_panel_leave",
            Req::Query(
                "preview_panel_leave",
                format!("token=m1.{}", "0".repeat(32)),
            ),
            NOBODY,
        ),
        row(
            "/forlat-panel/{token}",
            Req::Post(
                format!("/forlat-panel/m1.{}", "0".repeat(32)),
                vec![("answers".to_string(), "delete".to_string())],
            ),
            NOBODY,
        ),
        row("/forlatt-panel", Req::Get("/forlatt-panel".into()), PUBLIC),
        // The probability sample: targets refused for their content (no mode); a draw refused
        // for want of targets; the letters of a draw to those who run panels only.
        row(
            "save_panel_targets",
            call(
                "save_panel_targets",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("panel", &id),
                    ("mode", ""),
                ],
            ),
            HANDLERS,
        ),
        row(
            "draw_panel_sample",
            call(
                "draw_panel_sample",
                &[("csrf_token", "{csrf}"), ("slug", k), ("panel", &id)],
            ),
            HANDLERS,
        ),
        row(
            "get_panel_letters",
            Req::Query(
                "get_panel_letters",
                format!("slug={k}&panel={id}&draw={}", f.draw),
            ),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerpanel/{id}/trekk/{draw}/brev",
            Req::Get(format!("{staff}/{id}/trekk/{}/brev", f.draw)),
            HANDLERS,
        ),
        row(
            "/org/{slug}/ansatt/innbyggerpanel/{id}/trekk/{draw}/brev.csv",
            Req::Get(format!("{staff}/{id}/trekk/{}/brev.csv", f.draw)),
            HANDLERS,
        ),
        // Enrolling by code: public, the code is the proof (an unknown one is told so).
        row(
            "get_code_invitation",
            Req::Query("get_code_invitation", "code=ABCDE-FGHJK".into()),
            PUBLIC,
        ),
        row(
            "enrol_panel_code",
            call(
                "enrol_panel_code",
                &[
                    ("csrf_token", "{csrf}"),
                    ("code", "ABCDE-FGHJK"),
                    ("email", ""),
                ],
            ),
            PUBLIC,
        ),
        row("/innmelding", Req::Get("/innmelding".into()), PUBLIC),
    ]
}

fn dialogue_rows(f: &Fixture) -> Vec<Row> {
    let k = "eksempel-kommune";
    let row = |key: &'static str, req: Req, expect: [Expect; 9]| Row { key, req, expect };
    let id = f.debate.to_string();
    let post = f.debate_post.to_string();
    let public = format!("/org/{k}/dialog");
    vec![
        row(
            "list_dialogues",
            Req::Query("list_dialogues", format!("slug={k}")),
            PUBLIC,
        ),
        row(
            "get_dialogue",
            Req::Query("get_dialogue", format!("slug={k}&id={id}")),
            PUBLIC,
        ),
        row(
            "get_dialogue_log",
            Req::Query("get_dialogue_log", format!("slug={k}&id={id}")),
            PUBLIC,
        ),
        row("/org/{slug}/dialog", Req::Get(public.clone()), PUBLIC),
        row(
            "/org/{slug}/dialog/{id}",
            Req::Get(format!("{public}/{id}")),
            PUBLIC,
        ),
        row(
            "/org/{slug}/dialog/{id}/moderering",
            Req::Get(format!("{public}/{id}/moderering")),
            PUBLIC,
        ),
        // An empty post: refused for its content once the caller is a citizen.
        row(
            "post_dialogue",
            call(
                "post_dialogue",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id),
                    ("text", ""),
                ],
            ),
            CITIZENS,
        ),
        // No reason given: refused for its content once the caller is a citizen.
        row(
            "flag_dialogue_post",
            call(
                "flag_dialogue_post",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id),
                    ("post", &post),
                    ("reason", ""),
                ],
            ),
            CITIZENS,
        ),
        // Supporting the demo's first post: the first support counts, a second is refused.
        row(
            "support_dialogue_post",
            call(
                "support_dialogue_post",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id),
                    ("post", &post),
                ],
            ),
            CITIZENS,
        ),
        // Its editors, and its officials (who see the spaces they host).
        row(
            "get_staff_dialogue",
            Req::Query("get_staff_dialogue", format!("slug={k}")),
            [N(401), N(401), N(401), Y, Y, Y, Y, N(403), N(403)],
        ),
        row(
            "/org/{slug}/ansatt/dialog",
            Req::Get(format!("/org/{k}/ansatt/dialog")),
            [N(401), N(401), N(401), Y, Y, Y, Y, N(403), N(403)],
        ),
        // Nobody named: refused for its content once the caller may name hosts.
        row(
            "set_dialogue_host",
            call(
                "set_dialogue_host",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("space", &id),
                    ("official", ""),
                    ("add", "on"),
                ],
            ),
            SCREENERS,
        ),
        // No kind and no title: refused for its content once the caller may set up spaces.
        row(
            "create_dialogue_space",
            call(
                "create_dialogue_space",
                &[("csrf_token", "{csrf}"), ("slug", k), ("kind", "ukjent")],
            ),
            SCREENERS,
        ),
        row(
            "get_officials",
            Req::Query("get_officials", format!("slug={k}")),
            ADMIN,
        ),
        row(
            "/org/{slug}/ansatt/folkevalgte",
            Req::Get(format!("/org/{k}/ansatt/folkevalgte")),
            ADMIN,
        ),
        // No name: refused for its content once the caller is the admin.
        row(
            "add_party_group",
            call(
                "add_party_group",
                &[("csrf_token", "{csrf}"), ("slug", k), ("party_name", "")],
            ),
            ADMIN,
        ),
        // No official or body: refused for its content once the caller is the admin.
        row(
            "add_official_seat",
            call(
                "add_official_seat",
                &[("csrf_token", "{csrf}"), ("slug", k), ("official", "")],
            ),
            ADMIN,
        ),
        // A seat of no one: the admin is told it does not exist.
        row(
            "remove_official_seat",
            call(
                "remove_official_seat",
                &[("csrf_token", "{csrf}"), ("slug", k), ("seat", "999999")],
            ),
            [
                N(401),
                N(401),
                N(401),
                N(404),
                N(403),
                N(403),
                N(403),
                N(403),
                N(403),
            ],
        ),
        // An empty post: refused for its content once the caller is the seated official.
        row(
            "official_post_dialogue",
            call(
                "official_post_dialogue",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("id", &id),
                    ("text", ""),
                ],
            ),
            OFFICIAL,
        ),
        // An unknown decision: refused for its content once the caller is a moderator.
        row(
            "moderate_dialogue_post",
            call(
                "moderate_dialogue_post",
                &[
                    ("csrf_token", "{csrf}"),
                    ("slug", k),
                    ("post", &post),
                    ("action", "ukjent"),
                ],
            ),
            MODERATORS,
        ),
    ]
}
