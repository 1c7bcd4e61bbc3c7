//! A citizen's own data (GDPR art. 15, 17 and 20): everything Innspill holds linked to them,
//! gathered in one place (`collect`), downloaded as a ZIP built in the background (`export`),
//! and their account deleted — what the law keeps with a public case stays there, detached
//! from them, and everything else goes (`delete`).

pub mod collect;
pub mod delete;
pub mod export;
