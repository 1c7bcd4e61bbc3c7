//! The `organisations` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub kind: String,
    #[sea_orm(unique)]
    pub number: String,
    pub population: i64,
    pub population_date: Date,
    pub written_standard: String,
    pub accessibility_url: Option<String>,
    pub created_at: DateTimeUtc,
    /// The longest collection period an initiative may have here (at most 12).
    pub max_collection_months: i32,
    /// How long after an initiative is concluded its signer data is kept.
    pub signer_retention_months: i32,
    /// How many days screening a new initiative takes at most (shown to the proposer).
    pub screening_days: i32,
    /// Organisasjonsnummer: the party national registers are asked for (`consumer_org`).
    pub orgnr: Option<String>,
    pub name_nn: Option<String>,
    pub name_sami: Option<String>,
    pub deactivated_at: Option<DateTimeUtc>,
    pub require_totp: bool,
    pub accent_colour: Option<String>,
    pub logo_key: Option<String>,
    pub logo_type: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
