//! `rlm memory add [--zone Z] [--kind K] [--fact KEY=VALUE] TEXT...`

use anyhow::{Result, bail};
use rlm_engine::memory::{Fact, Kind, NewEpisode, Reconsolidation, Zone};
use std::io::Read;
use std::process::ExitCode;

use super::MemoryContext;
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text (words are joined with spaces); `-` reads it from stdin
    #[arg(required = true)]
    pub text: Vec<String>,
    /// Trust zone: public, internal, confidential, secret (default: `[memory] default_zone`)
    #[arg(long)]
    pub zone: Option<Zone>,
    /// note, question, answer, finding or fact
    #[arg(long, default_value = "note")]
    pub kind: Kind,
    /// 0..1; default by kind (findings 0.8 ... questions 0.3)
    #[arg(long)]
    pub salience: Option<f64>,
    /// A key/value fact this episode states, checked against earlier values of the key
    #[arg(long, value_name = "KEY=VALUE")]
    pub fact: Option<String>,
    /// Id of the RLM trace or session this came from (repeatable)
    #[arg(long = "trace")]
    pub trace_ids: Vec<String>,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let text = if args.text == ["-"] {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        args.text.join(" ")
    };
    let fact = match &args.fact {
        Some(kv) => match kv.split_once('=') {
            Some((k, v)) => Some(Fact {
                key: k.into(),
                value: v.into(),
            }),
            None => bail!("--fact takes KEY=VALUE, got {kv:?}"),
        },
        None => None,
    };
    let outcome = ctx.store.add(
        &ctx.agent,
        NewEpisode {
            text,
            zone: args.zone.unwrap_or(ctx.config.default_zone),
            kind: args.kind,
            salience: args.salience,
            fact,
            trace_ids: args.trace_ids,
            at: None,
        },
    )?;
    if ctx.json {
        print_json(&outcome)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("added {}", outcome.id);
    // What contradicted: a fact by the key/value rule, or any memory by the model's judgement.
    let what = match outcome
        .judged
        .as_ref()
        .and_then(|j| j.contradiction.as_ref())
    {
        Some(_) => "memory",
        None => "fact",
    };
    match &outcome.reconsolidation {
        None => {}
        Some(Reconsolidation::Confirmed { existing }) => {
            println!("{what} confirms {existing} (same value)")
        }
        Some(Reconsolidation::Superseded { previous }) => {
            println!("{what} supersedes {previous} (kept as history)")
        }
        Some(Reconsolidation::Queued { conflict, existing }) => println!(
            "{what} contradicts {existing}: queued as conflict #{conflict} (see `rlm memory conflicts`)"
        ),
    }
    match (&outcome.judged, &ctx.no_model) {
        (Some(judged), _) => {
            println!(
                "contradiction check: key/value rule + {} ({} similar memor{} compared)",
                judged.judge,
                judged.compared,
                if judged.compared == 1 { "y" } else { "ies" }
            );
            if let Some(found) = &judged.contradiction {
                println!("  {} contradicted: {}", found.existing, found.reason);
            }
            for note in &judged.unjudged {
                println!("  no judgement (no conflict raised): {note}");
            }
        }
        (None, Some(why)) => println!("contradiction check: key/value rule only ({why})"),
        (None, None) => println!("contradiction check: key/value rule (the fact settled it)"),
    }
    if let Some(report) = &outcome.consolidation {
        println!(
            "consolidated automatically: {} episode(s) into {} new trace(s), {} extended",
            report.episodes_consolidated, report.traces_created, report.traces_extended
        );
    }
    Ok(ExitCode::SUCCESS)
}
