//! The demo's dialogue: a debate on the Storgata hearing ("Diskuter saken"), post-moderated,
//! with a thread and its replies from demo citizens (and the demo official's answer, with the
//! badge of her seat on the council for a party group), a question of another, and a post a
//! moderator hid for breaking house rule 1 — in the public moderation log.

use super::initiatives::person;
use crate::domain::dialogue::moderation::ModeratorRole;
use crate::domain::dialogue::space::SpaceFacts;
use crate::domain::dialogue::{ModerationMode, PostState, SpaceKind};
use crate::ssr::db::dialogue::{self as db, moderation, posts};
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::DbErr;

/// The demo debate's title (tests look it up).
pub const DEMO_DEBATE: &str = "Diskuter saken: Reguleringsplan for Storgata 10–14";

/// The demo's party groups.
pub const DEMO_PARTIES: [&str; 2] = ["Bygdelista", "Eksempelpartiet"];

/// The demo official's seat on the council for the first party group; their badge.
pub async fn seat_official(
    state: &AppState,
    organisation_id: i32,
    council: i32,
    official: i32,
) -> Result<String, DbErr> {
    use crate::domain::dialogue::official::{Seat, badge};
    use crate::ssr::db::dialogue::officials;
    let now = state.clock.now();
    let mut first = None;
    for name in DEMO_PARTIES {
        let p = officials::insert_party(&state.db, organisation_id, name, now).await?;
        first.get_or_insert(p.id);
    }
    officials::insert_seat(
        &state.db,
        organisation_id,
        Seat {
            official,
            body: council,
            party: first,
        },
        now,
    )
    .await?;
    Ok(badge(
        "Folkevalgt",
        &["Kommunestyret".into()],
        Some(DEMO_PARTIES[0]),
    ))
}

pub async fn seed(
    state: &AppState,
    organisation_id: i32,
    hearing_id: i32,
    (moderator, official, badge): (i32, i32, String),
) -> Result<(), DbErr> {
    let now = state.clock.now();
    let space = db::insert_space(
        &state.db,
        organisation_id,
        &SpaceFacts {
            kind: SpaceKind::Debate,
            title: DEMO_DEBATE.into(),
            description: "Hva mener du om planene for kvartalet i Storgata 10–14? Diskuter med andre innbyggere og politikerne før høringsfristen. Vil du at kommunen skal ta hensyn til synspunktet ditt, må du også sende et høringsinnspill.".into(),
            hearing_id: Some(hearing_id),
            opens_at: now - Duration::days(7),
            closes_at: Some(now + Duration::days(30)),
            moderation: ModerationMode::Post,
            residents_only: false,
            published: true,
        },
        moderator,
        now - Duration::days(8),
    )
    .await?;
    let (ingrid, _) = person(state, "ingrid-hansen", "09835234565").await?;
    let (ola, _) = person(state, "ola-nordmann", "15868523589").await?;
    let (kari, _) = person(state, "kari-nordmann", "30917245750").await?;
    let mut ids = Vec::new();
    for who in [ingrid, ola, kari] {
        ids.push(
            db::ensure_participant(&state.db, organisation_id, who, now)
                .await?
                .id,
        );
    }
    let write = |who: i32, text: &'static str, thread: Option<i64>, days: i64| {
        let db = state.db.clone();
        async move {
            let p = posts::insert(
                &db,
                posts::NewRow {
                    space_id: space.id,
                    thread_id: thread,
                    parent_id: thread,
                    author: posts::Author::Participant(who),
                    text,
                    text_hash: crate::ssr::security::tokens::token_hash(
                        &crate::domain::dialogue::post::duplicate_form(text),
                    ),
                    state: PostState::Visible,
                },
                now - Duration::days(days),
            )
            .await?;
            db::count_published(&db, who).await?;
            Ok::<_, DbErr>(p.id)
        }
    };
    let thread = write(
        ids[0],
        "Det er bra at planen gir flere boliger i sentrum, men fem etasjer rett ut mot Storgata blir for mye. Kan bygget trappes ned mot gata, slik at det passer med husene rundt?",
        None,
        6,
    )
    .await?;
    write(
        ids[1],
        "Enig i at det bør trappes ned mot gata. Samtidig trenger vi boligene – kanskje det kan bygges høyere inn mot bakgården i stedet?",
        Some(thread),
        5,
    )
    .await?;
    write(
        ids[2],
        "Hva skjer med **trærne** langs Storgata mens det bygges? Planbeskrivelsen sier lite om anleggsperioden.",
        None,
        4,
    )
    .await?;
    let hidden = write(
        ids[1],
        "De som har laget denne planen er noen idioter som burde fått sparken.",
        Some(thread),
        3,
    )
    .await?;
    posts::set_state(&state.db, hidden, PostState::Hidden, Some(1), false, now).await?;
    let answer = "Takk for innspillene. Byggehøyden mot Storgata er et av spørsmålene kommunestyret skal ta stilling til når planen kommer til politisk behandling etter høringen. Send gjerne et høringsinnspill, så blir synspunktet ditt en del av saken.";
    posts::insert(
        &state.db,
        posts::NewRow {
            space_id: space.id,
            thread_id: Some(thread),
            parent_id: Some(thread),
            author: posts::Author::Official {
                id: official,
                badge,
            },
            text: answer,
            text_hash: crate::ssr::security::tokens::token_hash(
                &crate::domain::dialogue::post::duplicate_form(answer),
            ),
            state: PostState::Visible,
        },
        now - Duration::days(2),
    )
    .await?;
    moderation::record(
        &state.db,
        moderation::Entry {
            organisation_id,
            space_id: Some(space.id),
            post_id: Some(hidden),
            participant_id: Some(ids[1]),
            action: "hide",
            rule: Some(1),
            role: ModeratorRole::Moderator,
            actor_id: Some(moderator),
        },
        now - Duration::days(2),
    )
    .await?;
    Ok(())
}
