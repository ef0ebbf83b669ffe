// The request fields of the eleven componenttcb calls, restated from the API facts
// (family.md, createCloudbaseService.md). Declaration order is check order. Fields the facts
// call "unconfirmed" are `loose`: known (stored, bounded) but never a reason to refuse.
import { T, loose, opt, req, secret } from './check.mjs';

/** createCloudbaseEnv's alias: starts with a–z, then a–z, 0–9 and "-" (documented). */
const ALIAS = T.matching(/^[a-z][a-z0-9-]*$/, 64);
/** source_type: 1 (cloud-run environment) is the only documented value. */
const SOURCE_TYPE = T.oneOf(1);
const TCP_PORT = T.int(1, 65535);

export const DESCRIBE_ENVS = Object.freeze({});

export const CREATE_ENV = Object.freeze({
  alias: opt(ALIAS),
  vpc_id: opt(T.string),
  sub_net_ids: opt(T.strings),
});

export const GET_SHARE = Object.freeze({
  appids: req(T.strings),
  source_type: req(SOURCE_TYPE),
});

/** shareCloudbaseEnv and unshareCloudbaseEnv take the same body. */
export const SHARE = Object.freeze({
  data: req(T.list({ env: req(T.id), appids: req(T.strings) })),
  source_type: req(SOURCE_TYPE),
});

export const CREATE_SERVICE = Object.freeze({
  env_id: req(T.id),
  service_name: req(T.id),
  is_public: req(T.bool),
  image_repo: opt(T.string),
  remark: opt(T.string),
  es_info: opt(T.object({
    id: opt(T.number),
    secret_name: opt(T.string),
    ip: opt(T.ip),
    port: opt(TCP_PORT), // a hard rule of TCP, not a convention
    index: opt(T.string),
    account: opt(T.string),
    password: secret(T.string),
  })),
  log_type: opt(T.oneOf('es', 'cls')),
  vpc_info: opt(T.object({
    vpc_id: opt(T.string),
    subnet_ids: opt(T.strings),
    create_type: opt(T.int(0, 3)), // 0–2 documented; one doc sample sends 3
  })),
  public_access: opt(T.oneOf(0, 1, 2)),
});

const IMAGE_INFO = T.object({
  repository_name: opt(T.string),
  is_public: opt(T.bool),
  tag_name: opt(T.string),
  server_addr: opt(T.string),
  image_url: opt(T.string),
});
const CODE_DETAIL = T.object({
  name: opt(T.object({ name: opt(T.string), full_name: opt(T.string) })),
  url: opt(T.string),
});
const REPOSITORY_TYPE = T.oneOf('coding', 'gitlab', 'github');
/** Where a version's code or image comes from: the same optional fields in create and update. */
const SOURCE = Object.freeze({
  repository: opt(T.string),
  branch: opt(T.string),
  version_remark: opt(T.string),
  package_name: opt(T.string),
  package_version: opt(T.string),
  image_info: opt(IMAGE_INFO),
  code_detail: opt(CODE_DETAIL),
});

export const CREATE_VERSION = Object.freeze({
  env_id: req(T.id),
  server_name: req(T.id), // required on the older pages, optional on the newest
  upload_type: req(T.oneOf('package', 'repository', 'image', 'jar', 'war')),
  flow_ratio: req(T.numberIn(0, 100)),
  cpu: req(T.number),
  mem: req(T.number),
  min_num: req(T.numberIn(0)),
  max_num: req(T.numberIn(-Infinity, 50)),
  policy_type: req(T.string),
  policy_threshold: req(T.number),
  container_port: req(TCP_PORT),
  repository_type: opt(REPOSITORY_TYPE),
  dockerfile_path: opt(T.string),
  build_dir: opt(T.string),
  env_params: opt(T.string), // a JSON text, not an object
  ...SOURCE,
  image_secret_info: opt(T.object({
    registry_server: opt(T.string),
    user_name: opt(T.string),
    password: secret(T.string),
    email: opt(T.string),
  })),
  image_pull_secret: opt(T.string),
  custom_logs: loose(), // documented without a type
  initial_delay_seconds: opt(T.number),
  mount_volume_info: loose(),
  access_type: loose(),
  es_info: loose(),
  enable_union: loose(),
  server_path: loose(),
  sidecar_specs: loose(),
  security: loose(),
  service_volumes: loose(),
  is_create_jns_gw: loose(),
  service_volume_mounts: loose(),
  has_dockerfile: loose(),
  base_image: loose(),
  entry_point: loose(),
  repo_language: loose(),
  upload_filename: loose(),
  policy_detail: loose(),
});

export const UPDATE_VERSION = Object.freeze({
  env_id: req(T.id),
  version_name: req(T.id), // "latest" allowed
  upload_type: opt(T.oneOf('package', 'repository', 'image')),
  repository_type: opt(REPOSITORY_TYPE),
  flow_ratio: opt(T.numberIn(0, 100)),
  dockerfile_path: opt(T.string),
  build_dir: opt(T.string),
  // Strings in this call (the official sample sends "0.25"), numbers in create.
  cpu: opt(T.numberText()),
  mem: opt(T.numberText()),
  min_num: opt(T.numberText(0)),
  max_num: opt(T.numberText(-Infinity, 50)),
  policy_type: opt(T.string),
  policy_threshold: opt(T.numberText()),
  env_params: opt(T.string),
  container_port: opt(TCP_PORT),
  server_name: opt(T.id),
  ...SOURCE,
  is_rebuild: opt(T.bool),
  initial_delay_seconds: opt(T.number),
  mount_volume_info: opt(T.array),
  rollback: opt(T.bool),
  snapshot_name: loose(),
  custom_logs: loose(),
  enable_union: loose(),
  server_path: loose(),
  is_update_cls: loose(),
  policy_detail: loose(),
});

export const DELETE_VERSION = Object.freeze({
  env_id: req(T.id),
  server_name: req(T.id),
  version_name: req(T.id),
  is_delete_server: opt(T.bool),
  is_delete_image: opt(T.bool),
});

export const RELEASE_VERSION = Object.freeze({
  env_id: req(T.id),
  server_name: req(T.id),
  release_version: req(T.id),
});

export const CREATE_MICROSERVICE = Object.freeze({
  env_id: req(T.id),
});
