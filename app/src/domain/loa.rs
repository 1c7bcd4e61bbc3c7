//! ID-porten's levels of assurance (the `acr` claim), ordered so that a login can be compared
//! with the minimum a service requires.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Loa {
    /// `idporten-loa-low`: self-registered logins; never enough for Innspill.
    Low,
    /// `idporten-loa-substantial`: MinID, BankID on mobile and the like.
    Substantial,
    /// `idporten-loa-high`: BankID, Buypass, Commfides.
    High,
}

impl Loa {
    /// The `acr` value ID-porten uses for this level.
    pub fn acr(self) -> &'static str {
        match self {
            Loa::Low => "idporten-loa-low",
            Loa::Substantial => "idporten-loa-substantial",
            Loa::High => "idporten-loa-high",
        }
    }

    /// Parses an `acr` value, or the short forms `substantial` and `high` used in configuration.
    /// Unknown values give `None`, which callers treat as too low.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "idporten-loa-low" | "low" => Some(Loa::Low),
            "idporten-loa-substantial" | "substantial" => Some(Loa::Substantial),
            "idporten-loa-high" | "high" => Some(Loa::High),
            _ => None,
        }
    }

    /// Translation key of the level's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Loa::Low => "loa.low",
            Loa::Substantial => "loa.substantial",
            Loa::High => "loa.high",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_and_parse_from_acr_values() {
        assert!(Loa::High > Loa::Substantial && Loa::Substantial > Loa::Low);
        for l in [Loa::Low, Loa::Substantial, Loa::High] {
            assert_eq!(Loa::parse(l.acr()), Some(l));
        }
        assert_eq!(Loa::parse("high"), Some(Loa::High));
        assert_eq!(Loa::parse("Level4"), None);
        assert_eq!(Loa::parse(""), None);
    }
}
