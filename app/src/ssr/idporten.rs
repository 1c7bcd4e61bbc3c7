//! Citizen login with ID-porten (OpenID Connect, authorization code flow with PKCE): the
//! provider's metadata (discovery, cached), the client and its authentication at the token
//! endpoint, and the ID token's claims; starting a login (`login`), its callback (`callback`),
//! and the logout (`logout`).

pub mod callback;
pub mod client_auth;
pub mod login;
pub mod logout;
pub mod provider;

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreRevocableToken,
    CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::core::{
    CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGrantType,
    CoreJweKeyManagementAlgorithm, CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalClaims, AdditionalProviderMetadata, Client, EmptyExtraTokenFields, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IdToken, IdTokenClaims, IdTokenFields, LogoutProviderMetadata,
    ProviderMetadata, StandardErrorResponse, StandardTokenResponse,
};
use serde::{Deserialize, Serialize};

pub use provider::IdPorten;

/// The claims ID-porten adds to the standard ones.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct IdPortenClaims {
    /// The national id (fødselsnummer or d-nummer); absent for eIDAS and self-registered logins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<String>,
    /// The provider's session id, named again by a front-channel logout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
}

impl AdditionalClaims for IdPortenClaims {}

impl std::fmt::Debug for IdPortenClaims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdPortenClaims")
            .field("pid", &self.pid.as_ref().map(|_| "***********"))
            .field("sid", &self.sid)
            .finish()
    }
}

/// What ID-porten's discovery document says beyond the standard and logout fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct IssuerInResponse {
    /// RFC 9207: the authorization response carries `iss`; a response without it is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_response_iss_parameter_supported: Option<bool>,
}

impl AdditionalProviderMetadata for IssuerInResponse {}

pub type Metadata = ProviderMetadata<
    LogoutProviderMetadata<IssuerInResponse>,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;
pub type IdPortenIdToken = IdToken<
    IdPortenClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
pub type IdPortenIdTokenClaims = IdTokenClaims<IdPortenClaims, CoreGenderClaim>;
pub type IdPortenTokenResponse = StandardTokenResponse<
    IdTokenFields<
        IdPortenClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;
/// The OpenID Connect client for ID-porten, as built from discovered metadata.
pub type IdPortenClient = Client<
    IdPortenClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    IdPortenTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;
