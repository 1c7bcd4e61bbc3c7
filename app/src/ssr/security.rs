//! Who is asking and what keeps secrets secret: authentication of staff and citizens,
//! passwords (argon2id), the keyed hash of national ids, sealing, random tokens and their
//! hashes, signed JWTs (jws), and rate limits.

pub mod auth;
pub mod jws;
pub mod password;
pub mod pid;
pub mod rate_limit;
pub mod seal;
pub mod tokens;
pub mod totp;
