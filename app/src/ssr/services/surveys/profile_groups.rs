//! A panel survey's respondents by what the panel knows of them: the age band, gender and
//! district of their profile, and their answers to the panel's background questions — each
//! offered to staff as one more single-choice question to break the results down by. The
//! answers come from the profile under the response's pseudonym; nothing of the contact side is
//! read. Their ids start at `FIRST_ID`, above any questionnaire's.
//!
//! Every respondent is in one group of each: one whose gender, background answer or profile is
//! not known is in the last, "ikke oppgitt". Leaving them out would let a hidden small group be
//! worked out from the overall table by subtraction; in a group of its own, suppression
//! (complementary included) protects it like any other.

use crate::domain::survey::questionnaire::{Answer, Kind, Question};
use crate::domain::survey::strata::{AGE_BANDS, AgeBand, Gender};
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::survey;
use crate::ssr::db::panels as panels_db;
use crate::ssr::db::surveys::responses;
use crate::ssr::state::AppState;

/// The first id of a profile question.
pub const FIRST_ID: u32 = 900_000;
const AGE: u32 = FIRST_ID + 1;
const GENDER: u32 = FIRST_ID + 2;
const DISTRICT: u32 = FIRST_ID + 3;
const BACKGROUND: u32 = FIRST_ID + 10;

/// The profile's questions, and per response (in the order of `ids`) its answers to them.
pub struct ProfileGroups {
    pub questions: Vec<Question>,
    pub answers: Vec<Vec<(u32, Answer)>>,
}

/// A profile question: its groups, and "ikke oppgitt" after them.
fn question(id: u32, text: String, mut options: Vec<String>, not_given: &str) -> Question {
    options.push(not_given.to_string());
    Question {
        id,
        text,
        help: None,
        required: false,
        kind: Kind::SingleChoice {
            options,
            other: false,
        },
        show_if: None,
    }
}

/// For a panel survey, its respondents' profile as questions; `None` for any other survey.
pub async fn of(
    state: &AppState,
    org: &OrganisationDto,
    s: &survey::Model,
    ids: &[i64],
    i: I18n,
) -> Result<Option<ProfileGroups>, AppError> {
    if s.kind != "panel" {
        return Ok(None);
    }
    let Some(wave) = panels_db::waves::of_survey(&state.db, s.id)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    let Some(panel) = panels_db::find(&state.db, org.id, wave.panel_id)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    let districts = panels_db::districts(&panel).or_internal()?;
    let background = panels_db::background(&panel);
    let not_given = i.t("survey.results.not_given");
    let unknown = |q: &Question| match &q.kind {
        Kind::SingleChoice { options, .. } => options.len() - 1,
        _ => 0,
    };
    let mut questions = vec![
        question(
            AGE,
            i.t("survey.results.by_age"),
            (0..AGE_BANDS.len() as u8)
                .map(|b| AgeBand(b).label())
                .collect(),
            &not_given,
        ),
        question(
            GENDER,
            i.t("survey.results.by_gender"),
            [Gender::Woman, Gender::Man]
                .iter()
                .map(|g| i.t(&format!("panel.gender.{}", g.as_str())))
                .collect(),
            &not_given,
        ),
        question(
            DISTRICT,
            i.tf(
                "survey.results.by_district",
                &[(
                    "kind",
                    &i.t(&format!("panel.district_kind.{}", panel.district_kind)),
                )],
            ),
            districts,
            &not_given,
        ),
    ];
    for (n, q) in background.iter().enumerate() {
        questions.push(question(
            BACKGROUND + n as u32,
            i.tf("survey.results.by_background", &[("question", &q.text)]),
            q.options.clone(),
            &not_given,
        ));
    }
    let pseudonyms = responses::pseudonyms(&state.db, ids).await.or_internal()?;
    let wanted: Vec<String> = pseudonyms.values().cloned().collect();
    let profiles = panels_db::profiles_of(&state.db, &wanted)
        .await
        .or_internal()?;
    // Each respondent's group in each question; the last ("ikke oppgitt") where not known.
    let last: Vec<usize> = questions.iter().map(unknown).collect();
    let answers = ids
        .iter()
        .map(|id| {
            let profile = pseudonyms.get(id).and_then(|ps| profiles.get(ps));
            let known: Vec<Option<usize>> = match profile {
                None => vec![None; questions.len()],
                Some(p) => {
                    let mut k = vec![
                        usize::try_from(p.age_band).ok(),
                        match Gender::parse(&p.gender) {
                            Some(Gender::Woman) => Some(0),
                            Some(Gender::Man) => Some(1),
                            _ => None,
                        },
                        usize::try_from(p.district).ok(),
                    ];
                    let given = panels_db::answers_of(p);
                    k.extend(
                        (0..background.len())
                            .map(|n| given.get(n).copied().flatten().map(usize::from)),
                    );
                    k
                }
            };
            questions
                .iter()
                .zip(known)
                .zip(&last)
                .map(|((q, k), last)| {
                    let group = k.filter(|g| g < last).unwrap_or(*last);
                    (q.id, Answer::Choice(group))
                })
                .collect()
        })
        .collect();
    Ok(Some(ProfileGroups { questions, answers }))
}
