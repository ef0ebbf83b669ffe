// What the ajv and zod schemas (ajv-schema.mjs, zod-schema.mjs) share: the package's rules
// as patterns, for the benchmark's "validate with a schema library, then JSON.stringify"
// columns. A schema has no warnings, so the conventions (id patterns, whitespace, empty
// optional strings, duplicate subnets, log_type/es_info consistency, unknown keys) are
// errors there: the package's `strict` mode. What a schema cannot say the same way:
// lengths count UTF-16 units rather than UTF-8 bytes, the 2 of public_access and the 3 of
// create_type (accepted with a warning by the package) are refused, and a member set to
// `undefined` is a member (JSON.stringify, which the package reads, drops it).
// agreement.mjs counts where they differ on its corpus.

export const MAX_STRING = 65536;
// Not empty, no ASCII control character, no whitespace at either end.
export const TEXT = '^[^\\s\\u0000-\\u001f\\u007f](?:[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f])?$';
export const ENV_ID = '^(?!.*--)[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?-[a-z0-9]{16}$';
export const SERVICE_NAME = '^[A-Za-z][A-Za-z0-9_-]{2,44}$';
export const VPC_ID = '^vpc-[a-z0-9]{8,}$';
export const SUBNET_ID = '^subnet-[a-z0-9]{8,}$';

