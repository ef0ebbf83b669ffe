//! Helpers shared by the native test files, used in place (`mod support;`).
#![allow(dead_code)]

pub mod create_service;
