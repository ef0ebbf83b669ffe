//! The environment calls of `api/family.md`: getWxCloudBaseRunEnvs (1), createCloudbaseEnv
//! (2) and createCloudbaseMicrservice (11).

use super::decl::*;
use super::macros::shape;
use super::patterns::{ENV_ALIAS, ENV_ID, SUBNET_ID, VPC_ID};

shape! {
    /// Body of `POST /componenttcb/describecloudbaserunenvs`: it has no fields (`{}` is sent).
    struct GetEnvsRequest as GET_ENVS_BODY {}
}

shape! {
    /// A database of an environment.
    open struct EnvDatabase as ENV_DATABASE {
        /// Region.
        opt region: String = text(),
        /// Database instance id.
        opt instance_id: String = text(),
        /// Status.
        opt status: String = text(),
    }
}

shape! {
    /// A storage of an environment.
    open struct EnvStorage as ENV_STORAGE {
        /// Region.
        opt region: String = text(),
        /// Bucket.
        opt bucket: String = text(),
        /// CDN domain.
        opt cdn_domain: String = text(),
        /// App id of the storage.
        opt app_id: String = text(),
    }
}

shape! {
    /// A cloud functions namespace of an environment.
    open struct EnvFunction as ENV_FUNCTION {
        /// Region.
        opt region: String = text(),
        /// Namespace.
        opt namespace: String = text(),
    }
}

shape! {
    /// A log service of an environment.
    open struct EnvLogService as ENV_LOG_SERVICE {
        /// Region.
        opt region: String = text(),
        /// Logset id.
        opt logset_id: String = text(),
        /// Logset name.
        opt logset_name: String = text(),
        /// Topic id.
        opt topic_id: String = text(),
        /// Topic name.
        opt topic_name: String = text(),
    }
}

shape! {
    /// A static website storage of an environment.
    open struct EnvStaticStorage as ENV_STATIC_STORAGE {
        /// Region.
        opt region: String = text(),
        /// Bucket.
        opt bucket: String = text(),
        /// Status.
        opt status: String = text(),
        /// Static website domain.
        opt static_domain: String = text(),
        /// Default directory name.
        opt default_dir_name: String = text(),
    }
}

shape! {
    /// A tag of an environment.
    open struct EnvTag as ENV_TAG {
        /// Tag key.
        opt key: String = text(),
        /// Tag value.
        opt value: String = text(),
    }
}

shape! {
    /// A custom (CLS) log service of an environment.
    open struct EnvCustomLogService as ENV_CUSTOM_LOG_SERVICE {
        /// CLS region.
        opt cls_region: String = text(),
        /// CLS logset id.
        opt cls_logset_id: String = text(),
        /// CLS topic id.
        opt cls_topic_id: String = text(),
        /// Creation time.
        opt create_time: String = text(),
    }
}

static DATABASE_ITEM: Spec = object(&ENV_DATABASE);
static STORAGE_ITEM: Spec = object(&ENV_STORAGE);
static FUNCTION_ITEM: Spec = object(&ENV_FUNCTION);
static LOG_SERVICE_ITEM: Spec = object(&ENV_LOG_SERVICE);
static STATIC_STORAGE_ITEM: Spec = object(&ENV_STATIC_STORAGE);
static TAG_ITEM: Spec = object(&ENV_TAG);
static CUSTOM_LOG_ITEM: Spec = object(&ENV_CUSTOM_LOG_SERVICE);

