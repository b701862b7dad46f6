//! The team server's HTTP API, as CouchDB 3 documents it (pouchdb-server answers the same):
//! sessions, the database and its `_security`, the design document with the roles check, id
//! slots, the changes feed and `_bulk_docs`. Every answer is read by `voronka_core::sync::wire`;
//! what is not CouchDB's is an error, never half used.

use super::http::{self, Answer};
use serde_json::{json, Value};
use voronka_core::domain::IdSlot;
use voronka_core::sync::roles::{self, Role};
use voronka_core::sync::wire::{self, Session};

/// How long an ordinary request may take.
const REQUEST_MS: u32 = 30_000;
/// How long the server holds a long poll open when nothing changes.
pub const LONG_POLL_MS: u32 = 25_000;
/// The name of the long poll, to call it off when a change waits to be sent.
pub const POLL_KEY: &str = "team-poll";
/// Documents sent in one `_bulk_docs` request.
pub const BATCH: usize = 500;

/// Why a request to the team server did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamError {
    /// No answer: offline, the server down, or a CORS refusal (the browser does not say which).
    Offline,
    /// The request was called off.
    Aborted,
    /// Name or password wrong, or the session ended: sign in again.
    SignIn,
    /// Signed in, but not a member of this team's database.
    NotAMember,
    /// The database does not exist (and this user cannot create it).
    NoDatabase,
    /// The database already holds a team's workspace (join it instead of creating).
    AlreadyATeam,
    /// The database holds no team's workspace yet (the head of sales creates it first).
    NotATeam,
    /// Only a head of sales can create the team.
    HeadOnly,
    /// The server refused, with its reason.
    Refused(String),
    /// An answer that is not CouchDB's (a proxy's page, a cut-off body).
    BadAnswer,
    /// Every id slot is taken.
    NoSlot,
}

/// A team server and the team's database on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// The server's address, without a trailing slash.
    pub url: String,
    /// The team's database.
    pub db: String,
}

fn encode(part: &str) -> String {
    js_sys::encode_uri_component(part).into()
}

impl Server {
    /// A server from what the user typed: spaces and trailing slashes dropped.
    pub fn new(url: &str, db: &str) -> Server {
        Server {
            url: url.trim().trim_end_matches('/').to_string(),
            db: db.trim().to_string(),
        }
    }

    fn db_url(&self, path: &str) -> String {
        format!("{}/{}{}", self.url, encode(&self.db), path)
    }

