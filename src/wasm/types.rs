//! TypeScript declarations of what the exports take and return beyond the wire model
//! (which tsify emits from `model.rs`). Every option carries its default and unit: these
//! comments are the docs users see in their editor.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One finding of validation. */
export interface Issue {
    /** Where: `env_id`, `es_info.port`, `vpc_info.subnet_ids[2]`; `""` for the whole input. */
    path: string;
    /** Stable, safe to branch on: `required`, `type`, `empty`, `whitespace`, `control_char`,
     * `enum`, `integer`, `range`, `ip`, `unknown_field`, `pattern`, `consistency`,
     * `too_large`, `depth`. */
    code: string;
    /** What is wrong, where, and how to fix it. Never holds a secret. */
    message: string;
}

/** Result of `validateCreateServiceRequest`. */
export interface ValidationReport {
    /** True when there is no error (warnings do not block unless `strict`). */
    ok: boolean;
    errors: Issue[];
    warnings: Issue[];
}

export interface ValidateOptions {
    /** Treat warnings (broken conventions, unknown keys) as errors. @default false */
    strict?: boolean;
}

export interface BuildOptions extends ValidateOptions {
    /** The third-party platform's component_access_token. */
    accessToken: string;
    /** @default "https://api.weixin.qq.com"; `http://` only for 127.0.0.0/8, localhost, [::1]. */
    baseUrl?: string;
}

/** A request ready to send. `url` (it holds the token) and `body` (it may hold the ES
 * password) are non-enumerable, so logging the object never prints them; read them directly. */
export interface HttpRequest {
    method: "POST";
    url: string;
    headers: { "content-type": "application/json" } & Record<string, string>;
    body: string;
}

export interface CurlOptions {
    /** Print the token and the ES password instead of `***`. @default false */
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

/** What `onRequest` receives: the token and the ES password are `***`. */
export interface RequestView {
    method: "POST";
    url: string;
    body: string;
    /** 1 for the first attempt. */
    attempt: number;
    /** Validation warnings of the request (sent anyway; `strict` would have refused it). */
    warnings: Issue[];
}

/** What `onResponse` receives after each attempt. */
export interface ResponseView {
    attempt: number;
    durationMs: number;
    /** HTTP status, when a response arrived. */
    status?: number;
    /** WeChat's errcode, when the body had one. */
    errcode?: number;
    /** The error code (`TIMEOUT`, `NETWORK`, …) when there was no errcode. */
    error?: TransportErrorCode | "VALIDATION" | "CONFIG";
}

export interface ClientOptions {
    /** The component_access_token, a function returning it, or a provider. A function or
     * provider is asked once more with `forceRefresh: true` when WeChat says the token is
     * invalid or expired; a plain string is not. */
    accessToken: AccessTokenSource;
    /** @default "https://api.weixin.qq.com"; `http://` only for 127.0.0.0/8, localhost, [::1]. */
    baseUrl?: string;
    /** Per attempt, in milliseconds, including reading the body. @default 15000 */
    timeoutMs?: number;
    /** Retries, only where nothing can have been created (errcode -1, connection refused,
     * 45011 when the next minute fits the deadline). 0–10. @default 2 */
    maxRetries?: number;
    /** Treat validation warnings as errors. @default false */
    strict?: boolean;
    /** Called before each attempt with a redacted view. */
    onRequest?: (view: RequestView) => void;
    /** Called after each attempt. */
    onResponse?: (view: ResponseView) => void;
}

export interface CallOptions extends ClientOptions {
    /** Aborts the call; a request already sent may still have created the service. */
    signal?: AbortSignal;
}

/** Per-call overrides of a client's options. */
export interface CallOverrides {
    signal?: AbortSignal;
    timeoutMs?: number;
    maxRetries?: number;
    strict?: boolean;
}

export type TransportErrorCode = "TIMEOUT" | "NETWORK" | "HTTP_STATUS" | "BAD_RESPONSE" | "ABORTED";

/** Any error this package throws; tell them apart by `name`/`code` or the guards. */
export type WxCloudbaseError = ValidationError | WxApiError | TransportError | ConfigError;

/** The input broke a rule; nothing was sent. */
export interface ValidationError extends Error {
    name: "ValidationError";
    code: "VALIDATION";
    issues: Issue[];
}

/** Bad options (no token, bad baseUrl, a token function that failed); nothing was sent. */
export interface ConfigError extends Error {
    name: "ConfigError";
    code: "CONFIG";
    issues: Issue[];
}

/** WeChat answered with a non-zero errcode. */
export interface WxApiError extends Error {
    name: "WxApiError";
    code: "WX_API";
    errcode: number;
    /** WeChat's message; a token echoed in it is `***`. */
    errmsg: string;
    /** Stable name such as `access_token_expired`; undefined for codes not in the docs. */
    errname?: string;
    /** What to do about it. */
    hint: string;
    /** True when calling again unchanged can succeed (-1 busy, 45011 per-minute quota). */
    retryable: boolean;
    /** Requests sent during the call. */
    attempts: number;
}

/** No usable answer arrived. */
export interface TransportError extends Error {
    name: "TransportError";
    code: TransportErrorCode;
    /** HTTP status, when a response arrived. */
    status?: number;
    /** True when the request may have reached WeChat, so the service may exist: check
     * (e.g. list services) before calling again. */
    outcomeUnknown: boolean;
    /** Requests sent during the call. */
    attempts: number;
}
"#;
