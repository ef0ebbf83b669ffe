// buildCreateServiceRequest as the entry files export it: the wasm export's rules and
// messages, with the request crossing the boundary the cheap way. build-pkg.sh derives
// build-request.cjs from this file for the CommonJS entry (it drops the last line, the
// export, and appends a module.exports of the same name).
//
// The JSON text goes into wasm as UTF-8 that TextEncoder.encodeInto writes straight into
// wasm memory, and only what JS cannot compute comes back: the URL once per token and base
// URL, a body only when it is not the text itself. Anything unusual (options that are not
// plain strings and booleans, an input that is not an object, a JSON.stringify that throws)
// goes to the wasm export, which words the error. BENCHMARKS.md has the figures.

const METHOD = 'POST';
const CONTENT_TYPE = 'application/json';
/** As src/wasm/input.rs: longer JSON is refused there, with its own message. */
const MAX_INPUT_CHARS = 1 << 20;

/**
 * A request ready to send. `url` holds the token and `body` may hold the ES password, so
 * they are getters over private fields: console.log, util.inspect and JSON.stringify show
 * neither, and reading them works.
 */
class HttpRequest {
  #url;
  #body;

  constructor(url, body) {
    this.method = METHOD;
    this.headers = { 'content-type': CONTENT_TYPE };
    this.#url = url;
    this.#body = body;
  }

  get url() {
    return this.#url;
  }

  get body() {
    return this.#body;
  }
}

/** buildCreateServiceRequest over `glue`, wasm-bindgen's module (read only when called, so the web build may be initialised later). */
function bindBuild(glue) {
  const encoder = new TextEncoder();
  let memory = null;
  // A view of the input buffer, kept while the buffer stays where it is.
  let view = null;
  let last = null;

  const viaExport = (input, opts) => {
    const built = glue.buildCreateServiceRequest(input, opts);
    return new HttpRequest(built.url, built.body);
  };

  return function buildCreateServiceRequest(input, opts) {
    // The options when they are plain values, each read once, in the order the wasm export
    // reads them; anything else is for the export to report.
    if (typeof opts !== 'object' || opts === null) return viaExport(input, opts);
    let accessToken, baseUrl, strict;
    try {
      ({ accessToken, baseUrl, strict } = opts);
    } catch {
      return viaExport(input, opts);
    }
    if (
      typeof accessToken !== 'string' ||
      (baseUrl !== undefined && typeof baseUrl !== 'string') ||
      (strict !== undefined && typeof strict !== 'boolean')
    ) {
      return viaExport(input, opts);
    }
    const options = { accessToken, baseUrl, strict };
    if (last === null || last.accessToken !== accessToken || last.baseUrl !== baseUrl) {
      last = { accessToken, baseUrl, url: glue.__wxRequestUrl(options) };
    }
    const url = last.url;
    if (typeof input !== 'object' || input === null) return viaExport(input, options);
    let text;
    try {
      text = JSON.stringify(input);
    } catch {
      return viaExport(input, options);
    }
    if (typeof text !== 'string' || text.length > MAX_INPUT_CHARS) return viaExport(input, options);
    const capacity = text.length * 3;
    const at = glue.__wxInput(capacity);
    memory ??= glue.__wxMemory();
    if (view === null || view.byteOffset !== at || view.length < capacity || view.buffer !== memory.buffer) {
      view = new Uint8Array(memory.buffer, at, capacity);
    }
    const { written } = encoder.encodeInto(text, view);
    const body = glue.__wxBuildInput(written, strict === true);
    return new HttpRequest(url, body === undefined ? text : body);
  };
}

export { bindBuild };
