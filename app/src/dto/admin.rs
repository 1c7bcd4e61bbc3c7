//! What organisation administration sends and receives: members, invitations, the profile form.

use crate::domain::role::Role;
use crate::dto::organisations::OrganisationDto;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDto {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub is_you: bool,
}

crate::domain::debug_only!(MemberDto {
    user_id,
    role,
    active,
    is_you
});

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDto {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

crate::domain::debug_only!(InvitationDto {
    id,
    role,
    expires_at
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub organisation: OrganisationDto,
    pub members: Vec<MemberDto>,
    pub pending_invitations: Vec<InvitationDto>,
}

/// The organisation profile as typed: parsed by `Profile::parse` in the domain.
pub use crate::domain::organisation::profile::ProfileInput;

/// What an invited person sees before accepting.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub organisation_name: String,
    pub email: String,
    pub role: Role,
    /// False when the address already has an account (it only gains a role).
    pub needs_password: bool,
}

crate::domain::debug_only!(InvitationInfo {
    role,
    needs_password
});
