//! The macros that declare a call's objects once. From the same lines come the serde
//! struct (with tsify in the wasm build, so the `.d.ts` carries the doc comments) and the
//! `Shape` static the engine interprets, so the two cannot disagree on a field's name,
//! order, presence or doc.
//!
//! ```ignore
//! shape! {
//!     /// Elasticsearch connection.
//!     struct EsInfo as ES_INFO {
//!         /// TCP port, 1–65535.
//!         opt port: u16 = int().checks(&[documented(PORT)]),
//!     }
//! }
//! ```
//! `req`/`opt` say whether a field is required (`opt` wraps its type in `Option`);
//! `[ts = "0 | 1"]` overrides the TypeScript type where the Rust type is wider than the
//! documented values (a native test checks each override against the field's rule).
//! `open struct` keeps unknown keys (answers); `answer struct` is an open struct that also
//! has `errcode` (always `0`) and `errmsg`.

macro_rules! shape {
    ($(#[doc = $doc:literal])* struct $Struct:ident as $SHAPE:ident { $($fields:tt)* }) => {
        $crate::calls::macros::shape!(@munch (struct) [$($doc),*] $Struct $SHAPE [] [] $($fields)*);
    };
    ($(#[doc = $doc:literal])* open struct $Struct:ident as $SHAPE:ident { $($fields:tt)* }) => {
        $crate::calls::macros::shape!(@munch (open) [$($doc),*] $Struct $SHAPE [] [] $($fields)*);
    };
    ($(#[doc = $doc:literal])* answer struct $Struct:ident as $SHAPE:ident { $($fields:tt)* }) => {
        $crate::calls::macros::shape!(@munch (answer) [$($doc),*] $Struct $SHAPE [] [] $($fields)*);
    };

    (@munch $kind:tt [$($doc:literal),*] $Struct:ident $SHAPE:ident [$($body:tt)*] [$($table:tt)*]
        $(#[doc = $fdoc:literal])*
        req $field:ident : $ty:ty $([ts = $ts:literal])? = $spec:expr ,
        $($rest:tt)*
    ) => {
        $crate::calls::macros::shape!(@munch $kind [$($doc),*] $Struct $SHAPE
            [$($body)*
                $(#[doc = $fdoc])*
                $(#[cfg_attr(target_arch = "wasm32", tsify(type = $ts))])?
                pub $field: $ty,
            ]
            [$($table)*
                $crate::calls::Field {
                    name: stringify!($field),
                    doc: concat!($($fdoc, "\n",)*),
                    required: true,
                    spec: $spec,
                },
            ]
            $($rest)*
        );
    };

    (@munch $kind:tt [$($doc:literal),*] $Struct:ident $SHAPE:ident [$($body:tt)*] [$($table:tt)*]
        $(#[doc = $fdoc:literal])*
        opt $field:ident : $ty:ty $([ts = $ts:literal])? = $spec:expr ,
        $($rest:tt)*
    ) => {
        $crate::calls::macros::shape!(@munch $kind [$($doc),*] $Struct $SHAPE
            [$($body)*
                $(#[doc = $fdoc])*
                $(#[cfg_attr(target_arch = "wasm32", tsify(type = $ts))])?
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            ]
            [$($table)*
                $crate::calls::Field {
                    name: stringify!($field),
                    doc: concat!($($fdoc, "\n",)*),
                    required: false,
                    spec: $spec,
                },
            ]
            $($rest)*
        );
    };

    (@munch (struct) [$($doc:literal),*] $Struct:ident $SHAPE:ident [$($body:tt)*] [$($table:tt)*]) => {
        $(#[doc = $doc])*
        #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Default)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub struct $Struct {
            $($body)*
        }
        $crate::calls::macros::shape!(@static [$($doc),*] $Struct $SHAPE [$($table)*]);
    };

    (@munch (open) [$($doc:literal),*] $Struct:ident $SHAPE:ident [$($body:tt)*] [$($table:tt)*]) => {
        $(#[doc = $doc])*
        #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Default)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub struct $Struct {
            $($body)*
            /// Any other keys WeChat returned, as given.
            #[serde(flatten)]
            #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }
        $crate::calls::macros::shape!(@static [$($doc),*] $Struct $SHAPE [$($table)*]);
    };

    (@munch (answer) [$($doc:literal),*] $Struct:ident $SHAPE:ident [$($body:tt)*] [$($table:tt)*]) => {
        $(#[doc = $doc])*
        #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Default)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub struct $Struct {
            /// Always `0` on success.
            #[cfg_attr(target_arch = "wasm32", tsify(type = "0"))]
            pub errcode: i64,
            /// `"ok"` on success.
            pub errmsg: String,
            $($body)*
            /// Any other keys WeChat returned, as given.
            #[serde(flatten)]
            #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }
        $crate::calls::macros::shape!(@static [$($doc),*] $Struct $SHAPE [$($table)*]);
    };

    (@static [$($doc:literal),*] $Struct:ident $SHAPE:ident [$($table:tt)*]) => {
        #[doc = concat!("The declaration of [`", stringify!($Struct), "`], for the engine.")]
        pub static $SHAPE: $crate::calls::Shape = $crate::calls::Shape {
            name: stringify!($Struct),
            doc: concat!($($doc, "\n",)*),
            fields: &[$($table)*],
        };
    };
}

/// Declares a string-valued enum once: the Rust enum (serde, tsify: a string union in the
/// `.d.ts`) and the list of its wire values that a `Rule::OneOf` checks against.
macro_rules! string_enum {
    (
        $(#[doc = $doc:literal])*
        enum $Enum:ident as $VALUES:ident {
            $( $(#[doc = $vdoc:literal])* $Variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub enum $Enum {
            $( $(#[doc = $vdoc])* #[serde(rename = $wire)] $Variant, )*
        }
        #[doc = concat!("The wire values of [`", stringify!($Enum), "`].")]
        pub const $VALUES: &[&str] = &[$($wire),*];
    };
}

pub(crate) use shape;
pub(crate) use string_enum;
