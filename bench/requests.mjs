// The two requests every benchmark uses: one with every documented field, one with only
// the three required ones. Both are valid and raise no warning, so every implementation
// takes its success path.

/** @returns {import('../pkg/dist/node.d.mts').CreateServiceRequest} */
export function fullRequest() {
  return {
    env_id: 'prod-1a2b3c4d5e6f7a8b',
    service_name: 'orders-api',
    is_public: true,
    image_repo: 'ccr.ccs.tencentyun.com/acme/orders-api',
    remark: 'order service, created by the deploy pipeline',
    es_info: {
      id: 42,
      secret_name: 'es-secret',
      ip: '10.0.0.12',
      port: 9200,
      index: 'orders-logs',
      account: 'elastic',
      password: 'hunter2-very-secret',
    },
    log_type: 'es',
    vpc_info: {
      vpc_id: 'vpc-a1b2c3d4',
      subnet_ids: ['subnet-a1b2c3d4', 'subnet-e5f6a7b8'],
      create_type: 2,
    },
    public_access: 1,
  };
}

export function minimalRequest() {
  return { env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'orders-api', is_public: true };
}

export const ACCESS_TOKEN = 'emulator-token';
