//! The outer XML WeChat posts (`<xml><AppId/><Encrypt/></xml>`) and the reply envelope.

use super::error::PushError;
use super::xml::{read_leaves, Leaf, MAX_XML_LEN};

/// The outer XML of a push. Only `Encrypt` is covered by the signature; `AppId` and
/// `ToUserName` are hints that are checked against the configuration, not trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// `AppId`: the component appid, on the platform's own events.
    pub app_id: Option<String>,
    /// `ToUserName`: the authoriser's account, on messages relayed for an authoriser.
    pub to_user_name: Option<String>,
    /// `Encrypt`: the element's text exactly as received (CDATA unwrapped, nothing trimmed),
    /// which is what the signature covers.
    pub encrypt: String,
}

/// Parses the raw request body (read it as bytes: form-decoding would turn `+` into a space).
/// Errors are [`super::PushReason::Format`]: over [`MAX_XML_LEN`] bytes, not UTF-8, a DOCTYPE,
/// a custom entity, nesting deeper than [`super::MAX_DEPTH`], a root other than `<xml>`,
/// anything not well-formed, no or an empty `Encrypt`, or a repeated `Encrypt`, `AppId` or
/// `ToUserName` (which one would the signature be for?).
pub fn parse_envelope(body: &[u8]) -> Result<Envelope, PushError> {
    const WHAT: &str = "the body";
    if body.len() > MAX_XML_LEN {
        return Err(PushError::format(format!(
            "the body is {} bytes, more than the {MAX_XML_LEN} accepted: this is not a WeChat \
             push",
            body.len()
        )));
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        PushError::format(format!(
            "the body is not UTF-8 (at byte {}): pass the raw request body",
            e.valid_up_to()
        ))
    })?;
    let mut leaves = read_leaves(text, WHAT)?;
    let encrypt = take_unique(&mut leaves, "Encrypt", WHAT)?.ok_or_else(|| {
        PushError::format(
            "the body has no <Encrypt> element: this is not an encrypted WeChat push (plain-text \
             mode does not exist for third-party platforms)",
        )
    })?;
    if encrypt.is_empty() {
        return Err(PushError::format("the body's <Encrypt> element is empty"));
    }
    Ok(Envelope {
        app_id: take_unique(&mut leaves, "AppId", WHAT)?,
        to_user_name: take_unique(&mut leaves, "ToUserName", WHAT)?,
        encrypt,
    })
}

/// Removes the leaf at `path` and returns its text; a second one is a Format error.
pub(crate) fn take_unique(
    leaves: &mut Vec<Leaf>,
    path: &str,
    what: &str,
) -> Result<Option<String>, PushError> {
    let mut found = None;
    let mut repeated = false;
    leaves.retain_mut(|leaf| {
        if leaf.path != path {
            return true;
        }
        if found.is_some() {
            repeated = true;
        } else {
            found = Some(std::mem::take(&mut leaf.text));
        }
        false
    });
    if repeated {
        return Err(PushError::format(format!(
            "{what} has more than one <{path}> element: refused as ambiguous"
        )));
    }
    Ok(found)
}

/// The reply envelope, in the layout of WeChat's samples. `encrypt` (base64) and
/// `msg_signature` (hex) cannot contain `]]>`, so CDATA is safe for them; the timestamp and
/// nonce are caller-supplied and are escaped instead.
pub(crate) fn reply_xml(
    encrypt: &str,
    msg_signature: &str,
    timestamp: &str,
    nonce: &str,
) -> String {
    format!(
        "<xml>\n<Encrypt><![CDATA[{encrypt}]]></Encrypt>\n\
         <MsgSignature><![CDATA[{msg_signature}]]></MsgSignature>\n\
         <TimeStamp>{}</TimeStamp>\n<Nonce>{}</Nonce>\n</xml>",
        quick_xml::escape::escape(timestamp),
        quick_xml::escape::escape(nonce)
    )
}
