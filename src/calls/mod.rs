//! One declaration per call of the cloud-run family (`api/family.md`): its doc name, path,
//! what it does to WeChat's state, its body and answer shapes, and the rules over several
//! fields. Everything about a call comes from here: validation and the built body (the
//! engine), the typed request and answer (serde, tsify), unknown-key suggestions, the URL,
//! retry safety and `describeCalls()`.

mod create_service;
pub mod decl;
pub mod describe;
mod envs;
pub(crate) mod macros;
pub mod patterns;
mod share;
mod version;
mod version_ops;
mod version_parts;
mod version_update;

pub use create_service::*;
pub use decl::{
    Call, Check, CrossRule, Effect, FailedResult, Field, Rule, Shape, Source, Spec, Type,
};
pub use envs::*;
pub use share::*;
pub use version::*;
pub use version_ops::*;
pub use version_parts::{CodeDetail, CodeName, ImageInfo, ImageSecretInfo, PolicyDetail};
pub use version_update::*;

/// Lists the calls once: `CALLS`, and the TypeScript `CallName` union and `Requests` /
/// `Responses` maps (which `calls_agree_with_their_typescript_map` checks against each
/// call's declaration).
macro_rules! family {
    ($( $name:literal => $CALL:ident : $Req:ident, $Res:ident; )*) => {
        /// Every call, in the order of `api/family.md`.
        pub static CALLS: &[&Call] = &[$(&$CALL),*];

        /// Each call's doc name with its request and answer type names, as `TS_MAP` says.
        pub const TS_NAMES: &[(&str, &str, &str)] = &[$(($name, stringify!($Req), stringify!($Res))),*];

        /// The call names and the name → request / answer type maps, for the `.d.ts`.
        pub const TS_MAP: &str = concat!(
            "/** The doc name of each call of the cloud-run family. */\n",
            "export type CallName =", $( "\n    | \"", $name, "\"", )* ";\n\n",
            "/** The request body of each call, by its doc name. */\n",
            "export interface Requests {\n", $( "    ", $name, ": ", stringify!($Req), ";\n", )* "}\n\n",
            "/** The successful answer of each call, by its doc name. */\n",
            "export interface Responses {\n", $( "    ", $name, ": ", stringify!($Res), ";\n", )* "}\n",
        );
    };
}

family! {
    "getWxCloudBaseRunEnvs" => GET_ENVS: GetEnvsRequest, GetEnvsResponse;
    "createCloudbaseEnv" => CREATE_ENV: CreateEnvRequest, CreateEnvResponse;
    "getShareCloudbaseEnv" => GET_SHARE: GetShareRequest, GetShareResponse;
    "shareCloudbaseEnv" => SHARE: ShareRequest, ShareResponse;
    "unshareCloudbaseEnv" => UNSHARE: UnshareRequest, UnshareResponse;
    "createCloudbaseService" => CREATE_SERVICE: CreateServiceRequest, CreateServiceResponse;
    "createCloudbaseServiceVersion" => CREATE_VERSION: CreateVersionRequest, CreateVersionResponse;
    "updateCloudbaseServiceVersion" => UPDATE_VERSION: UpdateVersionRequest, UpdateVersionResponse;
    "deleteCloudbaseServiceVersion" => DELETE_VERSION: DeleteVersionRequest, DeleteVersionResponse;
    "releaseCloudbaseServiceVersion" => RELEASE_VERSION: ReleaseVersionRequest, ReleaseVersionResponse;
    "createCloudbaseMicrservice" => CREATE_MICROSERVICE: CreateMicroserviceRequest, CreateMicroserviceResponse;
}

/// The call with this doc name.
pub fn by_name(name: &str) -> Option<&'static Call> {
    CALLS.iter().copied().find(|call| call.name == name)
}

/// The doc names, for messages: `"a", "b" and "c"`.
pub fn names() -> Vec<&'static str> {
    CALLS.iter().map(|call| call.name).collect()
}

/// Whether some call declares a secret field called `key` (a password, environment
/// variables): such values are masked in redacted bodies.
pub fn is_secret_field(key: &str) -> bool {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            let mut names = Vec::new();
            let mut stack: Vec<&'static Shape> = CALLS.iter().map(|c| c.body).collect();
            let mut seen: Vec<*const Shape> = Vec::new();
            while let Some(shape) = stack.pop() {
                if seen.contains(&(shape as *const Shape)) {
                    continue;
                }
                seen.push(shape);
                for field in shape.fields {
                    if field.spec.secret && !names.contains(&field.name) {
                        names.push(field.name);
                    }
                    let mut ty = field.spec.ty;
                    while let Type::Array(item) = ty {
                        ty = item.ty;
                    }
                    if let Type::Object(inner) = ty {
                        stack.push(inner);
                    }
                }
            }
            names
        })
        .iter()
        .any(|name| name.eq_ignore_ascii_case(key))
}
