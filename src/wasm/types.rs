//! TypeScript declarations of what the exports take and return beyond the wire types
//! (which tsify emits from the call declarations). Every option carries its default and
//! unit: these comments are the docs users see in their editor.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CALL_MAP: &str = crate::calls::TS_MAP;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One finding of validation. */
export interface Issue {
    /** Where: `env_id`, `es_info.port`, `vpc_info.subnet_ids[2]`; `""` for the whole input. */
    path: string;
    /** Stable, safe to branch on. */
    code: IssueCode;
    /** What is wrong, where, and how to fix it. Never holds a secret. */
    message: string;
}

/** Result of `validateRequest`. */
export interface ValidationReport {
    /** True when there is no error (warnings do not block unless `strict`). */
    ok: boolean;
    errors: Issue[];
    warnings: Issue[];
}

export interface RuleOptions {
    /** Treat warnings (broken conventions) as errors. @default false */
    strict?: boolean;
    /** Keys the call does not declare are warnings and sent as given (for fields WeChat adds
     * before this library knows them), instead of errors. @default false */
    allowUnknownKeys?: boolean;
}
/** The seed's name of `RuleOptions`. */
export type ValidateOptions = RuleOptions;

export interface BuildOptions extends RuleOptions {
    /** The third-party platform's component_access_token. */
    accessToken: string;
    /** @default "https://api.weixin.qq.com"; `http://` only for 127.0.0.0/8, localhost, [::1]
     * and the hosts of `allowHttpHosts`. */
    baseUrl?: string;
    /** Host names that may be reached over `http://`, e.g. `["emulator"]` for an emulator
     * sidecar in a container. @default [] */
    allowHttpHosts?: string[];
}

/** A request ready to send. `url` (it holds the token) and `body` (it may hold a password)
 * are non-enumerable, so logging the object never prints them; read them directly. */
export interface HttpRequest {
    method: "POST";
    url: string;
    headers: { "content-type": "application/json" } & Record<string, string>;
    body: string;
}

export interface CurlOptions {
    /** Print the token and the body's secrets instead of `***`. @default false */
    revealSecrets?: boolean;
}

/** Passed to an `accessToken` function or provider. */
export interface TokenContext {
    /** True when WeChat rejected the current token (40001/40014/42001): return a new one. */
    forceRefresh: boolean;
    /** With `forceRefresh`: the token WeChat rejected. A shared cache that already holds a
     * different token can return that one instead of refreshing again. */
    failedToken?: string;
}

/** Anything with `getToken`, e.g. a token manager shared by many calls. */
export interface TokenProvider {
    getToken(ctx: TokenContext): Promise<string>;
}

export type AccessTokenSource =
    | string
    | ((ctx: TokenContext) => string | Promise<string>)
    | TokenProvider;

/** What `onRequest` receives: the token and the body's secrets are `***`. */
export interface RequestView {
    /** The call this attempt belongs to (`c1`, `c2`, …), the same for each of its attempts. */
    callId: string;
    /** Its doc name. */
    call: CallName;
    /** 1 for the first attempt. */
    attempt: number;
    method: "POST";
    url: string;
    body: string;
    /** Validation warnings of the request (sent anyway; `strict` would have refused it). */
    warnings: Issue[];
}

/** What `onResponse` receives after each attempt. */
export interface ResponseView {
    callId: string;
    call: CallName;
    attempt: number;
    durationMs: number;
    /** HTTP status, when a response arrived. */
    status?: number;
    /** WeChat's errcode, when the body had one. */
    errcode?: number;
    /** The error code (`TIMEOUT`, `NETWORK`, …) when there was no errcode. */
    error?: TransportErrorCode;
}

/** A hook: sync or async; what it throws or rejects with is ignored, and the call never
 * waits for it. */
export type Hook<V> = (view: V) => void | Promise<void>;

export interface ClientOptions extends RuleOptions {
    /** The component_access_token, a function returning it, or a provider. A function or
     * provider is asked once more with `forceRefresh: true` when WeChat says the token is
     * invalid or expired; a plain string is not. */
    accessToken: AccessTokenSource;
    /** @default "https://api.weixin.qq.com"; `http://` only for 127.0.0.0/8, localhost, [::1]
     * and the hosts of `allowHttpHosts`. */
    baseUrl?: string;
    /** Host names that may be reached over `http://`. @default [] */
    allowHttpHosts?: string[];
    /** Per attempt, in milliseconds, including reading the body. @default 15000 */
    timeoutMs?: number;
    /** The whole call, in milliseconds: the token, every attempt, backoff and waits (a 45011
     * is retried only if the next minute fits). @default 30000 */
    deadlineMs?: number;
    /** Retries, only where retrying cannot do anything twice (errcode -1, connection
     * refused, 45011 within the deadline; and for calls that only read, timeouts and 5xx).
     * 0–10. @default 2 */
    maxRetries?: number;
    /** Aborts the call; a request already sent may still have taken effect. */
    signal?: AbortSignal;
    /** Called before each attempt with a redacted view. */
    onRequest?: Hook<RequestView>;
    /** Called after each attempt. */
    onResponse?: Hook<ResponseView>;
}

export type CallOptions = ClientOptions;

/** Per-call overrides of a client's options. */
export interface CallOverrides extends RuleOptions {
    signal?: AbortSignal;
    timeoutMs?: number;
    deadlineMs?: number;
    maxRetries?: number;
    onRequest?: Hook<RequestView>;
    onResponse?: Hook<ResponseView>;
}

