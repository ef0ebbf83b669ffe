//! A bounded reader for WeChat's flat XML: `<xml>` with child elements whose text (plain or
//! CDATA) is the value. quick-xml does the tokenising; this module adds the limits and
//! refusals a receiver open to the internet needs.

use super::error::PushError;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Largest accepted XML document. Real pushes are well under 4 KiB; the bound keeps a hostile
/// body from costing memory or time.
pub const MAX_XML_LEN: usize = 256 * 1024;

/// Deepest accepted element nesting, the root counting as 1. WeChat nests at most one level
/// (`notify_third_fasteregister`'s `info`); the bound keeps deep documents cheap to refuse.
pub const MAX_DEPTH: usize = 16;

/// The root element's name in everything WeChat sends.
const ROOT: &str = "xml";

/// An element without child elements: its path below the root, names joined with `.`
/// (`info.name`), and its text exactly as written, CDATA unwrapped and references resolved,
/// nothing trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Leaf {
    pub path: String,
    pub text: String,
}

/// An element being read.
struct Open {
    name: String,
    text: String,
    has_children: bool,
}

/// Reads the leaves of a `<xml>` document in document order. `what` names the document in
/// messages ("the body", "the decrypted message"). Refused as [`super::PushReason::Format`]:
/// more than [`MAX_XML_LEN`] bytes, a DOCTYPE (DTDs can declare entities: XXE and
/// billion-laughs), entity references other than the five predefined ones and character
/// references, nesting deeper than [`MAX_DEPTH`], a root other than `<xml>`, anything after
/// it, and anything not well-formed. Messages give positions, never content.
pub(crate) fn read_leaves(xml: &str, what: &str) -> Result<Vec<Leaf>, PushError> {
    if xml.len() > MAX_XML_LEN {
        return Err(PushError::format(format!(
            "{what} is {} bytes, more than the {MAX_XML_LEN} accepted: this is not a WeChat push",
            xml.len()
        )));
    }
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Open> = Vec::new();
    let mut leaves = Vec::new();
    let mut root_done = false;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|_| {
            PushError::format(format!(
                "{what} is not well-formed XML (near byte {})",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(start) => open(&mut stack, &start, root_done, what, at)?,
            Event::Empty(start) => {
                open(&mut stack, &start, root_done, what, at)?;
                root_done = close(&mut stack, &mut leaves);
            }
            Event::End(_) => root_done = close(&mut stack, &mut leaves),
            Event::Text(text) => push_text(&mut stack, &text.into_inner(), what, at)?,
            Event::CData(text) => push_text(&mut stack, &text.into_inner(), what, at)?,
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => resolve_predefined_entity(&reference).map(str::to_owned),
                    Err(_) => None,
                };
                let resolved = resolved.ok_or_else(|| {
                    PushError::format(format!(
                        "{what} uses an entity reference near byte {at} that is neither one of \
                         the five predefined ones nor a valid character reference: custom \
                         entities are refused"
                    ))
                })?;
                push_text(&mut stack, &resolved, what, at)?;
            }
            Event::DocType(_) => {
                return Err(PushError::format(format!(
                    "{what} has a DOCTYPE: DTDs are refused (they can declare entities that \
                     expand without bound or read files); WeChat never sends one"
                )));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(PushError::format(format!(
            "{what} ends before its closing </xml> (a document that ends with <xml> instead, \
             like two samples in WeChat's docs, is not well-formed)"
        )));
    }
    if !root_done {
        return Err(PushError::format(format!(
            "{what} has no <xml> element: WeChat's pushes are <xml>…</xml>"
        )));
    }
    Ok(leaves)
}

fn open(
    stack: &mut Vec<Open>,
    start: &BytesStart<'_>,
    root_done: bool,
    what: &str,
    at: u64,
) -> Result<(), PushError> {
    let name = start.name().as_ref().to_owned();
    match stack.last_mut() {
        Some(parent) => parent.has_children = true,
        None if root_done => {
            return Err(PushError::format(format!(
                "{what} has a second element after </xml> (near byte {at})"
            )));
        }
        None if name != ROOT => {
            return Err(PushError::format(format!(
                "{what}'s root element is not <xml>: WeChat's pushes are <xml>…</xml>"
            )));
        }
        None => {}
    }
    if stack.len() >= MAX_DEPTH {
        return Err(PushError::format(format!(
            "{what} nests elements deeper than {MAX_DEPTH} levels (near byte {at})"
        )));
    }
    stack.push(Open {
        name,
        text: String::new(),
        has_children: false,
    });
    Ok(())
}

/// Closes the innermost element (quick-xml has checked the end tag's name) and keeps it if it
/// is a leaf below the root. Returns whether that closed the root.
fn close(stack: &mut Vec<Open>, leaves: &mut Vec<Leaf>) -> bool {
    let Some(element) = stack.pop() else {
        return false;
    };
    if stack.is_empty() {
        return true;
    }
    if !element.has_children {
        let mut path = String::new();
        for name in stack.iter().skip(1).map(|o| o.name.as_str()) {
            path.push_str(name);
            path.push('.');
        }
        path.push_str(&element.name);
        leaves.push(Leaf {
            path,
            text: element.text,
        });
    }
    false
}

/// Adds text to the innermost element. Outside the root only whitespace is allowed.
fn push_text(stack: &mut [Open], text: &str, what: &str, at: u64) -> Result<(), PushError> {
    match stack.last_mut() {
        Some(element) => {
            element.text.push_str(text);
            Ok(())
        }
        None if text.bytes().all(|b| b.is_ascii_whitespace()) => Ok(()),
        None => Err(PushError::format(format!(
            "{what} has text outside <xml> (near byte {at})"
        ))),
    }
}
