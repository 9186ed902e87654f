//! A run writes its report as it goes (`driver::Run`): for every format, the text it writes is
//! exactly what the renderers give for the whole report built first, over many files at once
//! (findings, skipped rules, findings past the limit, inputs passed over and not checked).

mod common;
use common::corpus_files;

use credlint::diagnostic::Report;
use credlint::driver::{self, Entry, Flags, Format, Origin, Outcome};
use credlint::engine::{Limits, Options};
use credlint::render;

/// Every corpus file (with a low limit of findings per input, so some are past it), one file
/// that could not be read and one passed over.
fn outcomes(max_diagnostics: usize) -> Vec<(String, Origin, Outcome)> {
    let opts = Options {
        limits: Limits {
            max_diagnostics,
            ..Limits::default()
        },
        ..Options::default()
    };
    let mut all: Vec<_> = corpus_files()
        .into_iter()
        .map(|f| {
            let name = f.to_string_lossy().into_owned();
            let bytes = std::fs::read(&f).expect("readable");
            let outcome = driver::check_input(
                &name,
                Origin::Found,
                Entry::File(Ok(bytes)),
                &opts,
                Flags::default(),
            );
            (name, Origin::Found, outcome)
        })
        .collect();
    all.insert(
        3,
        (
            "gone.json".into(),
            Origin::Named,
            Outcome::Failed("cannot read gone.json: No such file or directory".into()),
        ),
    );
    all.push((
        "fifo.json".into(),
        Origin::Found,
        Outcome::PassedOver("not a regular file".into()),
    ));
    all
}

/// The report as a whole, the way a run built it before it wrote as it went.
fn whole(outcomes: Vec<(String, Origin, Outcome)>) -> Report {
    let mut report = Report::new();
    for (name, _, outcome) in outcomes {
        match outcome {
            Outcome::Checked(r) => report.extend(r),
            Outcome::PassedOver(_) => {}
            Outcome::Failed(message) => report.unchecked(name, message),
            Outcome::Fixed(_) => unreachable!("no fixes are applied here"),
        }
    }
    report
}

#[test]
fn a_run_writes_what_the_renderers_give_for_the_whole_report() {
    for max in [1000, 2] {
        let report = whole(outcomes(max));
        assert!(
            report.diagnostics.len() > 20,
            "the corpus has findings: {}",
            report.diagnostics.len()
        );
        assert!(!report.skipped.is_empty(), "the corpus has skipped rules");
        let counted = report.summary.errors + report.summary.warnings + report.summary.infos;
        if max == 2 {
            assert!(
                counted > report.diagnostics.len(),
                "some findings are past the limit"
            );
        }
        for (format, expected) in [
            (Format::Human, render::human(&report)),
            (Format::Json, render::json(&report)),
            (Format::Sarif, render::sarif(&report)),
            (Format::Github, render::github(&report)),
        ] {
            let mut pieces = Vec::new();
            let mut write = |text: &str| pieces.push(text.to_owned());
            let mut run = driver::Run::new(format, Flags::default(), &mut write);
            for (name, origin, outcome) in outcomes(max) {
                run.add(name, origin, outcome);
            }
            let ended = run.end();
            assert_eq!(ended.exit_code, report.exit_code());
            assert!(
                ended.stderr.contains("cannot read gone.json"),
                "{}",
                ended.stderr
            );
            let text = pieces.concat();
            assert!(
                text == expected,
                "{format:?} (limit {max}): the written report differs from the whole report's"
            );
        }
    }
}

#[test]
fn a_run_with_nothing_found_writes_the_same_as_the_whole_report() {
    for format in [Format::Human, Format::Json] {
        let run = driver::finish(Vec::new(), format, Flags::default());
        let expected = match format {
            Format::Human => render::human(&Report::new()),
            _ => render::json(&Report::new()),
        };
        assert_eq!(run.stdout, expected);
    }
}

