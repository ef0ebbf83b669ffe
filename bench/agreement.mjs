// Shows that the plain JS validator (plain-validator.mjs) checks the same rules as the
// package: over a corpus of bodies (the benchmark's two, and each field given each kind of
// good and bad value), both must report the same (path, code) findings, as errors and as
// warnings. The ajv and zod schemas (ajv-schema.mjs, zod-schema.mjs), which have no warnings, are compared
// with the package's strict mode on whether a body is accepted. And the entry files'
// buildCreateServiceRequest and validateCreateServiceRequest (dist/fast.js: the fast path and
// its fallbacks) must give what the wasm exports give, for every body and a set of options,
// good and bad.
import { fullRequest, minimalRequest } from './requests.mjs';
import { validatePlain } from './plain-validator.mjs';

const VALUES = [
  undefined, null, true, false, 0, 1, 2, 3, -1, 1.5, 9200, 65536, 2 ** 53, '', ' ', 'a', ' a', 'a ', 'a\nb', 'a\u007fb',
  'es', 'cls', 'ES', '10.0.0.12', 'fd00::12', '10.0.0.256', 'vpc-a1b2c3d4', 'vpc-A1', 'subnet-a1b2c3d4', 'prod-1a2b3c4d5e6f7a8b',
  'Prod-1a2b3c4d5e6f7a8b', 'ab', '1abc', 'orders-api', '订单服务', [], ['subnet-a1b2c3d4'], ['subnet-a1b2c3d4', 'subnet-a1b2c3d4'],
  ['subnet-a1b2c3d4', 7, ''], {}, { x: 1 },
];

export function* corpus() {
  yield fullRequest();
  yield minimalRequest();
  yield 'text';
  yield [];
  for (const base of [fullRequest(), minimalRequest()]) {
    for (const key of ['env_id', 'service_name', 'is_public', 'image_repo', 'remark', 'es_info', 'log_type', 'vpc_info', 'public_access', 'servicename', 'image_Repo']) {
      for (const v of VALUES) yield { ...base, [key]: v };
    }
  }
  for (const key of ['id', 'secret_name', 'ip', 'port', 'index', 'account', 'password', 'passwd']) {
    for (const v of VALUES) yield { ...fullRequest(), es_info: { ...fullRequest().es_info, [key]: v } };
  }
  for (const key of ['vpc_id', 'subnet_ids', 'create_type', 'subnet_id']) {
    for (const v of VALUES) yield { ...fullRequest(), vpc_info: { ...fullRequest().vpc_info, [key]: v } };
  }
}

const findings = (report) => {
  const list = (issues, severity) => issues.map((i) => `${severity} ${i.path} ${i.code}`);
  return [...list(report.errors, 'error'), ...list(report.warnings, 'warning')].sort().join('\n');
};

/**
 * Compares the package's validateCreateServiceRequest with the plain validator, and the
 * ajv and zod checks with the package's ok; returns counts, throws on a disagreement of the
 * plain validator (the ajv and zod differences are counted, not fatal: a schema cannot say
 * everything, see schemas.mjs).
 */
export function checkAgreement(lib, schemas) {
  let inputs = 0;
  const schemaMismatch = { ajv: 0, zod: 0 };
  for (const input of corpus()) {
    inputs++;
    const ours = lib.validateCreateServiceRequest(input);
    const plain = validatePlain(input);
    if (findings(ours) !== findings(plain)) {
      throw new Error(
        `plain validator disagrees with the package on ${JSON.stringify(input)}:\npackage:\n${findings(ours)}\nplain:\n${findings(plain)}`,
      );
    }
    // A schema has no warnings: it is compared with the package's strict mode.
    const strictOk = lib.validateCreateServiceRequest(input, { strict: true }).ok;
    for (const [name, accepts] of Object.entries(schemas)) if (accepts(input) !== strictOk) schemaMismatch[name]++;
  }
  return { inputs, schemaMismatch };
}

const OPTIONS = [
  { accessToken: 'emulator-token' },
  { accessToken: 'emulator-token', strict: true },
  { accessToken: 'emulator-token', baseUrl: 'http://127.0.0.1:9/prefix' },
  { accessToken: 'a b' },
  { accessToken: 'emulator-token', baseUrl: 'ftp://example.com' },
  { accessToken: 'emulator-token', strict: 'yes' },
  { accessToken: () => 'emulator-token' },
  {},
  null,
  'emulator-token',
];

const outcome = (build) => {
  try {
    const req = build();
    return JSON.stringify({ method: req.method, headers: req.headers, url: req.url, body: req.body });
  } catch (e) {
    return JSON.stringify({ name: e.name, code: e.code, message: e.message, issues: e.issues });
  }
};

const RULE_OPTIONS = [undefined, { strict: true }, { allowUnknownKeys: true }, { strict: 'yes' }, { nope: 1 }];

const report = (validate) => {
  try {
    return JSON.stringify(validate());
  } catch (e) {
    return JSON.stringify({ threw: e.name, message: e.message });
  }
};

/**
 * Checks the entry's buildCreateServiceRequest and validateCreateServiceRequest (the fast path
 * of dist/fast.js and its fallbacks) against the wasm exports (`glue`, wasm-bindgen's module
 * initialised on its own); throws on a difference.
 */
export function checkEntryAgainstExport(lib, glue) {
  let cases = 0;
  const inputs = [...corpus(), undefined, null, 7, () => 1, { toJSON: () => undefined }];
  for (const opts of OPTIONS) {
    for (const input of inputs) {
      cases++;
      const entry = outcome(() => lib.buildCreateServiceRequest(input, opts));
      const wasm = outcome(() => glue.buildCreateServiceRequest(input, opts));
      if (entry !== wasm) throw new Error(`the entry and the wasm export differ on ${JSON.stringify(input)} with ${JSON.stringify(opts)}:\nentry: ${entry}\nwasm:  ${wasm}`);
    }
  }
  for (const opts of RULE_OPTIONS) {
    for (const input of inputs) {
      cases++;
      const entry = report(() => lib.validateCreateServiceRequest(input, opts));
      const wasm = report(() => glue.validateCreateServiceRequest(input, opts));
      if (entry !== wasm) throw new Error(`validation differs on ${JSON.stringify(input)} with ${JSON.stringify(opts)}:\nentry: ${entry}\nwasm:  ${wasm}`);
    }
  }
  return cases;
}
