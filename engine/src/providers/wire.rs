//! The four wire formats as pure functions: a [`ChatRequest`] becomes a JSON body, a JSON
//! response becomes text and usage. No I/O here, so every format is pinned by unit tests on
//! whole values, and the fake server (`fake_server`) answers with the same shapes.

use super::spec::WireFormat;
use super::{ChatRequest, Message, Role, Usage};
use serde_json::{Value, json};

/// What a response carried.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub text: String,
    pub usage: Usage,
    /// A cost the provider computed itself (OpenRouter's `usage.cost`).
    pub cost_usd: Option<f64>,
}

/// The request body for `format`. `provider` decides small dialect differences (OpenAI's own
/// API wants `max_completion_tokens` and rejects temperature on reasoning models).
pub fn request_body(format: WireFormat, provider: &str, model: &str, request: &ChatRequest) -> Value {
    match format {
        WireFormat::OpenAi => openai_body(provider, model, request),
        WireFormat::Anthropic => anthropic_body(model, request),
        WireFormat::Gemini => gemini_body(request),
        WireFormat::Ollama => ollama_body(model, request),
    }
}

/// Reads a successful response body.
pub fn parse_response(format: WireFormat, body: &Value) -> Result<Parsed, String> {
    match format {
        WireFormat::OpenAi => parse_openai(body),
        WireFormat::Anthropic => parse_anthropic(body),
        WireFormat::Gemini => parse_gemini(body),
        WireFormat::Ollama => parse_ollama(body),
    }
}

