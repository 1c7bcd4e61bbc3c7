//! Every URL the app builds. Pages, mails and open data call these helpers; nobody writes
//! `"/org/…/horinger/…"` by hand, so a route changes in one place (and in `routes.rs`).
//! Paths are relative to the site; [`absolute`] puts the installation's base URL in front.

/// Percent-encodes a path for use in a query parameter (letters, digits, `-_.~/` stay).
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A path on this site to send a browser back to (after choosing a language, logging in, a
/// refused form), or `None`. Only a path that starts with exactly one `/` and holds nothing but
/// printable ASCII: no tab, CR, LF or other control character (browsers drop them, which turns
/// `/<tab>/evil.example` into `//evil.example`), no space, no backslash (read as `/`), no
/// scheme or host, and nothing that decodes to `//` or `/\` (`%2F`, `%5C`). Unicode
/// look-alikes of `/` are not ASCII, so they are refused too. Every way back goes through here.
pub fn safe_return_path(candidate: &str) -> Option<String> {
    let printable = candidate
        .bytes()
        .all(|b| (0x21..=0x7e).contains(&b) && b != b'\\');
    let decoded = percent_decoded(candidate);
    let ok = printable
        && candidate.starts_with('/')
        && !leaves_the_site(candidate)
        && !leaves_the_site(&decoded)
        && !decoded.bytes().any(|b| b.is_ascii_control());
    ok.then(|| candidate.to_string())
}

/// Starts like a path to another host: `//` or `/\`.
fn leaves_the_site(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 2 && b[0] == b'/' && (b[1] == b'/' || b[1] == b'\\')
}

/// `s` with every `%XX` decoded (three times over, so that `%252F` is seen as `/` too).
fn percent_decoded(s: &str) -> String {
    let mut current = s.to_string();
    for _ in 0..3 {
        let next = percent_encoding::percent_decode_str(&current)
            .decode_utf8_lossy()
            .into_owned();
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// `path` under the installation's base URL (a trailing `/` on the base is ignored).
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}

pub const HOME: &str = "/";
/// The site's own stylesheet, script and wasm (`ssr::http::site` names them).
pub const PKG: &str = "/pkg";
pub const HEARINGS: &str = "/horinger";
pub const INITIATIVES: &str = "/innbyggerforslag";
pub const PRIVACY: &str = "/personvern";
pub const ACCESSIBILITY: &str = "/tilgjengelighet";
pub const MY_PAGE: &str = "/meg";
pub const STAFF_HOME: &str = "/ansatt";
pub const STAFF_LOGIN: &str = "/ansatt/logg-inn";
/// Where the citizen logout form posts.
pub const CITIZEN_LOGOUT_PATH: &str = "/auth/idporten/logout";
/// Where the ID-porten routes live; never a page to come back to after login.
pub const CITIZEN_AUTH_PREFIX: &str = "/auth/";
/// Confirming a comment from its mail, and an email address from its mail: GETs that change
/// something (never served from the page cache).
pub const CONFIRM_SUBMISSION_PREFIX: &str = "/innspill/bekreft/";
pub const CONFIRM_EMAIL_PREFIX: &str = "/meg/epost/";
/// Where confirming an address by its mailed link ends.
pub const EMAIL_CONFIRMED: &str = "/meg/epost-bekreftet";

/// The citizen login link (a plain link: ID-porten is a redirect away) that comes back to
/// `return_to`.
pub fn citizen_login_href(return_to: &str) -> String {
    format!("/auth/idporten/login?return_to={}", urlencode(return_to))
}

/// Switches the interface language, then returns to `return_to`.
pub fn language_href(code: &str, return_to: &str) -> String {
    format!("/sprak/{code}?til={}", urlencode(return_to))
}

pub fn confirm_submission(token: &str) -> String {
    format!("{CONFIRM_SUBMISSION_PREFIX}{token}")
}

pub fn confirm_email(token: &str) -> String {
    format!("{CONFIRM_EMAIL_PREFIX}{token}")
}

/// Confirming a follow by address: the mailed link's page, whose button posts.
pub const CONFIRM_FOLLOW_PREFIX: &str = "/folg/bekreft/";
/// Leaving notifications: the page of the link in every mail, and where mail clients post
/// (RFC 8058 one-click).
pub const UNSUBSCRIBE_PREFIX: &str = "/avmeld/";

pub fn confirm_follow(token: &str) -> String {
    format!("{CONFIRM_FOLLOW_PREFIX}{token}")
}

pub fn unsubscribe(token: &str) -> String {
    format!("{UNSUBSCRIBE_PREFIX}{token}")
}

/// The page to follow a hearing from (a form per visitor, never cached).
pub fn follow_hearing(slug: &str, id: i32) -> String {
    format!("/org/{slug}/horinger/{id}/folg")
}

/// The page to follow an initiative from.
pub fn follow_initiative(slug: &str, id: i32) -> String {
    format!("/org/{slug}/innbyggerforslag/{id}/folg")
}

/// The follow page of a case of either kind.
pub fn follow_path(kind: crate::domain::follow::CaseKind, slug: &str, id: i32) -> String {
    match kind {
        crate::domain::follow::CaseKind::Hearing => follow_hearing(slug, id),
        crate::domain::follow::CaseKind::Initiative => follow_initiative(slug, id),
    }
}

/// Deleting one's account: the page that explains it, and the page after.
pub const DELETE_ACCOUNT: &str = "/meg/slett";
pub const ACCOUNT_DELETED: &str = "/konto-slettet";

/// A citizen's own download of their data.
pub fn my_data_download(id: i64) -> String {
    format!("/meg/data/{id}")
}

/// The list of organisations' records of processing, and one organisation's.
pub const PROCESSING_RECORDS: &str = "/behandlingsprotokoll";

pub fn processing_records(slug: &str) -> String {
    format!("/org/{slug}/behandlingsprotokoll")
}

/// Where withdrawing a comment by its mailed link ends.
pub const SUBMISSION_WITHDRAWN: &str = "/innspill/trukket";

/// Where leaving by a mailed link ends.
pub const UNSUBSCRIBED: &str = "/avmeldt";

/// The events of a list's cases as an Atom feed: one kind, in one organisation or all.
pub fn events_feed(kind: crate::domain::follow::CaseKind, organisation: Option<&str>) -> String {
    match organisation {
        Some(o) => format!(
            "/api/v1/events.atom?kind={}&organisation={}",
            kind.as_str(),
            urlencode(o)
        ),
        None => format!("/api/v1/events.atom?kind={}", kind.as_str()),
    }
}

/// A case's events as an Atom feed.
pub fn hearing_feed(id: i32) -> String {
    format!("/api/v1/hearings/{id}/events.atom")
}

pub fn initiative_feed(id: i32) -> String {
    format!("/api/v1/initiatives/{id}/events.atom")
}

/// Where a staff member asks for a link to a new password.
pub const FORGOT_PASSWORD: &str = "/ansatt/glemt-passord";

/// The page behind a mailed link to a new password.
pub fn new_password(token: &str) -> String {
    format!("/ansatt/nytt-passord/{token}")
}

pub fn invitation(token: &str) -> String {
    format!("/invitasjon/{token}")
}

pub fn organisation(slug: &str) -> String {
    format!("/org/{slug}")
}

/// The organisation's logo; `version` changes with the logo, so it may be cached for long.
pub fn organisation_logo(slug: &str, version: &str) -> String {
    format!("/org/{slug}/logo/{version}")
}

/// The organisation's theme stylesheet (its accent colour, `rrggbb`, as the version).
pub fn organisation_theme(slug: &str, colour: &str) -> String {
    format!("/org/{slug}/tema/{colour}.css")
}

/// The platform administrator's page: every organisation, deactivating one.
pub const PLATFORM: &str = "/plattform";
/// The platform administrator's form for a new organisation.
pub const NEW_ORGANISATION: &str = "/plattform/ny-organisasjon";
pub const CREATE_ORGANISATION_ACTION: &str = "/api/create_organisation";
pub const UPLOAD_LOGO_ACTION: &str = "/api/upload_logo";
/// A staff member's second factor: setting it up, or turning it off.
pub const SECOND_FACTOR: &str = "/ansatt/tofaktor";
/// The second step of a staff login with a second factor: the code.
pub const SECOND_FACTOR_CODE: &str = "/ansatt/tofaktor/kode";

pub fn admin(slug: &str) -> String {
    format!("/org/{slug}/admin")
}

/// The public list of hearings: the organisation's, or the installation's with `None`.
pub fn hearings(slug: Option<&str>) -> String {
    match slug {
        Some(s) => format!("/org/{s}/horinger"),
        None => HEARINGS.to_string(),
    }
}

pub fn hearing(slug: &str, id: i32) -> String {
    format!("/org/{slug}/horinger/{id}")
}

pub fn submit_comment(slug: &str, hearing_id: i32) -> String {
    format!("/org/{slug}/horinger/{hearing_id}/innspill")
}

pub fn receipt(slug: &str, hearing_id: i32, reference: &str) -> String {
    format!("/org/{slug}/horinger/{hearing_id}/kvittering/{reference}")
}

/// The organisation's staff dashboard: what needs action.
pub fn staff_dashboard(slug: &str) -> String {
    format!("/org/{slug}/ansatt")
}

pub fn staff_hearings(slug: &str) -> String {
    format!("/org/{slug}/ansatt/horinger")
}

pub fn new_hearing(slug: &str) -> String {
    format!("/org/{slug}/ansatt/horinger/ny")
}

pub fn hearing_editor(slug: &str, id: i32) -> String {
    format!("/org/{slug}/ansatt/horinger/{id}")
}

pub fn workbench(slug: &str, hearing_id: i32) -> String {
    format!("/org/{slug}/ansatt/horinger/{hearing_id}/innspill")
}

/// The public list of initiatives: the organisation's, or the installation's with `None`.
pub fn initiatives(slug: Option<&str>) -> String {
    match slug {
        Some(s) => format!("/org/{s}/innbyggerforslag"),
        None => INITIATIVES.to_string(),
    }
}

pub fn initiative(slug: &str, id: i32) -> String {
    format!("/org/{slug}/innbyggerforslag/{id}")
}

pub fn propose_initiative(slug: &str) -> String {
    format!("/org/{slug}/innbyggerforslag/nytt")
}

pub fn edit_proposal(slug: &str, id: i32) -> String {
    format!("/org/{slug}/innbyggerforslag/{id}/rediger")
}

pub fn staff_initiatives(slug: &str) -> String {
    format!("/org/{slug}/ansatt/innbyggerforslag")
}

pub fn staff_initiative(slug: &str, id: i32) -> String {
    format!("/org/{slug}/ansatt/innbyggerforslag/{id}")
}

/// A hearing document, named by its file name so a download keeps it.
pub fn hearing_document(id: i32, file_name: &str) -> String {
    format!("/filer/dokument/{id}/{}", urlencode(file_name))
}

/// An attachment to a comment.
pub fn submission_attachment(id: i32, file_name: &str) -> String {
    format!("/filer/vedlegg/{id}/{}", urlencode(file_name))
}

/// An attachment to an initiative.
pub fn initiative_attachment(id: i32, file_name: &str) -> String {
    format!("/filer/forslag/{id}/{}", urlencode(file_name))
}

/// Server functions that a plain form posts to (multipart: they carry files).
pub const SUBMIT_COMMENT_ACTION: &str = "/api/submit_comment";
pub const UPLOAD_DOCUMENT_ACTION: &str = "/api/upload_hearing_document";
pub const SAVE_INITIATIVE_ACTION: &str = "/api/save_initiative";
pub const CONFIRM_SUBMISSION_ACTION: &str = "/api/confirm_submission";
pub const WITHDRAW_SUBMISSION_ACTION: &str = "/api/withdraw_submission";
pub const CONFIRM_EMAIL_ACTION: &str = "/api/confirm_citizen_email";
/// Where the button on a follow confirmation page posts.
pub const CONFIRM_FOLLOW_ACTION: &str = "/api/confirm_follow";

/// The organisation's surveys for its staff.
pub fn staff_surveys(slug: &str) -> String {
    format!("/org/{}/ansatt/undersokelser", urlencode(slug))
}

pub fn new_survey(slug: &str) -> String {
    format!("{}/ny", staff_surveys(slug))
}

pub fn survey_editor(slug: &str, id: i32) -> String {
    format!("{}/{id}", staff_surveys(slug))
}

/// The survey's page as a respondent sees it, without saving an answer.
pub fn survey_preview(slug: &str, id: i32, section: usize) -> String {
    format!(
        "{}/forhandsvis?side={}",
        survey_editor(slug, id),
        section + 1
    )
}

/// A survey's public page (its introduction and the start button).
pub fn survey(slug: &str, id: i32) -> String {
    format!("/org/{}/undersokelser/{id}", urlencode(slug))
}

/// The organisation's open surveys and published results.
pub fn surveys(slug: &str) -> String {
    format!("/org/{}/undersokelser", urlencode(slug))
}

/// A response's page `section` (from 0): the resume link is this without the page.
pub fn survey_response(slug: &str, id: i32, token: &str, section: Option<usize>) -> String {
    let base = format!("{}/svar/{}", survey(slug, id), urlencode(token));
    match section {
        Some(s) => format!("{base}?side={}", s + 1),
        None => base,
    }
}

pub fn survey_thanks(slug: &str, id: i32) -> String {
    format!("{}/takk", survey(slug, id))
}

pub fn survey_results(slug: &str, id: i32) -> String {
    format!("{}/resultater", survey(slug, id))
}

/// The multipart form a respondent's page posts to.
pub const ANSWER_SURVEY_ACTION: &str = "/api/answer_survey";
pub const START_SURVEY_ACTION: &str = "/api/start_survey";

/// The organisation's citizen panels for its staff.
pub fn staff_panels(slug: &str) -> String {
    format!("/org/{}/ansatt/innbyggerpanel", urlencode(slug))
}

pub fn new_panel(slug: &str) -> String {
    format!("{}/ny", staff_panels(slug))
}

/// A panel's page for staff: its composition and its facts.
pub fn staff_panel(slug: &str, id: i32) -> String {
    format!("{}/{id}", staff_panels(slug))
}

/// The page behind the leave link in a panel's mails; the link's button posts to it.
pub fn panel_leave_link(token: &str) -> String {
    format!("{PANEL_LEAVE_PREFIX}{}", urlencode(token))
}

pub const PANEL_LEAVE_PREFIX: &str = "/forlat-panel/";
/// The multipart form a panel's population figures are posted to.
pub const SAVE_PANEL_MARGINS_ACTION: &str = "/api/save_panel_margins";
/// Where leaving by a mail's link ends.
pub const PANEL_LEFT: &str = "/forlatt-panel";

/// What a panel keeps, where and for how long (for the organisation's DPIA).
pub fn panel_privacy(slug: &str, id: i32) -> String {
    format!("{}/personvern", staff_panel(slug, id))
}

/// Where one drawn for a panel types the code from their letter or mail (with it, when the
/// mail's link brings it).
pub fn panel_enrol(code: Option<&str>) -> String {
    match code {
        Some(c) => format!("{PANEL_ENROL}?kode={}", urlencode(c)),
        None => PANEL_ENROL.to_string(),
    }
}

pub const PANEL_ENROL: &str = "/innmelding";

/// The letters of one draw of a panel's sample, to print.
pub fn panel_letters(slug: &str, id: i32, draw: i32) -> String {
    format!("{}/trekk/{draw}/brev", staff_panel(slug, id))
}

/// The same letters as a CSV for a print house.
pub fn panel_letters_csv(slug: &str, id: i32, draw: i32) -> String {
    format!("{}/trekk/{draw}/brev.csv", staff_panel(slug, id))
}

/// The organisation's panels that take new members.
pub fn panels(slug: &str) -> String {
    format!("/org/{}/innbyggerpanel", urlencode(slug))
}

/// A panel's public page, where residents join and members leave.
pub fn panel(slug: &str, id: i32) -> String {
    format!("{}/{id}", panels(slug))
}

/// The organisation's dialogue: its published spaces.
pub fn dialogues(slug: &str) -> String {
    format!("/org/{}/dialog", urlencode(slug))
}

/// A dialogue space's public page, where citizens post, reply, support and flag.
pub fn dialogue(slug: &str, id: i32) -> String {
    format!("{}/{id}", dialogues(slug))
}

/// A post on its space's page.
pub fn dialogue_post(slug: &str, id: i32, post: i64) -> String {
    format!("{}#innlegg-{post}", dialogue(slug, id))
}

/// A space's public moderation log.
pub fn dialogue_log(slug: &str, id: i32) -> String {
    format!("{}/moderering", dialogue(slug, id))
}

/// The admin's page of elected officials: their seats and the party groups.
pub fn staff_officials(slug: &str) -> String {
    format!("/org/{}/ansatt/folkevalgte", urlencode(slug))
}

/// The staff's dialogue: spaces, a new one, and the moderation queue.
pub fn staff_dialogue(slug: &str) -> String {
    format!("/org/{}/ansatt/dialog", urlencode(slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_way_back_is_a_path_on_this_site_and_known_bypasses_are_refused() {
        for ok in [
            "/",
            "/org/eksempel-kommune/horinger/12",
            "/org/x/innbyggerforslag/3?a=b&c=%C3%A6",
            "/meg#epost",
            "/s%C3%B8k",
        ] {
            assert_eq!(safe_return_path(ok).as_deref(), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "org/x",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\evil.example",
            "/\tevil.example",
            "/\t/evil.example",
            "\t//evil.example",
            "/\r\n/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/%09/evil.example",
            "/%0d%0a/evil.example",
            "/%2F%2Fevil.example",
            "/%2fevil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%252F%252Fevil.example",
            "/\u{ff0f}evil.example",
            "/\u{2215}evil.example",
            "\u{ff0f}\u{ff0f}evil.example",
            "https://evil.example/",
            "http:evil.example",
            "HTTPS://evil.example",
            "//evil.example/%2e%2e",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "/\0evil",
            "/x\u{7f}",
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_file_name_with_spaces_and_letters_outside_ascii_is_encoded() {
        assert_eq!(
            hearing_document(7, "Høringsnotat 1.pdf"),
            "/filer/dokument/7/H%C3%B8ringsnotat%201.pdf"
        );
    }

    #[test]
    fn login_comes_back_to_the_page_it_was_asked_from() {
        assert_eq!(
            citizen_login_href("/org/x/innbyggerforslag/3?a=b"),
            "/auth/idporten/login?return_to=/org/x/innbyggerforslag/3%3Fa%3Db"
        );
    }

    #[test]
    fn an_absolute_link_has_one_slash_between_base_and_path() {
        assert_eq!(absolute("https://a.no/", "/meg"), "https://a.no/meg");
        assert_eq!(
            absolute("https://a.no", &hearing("k", 2)),
            "https://a.no/org/k/horinger/2"
        );
    }
}
