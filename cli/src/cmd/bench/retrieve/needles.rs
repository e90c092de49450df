//! The facts the needle suites plant and the questions that ask for them.
//!
//! - Lexical: each question repeats the fact's own words ("staging deploy password").
//! - Semantic: each question says the fact in other words and shares no content word with it, not
//!   even a stem (a test below checks it): "invoices older than ninety days are archived to cold
//!   storage" is asked as "when do aged bills get moved elsewhere?". Word matching cannot find
//!   these; only meaning can.
//!
//! A fact is written into the haystack as a comment line (`// NOTE: ...` in Rust, `# NOTE: ...`
//! in Python); a method finds it when one of its passages holds that line.

/// A planted fact and its question.
#[derive(Debug, Clone, Copy)]
pub struct Needle {
    pub fact: &'static str,
    pub question: &'static str,
}

const fn n(fact: &'static str, question: &'static str) -> Needle {
    Needle { fact, question }
}

pub const LEXICAL: &[Needle] = &[
    n(
        "the staging deploy password is kiwi-7431, rotate it monthly.",
        "What is the staging deploy password?",
    ),
    n(
        "the billing service keeps its fallback cache on port 48213.",
        "Which port does the billing service use for its fallback cache?",
    ),
    n(
        "Margot Lindqvist was the on-call engineer during the payments outage.",
        "Who was on call during the payments outage?",
    ),
    n(
        "the nightly backup job starts at 03:17 UTC every day.",
        "When does the nightly backup job start?",
    ),
    n(
        "the feature flag for the new checkout flow is named zebra_crossing_v2.",
        "What is the feature flag of the new checkout flow called?",
    ),
];

/// The lexical multi-needle question: one fact in three parts planted far apart.
pub const MULTI: (&[&str], &str) = (
    &[
        "the vault recovery phrase, word one of three, is amber.",
        "the vault recovery phrase, word two of three, is lantern.",
        "the vault recovery phrase, word three of three, is quarry.",
    ],
    "What are the three words of the vault recovery phrase?",
);

pub const SEMANTIC: &[Needle] = &[
    n(
        "invoices older than ninety days are archived to cold storage.",
        "When do aged bills get moved elsewhere?",
    ),
    n(
        "Tomasz Wierzbicki carried the pager while card charging was broken in March.",
        "Who was responsible for answering alerts during the checkout incident?",
    ),
    n(
        "uploads larger than fifty megabytes are rejected by the gateway.",
        "What is the biggest attachment someone may send?",
    ),
    n(
        "a full snapshot of every disk is taken at 03:17 UTC.",
        "At what hour are copies of all data made each evening?",
    ),
    n(
        "customer passwords are hashed with argon2id before they are saved.",
        "How are user secrets protected when written away?",
    ),
    n(
        "declined card payments are retried three times with exponential backoff.",
        "What happens when a purchase does not go through?",
    ),
    n(
        "audit trail entries are kept for seven years to satisfy regulators.",
        "How long is the history of who did what retained for compliance?",
    ),
    n(
        "profile pictures are shrunk to 128 pixels square.",
        "What size do avatar images get scaled down to?",
    ),
    n(
        "outgoing webhooks carry an HMAC signature made with the tenant secret.",
        "How can a receiver verify that a callback notification is genuine?",
    ),
    n(
        "the redesigned checkout is switched on by the flag zebra_crossing_v2.",
        "What toggle enables the new purchase screen?",
    ),
    n(
        "the office coffee machine is descaled every Friday afternoon.",
        "When is the espresso maker at the workplace cleaned?",
    ),
    n(
        "the staging cluster credential rotates on the first Monday of each month.",
        "How often is the pre-production login replaced?",
    ),
];

/// Words that say how a question is asked or glue a sentence, not what it is about.
#[cfg(test)]
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "did", "do", "does", "during", "each",
    "every", "for", "get", "how", "in", "is", "it", "its", "may", "not", "of", "on", "or", "that",
    "the", "their", "they", "to", "was", "what", "when", "where", "which", "while", "who", "with",
    "go", "through", "all", "than", "before", "someone", "down",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn content_words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(&w.as_str()))
            .collect()
    }

    /// Two words share a stem when one starts with the other's first four letters (or the whole
    /// word, if shorter): "older"/"old", "payments"/"payment", "data"/"database".
    fn share_stem(a: &str, b: &str) -> bool {
        let stem = |w: &str| w.chars().take(4).collect::<String>();
        a.starts_with(&stem(b)) || b.starts_with(&stem(a))
    }

    #[test]
    fn semantic_questions_share_no_content_word_or_stem_with_their_facts() {
        assert!(SEMANTIC.len() >= 10);
        for needle in SEMANTIC {
            let fact = content_words(needle.fact);
            for q in content_words(needle.question) {
                for f in &fact {
                    assert!(
                        !share_stem(&q, f),
                        "{:?} and {:?} share {q:?}/{f:?}",
                        needle.question,
                        needle.fact
                    );
                }
            }
        }
    }

    #[test]
    fn lexical_questions_do_share_their_facts_words() {
        for needle in LEXICAL {
            let fact = content_words(needle.fact);
            let shared = content_words(needle.question)
                .iter()
                .filter(|q| fact.iter().any(|f| share_stem(q, f)))
                .count();
            assert!(shared >= 2, "{}", needle.question);
        }
    }
}
