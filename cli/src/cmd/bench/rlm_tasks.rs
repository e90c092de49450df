//! The long-context tasks of `rlm bench rlm`, generated with known answers: a single needle in
//! a real codebase (S-NIAH), several needles at once, and OOLONG-style aggregation over many
//! log entries (count, compare, pair). Sizes are in tokens at four characters per token.

/// One task instance.
pub struct Task {
    pub kind: &'static str,
    pub question: String,
    pub context: String,
    /// Every string the answer must contain (case-insensitive).
    pub expected: Vec<String>,
}

impl Task {
    pub fn score(&self, answer: &str) -> bool {
        let answer = answer.to_lowercase();
        self.expected
            .iter()
            .all(|e| answer.contains(&e.to_lowercase()))
    }
}

const CITIES: &[&str] = &[
    "Lisbon", "Osaka", "Nairobi", "Quito", "Tallinn", "Hobart", "Tromso", "Cusco", "Dakar", "Perth",
];
const USERS: &[&str] = &[
    "alice", "bruno", "chen", "dara", "emeka", "farah", "goran", "hana",
];
const ACTIONS: &[&str] = &["purchase", "refund", "login", "logout", "view"];

/// A haystack of `chars` characters cut from `corpus` (repeated as needed), split at lines.
fn haystack(corpus: &str, chars: usize) -> Vec<String> {
    let lines: Vec<&str> = corpus.lines().collect();
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < chars && !lines.is_empty() {
        let line = lines[i % lines.len()];
        total += line.len() + 1;
        out.push(line.to_string());
        i += 1;
    }
    out
}

fn needle(city: &str, token: u32) -> String {
    format!("# ops note: the deploy token for region {city} is {token}")
}

/// A single needle at a random depth of a real codebase.
pub fn single_needle(corpus: &str, tokens: usize, rng: &mut fastrand::Rng) -> Task {
    let mut lines = haystack(corpus, tokens * 4);
    let city = CITIES[rng.usize(..CITIES.len())];
    let token = rng.u32(100_000..999_999);
    let at = rng.usize(..lines.len().max(1));
    lines.insert(at, needle(city, token));
    Task {
        kind: "s-niah",
        question: format!(
            "What is the deploy token for region {city}? Answer with the number only."
        ),
        context: lines.join("\n"),
        expected: vec![token.to_string()],
    }
}

/// Four needles at random depths; all four answers are needed.
pub fn multi_needle(corpus: &str, tokens: usize, rng: &mut fastrand::Rng) -> Task {
    let mut lines = haystack(corpus, tokens * 4);
    let mut cities: Vec<&str> = CITIES.to_vec();
    rng.shuffle(&mut cities);
    let chosen = &cities[..4];
    let mut expected = Vec::new();
    for city in chosen {
        let token = rng.u32(100_000..999_999);
        let at = rng.usize(..lines.len().max(1));
        lines.insert(at, needle(city, token));
        expected.push(token.to_string());
    }
    Task {
        kind: "multi-niah",
        question: format!(
            "What are the deploy tokens for regions {}? Answer with the four numbers in that order, comma-separated.",
            chosen.join(", ")
        ),
        context: lines.join("\n"),
        expected,
    }
}

/// OOLONG-style aggregation over log entries: count one action, compare two, or find the user
/// with the most of one action. Every entry matters; no needle can be retrieved alone.
pub fn aggregation(tokens: usize, rng: &mut fastrand::Rng) -> Task {
    let chars = tokens * 4;
    let mut lines = Vec::new();
    let mut total = 0;
    let mut counts = std::collections::BTreeMap::<(&str, &str), u64>::new();
    let mut day = 0u32;
    while total < chars {
        let user = USERS[rng.usize(..USERS.len())];
        let action = ACTIONS[rng.usize(..ACTIONS.len())];
        let line = format!(
            "2026-03-{:02} entry={} user={user} action={action} amount={}",
            day % 28 + 1,
            lines.len(),
            rng.u32(1..500)
        );
        day += 1;
        total += line.len() + 1;
        *counts.entry((user, action)).or_default() += 1;
        lines.push(line);
    }
    let per_action = |a: &str| {
        counts
            .iter()
            .filter(|((_, x), _)| *x == a)
            .map(|(_, n)| n)
            .sum::<u64>()
    };
    match rng.usize(..3) {
        0 => {
            let action = ACTIONS[rng.usize(..ACTIONS.len())];
            Task {
                kind: "oolong-count",
                question: format!(
                    "How many entries have action={action}? Answer with the number only."
                ),
                context: lines.join("\n"),
                expected: vec![per_action(action).to_string()],
            }
        }
        1 => {
            let (a, b) = ("purchase", "refund");
            let winner = if per_action(a) >= per_action(b) { a } else { b };
            Task {
                kind: "oolong-compare",
                question: format!(
                    "Are there more entries with action={a} or with action={b}? Answer with the action name only."
                ),
                context: lines.join("\n"),
                expected: vec![winner.to_string()],
            }
        }
        _ => {
            let best = USERS
                .iter()
                .max_by_key(|u| {
                    (
                        counts.get(&(**u, "purchase")).copied().unwrap_or(0),
                        std::cmp::Reverse(**u),
                    )
                })
                .copied()
                .unwrap_or("alice");
            Task {
                kind: "oolong-pair",
                question: "Which user has the most entries with action=purchase? Answer with the user name only.".into(),
                context: lines.join("\n"),
                expected: vec![best.to_string()],
            }
        }
    }
}

