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

/**
 * createCloudbaseServiceVersion with every documented field (the unconfirmed ones left out),
 * for the "full request" figure of the family's largest call. Its numbers include fractions
 * (cpu, mem) and env_params is a JSON string, so it goes through the engine's full reading.
 * @returns {import('../pkg/dist/node.d.mts').CreateVersionRequest}
 */
export function fullVersionRequest() {
  return {
    env_id: 'prod-1a2b3c4d5e6f7a8b',
    upload_type: 'image',
    flow_ratio: 100,
    cpu: 0.25,
    mem: 0.5,
    min_num: 0,
    max_num: 5,
    policy_type: 'cpu',
    policy_threshold: 60,
    container_port: 8080,
    server_name: 'orders-api',
    repository_type: 'github',
    dockerfile_path: 'Dockerfile',
    build_dir: '.',
    env_params: '{"LOG_LEVEL":"info"}',
    repository: 'acme/orders-api',
    branch: 'main',
    version_remark: 'release 42, built by the deploy pipeline',
    package_name: 'orders-api',
    package_version: '1.42.0',
    image_info: {
      repository_name: 'acme/orders-api',
      is_public: false,
      tag_name: 'v1.42.0',
      server_addr: 'ccr.ccs.tencentyun.com',
      image_url: 'ccr.ccs.tencentyun.com/acme/orders-api:v1.42.0',
    },
    code_detail: { name: { name: 'orders-api', full_name: 'acme/orders-api' }, url: 'https://github.com/acme/orders-api' },
    image_secret_info: { registry_server: 'ccr.ccs.tencentyun.com', user_name: 'deploy', password: 'hunter2-very-secret', email: 'deploy@example.com' },
    image_pull_secret: 'ccr-pull-secret',
    custom_logs: 'stdout',
    initial_delay_seconds: 2,
  };
}
