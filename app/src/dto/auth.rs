//! Who is logged in as staff, the request's CSRF token, and the values a failed form post kept.

use crate::domain::role::Role;
use serde::{Deserialize, Serialize};

/// The current request's CSRF token, put in the request's extensions by the CSRF layer and
/// rendered into every form of its page.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipSummary {
    pub slug: String,
    pub organisation_name: String,
    pub role: Role,
}

/// The logged-in staff user as they may see themselves.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSummary {
    pub name: String,
    pub email: String,
    pub memberships: Vec<MembershipSummary>,
    /// The platform administrator (creates and deactivates organisations).
    pub platform_admin: bool,
    /// Whether the account has a second factor.
    pub second_factor: bool,
    /// Admin roles that count only once the account has a second factor.
    pub needs_second_factor: Vec<MembershipSummary>,
}

crate::domain::debug_only!(StaffSummary { memberships });

/// What a failed plain (no-JavaScript) form post had typed in, and which form it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptForm {
    pub form: String,
    pub values: Vec<(String, String)>,
}

impl KeptForm {
    /// The kept values if they belong to `form` and `failed` (the page shows that form's error).
    pub fn values_for(kept: &Option<KeptForm>, form: &str, failed: bool) -> Vec<(String, String)> {
        kept.as_ref()
            .filter(|k| failed && k.form == form)
            .map(|k| k.values.clone())
            .unwrap_or_default()
    }
}

/// Setting up a second factor: the secret as text and as a QR code, while none is set up.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorSetup {
    /// The account has a second factor already.
    pub enabled: bool,
    /// The new secret, base32 (to type into the app); `None` when enabled.
    pub secret: Option<String>,
    /// The QR code of the secret's `otpauth://` address, as a `data:` image.
    pub qr_code: Option<String>,
}

crate::domain::debug_only!(SecondFactorSetup { enabled });
