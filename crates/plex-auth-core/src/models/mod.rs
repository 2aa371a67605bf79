//! Typed Plex models, decoded by the policy in [`crate::decode`].

mod account;
mod connection;
mod enums;
mod identity;
mod jwt;
mod pin;
mod resources;

pub use account::{Billing, PastSubscription, Service, Subscription, UserPlexAccount, UserProfile};
pub use connection::{Connection, SourceConnectionInformation};
pub use enums::{
    AudioAccessibility, AutoSelectSubtitle, MailingListStatus, MediaReviewsVisibility, PastSubscriptionState,
    ServiceStatus, SubscriptionStatus, SubtitleAccessibility, SubtitleForced, WatchedIndicator,
};
pub use identity::ServerIdentity;
pub use jwt::{NonceAnswer, TokenAnswer};
pub use pin::Pin;
pub use resources::{ConnectionProtocol, Resource, ResourceConnection};