#[test]
fn a_large_report_is_written_in_pieces() {
    let many = || (0..40).flat_map(|_| outcomes(1000));
    let report = whole(many().collect());
    for (format, expected) in [
        (Format::Human, render::human(&report)),
        (Format::Json, render::json(&report)),
    ] {
        let mut pieces = Vec::new();
        let mut write = |text: &str| pieces.push(text.to_owned());
        let mut run = driver::Run::new(format, Flags::default(), &mut write);
        for (name, origin, outcome) in many() {
            run.add(name, origin, outcome);
        }
        run.end();
        assert!(expected.len() > 4 * 64 * 1024, "{} bytes", expected.len());
        // Never the whole report as one string: pieces of about 64 KiB.
        assert!(pieces.len() >= 4, "{format:?}: {} piece(s)", pieces.len());
        assert!(pieces.iter().all(|p| p.len() < 2 * 64 * 1024));
        assert!(
            pieces.concat() == expected,
            "{format:?}: the pieces differ from the whole"
        );
    }
}

/// A finding past the limit is counted, not kept, at the severity it would have had: for every
/// corpus file, the summary's errors, warnings and infos are the same whatever the limit (a
/// rule's milder case, such as a `localhost` redirect URI, stays a warning when counted).
#[test]
fn the_summary_counts_the_same_whatever_the_limit() {
    let counts = |max: usize| -> Vec<(String, [usize; 3])> { whole_per_file(outcomes(max)) };
    fn whole_per_file(outcomes: Vec<(String, Origin, Outcome)>) -> Vec<(String, [usize; 3])> {
        outcomes
            .into_iter()
            .filter_map(|(name, _, outcome)| match outcome {
                Outcome::Checked(r) => {
                    let mut report = Report::new();
                    report.extend(r);
                    let s = report.summary;
                    Some((name, [s.errors, s.warnings, s.infos]))
                }
                _ => None,
            })
            .collect()
    }
    let all = counts(1000);
    assert!(all.iter().any(|(_, c)| c[1] > 0) && all.iter().any(|(_, c)| c[0] > 0));
    // And what is kept under a limit is the first of what the whole check finds, in order,
    // whenever no one document has more findings than the limit (within a document the first
    // reported are kept): a batch's later elements are only counted once the limit is reached.
    // Per file, each kept finding as (rule, batch index, offset, message).
    type Kept = Vec<(String, Option<usize>, usize, String)>;
    let shown = |max: usize| -> Vec<Kept> {
        outcomes(max)
            .into_iter()
            .filter_map(|(_, _, outcome)| match outcome {
                Outcome::Checked(r) => Some(
                    r.diagnostics
                        .into_iter()
                        .map(|d| {
                            let at = d.offset.unwrap_or(usize::MAX);
                            (d.rule.to_owned(), d.index, at, d.message)
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    };
    let whole = shown(1000);
    let mut compared = 0;
    for max in [1, 2, 5] {
        for (capped, all) in shown(max).iter().zip(&whole) {
            let most_in_one = all
                .iter()
                .map(|d| all.iter().filter(|e| e.1 == d.1).count())
                .max()
                .unwrap_or(0);
            if most_in_one <= max && all.len() > max {
                assert_eq!(capped.as_slice(), &all[..max], "at most {max} kept");
                compared += 1;
            }
        }
    }
    assert!(compared >= 3, "{compared} batches past the limit compared");
    for max in [0, 1, 2, 5] {
        let capped = counts(max);
        for ((name, want), (_, got)) in all.iter().zip(&capped) {
            assert_eq!(got, want, "{name} with at most {max} diagnostics kept");
        }
    }
    // A batch whose first element fills the limit: the second's findings (warnings each, by
    // the rule's milder case) are counted as warnings.
    let doc = serde_json::json!({"redirect_uris": ["http://localhost/a", "http://localhost/b", "http://localhost/c"]});
    let envelope = serde_json::json!({"kind": "oauth.client", "document": doc});
    let text = serde_json::json!([envelope, envelope]).to_string();
    let summary = |max| {
        let opts = Options {
            limits: Limits {
                max_diagnostics: max,
                ..Limits::default()
            },
            ..Options::default()
        };
        let r = credlint::engine::check_text(&text, None, &opts).expect("runs");
        let mut report = Report::new();
        report.extend(r);
        (report.summary.errors, report.summary.warnings)
    };
    let uncapped = summary(1000);
    assert!(uncapped.1 >= 6, "{uncapped:?}");
    for max in [1, 2, 3, 4] {
        assert_eq!(summary(max), uncapped, "at most {max} kept");
    }
}
