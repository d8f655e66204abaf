//! What the page embeds raw: JSON data inside `<script type="application/json">`, and the
//! Content-Security-Policy that lets only the page's own style and script run.

use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// JSON that is safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e`,
/// `\u0026` (so neither `</script>` nor `<!--` can appear), and U+2028 and U+2029 are escaped
/// for older JavaScript parsers. Those characters only occur inside JSON strings, where the
/// escapes mean the same text.
pub fn json<T: Serialize>(value: &T) -> String {
    // Serializing our own plain data types cannot fail.
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}

/// `default-src 'none'` (no request of any kind), with the hashes of the one inline style and
/// the one inline script: an injected `<script>` or `onerror=` would not run.
pub fn content_security_policy(style: &str, script: &str) -> String {
    format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
        hash(style),
        hash(script)
    )
}

fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_cannot_close_its_script_element() {
        let text = super::json(&["</script><!--<script>\u{2028}\u{2029}&"]);
        assert_eq!(
            text,
            r#"["\u003c/script\u003e\u003c!--\u003cscript\u003e\u2028\u2029\u0026"]"#
        );
        let back: Vec<String> = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, ["</script><!--<script>\u{2028}\u{2029}&"]);
    }

    #[test]
    fn policy_hashes_are_base64_sha256() {
        // sha256("") is well known.
        assert!(
            super::content_security_policy("", "x")
                .contains("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
        );
    }
}
