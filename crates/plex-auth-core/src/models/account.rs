//! `UserPlexAccount` and its parts: the answer of `GET /user` and `POST /users/signin`.
//!
//! Every field of spec 0.0.3 and 1.1.1 is modelled; all are optional on input, timestamps are
//! Unix seconds as `i64`, and fields Plex adds later land in `extra`.

use crate::decode::macros::plex_model;
use crate::models::enums::*;
use crate::secret::Secret;
use serde_json::Value;

plex_model! {
    /// A plex.tv account, as `GET /user` and `POST /users/signin` return it.
    pub struct UserPlexAccount {
        /// The Plex account ID.
        "id" => id: i64,
        /// The account UUID.
        "uuid" => uuid: String,
        /// The account username.
        "username" => username: String,
        /// The title of the account (username or friendly name).
        "title" => title: String,
        /// The account email address.
        "email" => email: String,
        /// The account's full name.
        "friendlyName" => friendly_name: String,
        /// The account locale.
        "locale" => locale: String,
        /// If the account has been confirmed.
        "confirmed" => confirmed: bool,
        /// When the account was created (Unix seconds).
        "joinedAt" => joined_at: i64,
        /// If login with email only is enabled.
        "emailOnlyAuth" => email_only_auth: bool,
        /// If the account has a password.
        "hasPassword" => has_password: bool,
        /// If the account has a Plex Home PIN enabled.
        "protected" => protected: bool,
        /// URL of the account thumbnail.
        "thumb" => thumb: String,
        /// The account token (a secret).
        "authToken" => auth_token: Secret,
        /// Newsletter status.
        "mailingListStatus" => mailing_list_status: MailingListStatus,
        /// If subscribed to the Plex newsletter.
        "mailingListActive" => mailing_list_active: bool,
        /// Scrobble types (comma-separated).
        "scrobbleTypes" => scrobble_types: String,
        /// Two-letter account country.
        "country" => country: String,
        /// The Plex Pass subscription.
        "subscription" => subscription: Subscription,
        /// Description of the Plex Pass subscription.
        "subscriptionDescription" => subscription_description: String,
        /// If the account is a Plex Home managed user.
        "restricted" => restricted: bool,
        /// Anonymous account.
        "anonymous" => anonymous: bool,
        /// If the account is a Plex Home user.
        "home" => home: bool,
        /// If the account is a Plex Home guest user.
        "guest" => guest: bool,
        /// The number of accounts in the Plex Home.
        "homeSize" => home_size: i64,
        /// If the account is the Plex Home admin.
        "homeAdmin" => home_admin: bool,
        /// The maximum number of accounts allowed in the Plex Home.
        "maxHomeSize" => max_home_size: i64,
        /// When "remember me" expires (Unix seconds).
        "rememberExpiresAt" => remember_expires_at: i64,
        /// Playback preferences.
        "profile" => profile: UserProfile,
        /// Devices the account may use.
        "entitlements" => entitlements: Vec<String>,
        /// Account roles.
        "roles" => roles: Vec<String>,
        /// All subscriptions.
        "subscriptions" => subscriptions: Vec<Subscription>,
        /// Past subscriptions (sent by sign-in).
        "pastSubscriptions" => past_subscriptions: Vec<PastSubscription>,
        /// Trials (sent by sign-in).
        "trials" => trials: Vec<Value>,
        /// Plex services with their endpoints and tokens.
        "services" => services: Vec<Service>,
        /// Ads consent.
        "adsConsent" => ads_consent: bool,
        /// When ads consent was set (Unix seconds).
        "adsConsentSetAt" => ads_consent_set_at: i64,
        /// When to remind about ads consent (Unix seconds).
        "adsConsentReminderAt" => ads_consent_reminder_at: i64,
        /// If experimental features are enabled.
        "experimentalFeatures" => experimental_features: bool,
        /// If two-factor authentication is enabled.
        "twoFactorEnabled" => two_factor_enabled: bool,
        /// If 2FA backup codes have been created.
        "backupCodesCreated" => backup_codes_created: bool,
        /// Attribution partner.
        "attributionPartner" => attribution_partner: String,
        /// Deprecated: the hashed Plex Home PIN.
        "pin" => pin: String,
    }
}

