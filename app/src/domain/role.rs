//! Staff roles, held per organisation.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    CaseOfficer,
    Moderator,
    ElectedOfficial,
}

/// Who may write and run hearings.
pub const HEARING_EDITORS: &[Role] = &[Role::Admin, Role::CaseOfficer];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: use admin, case_officer, moderator or elected_official")]
pub struct UnknownRole(pub String);

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::CaseOfficer,
        Role::Moderator,
        Role::ElectedOfficial,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::CaseOfficer => "case_officer",
            Role::Moderator => "moderator",
            Role::ElectedOfficial => "elected_official",
        }
    }

    pub fn parse(s: &str) -> Result<Self, UnknownRole> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == norm)
            .ok_or_else(|| UnknownRole(s.to_string()))
    }

    /// Translation key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role.admin",
            Role::CaseOfficer => "role.case_officer",
            Role::Moderator => "role.moderator",
            Role::ElectedOfficial => "role.elected_official",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_names_and_nothing_else() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        assert_eq!(Role::parse(" Case-Officer "), Ok(Role::CaseOfficer));
        assert!(Role::parse("superuser").is_err());
        assert!(Role::parse("").is_err());
    }
}
