//! The smaller forms of an organisation's administration, parsed once: its initiative rules, a
//! new body (council or committee), and an invitation of a staff member.

use crate::domain::email::Email;
use crate::domain::field_errors::FieldErrors;
use crate::domain::initiative::MAX_COLLECTION_MONTHS;
use crate::domain::organisation::BodyKind;
use crate::domain::password::check_new_password;
use crate::domain::role::Role;

/// The organisation's rules for citizen initiatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitiativeRules {
    /// The longest collection a proposer may set (1–12 months).
    pub max_collection_months: i32,
    /// How long signer data of a concluded initiative is kept (0–120 months).
    pub signer_retention_months: i32,
    /// How many days staff take to screen a proposal (1–90).
    pub screening_days: i32,
}

impl InitiativeRules {
    pub const MESSAGE_KEYS: &[&str] = &[
        "admin.initiatives.months_invalid",
        "admin.initiatives.retention_invalid",
        "admin.initiatives.days_invalid",
    ];

    pub fn parse(months: &str, retention: &str, days: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut number = |s: &str, range: std::ops::RangeInclusive<i32>, field, key| {
            let n = s.trim().parse::<i32>().ok().filter(|n| range.contains(n));
            if n.is_none() {
                errors.add(field, key);
            }
            n
        };
        let max = number(
            months,
            1..=MAX_COLLECTION_MONTHS as i32,
            "max_collection_months",
            "admin.initiatives.months_invalid",
        );
        let keep = number(
            retention,
            0..=120,
            "signer_retention_months",
            "admin.initiatives.retention_invalid",
        );
        let days = number(
            days,
            1..=90,
            "screening_days",
            "admin.initiatives.days_invalid",
        );
        errors.into_result()?;
        match (max, keep, days) {
            (Some(max_collection_months), Some(signer_retention_months), Some(screening_days)) => {
                Ok(InitiativeRules {
                    max_collection_months,
                    signer_retention_months,
                    screening_days,
                })
            }
            _ => Err(FieldErrors::new()),
        }
    }
}

/// A new body of the organisation; its name must not be taken by another of its bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBody {
    pub name: String,
    pub kind: BodyKind,
}

impl NewBody {
    pub const MESSAGE_KEYS: &[&str] = &[
        "admin.bodies.name_invalid",
        "admin.bodies.name_taken",
        "admin.bodies.kind_invalid",
    ];

    /// Parses the form; `taken` are the names of the organisation's bodies (compared without
    /// regard to the case of ASCII letters).
    pub fn parse(name: &str, kind: &str, taken: &[String]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = name.trim();
        if !(2..=120).contains(&name.chars().count()) {
            errors.add("body_name", "admin.bodies.name_invalid");
        } else if taken.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            errors.add("body_name", "admin.bodies.name_taken");
        }
        let kind = BodyKind::parse(kind);
        if kind.is_none() {
            errors.add("body_kind", "admin.bodies.kind_invalid");
        }
        errors.into_result()?;
        Ok(NewBody {
            name: name.to_string(),
            kind: kind.ok_or_else(FieldErrors::new)?,
        })
    }
}

/// An invitation of a staff member: their address and the role they get.
#[derive(Clone, PartialEq, Eq)]
pub struct Invitation {
    pub email: Email,
    pub role: Role,
}

crate::domain::debug_only!(Invitation { role });

impl Invitation {
    pub const MESSAGE_KEYS: &[&str] = &["admin.staff.email_invalid", "admin.staff.role_invalid"];

    pub fn parse(email: &str, role: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = Email::parse(email)
            .map_err(|_| errors.add("invite_email", "admin.staff.email_invalid"))
            .ok();
        let role = Role::parse(role)
            .map_err(|_| errors.add("invite_role", "admin.staff.role_invalid"))
            .ok();
        errors.into_result()?;
        match (email, role) {
            (Some(email), Some(role)) => Ok(Invitation { email, role }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// Accepting an invitation: the name the new staff member goes by, and for a new account a
/// password by the policy (an existing account keeps its password).
#[derive(Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub name: String,
}

crate::domain::debug_only!(Acceptance {});

impl Acceptance {
    pub const MESSAGE_KEYS: &[&str] = &["invitation.name_invalid", "invitation.password_too_short"];

    pub fn parse(name: &str, password: &str, new_account: bool) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = name.trim();
        if !(2..=120).contains(&name.chars().count()) {
            errors.add("name", "invitation.name_invalid");
        }
        if new_account && check_new_password(password).is_err() {
            errors.add("password", "invitation.password_too_short");
        }
        errors.into_result()?;
        Ok(Acceptance {
            name: name.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_whole_numbers_within_their_ranges() {
        let r = InitiativeRules::parse(" 6 ", "12", "14").expect("valid");
        assert_eq!(
            (
                r.max_collection_months,
                r.signer_retention_months,
                r.screening_days
            ),
            (6, 12, 14)
        );
        let e = InitiativeRules::parse("13", "-1", "0").unwrap_err();
        let keys: Vec<String> = e.0.into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, InitiativeRules::MESSAGE_KEYS);
    }

    #[test]
    fn a_body_name_is_not_taken_twice_and_an_invitation_needs_an_address_and_a_role() {
        let taken = vec!["Kommunestyret".to_string()];
        let e = NewBody::parse(" kommunestyret ", "council", &taken).unwrap_err();
        assert_eq!(e.get("body_name"), Some("admin.bodies.name_taken"));
        let e = NewBody::parse("K", "club", &taken).unwrap_err();
        assert_eq!(
            (e.get("body_name"), e.get("body_kind")),
            (
                Some("admin.bodies.name_invalid"),
                Some("admin.bodies.kind_invalid")
            )
        );
        let e = Invitation::parse("ola@", "king").unwrap_err();
        let keys: Vec<String> = e.0.into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, Invitation::MESSAGE_KEYS);
        assert!(Invitation::parse("ola@example.org", "case_officer").is_ok());
    }

    #[test]
    fn a_new_account_needs_a_password_by_the_policy_and_an_existing_one_does_not() {
        let e = Acceptance::parse(" O ", "kort", true).unwrap_err();
        let keys: Vec<String> = e.0.into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, Acceptance::MESSAGE_KEYS);
        let a = Acceptance::parse(" Ola Nordmann ", "", false).expect("valid");
        assert_eq!(a.name, "Ola Nordmann");
    }
}