/// The scripted root model of `--fake`: explores, then solves with plain Python in the
/// sandbox. It exercises the real engine and sandbox at every size; its accuracy checks the
/// engine path (context loading, code, FINAL), not any model.
pub fn scripted_solution(question: &str, turn: usize) -> String {
    if turn == 0 {
        return "Looking at the shape first.\n```repl\nprint(len(context))\nprint(context[:200])\n```".into();
    }
    let code = if let Some(rest) = question.strip_prefix("What is the deploy token for region ") {
        let city = rest.split('?').next().unwrap_or("");
        format!(
            "import re\nm = re.findall(r'deploy token for region {city} is (\\d+)', context)\nFINAL(m[0] if m else 'not found')"
        )
    } else if let Some(rest) = question.strip_prefix("What are the deploy tokens for regions ") {
        let cities = rest.split('?').next().unwrap_or("");
        format!(
            "import re\nout = []\nfor city in '{cities}'.split(', '):\n    m = re.findall(r'deploy token for region ' + city + r' is (\\d+)', context)\n    out.append(m[0] if m else '?')\nFINAL(', '.join(out))"
        )
    } else if let Some(rest) = question.strip_prefix("How many entries have action=") {
        let action = rest.split('?').next().unwrap_or("");
        format!("FINAL(str(context.count(' action={action} ')))")
    } else if question.starts_with("Are there more entries") {
        "p = context.count(' action=purchase ')\nr = context.count(' action=refund ')\nFINAL('purchase' if p >= r else 'refund')".into()
    } else {
        "import re, collections\nc = collections.Counter(re.findall(r'user=(\\w+) action=purchase ', context))\nFINAL(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])".into()
    };
    format!("Now the answer.\n```repl\n{code}\n```")
}

/// Parses `32k`, `1m`, `10M`, `4096` as a number of tokens.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim().to_ascii_lowercase();
    let (digits, scale) = match t.strip_suffix('k') {
        Some(d) => (d, 1_000),
        None => match t.strip_suffix('m') {
            Some(d) => (d, 1_000_000),
            None => (t.as_str(), 1),
        },
    };
    digits
        .parse::<usize>()
        .map(|n| n * scale)
        .map_err(|_| format!("`{text}` is not a size like 32k, 1m or 10m"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tasks_carry_their_answers_in_the_context() {
        let corpus = "fn main() {}\nlet x = 1;\n".repeat(50);
        let mut rng = fastrand::Rng::with_seed(7);
        let task = single_needle(&corpus, 2_000, &mut rng);
        assert!(task.context.contains(&format!("is {}", task.expected[0])));
        assert!(
            (7_900..8_300).contains(&task.context.len()),
            "{}",
            task.context.len()
        );
        let multi = multi_needle(&corpus, 2_000, &mut rng);
        assert_eq!(multi.expected.len(), 4);
        for _ in 0..6 {
            let agg = aggregation(3_000, &mut rng);
            if agg.kind == "oolong-count" {
                let action = agg
                    .question
                    .split('=')
                    .nth(1)
                    .and_then(|s| s.split('?').next())
                    .unwrap_or("");
                let n = agg.context.matches(&format!(" action={action} ")).count();
                assert_eq!(agg.expected, vec![n.to_string()]);
            }
        }
        assert_eq!(parse_size("32k"), Ok(32_000));
        assert_eq!(parse_size("10M"), Ok(10_000_000));
        assert!(parse_size("lots").is_err());
    }
}