/// The human part of an error body (`{"error": {"message": ...}}` and its variants), else the
/// body itself, cut to a readable length.
pub fn error_message(body: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let message = parsed.as_ref().and_then(|v| {
        v.pointer("/error/message")
            .or_else(|| v.pointer("/error"))
            .or_else(|| v.pointer("/message"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let text = message.unwrap_or_else(|| body.trim().to_string());
    let mut cut: String = text.chars().take(300).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::System => "system",
        Role::User => "user",
        Role::Assistant => "assistant",
    }
}

fn openai_body(provider: &str, model: &str, request: &ChatRequest) -> Value {
    let messages: Vec<Value> = request
        .messages
        .iter()
        .map(|m| json!({"role": role_name(m.role), "content": m.content}))
        .collect();
    let mut body = json!({"model": model, "messages": messages});
    let reasoning = model.starts_with('o') || model.starts_with("gpt-5");
    if provider == "openai" || provider == "azure" {
        body["max_completion_tokens"] = json!(request.params.max_tokens);
    } else {
        body["max_tokens"] = json!(request.params.max_tokens);
    }
    if let Some(t) = request.params.temperature.filter(|_| !reasoning) {
        body["temperature"] = json!(t);
    }
    body
}

/// Anthropic wants the system prompt apart and strictly alternating turns starting with the
/// user: consecutive messages of one role are joined.
fn anthropic_body(model: &str, request: &ChatRequest) -> Value {
    let system: Vec<&str> = request
        .messages
        .iter()
        .filter(|m| m.role == Role::System)
        .map(|m| m.content.as_str())
        .collect();
    let turns = alternate(&request.messages);
    let messages: Vec<Value> = turns
        .iter()
        .map(|(role, text)| json!({"role": role_name(*role), "content": text}))
        .collect();
    let mut body = json!({
        "model": model,
        "max_tokens": request.params.max_tokens,
        "messages": messages,
    });
    if !system.is_empty() {
        body["system"] = json!(system.join("\n\n"));
    }
    if let Some(t) = request.params.temperature {
        body["temperature"] = json!(t);
    }
    body
}

fn gemini_body(request: &ChatRequest) -> Value {
    let system: Vec<&str> = request
        .messages
        .iter()
        .filter(|m| m.role == Role::System)
        .map(|m| m.content.as_str())
        .collect();
    let contents: Vec<Value> = alternate(&request.messages)
        .iter()
        .map(|(role, text)| {
            let role = if *role == Role::Assistant { "model" } else { "user" };
            json!({"role": role, "parts": [{"text": text}]})
        })
        .collect();
    let mut config = json!({"maxOutputTokens": request.params.max_tokens});
    if let Some(t) = request.params.temperature {
        config["temperature"] = json!(t);
    }
    let mut body = json!({"contents": contents, "generationConfig": config});
    if !system.is_empty() {
        body["systemInstruction"] = json!({"parts": [{"text": system.join("\n\n")}]});
    }
    body
}

fn ollama_body(model: &str, request: &ChatRequest) -> Value {
    let messages: Vec<Value> = request
        .messages
        .iter()
        .map(|m| json!({"role": role_name(m.role), "content": m.content}))
        .collect();
    let mut options = json!({"num_predict": request.params.max_tokens});
    if let Some(t) = request.params.temperature {
        options["temperature"] = json!(t);
    }
    json!({"model": model, "messages": messages, "stream": false, "options": options})
}

/// Non-system messages with consecutive same-role turns joined, starting with a user turn.
fn alternate(messages: &[Message]) -> Vec<(Role, String)> {
    let mut turns: Vec<(Role, String)> = Vec::new();
    for m in messages.iter().filter(|m| m.role != Role::System) {
        match turns.last_mut() {
            Some((role, text)) if *role == m.role => {
                text.push_str("\n\n");
                text.push_str(&m.content);
            }
            _ => turns.push((m.role, m.content.clone())),
        }
    }
    if turns.first().is_some_and(|(role, _)| *role == Role::Assistant) {
        turns.insert(0, (Role::User, "(continue)".to_string()));
    }
    turns
}

fn u64_at(v: &Value, pointer: &str) -> u64 {
    v.pointer(pointer).and_then(Value::as_u64).unwrap_or(0)
}

fn parse_openai(body: &Value) -> Result<Parsed, String> {
    let choice = body
        .pointer("/choices/0")
        .ok_or("no `choices[0]` in the response")?;
    let text = match choice.pointer("/message/content") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => return Err(format!("`message.content` is not a string: {other}")),
    };
    Ok(Parsed {
        text,
        usage: Usage {
            input_tokens: u64_at(body, "/usage/prompt_tokens"),
            output_tokens: u64_at(body, "/usage/completion_tokens"),
        },
        cost_usd: body.pointer("/usage/cost").and_then(Value::as_f64),
    })
}

fn parse_anthropic(body: &Value) -> Result<Parsed, String> {
    let content = body
        .get("content")
        .and_then(Value::as_array)
        .ok_or("no `content` array in the response")?;
    let text: String = content
        .iter()
        .filter(|block| block.get("type").and_then(Value::as_str) == Some("text"))
        .filter_map(|block| block.get("text").and_then(Value::as_str))
        .collect();
    Ok(Parsed {
        text,
        usage: Usage {
            input_tokens: u64_at(body, "/usage/input_tokens"),
            output_tokens: u64_at(body, "/usage/output_tokens"),
        },
        cost_usd: None,
    })
}

fn parse_gemini(body: &Value) -> Result<Parsed, String> {
    let Some(candidate) = body.pointer("/candidates/0") else {
        let reason = body
            .pointer("/promptFeedback/blockReason")
            .and_then(Value::as_str)
            .unwrap_or("no candidates");
        return Err(format!("Gemini returned no answer ({reason})"));
    };
    let text: String = candidate
        .pointer("/content/parts")
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    Ok(Parsed {
        text,
        usage: Usage {
            input_tokens: u64_at(body, "/usageMetadata/promptTokenCount"),
            output_tokens: u64_at(body, "/usageMetadata/candidatesTokenCount"),
        },
        cost_usd: None,
    })
}

fn parse_ollama(body: &Value) -> Result<Parsed, String> {
    let text = body
        .pointer("/message/content")
        .and_then(Value::as_str)
        .ok_or("no `message.content` in the response")?;
    Ok(Parsed {
        text: text.to_string(),
        usage: Usage {
            input_tokens: u64_at(body, "/prompt_eval_count"),
            output_tokens: u64_at(body, "/eval_count"),
        },
        cost_usd: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::ChatParams;

    fn request() -> ChatRequest {
        ChatRequest {
            messages: vec![
                Message::system("sys"),
                Message::user("q1"),
                Message::user("q2"),
                Message::assistant("a1"),
            ],
            params: ChatParams {
                max_tokens: 100,
                temperature: Some(0.0),
            },
        }
    }

    #[test]
    fn openai_body_uses_max_completion_tokens_on_openai_and_max_tokens_elsewhere() {
        assert_eq!(
            request_body(WireFormat::OpenAi, "openai", "gpt-4o", &request()),
            json!({"model": "gpt-4o", "messages": [
                {"role": "system", "content": "sys"}, {"role": "user", "content": "q1"},
                {"role": "user", "content": "q2"}, {"role": "assistant", "content": "a1"}],
                "max_completion_tokens": 100, "temperature": 0.0})
        );
        assert_eq!(
            request_body(WireFormat::OpenAi, "groq", "llama", &request())["max_tokens"],
            json!(100)
        );
        assert_eq!(
            request_body(WireFormat::OpenAi, "openai", "o3-mini", &request()).get("temperature"),
            None
        );
    }

    #[test]
    fn anthropic_body_lifts_system_and_joins_same_role_turns() {
        assert_eq!(
            request_body(WireFormat::Anthropic, "anthropic", "claude-sonnet-4-5", &request()),
            json!({"model": "claude-sonnet-4-5", "max_tokens": 100, "system": "sys",
                   "temperature": 0.0, "messages": [
                {"role": "user", "content": "q1\n\nq2"}, {"role": "assistant", "content": "a1"}]})
        );
    }

    #[test]
    fn gemini_body_uses_model_role_and_system_instruction() {
        assert_eq!(
            request_body(WireFormat::Gemini, "gemini", "gemini-2.5-flash", &request()),
            json!({"contents": [
                {"role": "user", "parts": [{"text": "q1\n\nq2"}]},
                {"role": "model", "parts": [{"text": "a1"}]}],
                "generationConfig": {"maxOutputTokens": 100, "temperature": 0.0},
                "systemInstruction": {"parts": [{"text": "sys"}]}})
        );
    }

    #[test]
    fn ollama_body_disables_streaming() {
        let body = request_body(WireFormat::Ollama, "ollama", "qwen3:8b", &request());
        assert_eq!(body["stream"], json!(false));
        assert_eq!(body["options"], json!({"num_predict": 100, "temperature": 0.0}));
    }

    #[test]
    fn responses_of_every_format_parse_to_text_and_usage() {
        let cases = [
            (
                WireFormat::OpenAi,
                json!({"choices": [{"message": {"role": "assistant", "content": "hi"}}],
                       "usage": {"prompt_tokens": 3, "completion_tokens": 2, "cost": 0.5}}),
                Some(0.5),
            ),
            (
                WireFormat::Anthropic,
                json!({"content": [{"type": "text", "text": "h"}, {"type": "text", "text": "i"}],
                       "usage": {"input_tokens": 3, "output_tokens": 2}}),
                None,
            ),
            (
                WireFormat::Gemini,
                json!({"candidates": [{"content": {"parts": [{"text": "hi"}]}}],
                       "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 2}}),
                None,
            ),
            (
                WireFormat::Ollama,
                json!({"message": {"role": "assistant", "content": "hi"},
                       "prompt_eval_count": 3, "eval_count": 2, "done": true}),
                None,
            ),
        ];
        for (format, body, cost) in cases {
            assert_eq!(
                parse_response(format, &body),
                Ok(Parsed {
                    text: "hi".into(),
                    usage: Usage {
                        input_tokens: 3,
                        output_tokens: 2
                    },
                    cost_usd: cost
                }),
                "{format:?}"
            );
        }
    }

    #[test]
    fn wrong_shapes_are_errors_not_empty_answers() {
        assert_eq!(
            parse_response(WireFormat::OpenAi, &json!({"id": "x"})),
            Err("no `choices[0]` in the response".to_string())
        );
        assert_eq!(
            parse_response(WireFormat::Gemini, &json!({"promptFeedback": {"blockReason": "SAFETY"}})),
            Err("Gemini returned no answer (SAFETY)".to_string())
        );
        assert_eq!(error_message(r#"{"error": {"message": "bad key"}}"#), "bad key");
    }
}
