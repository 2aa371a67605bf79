//! Open enums of the account model: known values plus `Unknown(raw)`.

use crate::decode::macros::open_enum;

open_enum! {
    /// Newsletter status (`mailingListStatus`).
    pub enum MailingListStatus: str {
        /// Subscribed.
        Active = "active",
        /// Unsubscribed.
        Unsubscribed = "unsubscribed",
        /// Removed.
        Removed = "removed",
    }
}

open_enum! {
    /// Plex Pass subscription status (`subscription.status`).
    pub enum SubscriptionStatus: str {
        /// Active.
        Active = "Active",
        /// Inactive.
        Inactive = "Inactive",
    }
}

open_enum! {
    /// Service availability (`services[].status`).
    pub enum ServiceStatus: str {
        /// Online.
        Online = "online",
        /// Offline.
        Offline = "offline",
    }
}

open_enum! {
    /// State of a past subscription (`pastSubscriptions[].state`).
    pub enum PastSubscriptionState: str {
        /// Ended.
        Ended = "ended",
    }
}

open_enum! {
    /// Auto-select subtitle mode (`profile.autoSelectSubtitle`).
    pub enum AutoSelectSubtitle: int {
        /// Manually selected.
        ManuallySelected = 0,
        /// Shown with foreign audio.
        ShownWithForeignAudio = 1,
        /// Always enabled.
        AlwaysEnabled = 2,
    }
}

open_enum! {
    /// SDH subtitle preference (`profile.defaultSubtitleAccessibility`).
    pub enum SubtitleAccessibility: int {
        /// Prefer non-SDH subtitles.
        PreferNonSdh = 0,
        /// Prefer SDH subtitles.
        PreferSdh = 1,
        /// Only SDH subtitles.
        OnlySdh = 2,
        /// Only non-SDH subtitles.
        OnlyNonSdh = 3,
    }
}

open_enum! {
    /// Forced subtitle preference (`profile.defaultSubtitleForced`).
    pub enum SubtitleForced: int {
        /// Prefer non-forced subtitles.
        PreferNonForced = 0,
        /// Prefer forced subtitles.
        PreferForced = 1,
        /// Only forced subtitles.
        OnlyForced = 2,
        /// Only non-forced subtitles.
        OnlyNonForced = 3,
    }
}

open_enum! {
    /// Audio accessibility preference (`profile.defaultAudioAccessibility`).
    pub enum AudioAccessibility: int {
        /// Prefer non-accessibility audio.
        PreferNonAccessibility = 0,
        /// Prefer accessibility audio.
        PreferAccessibility = 1,
        /// Only accessibility audio.
        OnlyAccessibility = 2,
        /// Only non-accessibility audio.
        OnlyNonAccessibility = 3,
    }
}

open_enum! {
    /// Watched indicators (`profile.watchedIndicator`).
    pub enum WatchedIndicator: int {
        /// None.
        None = 0,
        /// Movies and TV shows.
        MoviesAndTvShows = 1,
        /// Movies only.
        Movies = 2,
        /// TV shows only.
        TvShows = 3,
    }
}

open_enum! {
    /// Who sees media reviews (`profile.mediaReviewsVisibility`).
    pub enum MediaReviewsVisibility: int {
        /// No one.
        NoOne = 0,
        /// Critics only.
        CriticsOnly = 1,
        /// Plex users only.
        PlexUsersOnly = 2,
        /// Plex users and critics.
        PlexUsersAndCritics = 3,
    }
}
