// Where the component_access_token comes from: the environment, never a flag (a flag's value
// is visible to every user of the machine in the process list and lands in shell history).

/** The variables, in the order the help lists them. */
export const TOKEN_ENV = 'WX_COMPONENT_ACCESS_TOKEN';
export const MANAGER_ENV = ['WX_COMPONENT_APPID', 'WX_COMPONENT_APPSECRET', 'WX_COMPONENT_VERIFY_TICKET'];

/** A configuration mistake of the CLI's own (exit 2), shaped like the package's ConfigError
 * so that `--json` readers see one form. It names variables, never their values. */
export class EnvConfigError extends Error {
  constructor(message, issues) {
    super(message);
    this.name = 'ConfigError';
    this.code = 'CONFIG';
    this.issues = issues;
    this.attempts = 0;
  }

  toJSON() {
    const { name, code, message, issues, attempts } = this;
    return { name, code, message, issues, attempts };
  }
}

/** The `accessToken` option of the client: the token of WX_COMPONENT_ACCESS_TOKEN, or a
 * ComponentTokenManager over the three WX_COMPONENT_* credentials (asking the token endpoint
 * of the same `baseUrl`). `secrets.add` is told every secret read or issued, so the output
 * can be scrubbed of it even if something upstream failed to redact it. */
export function tokenSource(wx, env, { baseUrl, timeoutMs }, secrets) {
  const token = env[TOKEN_ENV];
  if (token) {
    secrets.add(token);
    return token;
  }
  const [appId, appSecret, ticket] = MANAGER_ENV.map((name) => env[name]);
  secrets.add(appSecret);
  secrets.add(ticket);
  const missing = MANAGER_ENV.filter((name) => !env[name]);
  if (missing.length === MANAGER_ENV.length) {
    throw new EnvConfigError(
      `no token: set ${TOKEN_ENV}, or ${MANAGER_ENV.join(', ')} to get one (--dry-run and validate need none)`,
      [{ path: TOKEN_ENV, code: 'required', message: `set ${TOKEN_ENV} or ${MANAGER_ENV.join(', ')}` }],
    );
  }
  if (missing.length > 0) {
    throw new EnvConfigError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (getting a token needs ${MANAGER_ENV.join(', ')})`,
      missing.map((path) => ({ path, code: 'required', message: `${path} is not set` })),
    );
  }
  // Options left out are the package's defaults; the manager checks what is given.
  const options = { componentAppId: appId, componentAppSecret: appSecret, getVerifyTicket: () => ticket };
  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  const manager = new wx.ComponentTokenManager(options);
  return {
    async getToken(ctx) {
      const issued = await manager.getToken(ctx);
      secrets.add(issued);
      return issued;
    },
  };
}
