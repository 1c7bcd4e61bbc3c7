//! What the platform administrator's pages read.

use crate::domain::organisation::OrgKind;
use crate::dto::organisations::OrganisationDto;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Every organisation on the installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformOverview {
    pub organisations: Vec<OrganisationDto>,
}

/// One current municipality or county of SSB's classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassifiedUnit {
    pub kind: OrgKind,
    pub number: String,
    pub name: String,
}

/// What the form for a new organisation offers: SSB's current municipalities and counties and
/// the date the classification is valid from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrganisationForm {
    pub units: Vec<ClassifiedUnit>,
    pub classification_valid_from: NaiveDate,
}
