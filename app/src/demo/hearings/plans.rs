//! The table of the demo's other hearings: one in each status, and one of the county's.

use super::*;

/// What a demo hearing gets besides its plan.
pub(super) enum Extra {
    Nothing,
    Submission(Sub<'static>),
    /// The outcome and the address of the decision.
    Outcome(&'static str, &'static str),
}

/// The table of the other demo hearings: organisation, body, plan and what else each gets.
pub(super) fn other_plans(
    kommune: i32,
    council: i32,
    fylke: i32,
) -> [(i32, Option<i32>, Plan<'static>, Extra); 7] {
    let days = Duration::days;
    let council = Some(council);
    [
        (
            kommune,
            council,
            Plan {
                title: "Endring av skoleruta for 2027/2028",
                summary: "Kommunen foreslår å flytte vinterferien én uke for å samordne den med nabokommunene.",
                body: "Endringen må vedtas før skoleruta kunngjøres i februar.",
                opens: -days(3),
                deadline: days(25),
                short_reason: Some(
                    "Skoleruta må vedtas før kunngjøringen i februar, og forslaget kom sent fra nabokommunene.",
                ),
                status: HearingStatus::Open,
            },
            Extra::Nothing,
        ),
        (
            kommune,
            council,
            Plan {
                title: "Kommunedelplan for kulturminner",
                summary: "Planen skal sikre viktige kulturminner i kommunen de neste tolv årene.",
                body: "Høringen åpner snart. Planforslaget legges ut her.",
                opens: days(10),
                deadline: days(100),
                short_reason: None,
                status: HearingStatus::Scheduled,
            },
            Extra::Nothing,
        ),
        (
            kommune,
            council,
            Plan {
                title: "Trafikksikkerhetsplan 2027–2030",
                summary: "Planen prioriterer tiltak for tryggere skoleveier og færre ulykker.",
                body: "Høringsfristen er ute. Innspillene behandles nå.",
                opens: -days(100),
                deadline: -days(10),
                short_reason: None,
                status: HearingStatus::Closed,
            },
            Extra::Submission(sub(
                SubmitterKind::Organisation,
                "Mona Moe",
                Some(("FAU Eksempel skole", "971032146")),
                true,
                "FAU ber om fartshumper ved skolen.",
                None,
                Publication::Published,
                true,
                days(30),
            )),
        ),
        (
            kommune,
            council,
            Plan {
                title: "Gebyrregulativ for byggesaker 2027",
                summary: "Nye gebyrer for byggesaksbehandling fra 1. januar 2027.",
                body: "Gebyrene justeres etter selvkost.",
                opens: -days(200),
                deadline: -days(120),
                short_reason: None,
                status: HearingStatus::Concluded,
            },
            Extra::Outcome(
                "Kommunestyret vedtok gebyrregulativet med én endring: gebyret for små tilbygg ble satt ned.",
                "https://eksempel.kommune.no/politikk/vedtak/2026-123",
            ),
        ),
        (
            kommune,
            None,
            Plan {
                title: "Ny gravplass i nord",
                summary: "Forslag om å anlegge en ny gravplass nord for sentrum.",
                body: "Høringen er avlyst.",
                opens: -days(60),
                deadline: days(30),
                short_reason: None,
                status: HearingStatus::Cancelled,
            },
            Extra::Nothing,
        ),
        (
            kommune,
            None,
            Plan {
                title: "Ny parkeringsnorm for sentrum",
                summary: "Utkast: færre parkeringsplasser per bolig i sentrum.",
                body: "Utkast, ikke publisert.",
                opens: days(30),
                deadline: days(120),
                short_reason: None,
                status: HearingStatus::Draft,
            },
            Extra::Nothing,
        ),
        (
            fylke,
            None,
            Plan {
                title: "Regional plan for kollektivtrafikk",
                summary: "Fylkeskommunen ønskjer innspel til korleis bussrutene skal utviklast fram mot 2035.",
                body: "Planen omfattar alle bussruter i fylket.",
                opens: -days(5),
                deadline: days(85),
                short_reason: None,
                status: HearingStatus::Open,
            },
            Extra::Nothing,
        ),
    ]
}
