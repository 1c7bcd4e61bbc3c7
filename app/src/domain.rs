//! Pure types and rules of Innspill: no I/O, no leptos, no database. Every type here parses and
//! normalises its input once, so that nothing unvalidated travels further.

/// `Debug` for a struct that carries personal data: only the named fields (ids, dates,
/// statuses) are shown, the rest is left out (`..`), so that a `{:?}` in a log line or a panic
/// cannot print a name, an address, an email address, free text or a hash of a national id.
macro_rules! debug_only {
    ($t:ty { $($field:ident),* $(,)? }) => {
        impl ::std::fmt::Debug for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($t))
                    $(.field(stringify!($field), &self.$field))*
                    .finish_non_exhaustive()
            }
        }
    };
}
pub(crate) use debug_only;

pub mod dialogue;
pub mod email;
pub mod field_errors;
pub mod follow;
pub mod hearing;
pub mod initiative;
pub mod lang;
pub mod loa;
pub mod moment;
pub mod national_id;
pub mod org_number;
pub mod organisation;
pub mod password;
pub mod role;
pub mod submission;
pub mod survey;
