//! The demo citizen panel of Eksempel kommune: five boroughs and 300 members from the synthetic
//! population — a stratified sample (proportional to each stratum, a fixed seed), one in twenty
//! of whom came in on their own instead (self-recruited, not giving their gender, which a
//! register sample would know); and its two completed waves (`waves`).

use crate::domain::survey::background::BackgroundQuestion;
use crate::domain::survey::panel::PanelFacts;
use crate::domain::survey::population::{self, SYNTHETIC_SIZE};
use crate::domain::survey::sampling::SplitMix64;
use crate::domain::survey::sampling::{draw, proportional};
use crate::domain::survey::strata::{Gender, Stratum};
use crate::ssr::db::panels::{self as db, NewMember};
use crate::ssr::security::tokens::random_bytes;
use crate::ssr::services::panels::member_hash;
use crate::ssr::state::AppState;
use sea_orm::DbErr;
use std::collections::BTreeMap;

/// The panel's name (tests find it by it).
pub const DEMO_PANEL: &str = "Innbyggerpanelet i Eksempel kommune";
/// How many members the demo panel has.
pub const DEMO_MEMBERS: u64 = 300;
const SEED: u64 = 20_261_204;

pub async fn seed(state: &AppState, kommune: i32, number: &str, officer: i32) -> Result<(), DbErr> {
    let now = state.clock.now();
    let facts = PanelFacts {
        name: DEMO_PANEL.into(),
        purpose: "Kommunen spør panelet om tjenestene og planene sine tre til fire ganger i året. \
                  Hver undersøkelse tar rundt ti minutter."
            .into(),
        district_kind: "bydel".into(),
        districts: ["Sentrum", "Nord", "Sør", "Øst", "Vest"]
            .map(String::from)
            .to_vec(),
        skip_limit: 3,
        recruiting: true,
        background: vec![
            BackgroundQuestion {
                text: "Hvor lenge har du bodd i kommunen?".into(),
                options: ["Under 5 år", "5–20 år", "Mer enn 20 år"]
                    .map(String::from)
                    .to_vec(),
            },
            BackgroundQuestion {
                text: "Bor det barn under 18 år hjemme hos deg?".into(),
                options: ["Ja", "Nei"].map(String::from).to_vec(),
            },
        ],
    };
    let id = db::insert(&state.db, kommune, &facts, officer, now).await?;
    let people = population::synthetic(number, SYNTHETIC_SIZE);
    let today = now.date_naive();
    let mut strata: BTreeMap<Stratum, Vec<usize>> = BTreeMap::new();
    for (n, p) in people.iter().enumerate() {
        if let Some(s) = p.stratum(today, facts.districts.len()) {
            strata.entry(s).or_default().push(n);
        }
    }
    let (keys, lists): (Vec<Stratum>, Vec<Vec<usize>>) = strata.into_iter().unzip();
    let sizes: Vec<u64> = lists.iter().map(|l| l.len() as u64).collect();
    let drawn = draw(&lists, &proportional(&sizes, DEMO_MEMBERS), SEED);
    let mut members = Vec::new();
    // Background answers: the older have lived here longer, those 25–54 have children at home
    // more often; one in ten answers neither.
    let mut rng = SplitMix64::new(SEED + 1);
    for (stratum, chosen) in keys.iter().zip(drawn) {
        for n in chosen {
            let person = &people[n];
            let pid =
                crate::ssr::security::pid::pid_hash(state.settings.pid_key(), &person.national_id);
            let on_their_own = members.len() % 20 == 19;
            let gender = if on_their_own {
                Gender::NotGiven
            } else {
                stratum.gender
            };
            members.push(NewMember {
                person_hash: member_hash(state, id, &pid),
                email: format!("panel{}@eksempel.invalid", members.len() + 1),
                pseudonym: random_bytes::<16>()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
                source: if on_their_own { "self" } else { "sample" },
                age: stratum.age,
                gender,
                district: stratum.district,
                background: if rng.below(10) == 0 {
                    vec![None, None]
                } else {
                    let years = (u64::from(stratum.age.0) + rng.below(3)).min(4) / 2;
                    let children =
                        matches!(stratum.age.0, 1 | 2) && rng.below(10) < 6 || rng.below(10) == 0;
                    vec![Some(years as u16), Some(u16::from(!children))]
                },
            });
        }
    }
    db::enrol_many(&state.db, id, &members, now).await?;
    super::waves::seed(state, kommune, id, officer).await
}
