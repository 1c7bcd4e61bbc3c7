//! Surveys, by journey: staff write a questionnaire (and it freezes once answered), respondents
//! answer page by page without JavaScript, and results are published with small figures hidden.

mod answering;
mod results;
mod sending;
mod writing;