export type TransportErrorCode = "TIMEOUT" | "NETWORK" | "HTTP_STATUS" | "BAD_RESPONSE" | "ABORTED";

/** Any error this package throws; tell them apart by `name`/`code` or the guards. Each is a
 * real `Error` whose `toJSON()` keeps `message`. */
export type WxCloudbaseError = ValidationError | WxApiError | TransportError | ConfigError | PushError;

interface ErrorBase extends Error {
    toJSON(): Record<string, unknown>;
}

/** The input broke a rule; nothing was sent. */
export interface ValidationError extends ErrorBase {
    name: "ValidationError";
    code: "VALIDATION";
    /** What stopped the request: the errors. */
    issues: Issue[];
    /** The conventions the same input broke (sent if the errors were fixed, unless strict). */
    warnings: Issue[];
}

/** Bad options (no token, an unknown option, bad baseUrl, a token source that failed). */
export interface ConfigError extends ErrorBase {
    name: "ConfigError";
    code: "CONFIG";
    issues: Issue[];
    /** Requests sent before the option failed (0: nothing was sent). */
    attempts: number;
}

/** WeChat answered with a non-zero errcode — or a release answered `result: "failed"`
 * (then `errcode` is 0, `errname` is `"result_failed"` and `answer` holds the answer). */
export interface WxApiError extends ErrorBase {
    name: "WxApiError";
    code: "WX_API";
    errcode: number;
    /** WeChat's message; a secret echoed in it is `***`. */
    errmsg: string;
    /** Stable name such as `access_token_expired`; undefined for codes not in the docs. */
    errname?: string;
    /** What to do about it. */
    hint: string;
    /** True when calling again unchanged can succeed (-1 busy, 45011 per-minute quota). */
    retryable: boolean;
    /** WeChat's request id (the `rid` at the end of errmsg), to quote to WeChat support. */
    requestId?: string;
    /** The answer's `result` when it is what failed. */
    result?: string;
    /** The whole answer, when its other keys matter (a failed release's order id). */
    answer?: Record<string, unknown>;
    /** Requests sent during the call. */
    attempts: number;
}

/** No usable answer arrived. */
export interface TransportError extends ErrorBase {
    name: "TransportError";
    code: TransportErrorCode;
    /** HTTP status, when a response arrived. */
    status?: number;
    /** True when the request may have reached WeChat and the call changes something, so it
     * may have taken effect: check before calling again. Always false for calls that only
     * read. */
    outcomeUnknown: boolean;
    /** Requests sent during the call. */
    attempts: number;
}

/** A push could not be verified, decrypted or read. */
export interface PushError extends ErrorBase {
    name: "PushError";
    code: "PUSH";
    reason: "signature" | "appid" | "decrypt" | "format" | "config";
}

/** One rule of a field, in words, and where it comes from. */
export interface RuleDescription {
    rule: string;
    /** `documented`: an error when broken; `convention`: a warning. */
    source: "documented" | "convention";
}

/** A field of a call's body or answer. */
export interface FieldDescription {
    name: string;
    /** `string`, `boolean`, `integer`, `number`, `string (number)`, `string (JSON)`, an
     * object type name, or `T[]`. */
    type: string;
    required: boolean;
    /** What the docs say it means. */
    doc: string;
    /** `unconfirmed`: known from sibling sources only, checked for its JSON type only. */
    source: "documented" | "unconfirmed";
    /** Never shown in messages, masked in logs and curl commands. */
    secret: boolean;
    rules: RuleDescription[];
    /** The fields of an object. */
    fields?: FieldDescription[];
    /** The entries of an array. */
    items?: Omit<FieldDescription, "name" | "required" | "doc">;
}

/** A call of the family, described from its declaration. */
export interface CallDescription {
    name: CallName;
    /** `/componenttcb/<path>`. */
    path: string;
    title: string;
    /** `reads`: retried after ambiguous failures; `changes`: never sent twice blindly. */
    effect: "reads" | "changes";
    /** The request type's name. */
    body: string;
    /** The answer type's name. */
    answer: string;
    /** A small valid body. */
    example: Record<string, unknown>;
    fields: FieldDescription[];
    answerFields: FieldDescription[];
    /** Rules over several top-level fields of the body (reported at one of them). */
    crossRules: CrossRuleDescription[];
}

/** A rule over several fields of a call's body. */
export interface CrossRuleDescription {
    name: string;
    /** The top-level fields it reads. */
    fields: string[];
    /** The rule in words. */
    rule: string;
    /** `documented`: an error when broken; `convention`: a warning. */
    source: "documented" | "convention";
}

/** Checks a request body of `call` against the documented rules (errors) and conventions
 * (warnings), reporting every problem with its path. Never throws. */
export function validateRequest(call: CallName, input: unknown, opts?: RuleOptions): ValidationReport;

/** Validates `input` and builds the HTTP request of `call`. Throws `ValidationError`
 * (nothing is built) or `ConfigError`. */
export function buildRequest<C extends CallName>(call: C, input: Requests[C], opts: BuildOptions): HttpRequest;

export interface CloudbaseClient {
    /** Any call of the family by its doc name; the request and answer types follow from it. */
    call<C extends CallName>(call: C, input: Requests[C], overrides?: CallOverrides): Promise<Responses[C]>;
}
"#;
