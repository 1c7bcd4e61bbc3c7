//! The actions of the administration page, shared by its sections.

use crate::features::admin::api::{
    AddBody, InviteStaff, ManageInvitation, RemoveBody, RemoveLogo, UpdateBranding, UpdateMember,
    UpdateOrganisation,
};
use crate::features::initiatives::staff_api::UpdateInitiativeSettings;
use leptos::prelude::*;

/// The actions of the page; the overview reloads after any of them.
#[derive(Clone, Copy)]
pub struct AdminActions {
    pub profile: ServerAction<UpdateOrganisation>,
    pub add_body: ServerAction<AddBody>,
    pub remove_body: ServerAction<RemoveBody>,
    pub invite: ServerAction<InviteStaff>,
    pub member: ServerAction<UpdateMember>,
    pub invitation: ServerAction<ManageInvitation>,
    pub initiatives: ServerAction<UpdateInitiativeSettings>,
    pub branding: ServerAction<UpdateBranding>,
    pub remove_logo: ServerAction<RemoveLogo>,
}
