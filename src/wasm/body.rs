//! Reading a response body within the caps: in one step when its declared length is small,
//! else chunk by chunk, counting decoded bytes. Every read is a wait under the attempt's
//! guard (its timeout, the call's deadline and signal).

use super::ctx::{Start, Stretch, Wait, Waited};
use super::js::{self, Host};
use super::transport::BODY_CAP;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A response, its body stream or the stream's reader, seen only through the members
    /// the reader uses; each may be a user's object whose getters or methods throw.
    type Readable;
    #[wasm_bindgen(catch, method, getter, js_name = body)]
    fn stream(this: &Readable) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, js_name = getReader)]
    fn get_reader(this: &Readable) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn read(this: &Readable) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn cancel(this: &Readable) -> Result<JsValue, JsValue>;
}

fn readable(value: &JsValue) -> &Readable {
    value.unchecked_ref()
}

/// Cancels what is left of a body; its promise may reject after we stopped caring.
fn cancel_rest(target: &JsValue) {
    if let Ok(p) = readable(target).cancel() {
        js::quiet(&p);
    }
}

pub(super) fn cancel_body(response: &web_sys::Response) {
    if let Ok(stream) = readable(response).stream() {
        if stream.is_object() {
            cancel_rest(&stream);
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
    guard: &Stretch,
) -> Result<(Vec<u8>, bool), Read> {
    let pending = Host::whole_body(response);
    if pending.is_null() {
        return Err(Read::Odd("body is not readable"));
    }
    let buffer = match Wait::start(guard, Start::Read(&pending)).await {
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
    guard: &Stretch,
) -> Result<(Vec<u8>, bool), Read> {
    let stream = readable(response)
        .stream()
        .map_err(|_| Read::Odd("body getter threw"))?;
    if stream.is_null() || stream.is_undefined() {
        return Ok((Vec::new(), false));
    }
    let reader = readable(&stream)
        .get_reader()
        .map_err(|_| Read::Odd("body is not readable"))?;
    let mut body = Vec::new();
    loop {
        let next = readable(&reader)
            .read()
            .map_err(|_| Read::Odd("read threw"))?;
        let step = match Wait::start(guard, Start::Read(&next)).await {
            Waited::Value(v) => v,
            other => {
                cancel_rest(&reader);
                return Err(Read::Waited(other));
            }
        };
        let done = js::prop(&step, "done").map_err(|_| Read::Odd("bad read result"))?;
        if done.as_bool().unwrap_or(true) {
            return Ok((body, false));
        }
        let chunk: js_sys::Uint8Array = js::prop(&step, "value")
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or(Read::Odd("body chunk is not bytes"))?;
        let room = cap.saturating_sub(body.len());
        let len = chunk.length() as usize;
        if len > room {
            body.extend(chunk.subarray(0, room as u32).to_vec());
            cancel_rest(&reader);
            return Ok((body, true));
        }
        body.extend(chunk.to_vec());
    }
}
