// The package's rules as a zod 4 schema (see schema-rules.mjs for what a schema can and
// cannot say the same way).
import { isIP } from 'node:net';
import { z } from 'zod';
import { ENV_ID, MAX_STRING, SERVICE_NAME, SUBNET_ID, TEXT, VPC_ID } from './schema-rules.mjs';

const zText = () => z.string().max(MAX_STRING).regex(new RegExp(TEXT, 'u'));

export const zodSchema = z
  .strictObject({
    env_id: zText().regex(new RegExp(ENV_ID)),
    service_name: zText().regex(new RegExp(SERVICE_NAME)),
    is_public: z.boolean(),
    image_repo: zText().optional(),
    remark: zText().optional(),
    es_info: z
      .strictObject({
        id: z.int().min(0).optional(),
        secret_name: zText().optional(),
        ip: zText().refine((s) => isIP(s) !== 0, 'must be an IPv4 or IPv6 address').optional(),
        port: z.int().min(1).max(65535).optional(),
        index: zText().optional(),
        account: zText().optional(),
        password: zText().optional(),
      })
      .optional(),
    log_type: z.enum(['es', 'cls']).optional(),
    vpc_info: z
      .strictObject({
        vpc_id: zText().regex(new RegExp(VPC_ID)).optional(),
        subnet_ids: z
          .array(zText().regex(new RegExp(SUBNET_ID)))
          .min(1)
          .refine((ids) => new Set(ids).size === ids.length, 'subnet ids must be distinct')
          .optional(),
        create_type: z.int().min(0).max(2).optional(),
      })
      .optional(),
    public_access: z.literal([0, 1]).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.log_type === 'es' && body.es_info === undefined) {
      ctx.addIssue({ code: 'custom', path: ['es_info'], message: 'log_type "es" needs es_info' });
    }
    if (body.es_info !== undefined && body.log_type !== 'es') {
      ctx.addIssue({ code: 'custom', path: ['log_type'], message: 'es_info is only used with log_type "es"' });
    }
  });
