//! The browser's `fetch` for the team server: JSON both ways, the session cookie sent along
//! (`credentials: include`, so a server on another origin works with CORS), a time limit, and
//! a request that can be called off (the long poll, when a change waits to be sent).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
const running = new Map();
export async function teamFetch(method, url, body, timeoutMs, key) {
  const controller = new AbortController();
  if (key) running.set(key, controller);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers = { Accept: 'application/json' };
  if (body !== undefined && body !== null) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(url, {
      method, body: body ?? undefined, headers, credentials: 'include', cache: 'no-store',
      signal: controller.signal,
    });
    return [res.status, await res.text()];
  } catch (e) {
    return [0, controller.signal.aborted ? 'aborted' : String(e)];
  } finally {
    clearTimeout(timer);
    if (key && running.get(key) === controller) running.delete(key);
  }
}
export function teamAbort(key) {
  const controller = running.get(key);
  if (controller) controller.abort();
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = teamFetch)]
    fn team_fetch(
        method: &str,
        url: &str,
        body: Option<String>,
        timeout_ms: u32,
        key: Option<String>,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = teamAbort)]
    fn team_abort(key: &str);
}

/// An HTTP answer: the status (0 when no answer came) and the body.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The HTTP status; 0 when the request failed or was called off.
    pub status: u16,
    /// The body as text (for status 0, why).
    pub text: String,
}

/// Sends a request and waits for the whole answer, at most `timeout_ms`. `key` names a
/// request [`abort`] can call off.
pub async fn send(
    method: &str,
    url: &str,
    body: Option<String>,
    timeout_ms: u32,
    key: Option<&str>,
) -> Answer {
    let promise = team_fetch(method, url, body, timeout_ms, key.map(str::to_string));
    let pair = JsFuture::from(promise).await.unwrap_or(JsValue::NULL);
    let pair = js_sys::Array::from(&pair);
    Answer {
        status: pair.get(0).as_f64().unwrap_or(0.0) as u16,
        text: pair.get(1).as_string().unwrap_or_default(),
    }
}

/// Calls off the running request named `key`, if any: it answers with status 0.
pub fn abort(key: &str) {
    team_abort(key);
}
