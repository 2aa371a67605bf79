//! The fields a Plex JWT may carry about the user, requested as the device JWT's `scope`.

use crate::error::Error;
use std::fmt;
use std::str::FromStr;

/// One scope Plex knows (reference §7.4): each adds a field to the Plex JWT's `user` claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `username`.
    Username,
    /// `email`.
    Email,
    /// `friendly_name`.
    FriendlyName,
    /// `restricted` (a managed user).
    Restricted,
    /// `anonymous`.
    Anonymous,
    /// `joinedAt`.
    JoinedAt,
}

impl Scope {
    /// Every scope, in the order Plex documents them.
    pub const ALL: [Scope; 6] =
        [Scope::Username, Scope::Email, Scope::FriendlyName, Scope::Restricted, Scope::Anonymous, Scope::JoinedAt];

    /// The name as the `scope` claim spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Username => "username",
            Scope::Email => "email",
            Scope::FriendlyName => "friendly_name",
            Scope::Restricted => "restricted",
            Scope::Anonymous => "anonymous",
            Scope::JoinedAt => "joinedAt",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Scope`]s; shown (and sent) comma-separated in Plex's order.
///
/// ```
/// use plex_auth_core::jwt::{Scope, Scopes};
/// let scopes: Scopes = "email,username".parse()?;
/// assert_eq!(scopes.to_string(), "username,email");
/// assert!(scopes.contains(Scope::Email) && !scopes.contains(Scope::JoinedAt));
/// assert_eq!(Scopes::all().to_string(), "username,email,friendly_name,restricted,anonymous,joinedAt");
/// # Ok::<(), plex_auth_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Scopes(u8);

impl Scopes {
    /// No scope: the Plex JWT names only the user's id and uuid.
    pub const fn empty() -> Self {
        Self(0)
    }

    /// Every scope (what python-plexapi asks for by default).
    pub fn all() -> Self {
        Scope::ALL.into_iter().collect()
    }

    /// This set with `scope` added.
    #[must_use]
    pub fn with(self, scope: Scope) -> Self {
        Self(self.0 | scope.bit())
    }

    /// True when `scope` is in the set.
    pub fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    /// The scopes in the set, in Plex's order.
    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        iter.into_iter().fold(Self::empty(), Self::with)
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, scope) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(scope.as_str())?;
        }
        Ok(())
    }
}

impl FromStr for Scope {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        Scope::ALL.into_iter().find(|scope| scope.as_str() == s).ok_or_else(|| {
            Error::invalid(
                "scope",
                "unknown scope; known: username, email, friendly_name, restricted, anonymous, joinedAt",
            )
        })
    }
}

impl FromStr for Scopes {
    type Err = Error;

    /// Comma-separated names; empty parts are ignored, so `""` is the empty set.
    fn from_str(s: &str) -> Result<Self, Error> {
        s.split(',').filter(|part| !part.trim().is_empty()).map(str::parse::<Scope>).collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn unknown_names_are_refused_and_empty_parts_ignored() {
        assert_eq!(" username, ,joinedAt".parse::<Scopes>().unwrap().to_string(), "username,joinedAt");
        assert_eq!("".parse::<Scopes>().unwrap(), Scopes::empty());
        let err = "username,emails".parse::<Scopes>().unwrap_err();
        assert!(err.to_string().starts_with("invalid scope: unknown scope"), "{err}");
    }

    #[test]
    fn display_round_trips_for_every_subset() {
        for bits in 0u8..64 {
            let scopes: Scopes = Scope::ALL.into_iter().filter(|s| bits & s.bit() != 0).collect();
            assert_eq!(scopes.to_string().parse::<Scopes>().unwrap(), scopes);
        }
    }
}