    async fn call(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<Answer, TeamError> {
        self.call_for(method, url, body, REQUEST_MS, None).await
    }

    async fn call_for(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
        timeout_ms: u32,
        key: Option<&str>,
    ) -> Result<Answer, TeamError> {
        let answer = http::send(method, url, body, timeout_ms, key).await;
        match answer.status {
            0 if answer.text == "aborted" && key.is_some() => Err(TeamError::Aborted),
            0 => Err(TeamError::Offline),
            401 => Err(TeamError::SignIn),
            403 => Err(match wire::read_error(&answer.text) {
                Some((_, reason)) if reason.starts_with("voronka:") => TeamError::Refused(reason),
                _ => TeamError::NotAMember,
            }),
            // A gateway in front of a server that is down.
            502..=504 => Err(TeamError::Offline),
            _ => Ok(answer),
        }
    }

    fn unexpected(answer: &Answer) -> TeamError {
        match wire::read_error(&answer.text) {
            Some((error, reason)) => {
                TeamError::Refused(if reason.is_empty() { error } else { reason })
            }
            None => TeamError::BadAnswer,
        }
    }

    /// Signs in (`POST /_session`): the server sets its session cookie; the password is not
    /// kept anywhere.
    pub async fn sign_in(&self, user: &str, password: &str) -> Result<Session, TeamError> {
        let body = json!({"name": user, "password": password}).to_string();
        let answer = self
            .call("POST", &format!("{}/_session", self.url), Some(body))
            .await?;
        if answer.status != 200 {
            return Err(Self::unexpected(&answer));
        }
        wire::read_session(&answer.text).map_err(|_| TeamError::BadAnswer)
    }

    /// Who the session cookie signs in as (`GET /_session`); nobody is [`TeamError::SignIn`].
    pub async fn session(&self) -> Result<Session, TeamError> {
        let answer = self
            .call("GET", &format!("{}/_session", self.url), None)
            .await?;
        let session = wire::read_session(&answer.text).map_err(|_| TeamError::BadAnswer)?;
        if session.name.is_none() {
            return Err(TeamError::SignIn);
        }
        Ok(session)
    }

    /// Ends the session (`DELETE /_session`); the result does not matter to anyone.
    pub async fn sign_out(&self) {
        let url = format!("{}/_session", self.url);
        // Signing out of a server that is gone leaves only a cookie that expires.
        drop(self.call("DELETE", &url, None).await);
    }

    /// Makes the database ready for a new team (a head of sales): created when missing and
    /// this user may (a server admin), its `_security`, and the design document with the
    /// roles check. Refused when it already holds a team's workspace.
    pub async fn prepare(&self, role: Option<Role>) -> Result<(), TeamError> {
        if role != Some(Role::Head) {
            return Err(TeamError::HeadOnly);
        }
        let info = self.call("GET", &self.db_url(""), None).await?;
        if info.status == 404 {
            let made = self.call("PUT", &self.db_url(""), None).await?;
            if made.status >= 300 && made.status != 412 {
                return Err(TeamError::NoDatabase);
            }
            let security = roles::security().to_string();
            let put = self
                .call("PUT", &self.db_url("/_security"), Some(security))
                .await?;
            if put.status >= 300 {
                return Err(Self::unexpected(&put));
            }
        } else if info.status != 200 {
            return Err(Self::unexpected(&info));
        }
        let settings = self.call("GET", &self.db_url("/settings"), None).await?;
        if settings.status == 200 {
            return Err(TeamError::AlreadyATeam);
        }
        self.put_design().await
    }

    async fn put_design(&self) -> Result<(), TeamError> {
        let url = self.db_url(&format!("/{}", roles::DESIGN_ID));
        let old = self.call("GET", &url, None).await?;
        let mut doc = roles::design_doc();
        if old.status == 200 {
            let old: Value = serde_json::from_str(&old.text).map_err(|_| TeamError::BadAnswer)?;
            if old.get("validate_doc_update") == doc.get("validate_doc_update") {
                return Ok(());
            }
            doc["_rev"] = old.get("_rev").cloned().unwrap_or(Value::Null);
        }
        let put = self.call("PUT", &url, Some(doc.to_string())).await?;
        if put.status >= 300 {
            return Err(Self::unexpected(&put));
        }
        Ok(())
    }

    /// Whether the database holds a team's workspace (its settings document).
    pub async fn has_team(&self) -> Result<bool, TeamError> {
        let answer = self.call("GET", &self.db_url("/settings"), None).await?;
        match answer.status {
            200 => Ok(true),
            404 if wire::read_error(&answer.text).is_some_and(|(_, r)| r.contains("database")) => {
                Err(TeamError::NoDatabase)
            }
            404 => Ok(false),
            _ => Err(Self::unexpected(&answer)),
        }
    }

    /// Reserves an id slot for this browser: the first one no other browser took
    /// (`PUT slot:<n>`; a 409 means another browser was quicker, so the next one is tried).
    pub async fn reserve_slot(&self, user: &str, browser: &str) -> Result<IdSlot, TeamError> {
        let list = self
            .call(
                "GET",
                &self.db_url("/_all_docs?startkey=%22slot%3A%22&endkey=%22slot%3A%EF%BF%B0%22"),
                None,
            )
            .await?;
        let taken: std::collections::BTreeSet<u32> = serde_json::from_str::<Value>(&list.text)
            .ok()
            .and_then(|v| v.get("rows").and_then(Value::as_array).cloned())
            .ok_or(TeamError::BadAnswer)?
            .iter()
            .filter_map(|row| row.get("id")?.as_str()?.strip_prefix("slot:")?.parse().ok())
            .collect();
        for n in (0..IdSlot::STRIDE).filter(|n| !taken.contains(n)) {
            let body = json!({"type": "slot", "user": user, "browser": browser}).to_string();
            let put = self
                .call("PUT", &self.db_url(&format!("/slot:{n}")), Some(body))
                .await?;
            match put.status {
                200..=202 => return IdSlot::new(n).ok_or(TeamError::NoSlot),
                409 => continue,
                _ => return Err(Self::unexpected(&put)),
            }
        }
        Err(TeamError::NoSlot)
    }

    /// The changes since `since` with their documents, as the server's JSON text (read by
    /// the team's module); `wait`: as a long poll, answered when something changes (or after
    /// [`LONG_POLL_MS`] with nothing), called off by [`http::abort`]`(`[`POLL_KEY`]`)`.
    pub async fn changes(&self, since: &Value, wait: bool) -> Result<String, TeamError> {
        let since = match since {
            Value::String(s) => encode(s),
            Value::Null => "0".to_string(),
            other => encode(&other.to_string()),
        };
        let mut url = self.db_url(&format!(
            "/_changes?include_docs=true&style=main_only&since={since}"
        ));
        let (timeout, key) = if wait {
            url.push_str(&format!("&feed=longpoll&timeout={LONG_POLL_MS}"));
            (LONG_POLL_MS + 15_000, Some(POLL_KEY))
        } else {
            (120_000, None)
        };
        let answer = self.call_for("GET", &url, None, timeout, key).await?;
        match answer.status {
            200 => Ok(answer.text),
            404 => Err(TeamError::NoDatabase),
            _ => Err(Self::unexpected(&answer)),
        }
    }

    /// Sends a `_bulk_docs` body; the server's JSON text of one result per document.
    pub async fn push(&self, body: String) -> Result<String, TeamError> {
        let answer = self
            .call("POST", &self.db_url("/_bulk_docs"), Some(body))
            .await?;
        match answer.status {
            200..=202 => Ok(answer.text),
            404 => Err(TeamError::NoDatabase),
            _ => Err(Self::unexpected(&answer)),
        }
    }
}
