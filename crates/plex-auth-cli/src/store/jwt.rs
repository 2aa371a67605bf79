//! The JWT side of the config dir: a client identifier of its own (Plex stops accepting an
//! identifier's legacy token once a JWT is issued for it), the Ed25519 device key as PKCS#8
//! PEM and the last Plex JWT, each owner-only (0600) like the token file.

use super::private_fs::{Existing, Written, private_dir, read_bounded, write_private};
use super::{Store, generate_id, parse};
use crate::failure::Failure;
use plex_auth_core::jwt::DeviceKey;
use std::path::PathBuf;

const JWT_CLIENT_ID_FILE: &str = "jwt-client-id";
const DEVICE_KEY_FILE: &str = "jwt-device-key.pem";
const JWT_FILE: &str = "jwt-token";

impl Store {
    /// Where the device key lives (or would).
    pub fn device_key_path(&self) -> PathBuf {
        self.dir().join(DEVICE_KEY_FILE)
    }

    /// The client identifier used for JWT, generated and stored on first use, never the one
    /// of `signin`/`login`.
    pub fn jwt_client_id(&self) -> Result<String, Failure> {
        self.generated(JWT_CLIENT_ID_FILE)
    }

    /// The saved device key, if any. The error never quotes the file: it is a private key.
    pub fn device_key(&self) -> Result<Option<DeviceKey>, Failure> {
        private_dir(self.dir(), false)?;
        let path = self.device_key_path();
        let Some(bytes) = read_bounded(&path, true)? else { return Ok(None) };
        let text = zeroize::Zeroizing::new(String::from_utf8(bytes).map_err(|_| unusable_key(&path))?);
        DeviceKey::from_pkcs8_pem(&text).map(Some).map_err(|_| unusable_key(&path))
    }

    /// The saved device key, or a new one from the OS RNG, saved (0600) before it is used so
    /// that nothing registered with Plex can be lost. The flag says whether it is new.
    pub fn device_key_or_new(&self) -> Result<(DeviceKey, bool), Failure> {
        if let Some(key) = self.device_key()? {
            return Ok((key, false));
        }
        let key = DeviceKey::generate().map_err(|e| Failure::io(format!("cannot make a device key: {e}")))?;
        let pem = key.to_pkcs8_pem().map_err(|e| Failure::io(format!("cannot encode the device key: {e}")))?;
        private_dir(self.dir(), true)?;
        match write_private(self.dir(), DEVICE_KEY_FILE, pem.as_bytes(), Existing::Keep)? {
            Written::To(_) => Ok((key, true)),
            // Another run made one first: use that one.
            Written::AlreadyThere => {
                self.device_key()?.map(|k| (k, false)).ok_or_else(|| unusable_key(&self.device_key_path()))
            }
        }
    }

    /// The saved Plex JWT, if any.
    pub fn jwt(&self) -> Result<Option<String>, Failure> {
        private_dir(self.dir(), false)?;
        let path = self.dir().join(JWT_FILE);
        let Some(bytes) = read_bounded(&path, true)? else { return Ok(None) };
        parse::parse(&bytes)
            .map_err(|reason| Failure::io(format!("cannot use {}: its content {reason}", path.display())))
    }

    /// Saves the Plex JWT (0600), replacing the previous one.
    pub fn save_jwt(&self, jwt: &str) -> Result<PathBuf, Failure> {
        parse::check_token(jwt).map_err(Failure::unusable_token)?;
        private_dir(self.dir(), true)?;
        match write_private(self.dir(), JWT_FILE, jwt.as_bytes(), Existing::Replace)? {
            Written::To(path) => Ok(path),
            Written::AlreadyThere => Err(Failure::io("the JWT file was not replaced")),
        }
    }

    /// A value generated once and kept in `name` (see [`Store::client_id`]).
    pub(super) fn generated(&self, name: &str) -> Result<String, Failure> {
        private_dir(self.dir(), true)?;
        if let Some(id) = self.read(name)? {
            return Ok(id);
        }
        let id = generate_id();
        match write_private(self.dir(), name, id.as_bytes(), Existing::Keep)? {
            Written::To(_) => Ok(id),
            Written::AlreadyThere => self.read(name)?.ok_or_else(|| {
                Failure::io(format!("{} is empty; delete it to get a new identifier", self.dir().join(name).display()))
            }),
        }
    }
}

fn unusable_key(path: &std::path::Path) -> Failure {
    Failure::io(format!("cannot use {}: not an Ed25519 private key in PKCS#8 PEM", path.display())).with_hint(
        "move the file away and run `plex-auth login --jwt` (or `plex-auth jwt register`) to make and register a new key",
    )
}
