//! Reading a response body within the caps: in one step when its declared length is small,
//! else chunk by chunk, counting decoded bytes. Every read is raced against the call's
//! context and the attempt's own timeout.

use super::ctx::{Ctx, Waited};
use super::js;
use super::transport::{Attempt, BODY_CAP};

use wasm_bindgen::{JsCast, JsValue};

/// Cancels what is left of a body; its promise may reject after we stopped caring.
fn cancel(target: &JsValue) {
    if let Ok(p) = js::call_method(target, "cancel", &[]) {
        js::ignore(&js::adopt(&p));
    }
}

pub(super) fn cancel_body(response: &web_sys::Response) {
    if let Ok(stream) = js::get(response, "body") {
        if stream.is_object() {
            cancel(&stream);
        }
    }
}

pub(super) enum Read {
    /// A read did not resolve: it rejected (abort, timeout, reset), or the call ended.
    Waited(Waited),
    /// The body is not a readable stream of bytes.
    Odd(&'static str),
}

/// Reads a body whose declared (uncompressed) length is within the cap in one step: the
/// runtime refuses a body longer than its `content-length`, so the cap still holds.
pub(super) async fn read_whole(
    response: &web_sys::Response,
    ctx: &Ctx,
    attempt: &Attempt,
) -> Result<(Vec<u8>, bool), Read> {
    let pending = js::call_method(response, "arrayBuffer", &[])
        .map_err(|_| Read::Odd("body is not readable"))?;
    let buffer = match ctx.wait_at_most(&pending, attempt.left()).await {
        Waited::Value(v) => v,
        other => return Err(Read::Waited(other)),
    };
    let buffer: js_sys::ArrayBuffer = buffer
        .dyn_into()
        .map_err(|_| Read::Odd("body is not bytes"))?;
    if buffer.byte_length() as usize > BODY_CAP {
        return Ok((Vec::new(), true));
    }
    Ok((js_sys::Uint8Array::new(&buffer).to_vec(), false))
}

/// Reads the body chunk by chunk, counting decoded bytes; stops (and cancels the rest) once
/// more than `cap` arrived. Returns the bytes read (at most `cap`) and whether it was cut.
pub(super) async fn read_capped(
    response: &web_sys::Response,
    cap: usize,
    ctx: &Ctx,
    attempt: &Attempt,
) -> Result<(Vec<u8>, bool), Read> {
    let stream = js::get(response, "body").map_err(|_| Read::Odd("body getter threw"))?;
    if stream.is_null() || stream.is_undefined() {
        return Ok((Vec::new(), false));
    }
    let reader = js::call_method(&stream, "getReader", &[])
        .map_err(|_| Read::Odd("body is not readable"))?;
    let mut body = Vec::new();
    loop {
        let next = js::call_method(&reader, "read", &[]).map_err(|_| Read::Odd("read threw"))?;
        let step = match ctx.wait_at_most(&next, attempt.left()).await {
            Waited::Value(v) => v,
            other => {
                cancel(&reader);
                return Err(Read::Waited(other));
            }
        };
        let done = js::get(&step, "done").map_err(|_| Read::Odd("bad read result"))?;
        if done.as_bool().unwrap_or(true) {
            return Ok((body, false));
        }
        let chunk: js_sys::Uint8Array = js::get(&step, "value")
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or(Read::Odd("body chunk is not bytes"))?;
        let room = cap.saturating_sub(body.len());
        let len = chunk.length() as usize;
        if len > room {
            body.extend(chunk.subarray(0, room as u32).to_vec());
            cancel(&reader);
            return Ok((body, true));
        }
        body.extend(chunk.to_vec());
    }
}
