// The package's rules as an ajv 8 JSON Schema (see schema-rules.mjs for what a schema can
// and cannot say the same way).
import { isIP } from 'node:net';
import { Ajv } from 'ajv';
import { ENV_ID, MAX_STRING, SERVICE_NAME, SUBNET_ID, TEXT, VPC_ID } from './schema-rules.mjs';

const text = (extra = {}) => ({ type: 'string', maxLength: MAX_STRING, pattern: TEXT, ...extra });
const integer = (minimum, maximum) => ({ type: 'integer', minimum, maximum });

export const jsonSchema = {
  type: 'object',
  required: ['env_id', 'service_name', 'is_public'],
  additionalProperties: false,
  properties: {
    env_id: text({ allOf: [{ pattern: ENV_ID }] }),
    service_name: text({ allOf: [{ pattern: SERVICE_NAME }] }),
    is_public: { type: 'boolean' },
    image_repo: text(),
    remark: text(),
    es_info: {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: integer(0, Number.MAX_SAFE_INTEGER),
        secret_name: text(),
        ip: text({ format: 'ip' }),
        port: integer(1, 65535),
        index: text(),
        account: text(),
        password: text(),
      },
    },
    log_type: { enum: ['es', 'cls'] },
    vpc_info: {
      type: 'object',
      additionalProperties: false,
      properties: {
        vpc_id: text({ allOf: [{ pattern: VPC_ID }] }),
        subnet_ids: { type: 'array', minItems: 1, uniqueItems: true, items: text({ allOf: [{ pattern: SUBNET_ID }] }) },
        create_type: integer(0, 2),
      },
    },
    public_access: { enum: [0, 1] },
  },
  allOf: [
    { if: { required: ['log_type'], properties: { log_type: { const: 'es' } } }, then: { required: ['es_info'] } },
    { if: { required: ['es_info'] }, then: { required: ['log_type'], properties: { log_type: { const: 'es' } } } },
  ],
};

/** ajv's compiled validator (every error, as the package reports every problem). */
export function compileAjv() {
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat('ip', (s) => isIP(s) !== 0);
  return ajv.compile(jsonSchema);
}

