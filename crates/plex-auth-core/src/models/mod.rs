//! Typed Plex models, decoded by the policy in [`crate::decode`].

mod account;
mod connection;
mod enums;
mod pin;

pub use account::{Billing, PastSubscription, Service, Subscription, UserPlexAccount, UserProfile};
pub use connection::{Connection, SourceConnectionInformation};
pub use enums::{
    AudioAccessibility, AutoSelectSubtitle, MailingListStatus, MediaReviewsVisibility, PastSubscriptionState,
    ServiceStatus, SubscriptionStatus, SubtitleAccessibility, SubtitleForced, WatchedIndicator,
};
pub use pin::Pin;
