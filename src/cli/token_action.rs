//! `credlint token-action FILE [--now T] [--format json]`: what Itential does with the stored
//! token of an `itential.token-config` configuration at a given time.

use serde_json::{Value, json};

/// `credlint token-action`: the decision for the configuration in `file_json` (an envelope of
/// `itential.token-config` or a bare document) at `now`, else the envelope's `context.now`, else
/// `clock()`. `name` names the file in errors.
pub fn decision(
    name: &str,
    file_json: &[u8],
    now: Option<String>,
    clock: impl FnOnce() -> String,
    as_json: bool,
) -> Result<String, String> {
    let value: Value = serde_json::from_slice(file_json).map_err(|e| {
        format!(
            "{name}: not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    let (document, context_now) = match (value.get("kind"), value.get("document")) {
        (Some(kind), Some(document)) => {
            if kind != "itential.token-config" {
                return Err(format!(
                    "{name}: token-action needs an `itential.token-config` document"
                ));
            }
            (
                document.clone(),
                value
                    .pointer("/context/now")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            )
        }
        _ => (value, None),
    };
    let now = now.or(context_now).unwrap_or_else(clock);
    let action = crate::kinds::itential_token::token_action(&document, &now)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(if as_json {
        format!("{}\n", json!({ "action": action.as_str(), "now": now }))
    } else {
        format!("{}\n", action.as_str())
    })
}
