//! Set-up shared by the tests that drive the RLM loop in process: the sandbox policy (or a
//! counted skip) and providers routed to the fake model server on 127.0.0.1.

use super::skip;
use rlm_engine::providers::ProvidersConfig;
use rlm_engine::providers::fake_server::FakeServer;
use rlm_engine::sandbox::{SandboxConfig, SandboxPolicy};
use std::path::Path;

/// The sandbox policy, or why this machine cannot run generated code: the skip helper counts
/// it, and fails the test under `RLM_REQUIRE_SANDBOX=1` (CI), so it never passes silently.
pub fn sandbox_policy() -> Option<SandboxPolicy> {
    match SandboxPolicy::from_config(&SandboxConfig::default(), Path::new(super::RLM)) {
        Ok(policy) => Some(policy),
        Err(e) => {
            skip::skip(
                skip::Need::Sandbox,
                &format!("the sandbox cannot run here: {e}"),
            );
            None
        }
    }
}

/// Providers whose every OpenAI-compatible model is served by `server`, with quick retries.
pub fn fake_providers(server: &FakeServer, max_retries: u32) -> ProvidersConfig {
    let mut providers = ProvidersConfig {
        retry_base_ms: 10,
        max_retries,
        timeout_secs: 30,
        ..ProvidersConfig::default()
    };
    server.route_openai_compatible(&mut providers);
    providers
}
