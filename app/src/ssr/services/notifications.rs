//! Telling followers: the worker fans each recorded event out to its case's followers in
//! batches (`fanout`), sends the digests that are due (`digest`), and records the events that
//! no request causes (an initiative reaching its threshold: `threshold`). What a mail says is
//! `render`. Safe in several processes at once: an event is claimed by one, and a batch is
//! counted by moving the event's cursor in the batch's own transaction.

pub mod digest;
pub mod fanout;
pub mod render;
pub mod threshold;

use crate::domain::follow::CaseKind;
use crate::error::AppError;
use crate::ssr::services::follows::{PublicCase, case_by_ids};
use crate::ssr::state::AppState;
use std::collections::HashMap;

/// Cases looked up once per run, by organisation, kind and id.
#[derive(Default)]
pub struct Cases(HashMap<(i32, CaseKind, i32), Option<PublicCase>>);

impl Cases {
    pub async fn get(
        &mut self,
        state: &AppState,
        org: i32,
        kind: CaseKind,
        id: i32,
    ) -> Result<Option<PublicCase>, AppError> {
        if let Some(c) = self.0.get(&(org, kind, id)) {
            return Ok(c.clone());
        }
        let c = case_by_ids(state, org, kind, id).await?;
        self.0.insert((org, kind, id), c.clone());
        Ok(c)
    }
}
