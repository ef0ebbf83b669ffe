
/** What `PushReceiver` needs: the platform's settings on the WeChat Open Platform. */
export interface PushReceiverOptions {
    /** The message verification Token. Never printed. */
    token: string;
    /** The 43-character EncodingAESKey. Never printed. */
    encodingAesKey: string;
    /** The previous EncodingAESKey, tried when the current one fails (during a key change). */
    previousEncodingAesKey?: string;
    /** The third-party platform's appid: every message must end with it. */
    componentAppId: string;
    /** Shares the latest ticket with every process (`redisTicketStore` from
     * `wx-cloudbase-service/redis`, or your own). */
    ticketStore?: TicketStore;
    /** Called with each event, after its ticket is kept. Sync or async; never breaks the push. */
    onEvent?: (event: PushEvent) => void | Promise<void>;
    /** Called with a `ConfigError` when a ticket store call fails (never the push's answer). */
    onStoreError?: (error: ConfigError) => void | Promise<void>;
    /** Each call of the ticket store's methods, in milliseconds. @default 1000 */
    storeTimeoutMs?: number;
}

/** A ticket as a `TicketStore` keeps it: the latest per component appid wins. */
export interface StoredTicket {
    ticket: string;
    componentAppId: string;
    /** The push's CreateTime, in seconds. */
    createTime: number;
    /** When it arrived, in milliseconds since the epoch. */
    receivedAt: number;
}

export interface TicketStore {
    get(): StoredTicket | null | undefined | Promise<StoredTicket | null | undefined>;
    /** Keep `ticket` unless the store holds a newer one (atomically, if it can). */
    set(ticket: StoredTicket): void | Promise<void>;
}

/** One push as a server receives it. */
export interface PushRequest {
    /** The query string (`timestamp`, `nonce`, `encrypt_type`, `msg_signature`, …), a
     * `URLSearchParams`, or a record of them. */
    query: string | URLSearchParams | Record<string, string>;
    /** The raw body, exactly as received (never form-decoded). */
    body: string | Uint8Array;
}

/** A decrypted authorisation event. The ticket and codes are readable but not enumerable,
 * so logging the event shows neither. */
export interface PushEvent {
    /** `component_verify_ticket`, `authorized`, `updateauthorized`, `unauthorized`,
     * `notify_third_fasteregister`, or any other WeChat adds. */
    infoType: string;
    appId: string;
    /** Unix seconds. */
    createTime: number;
    componentVerifyTicket?: string;
    authorizerAppid?: string;
    /** Exchange it with api_query_auth after answering the push. */
    authorizationCode?: string;
    authorizationCodeExpiredTime?: number;
    preAuthCode?: string;
    /** Every other element, by name (`info.name` for nested ones). */
    fields: Record<string, string>;
}

export interface PushKeys {
    token: string;
    encodingAesKey: string;
    appId: string;
}

export interface EncryptedPush {
    encrypt: string;
    msgSignature: string;
    timestamp: string;
    nonce: string;
}

export interface PushMessage {
    /** The plaintext (XML). */
    message: string;
    /** @default now, in seconds */
    timestamp?: string;
    /** @default 10 random digits */
    nonce?: string;
    /** 16 characters. @default random */
    random?: string;
}

/** The parts of a node:http (or Express) request the push handler reads. */
export interface PushHttpRequest {
    url?: string;
    originalUrl?: string;
    /** Set by `express.raw()` / `express.text()`; otherwise the stream is read. */
    body?: unknown;
    /** True once the stream was read (by another body parser): then the push is refused. */
    readableEnded?: boolean;
    on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
    on(event: "end" | "error", listener: (...args: unknown[]) => void): unknown;
    destroy(): unknown;
}

/** The parts of a node:http (or Express) response the push handler writes. */
export interface PushHttpResponse {
    statusCode: number;
    setHeader(name: string, value: string): unknown;
    end(body: string): unknown;
}

/** A node:http / Express handler for the authorisation-event URL: reads the raw body
 * (bounded), hands it to `receiver.handle`, and answers the bare text `success` (or `fail`
 * with 400/403/413, never a stack, a message or a secret). Mount it before any body parser,
 * or after `express.raw({ type: "*\/*" })`. */
export function nodePushHandler(receiver: PushReceiver): (req: PushHttpRequest, res: PushHttpResponse) => void;
