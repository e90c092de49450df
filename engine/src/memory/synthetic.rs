//! Synthetic but realistic histories for the benchmark and the tests: agents asking about,
//! answering and reporting findings on a set of topics, each with its own vocabulary, mixed with
//! words every topic shares. The labels (which topic made each episode) let a test check that
//! consolidation recovers the topics and that retrieval finds the right ones. Deterministic for a
//! given seed.

use super::types::{Kind, NewEpisode, Zone};

/// Hand-written topics of a codebase's life, used by the tests.
pub const TOPICS: &[(&str, &[&str])] = &[
    (
        "auth",
        &[
            "login", "token", "refresh", "session", "jwt", "expiry", "oauth", "cookie", "password",
            "logout",
        ],
    ),
    (
        "database",
        &[
            "postgres",
            "migration",
            "index",
            "query",
            "transaction",
            "schema",
            "connection",
            "pool",
            "vacuum",
            "deadlock",
        ],
    ),
    (
        "build",
        &[
            "cargo",
            "compile",
            "linker",
            "feature",
            "dependency",
            "workspace",
            "release",
            "profile",
            "toolchain",
            "rustc",
        ],
    ),
    (
        "frontend",
        &[
            "button",
            "layout",
            "css",
            "render",
            "component",
            "theme",
            "modal",
            "responsive",
            "react",
            "hydration",
        ],
    ),
    (
        "ci",
        &[
            "pipeline", "runner", "artifact", "workflow", "yaml", "job", "matrix", "flaky",
            "retry", "cache",
        ],
    ),
    (
        "performance",
        &[
            "latency",
            "profiling",
            "allocation",
            "flamegraph",
            "throughput",
            "benchmark",
            "hotspot",
            "p99",
            "regression",
            "simd",
        ],
    ),
];

const SHARED: &[&str] = &[
    "module", "function", "error", "test", "bug", "change", "team", "code", "issue", "fix",
];

const TEMPLATES: &[(Kind, &str)] = &[
    (
        Kind::Question,
        "Why does the {0} {1} fail after the {2} {s0}?",
    ),
    (
        Kind::Answer,
        "The {0} {1} depends on {2}; the {3} {s0} explains the {s1}.",
    ),
    (
        Kind::Finding,
        "Found that {0} breaks {1} when {2} and {3} meet in the {s0}.",
    ),
    (
        Kind::Note,
        "Remember: {0} {1} needs {2} before {3}, see the {s0}.",
    ),
    (
        Kind::Answer,
        "Fixed the {0} {s0} by changing {1} and {2} with {3}.",
    ),
    (Kind::Question, "How is {0} wired to {1} and {2}?"),
];

/// A labelled synthetic episode.
#[derive(Debug, Clone)]
pub struct LabelledEpisode {
    pub topic: usize,
    pub episode: NewEpisode,
}

/// A small deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// `per_topic` episodes for each of `topics` (the hand-written ones first, then generated
/// vocabularies `t7w3`…), interleaved in time as a real history is.
pub fn history(topics: usize, per_topic: usize, zone: Zone, seed: u64) -> Vec<LabelledEpisode> {
    let mut rng = Rng::new(seed);
    let vocab: Vec<Vec<String>> = (0..topics)
        .map(|t| match TOPICS.get(t) {
            Some((_, words)) => words.iter().map(|w| w.to_string()).collect(),
            None => (0..10).map(|w| format!("t{t}w{w}")).collect(),
        })
        .collect();
    let mut out = Vec::with_capacity(topics * per_topic);
    for _ in 0..per_topic {
        for (topic, words) in vocab.iter().enumerate() {
            let (kind, template) = TEMPLATES[rng.below(TEMPLATES.len())];
            let mut picked: Vec<&str> = Vec::new();
            while picked.len() < 4 {
                let w = words[rng.below(words.len())].as_str();
                if !picked.contains(&w) {
                    picked.push(w);
                }
            }
            let mut text = template.to_string();
            for (i, w) in picked.iter().enumerate() {
                text = text.replace(&format!("{{{i}}}"), w);
            }
            text = text
                .replace("{s0}", SHARED[rng.below(SHARED.len())])
                .replace("{s1}", SHARED[rng.below(SHARED.len())]);
            out.push(LabelledEpisode {
                topic,
                episode: NewEpisode {
                    text,
                    zone,
                    kind,
                    salience: None,
                    fact: None,
                    trace_ids: Vec::new(),
                    at: None,
                },
            });
        }
    }
    // Interleave: shuffle lightly so topics are mixed in time.
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    out
}
