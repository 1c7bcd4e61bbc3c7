//! Surveys and the citizen panel. So far the rules their pages and results rest on:
//! `questionnaire` (questions of eight kinds, conditional display, answers checked page by
//! page), `strata` (age band from the birth date × gender × district), `sampling` (proportional
//! allocation and a reproducible simple random sample per stratum), `weighting` (raking with
//! trimming, design effect, margins of error) and `suppression` (small cells hidden, with
//! complementary suppression so none can be worked out).

pub mod questionnaire;
pub mod sampling;
pub mod strata;
pub mod suppression;
pub mod weighting;