plex_model! {
    /// Playback preferences of an account (`profile`).
    pub struct UserProfile {
        /// Automatically select audio and subtitle tracks.
        "autoSelectAudio" => auto_select_audio: bool,
        /// Preferred audio language.
        "defaultAudioLanguage" => default_audio_language: String,
        /// Preferred audio languages.
        "defaultAudioLanguages" => default_audio_languages: Vec<String>,
        /// Audio accessibility mode.
        "defaultAudioAccessibility" => default_audio_accessibility: AudioAccessibility,
        /// Preferred subtitle language.
        "defaultSubtitleLanguage" => default_subtitle_language: String,
        /// Preferred subtitle languages.
        "defaultSubtitleLanguages" => default_subtitle_languages: Vec<String>,
        /// Auto-select subtitle mode.
        "autoSelectSubtitle" => auto_select_subtitle: AutoSelectSubtitle,
        /// SDH subtitle mode.
        "defaultSubtitleAccessibility" => default_subtitle_accessibility: SubtitleAccessibility,
        /// Forced subtitle mode.
        "defaultSubtitleForced" => default_subtitle_forced: SubtitleForced,
        /// Watched indicators.
        "watchedIndicator" => watched_indicator: WatchedIndicator,
        /// Media reviews visibility.
        "mediaReviewsVisibility" => media_reviews_visibility: MediaReviewsVisibility,
        /// Media review languages.
        "mediaReviewsLanguages" => media_reviews_languages: Vec<String>,
    }
}

plex_model! {
    /// A Plex Pass subscription.
    pub struct Subscription {
        /// Features allowed on the subscription.
        "features" => features: Vec<String>,
        /// If the subscription is active.
        "active" => active: bool,
        /// When the account subscribed (ISO 8601).
        "subscribedAt" => subscribed_at: String,
        /// Status.
        "status" => status: SubscriptionStatus,
        /// Payment service.
        "paymentService" => payment_service: String,
        /// Plan name.
        "plan" => plan: String,
    }
}

plex_model! {
    /// A Plex service the account can use, with its own token.
    pub struct Service {
        /// Service identifier, e.g. `metadata`.
        "identifier" => identifier: String,
        /// Service endpoint URL.
        "endpoint" => endpoint: String,
        /// Service token (a secret).
        "token" => token: Secret,
        /// Service secret (a secret).
        "secret" => secret: Secret,
        /// Availability.
        "status" => status: ServiceStatus,
    }
}

plex_model! {
    /// A past subscription (`pastSubscriptions[]`, sent by sign-in).
    pub struct PastSubscription {
        /// Subscription id.
        "id" => id: String,
        /// Mode.
        "mode" => mode: String,
        /// Renewal time (Unix seconds).
        "renewsAt" => renews_at: i64,
        /// End time (Unix seconds).
        "endsAt" => ends_at: i64,
        /// Canceled.
        "canceled" => canceled: bool,
        /// In grace period.
        "gracePeriod" => grace_period: bool,
        /// On hold.
        "onHold" => on_hold: bool,
        /// Can be reactivated.
        "canReactivate" => can_reactivate: bool,
        /// Can be upgraded.
        "canUpgrade" => can_upgrade: bool,
        /// Can be downgraded.
        "canDowngrade" => can_downgrade: bool,
        /// Can be converted.
        "canConvert" => can_convert: bool,
        /// Subscription type, e.g. `plexpass`.
        "type" => kind: String,
        /// Transfer.
        "transfer" => transfer: String,
        /// State.
        "state" => state: PastSubscriptionState,
        /// Billing details.
        "billing" => billing: Billing,
    }
}

plex_model! {
    /// Billing details of a past subscription.
    pub struct Billing {
        /// Internal payment method (free-form object).
        "internalPaymentMethod" => internal_payment_method: Value,
        /// Payment method id.
        "paymentMethodId" => payment_method_id: i64,
    }
}

impl UserPlexAccount {
    /// The account's services, empty when Plex listed none.
    pub fn services(&self) -> &[Service] {
        self.services.as_deref().unwrap_or_default()
    }

    /// The account's subscriptions, empty when Plex listed none.
    pub fn subscriptions(&self) -> &[Subscription] {
        self.subscriptions.as_deref().unwrap_or_default()
    }

    /// The account's roles, empty when Plex listed none.
    pub fn roles(&self) -> &[String] {
        self.roles.as_deref().unwrap_or_default()
    }
}

impl Subscription {
    /// The subscription's features, empty when Plex listed none.
    pub fn features(&self) -> &[String] {
        self.features.as_deref().unwrap_or_default()
    }
}
