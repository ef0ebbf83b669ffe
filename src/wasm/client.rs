//! `CloudbaseClient` (options held for many calls, one method per call of the family by
//! its doc name, and the generic `call`), and the seed's one-shot `createService`. A call
//! checks its input first: nothing is sent unless the engine finds no error.

use super::call::{self, Checked};
use super::errors::{to_js, JsFail};
use super::exports::{call_named, checked};
use super::settings::{self, Settings};
use crate::calls::{self, Call};
use crate::error::Error;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// Numbers calls for the hook views' `callId`.
    static NEXT_CALL: Cell<u64> = const { Cell::new(1) };
}

/// The call's number; its `callId` text ("c17") is made only for a hook's view.
fn next_call_id() -> u64 {
    NEXT_CALL.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    })
}

fn config_error(issues: Vec<crate::issue::Issue>) -> JsValue {
    to_js(&Error::config(issues))
}

/// Starts one call and returns its promise: rejects at once with a `ConfigError` or
/// `ValidationError` (nothing sent), else runs the call.
fn start(
    call: &'static Call,
    input: &JsValue,
    settings: Result<Settings, Vec<crate::issue::Issue>>,
) -> js_sys::Promise {
    let settings = match settings {
        Ok(s) => s,
        Err(issues) => return js_sys::Promise::reject(&config_error(issues)),
    };
    let checked: Checked = match checked(call, input, &settings.rules) {
        Ok(c) => c,
        Err(e) => return js_sys::Promise::reject(&JsFail::new(&e).into_js()),
    };
    super::js::spawn(call::run(next_call_id(), checked, settings))
}

/// Validates `input`, then creates the service. Rejects with `ValidationError` or
/// `ConfigError` (nothing sent), `WxApiError` or `TransportError`.
#[wasm_bindgen(js_name = createService, unchecked_return_type = "Promise<CreateServiceResponse>")]
pub fn create_service(
    #[wasm_bindgen(unchecked_param_type = "CreateServiceRequest")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CallOptions")] opts: JsValue,
) -> js_sys::Promise {
    start(
        &calls::CREATE_SERVICE,
        &input,
        settings::client(&opts, "the options of createService"),
    )
}

/// A client that holds options (token source, base URL, timeouts, hooks) for many calls.
/// Calls may run concurrently: no method keeps a borrow across an await.
#[wasm_bindgen]
pub struct CloudbaseClient {
    settings: Settings,
}

impl CloudbaseClient {
    fn start(&self, call: &'static Call, input: &JsValue, overrides: &JsValue) -> js_sys::Promise {
        // The settings are cloned before the future starts, so `self` is not borrowed while
        // the call is in flight.
        start(call, input, settings::overlay(&self.settings, overrides))
    }
}

#[wasm_bindgen]
impl CloudbaseClient {
    /// Throws `ConfigError` when an option is bad (unknown options included).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] opts: JsValue,
    ) -> Result<CloudbaseClient, JsValue> {
        let settings = settings::client(&opts, "the client options").map_err(config_error)?;
        Ok(CloudbaseClient { settings })
    }

    /// Any call of the family by its doc name, with the client's options overridden by
    /// `overrides`. (Its generic declaration, which infers the request and answer types
    /// from the name, is in `types.rs`.)
    #[wasm_bindgen(js_name = call, skip_typescript)]
    pub fn call(&self, name: JsValue, input: JsValue, overrides: JsValue) -> js_sys::Promise {
        match call_named(&name) {
            Ok(call) => self.start(call, &input, &overrides),
            Err(issue) => js_sys::Promise::reject(&config_error(vec![issue])),
        }
    }

    /// createCloudbaseService under the seed's name.
    #[wasm_bindgen(js_name = createService, unchecked_return_type = "Promise<CreateServiceResponse>")]
    pub fn create_service(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateServiceRequest")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOverrides")] overrides: JsValue,
    ) -> js_sys::Promise {
        self.start(&calls::CREATE_SERVICE, &input, &overrides)
    }
}

/// One method per call, by its doc name. `with_input` methods take the body first; the
/// others (a call whose body is empty) take only the overrides. A test checks that every
/// call of `calls::CALLS` has its method.
macro_rules! methods {
    ($( $kind:ident $js:literal $rust:ident $CALL:path, $req:literal, $res:literal; )*) => {
        $( methods!(@one $kind $js $rust $CALL, $req, $res); )*
    };
    (@one with_input $js:literal $rust:ident $CALL:path, $req:literal, $res:literal) => {
        #[wasm_bindgen]
        impl CloudbaseClient {
        #[doc = concat!("The call `", $js, "`.")]
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $res)]
        pub fn $rust(
            &self,
            #[wasm_bindgen(unchecked_param_type = $req)] input: JsValue,
            #[wasm_bindgen(unchecked_optional_param_type = "CallOverrides")] overrides: JsValue,
        ) -> js_sys::Promise {
            self.start(&$CALL, &input, &overrides)
        }
        }
    };
    (@one no_input $js:literal $rust:ident $CALL:path, $req:literal, $res:literal) => {
        #[wasm_bindgen]
        impl CloudbaseClient {
        #[doc = concat!("The call `", $js, "` (its body is empty).")]
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $res)]
        pub fn $rust(
            &self,
            #[wasm_bindgen(unchecked_optional_param_type = "CallOverrides")] overrides: JsValue,
        ) -> js_sys::Promise {
            let empty: JsValue = js_sys::Object::new().into();
            self.start(&$CALL, &empty, &overrides)
        }
        }
    };
}

methods! {
    no_input "getWxCloudBaseRunEnvs" get_wx_cloud_base_run_envs calls::GET_ENVS,
        "GetEnvsRequest", "Promise<GetEnvsResponse>";
    with_input "createCloudbaseEnv" create_cloudbase_env calls::CREATE_ENV,
        "CreateEnvRequest", "Promise<CreateEnvResponse>";
    with_input "getShareCloudbaseEnv" get_share_cloudbase_env calls::GET_SHARE,
        "GetShareRequest", "Promise<GetShareResponse>";
    with_input "shareCloudbaseEnv" share_cloudbase_env calls::SHARE,
        "ShareRequest", "Promise<ShareResponse>";
    with_input "unshareCloudbaseEnv" unshare_cloudbase_env calls::UNSHARE,
        "UnshareRequest", "Promise<UnshareResponse>";
    with_input "createCloudbaseService" create_cloudbase_service calls::CREATE_SERVICE,
        "CreateServiceRequest", "Promise<CreateServiceResponse>";
    with_input "createCloudbaseServiceVersion" create_cloudbase_service_version calls::CREATE_VERSION,
        "CreateVersionRequest", "Promise<CreateVersionResponse>";
    with_input "updateCloudbaseServiceVersion" update_cloudbase_service_version calls::UPDATE_VERSION,
        "UpdateVersionRequest", "Promise<UpdateVersionResponse>";
    with_input "deleteCloudbaseServiceVersion" delete_cloudbase_service_version calls::DELETE_VERSION,
        "DeleteVersionRequest", "Promise<DeleteVersionResponse>";
    with_input "releaseCloudbaseServiceVersion" release_cloudbase_service_version calls::RELEASE_VERSION,
        "ReleaseVersionRequest", "Promise<ReleaseVersionResponse>";
    with_input "createCloudbaseMicrservice" create_cloudbase_micrservice calls::CREATE_MICROSERVICE,
        "CreateMicroserviceRequest", "Promise<CreateMicroserviceResponse>";
}