shape! {
    /// One environment of `env_list`.
    open struct EnvItem as ENV_ITEM {
        /// Environment id.
        opt env_id: String = text(),
        /// Where it was created: `miniapp` or `qcloud`.
        opt source: String = text(),
        /// Alias.
        opt alias: String = text(),
        /// Creation time.
        opt create_time: String = text(),
        /// Last update time.
        opt update_time: String = text(),
        /// `NORMAL`, or `UNAVAILABLE` while it is not initialised yet.
        opt status: String = text(),
        /// Databases.
        opt databases: Vec<EnvDatabase> = array(&DATABASE_ITEM),
        /// Storages.
        opt storages: Vec<EnvStorage> = array(&STORAGE_ITEM),
        /// Cloud functions namespaces.
        opt functions: Vec<EnvFunction> = array(&FUNCTION_ITEM),
        /// Package id.
        opt package_id: String = text(),
        /// Package name.
        opt package_name: String = text(),
        /// Log services.
        opt log_services: Vec<EnvLogService> = array(&LOG_SERVICE_ITEM),
        /// Static website storages.
        opt static_storages: Vec<EnvStaticStorage> = array(&STATIC_STORAGE_ITEM),
        /// Whether it degrades automatically.
        opt is_auto_degrade: bool = boolean(),
        /// Environment channel.
        opt env_channel: String = text(),
        /// `prepayment` or `postpaid`.
        opt pay_mode: String = text(),
        /// Whether it is the default environment.
        opt is_default: bool = boolean(),
        /// Region.
        opt region: String = text(),
        /// Tags.
        opt tags: Vec<EnvTag> = array(&TAG_ITEM),
        /// Custom (CLS) log services.
        opt custom_log_services: Vec<EnvCustomLogService> = array(&CUSTOM_LOG_ITEM),
    }
}

static ENV_ITEM_SPEC: Spec = object(&ENV_ITEM);

shape! {
    /// The environments of the authorised mini program.
    answer struct GetEnvsResponse as GET_ENVS_ANSWER {
        /// The environments.
        opt env_list: Vec<EnvItem> = array(&ENV_ITEM_SPEC),
    }
}

pub static GET_ENVS: Call = Call {
    name: "getWxCloudBaseRunEnvs",
    path: "describecloudbaserunenvs",
    title: "List the cloud-run environments of the authorised mini program",
    effect: Effect::Reads,
    body: &GET_ENVS_BODY,
    answer: &GET_ENVS_ANSWER,
    cross: &[],
    failed_result: None,
    example: "{}",
};

/// A subnet id entry, conventionally `subnet-xxxxxxxx`.
static SUB_NET_ITEM: Spec = text().checks(&[convention(Rule::Shape(SUBNET_ID))]);

shape! {
    /// Body of `POST /componenttcb/createcloudbaserunenv`: creates a cloud-run environment.
    struct CreateEnvRequest as CREATE_ENV_BODY {
        /// Environment alias: starts with a lowercase letter, then lowercase letters, digits
        /// and `-`.
        opt alias: String = text().checks(&[documented(Rule::Shape(ENV_ALIAS))]),
        /// VPC id, conventionally `vpc-xxxxxxxx`.
        opt vpc_id: String = text().checks(&[convention(Rule::Shape(VPC_ID))]),
        /// Subnet ids, conventionally `subnet-xxxxxxxx`.
        opt sub_net_ids: Vec<String> = array(&SUB_NET_ITEM).checks(&[convention(Rule::Unique)]),
    }
}

shape! {
    /// The environment created.
    answer struct CreateEnvResponse as CREATE_ENV_ANSWER {
        /// The new environment's id.
        opt env_id: String = text(),
        /// The postpaid order id.
        opt tran_id: serde_json::Value [ts = "string | number"] = any(),
    }
}

pub static CREATE_ENV: Call = Call {
    name: "createCloudbaseEnv",
    path: "createcloudbaserunenv",
    title: "Create a cloud-run environment",
    effect: Effect::Changes,
    body: &CREATE_ENV_BODY,
    answer: &CREATE_ENV_ANSWER,
    cross: &[],
    failed_result: None,
    example: r#"{"alias":"testapi"}"#,
};

shape! {
    /// Body of `POST /componenttcb/createcloudbaserunresauth`: authorises an environment
    /// for microservices.
    struct CreateMicroserviceRequest as CREATE_MICROSERVICE_BODY {
        /// The environment to authorise.
        req env_id: String = text().checks(&[convention(Rule::Shape(ENV_ID))]),
    }
}

shape! {
    /// The authorisation was made.
    answer struct CreateMicroserviceResponse as CREATE_MICROSERVICE_ANSWER {}
}

pub static CREATE_MICROSERVICE: Call = Call {
    name: "createCloudbaseMicrservice",
    path: "createcloudbaserunresauth",
    title: "Authorise an environment for microservices (the doc spells it Micrservice)",
    effect: Effect::Changes,
    body: &CREATE_MICROSERVICE_BODY,
    answer: &CREATE_MICROSERVICE_ANSWER,
    cross: &[],
    failed_result: None,
    example: r#"{"env_id":"prod-1a2b3c4d5e6f7a8b"}"#,
};
