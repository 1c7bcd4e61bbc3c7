//! Surveys (spørreundersøkelser): staff write a questionnaire of sections and questions, open
//! it, and publish its results; anyone answers an open survey page by page (one answer per
//! person where it asks for a login); the public sees the results with small figures hidden.

pub mod api;
pub mod conditions;
pub mod editor_page;
pub mod editor_questions;
pub mod list_page;
pub mod question_fields;
pub mod response_page;
pub mod results_page;
pub mod staff_api;
pub mod staff_list_page;
pub mod survey_page;
pub mod texts_page;
