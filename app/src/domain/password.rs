//! The password policy for staff accounts (citizens never have passwords: they use ID-porten).

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
}

pub const MIN_LEN: usize = 12;
pub const MAX_LEN: usize = 256;

/// Checks a new password: long enough to resist guessing, short enough to hash cheaply.
/// Length is what matters (NSM, NIST SP 800-63B); no composition rules.
pub fn check_new_password(pw: &str) -> Result<(), PasswordError> {
    let n = pw.chars().count();
    if n < MIN_LEN {
        Err(PasswordError::TooShort)
    } else if n > MAX_LEN {
        Err(PasswordError::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_decides() {
        assert_eq!(check_new_password("kort"), Err(PasswordError::TooShort));
        assert_eq!(
            check_new_password("elleve tegn"),
            Err(PasswordError::TooShort)
        );
        assert_eq!(check_new_password("tolv tegn ok"), Ok(()));
        assert_eq!(
            check_new_password(&"x".repeat(257)),
            Err(PasswordError::TooLong)
        );
    }
}
