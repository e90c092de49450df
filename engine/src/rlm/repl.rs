//! The REPL the loop drives, as a trait. In every face it is the sandboxed Python REPL
//! ([`crate::sandbox::Repl`], started by [`SandboxRepls`]); the loop's own logic (budgets,
//! prose `FINAL`, partial answers, host calls) does not depend on which REPL runs the code, so
//! a scripted in-process twin ([`scripted::ScriptedRepls`], tests and benchmarks only) can
//! stand in where no kernel sandbox exists.

use crate::sandbox::{ContextInfo, HostCalls, Repl, SandboxError, SandboxPolicy, StepResult};
use serde_json::Value;
use std::path::Path;

/// One REPL of one loop level: the context as the variable `context`, other variables, and
/// steps of code that may call back into the host.
pub trait LoopRepl {
    fn load_context_file(&mut self, path: &Path) -> Result<ContextInfo, SandboxError>;
    fn load_context_text(&mut self, text: &str) -> Result<ContextInfo, SandboxError>;
    fn set_variable(&mut self, name: &str, value: &Value) -> Result<(), SandboxError>;
    fn execute(&mut self, code: &str, host: &mut dyn HostCalls)
    -> Result<StepResult, SandboxError>;
}

/// Starts the REPL of each loop level (the root, and every `rlm_query` child).
pub trait ReplStarter: Send + Sync {
    fn start(&self, sandbox: &SandboxPolicy) -> Result<Box<dyn LoopRepl>, SandboxError>;
}

/// The sandboxed Python REPL, the one every face uses.
pub struct SandboxRepls;

impl ReplStarter for SandboxRepls {
    fn start(&self, sandbox: &SandboxPolicy) -> Result<Box<dyn LoopRepl>, SandboxError> {
        Ok(Box::new(Repl::start(sandbox)?))
    }
}

impl LoopRepl for Repl {
    fn load_context_file(&mut self, path: &Path) -> Result<ContextInfo, SandboxError> {
        Repl::load_context_file(self, path)
    }

    fn load_context_text(&mut self, text: &str) -> Result<ContextInfo, SandboxError> {
        Repl::load_context_text(self, text)
    }

    fn set_variable(&mut self, name: &str, value: &Value) -> Result<(), SandboxError> {
        Repl::set_variable(self, name, value)
    }

    fn execute(
        &mut self,
        code: &str,
        host: &mut dyn HostCalls,
    ) -> Result<StepResult, SandboxError> {
        Repl::execute(self, code, host)
    }
}

/// A REPL played by a script, for testing the loop without a kernel sandbox: each step's
/// result comes from a function of the code (and may call the host, as real code calls
/// `llm_query`). Not in the released binary.
#[cfg(any(test, feature = "test-support"))]
pub mod scripted {
    use super::{LoopRepl, ReplStarter};
    use crate::sandbox::{
        ContextInfo, Finish, HostCalls, SandboxError, SandboxPolicy, StepOutcome, StepResult,
    };
    use serde_json::Value;
    use std::collections::BTreeMap;
    use std::path::Path;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    /// What the script sees of a step: the code, the REPL's variables so far, the host.
    pub struct Step<'a> {
        pub code: &'a str,
        /// `context` and every variable set, as JSON.
        pub variables: &'a BTreeMap<String, Value>,
        pub host: &'a mut dyn HostCalls,
    }

    /// Decides a step's result.
    pub type Script = Arc<dyn Fn(Step<'_>) -> StepResult + Send + Sync>;

    /// Starts [`ScriptedRepl`]s that share one script and one record of the code they ran.
    #[derive(Clone)]
    pub struct ScriptedRepls {
        script: Script,
        ran: Arc<Mutex<Vec<String>>>,
    }

    impl ScriptedRepls {
        pub fn new(script: Script) -> ScriptedRepls {
            ScriptedRepls {
                script,
                ran: Arc::new(Mutex::new(Vec::new())),
            }
        }

        /// Every step's code, in the order the REPLs ran them.
        pub fn ran(&self) -> Vec<String> {
            self.ran.lock().map(|r| r.clone()).unwrap_or_default()
        }
    }

    impl ReplStarter for ScriptedRepls {
        fn start(&self, _sandbox: &SandboxPolicy) -> Result<Box<dyn LoopRepl>, SandboxError> {
            Ok(Box::new(ScriptedRepl {
                script: Arc::clone(&self.script),
                ran: Arc::clone(&self.ran),
                variables: BTreeMap::new(),
            }))
        }
    }

    /// One scripted REPL.
    pub struct ScriptedRepl {
        script: Script,
        ran: Arc<Mutex<Vec<String>>>,
        variables: BTreeMap<String, Value>,
    }

    impl LoopRepl for ScriptedRepl {
        fn load_context_file(&mut self, path: &Path) -> Result<ContextInfo, SandboxError> {
            let text = std::fs::read_to_string(path).map_err(|source| SandboxError::Io {
                what: format!("reading the context {}", path.display()),
                source,
            })?;
            self.load_context_text(&text)
        }

        fn load_context_text(&mut self, text: &str) -> Result<ContextInfo, SandboxError> {
            self.variables
                .insert("context".into(), Value::String(text.to_string()));
            Ok(ContextInfo {
                bytes: text.len() as u64,
                chars: text.chars().count() as u64,
                elapsed: Duration::ZERO,
            })
        }

        fn set_variable(&mut self, name: &str, value: &Value) -> Result<(), SandboxError> {
            self.variables.insert(name.to_string(), value.clone());
            Ok(())
        }

        fn execute(
            &mut self,
            code: &str,
            host: &mut dyn HostCalls,
        ) -> Result<StepResult, SandboxError> {
            if let Ok(mut ran) = self.ran.lock() {
                ran.push(code.to_string());
            }
            Ok((self.script)(Step {
                code,
                variables: &self.variables,
                host,
            }))
        }
    }

    /// A step that printed `stdout` and completed.
    pub fn printed(stdout: &str) -> StepResult {
        StepResult {
            stdout: stdout.to_string(),
            stderr: String::new(),
            outcome: StepOutcome::Completed,
            truncation: None,
            redactions: 0,
            elapsed: Duration::ZERO,
            finish: None,
        }
    }

    /// A step that ended the run with `FINAL(answer)`.
    pub fn final_answer(answer: &str) -> StepResult {
        StepResult {
            finish: Some(Finish::Final(answer.to_string())),
            ..printed("")
        }
    }

    /// A step that raised `kind: message`.
    pub fn raised(kind: &str, message: &str) -> StepResult {
        StepResult {
            outcome: StepOutcome::Raised(crate::sandbox::PyError {
                kind: kind.to_string(),
                message: message.to_string(),
                traceback: String::new(),
            }),
            ..printed("")
        }
    }
}
