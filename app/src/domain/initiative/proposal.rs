//! The proposal form of a citizen initiative, parsed once: what the proposer typed
//! (`ProposalForm`) and a proposal right in every field (`Proposal`), with a collection end
//! after today and within the organisation's longest collection period.

use crate::domain::field_errors::FieldErrors;
use crate::domain::initiative::MAX_COLLECTION_MONTHS;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The proposal form as typed (attachments come beside it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalForm {
    pub title: String,
    pub ask: String,
    pub justification: String,
    /// `YYYY-MM-DD`, the last day of collection.
    pub collection_ends: String,
}

/// A proposal right in every field, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub title: String,
    pub ask: String,
    pub justification: String,
    pub collection_ends: NaiveDate,
}

impl Proposal {
    pub const MESSAGE_KEYS: &[&str] = &[
        "initiative.form.title_invalid",
        "initiative.form.ask_invalid",
        "initiative.form.justification_invalid",
        "initiative.form.date_invalid",
        "initiative.form.date_past",
        "initiative.form.date_too_late",
    ];

    /// Parses the form on `today` (in Norway) for an organisation that lets a collection run
    /// `max_months` (1 to 12).
    pub fn parse(
        form: &ProposalForm,
        max_months: i32,
        today: NaiveDate,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let len = |s: &str| s.trim().chars().count();
        if !(5..=150).contains(&len(&form.title)) {
            errors.add("title", "initiative.form.title_invalid");
        }
        if !(10..=2000).contains(&len(&form.ask)) {
            errors.add("ask", "initiative.form.ask_invalid");
        }
        if !(10..=10_000).contains(&len(&form.justification)) {
            errors.add("justification", "initiative.form.justification_invalid");
        }
        let months = max_months.clamp(1, MAX_COLLECTION_MONTHS as i32) as u32;
        let latest = today
            .checked_add_months(Months::new(months))
            .unwrap_or(today);
        let ends = NaiveDate::parse_from_str(form.collection_ends.trim(), "%Y-%m-%d").ok();
        match ends {
            None => errors.add("collection_ends", "initiative.form.date_invalid"),
            Some(d) if d <= today => errors.add("collection_ends", "initiative.form.date_past"),
            Some(d) if d > latest => errors.add("collection_ends", "initiative.form.date_too_late"),
            _ => {}
        }
        errors.into_result()?;
        Ok(Proposal {
            title: form.title.trim().to_string(),
            ask: form.ask.trim().to_string(),
            justification: form.justification.trim().to_string(),
            collection_ends: ends.ok_or_else(FieldErrors::new)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date")
    }

    fn form() -> ProposalForm {
        ProposalForm {
            title: " Flere benker i parken ".into(),
            ask: "Kommunestyret bes sette opp benker.".into(),
            justification: "Eldre trenger hvile på turen.".into(),
            collection_ends: "2027-05-28".into(),
        }
    }

    #[test]
    fn a_right_form_is_trimmed_and_may_collect_up_to_the_organisations_limit() {
        let p = Proposal::parse(&form(), 6, today()).expect("valid");
        assert_eq!(p.title, "Flere benker i parken");
        assert_eq!(
            p.collection_ends,
            NaiveDate::from_ymd_opt(2027, 5, 28).expect("a date")
        );
    }

    /// A change to a right form, the longest collection, the field it spoils and its message.
    type Case = (fn(&mut ProposalForm), i32, &'static str, &'static str);

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let cases: Vec<Case> = vec![
            (
                |f| f.title = "Ben".into(),
                6,
                "title",
                "initiative.form.title_invalid",
            ),
            (
                |f| f.ask = "Ja".into(),
                6,
                "ask",
                "initiative.form.ask_invalid",
            ),
            (
                |f| f.justification = " ".into(),
                6,
                "justification",
                "initiative.form.justification_invalid",
            ),
            (
                |f| f.collection_ends = "28.05.2027".into(),
                6,
                "collection_ends",
                "initiative.form.date_invalid",
            ),
            (
                |f| f.collection_ends = "2026-11-28".into(),
                6,
                "collection_ends",
                "initiative.form.date_past",
            ),
            (
                |_| {},
                3,
                "collection_ends",
                "initiative.form.date_too_late",
            ),
            (
                |f| f.collection_ends = "2027-11-29".into(),
                99,
                "collection_ends",
                "initiative.form.date_too_late",
            ),
        ];
        for (change, months, field, key) in cases {
            let mut f = form();
            change(&mut f);
            let errors = Proposal::parse(&f, months, today()).unwrap_err();
            assert_eq!(
                errors.0,
                vec![(field.to_string(), key.to_string())],
                "{key}"
            );
            assert!(Proposal::MESSAGE_KEYS.contains(&key));
        }
    }
}
