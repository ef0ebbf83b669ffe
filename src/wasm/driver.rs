//! The attempt driver shared by a call and by the token request: it counts attempts, sends
//! each through the transport within the context, and waits the backoff its caller's pure
//! policy chose (`retry::decide` for calls, `token_manager::retry_delay` for the token).

use super::ctx::{Ctx, Waited};
use super::transport::{self, Failure, RawResponse};
use crate::calls::Effect;
use crate::request::HttpRequest;

/// How a wait of the driver ended early.
pub enum Ended {
    Deadline,
    Aborted,
}

pub struct Driver<'a> {
    pub ctx: &'a Ctx,
    /// Requests sent (or tried) so far.
    pub attempts: u32,
    /// Retries spent (a forced token refresh does not count).
    pub retries: u32,
}

impl<'a> Driver<'a> {
    pub fn new(ctx: &'a Ctx) -> Self {
        Driver {
            ctx,
            attempts: 0,
            retries: 0,
        }
    }

    /// One attempt, within `timeout_ms` and what is left of the deadline.
    pub async fn attempt(
        &mut self,
        http: &HttpRequest,
        origin: &str,
        timeout_ms: f64,
        effect: Effect,
    ) -> Result<RawResponse, Failure> {
        self.attempts += 1;
        let timeout = timeout_ms.min(self.ctx.remaining().max(0.0));
        transport::send(http, origin, timeout, self.ctx, effect).await
    }

    /// Waits `delay_ms` before the next attempt.
    pub async fn backoff(&mut self, delay_ms: f64) -> Result<(), Ended> {
        self.retries += 1;
        match self.ctx.sleep(delay_ms).await {
            Waited::Aborted => Err(Ended::Aborted),
            Waited::Deadline => Err(Ended::Deadline),
            _ => Ok(()),
        }
    }
}
