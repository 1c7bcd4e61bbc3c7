//! A panel's background questions: up to five single-choice questions the organisation asks
//! everyone who joins (how long they have lived here, whether they have children at home, …),
//! answered or not as the member likes, kept with the profile under the pseudonym — never with
//! the contact side — and used to break a wave's results down.
//!
//! Staff type them as blocks separated by a blank line: the question on the first line, its
//! options on the following ones. Once members have answered, a question or option may only be
//! added at the end (an answer is its option's position).

use serde::{Deserialize, Serialize};

/// The most background questions a panel asks.
pub const MAX_QUESTIONS: usize = 5;
/// The most options one has.
pub const MAX_OPTIONS: usize = 12;
/// The longest question or option.
pub const MAX_TEXT: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackgroundQuestion {
    pub text: String,
    pub options: Vec<String>,
}

/// The questions as typed; the message key of what is wrong otherwise.
pub fn parse(typed: &str) -> Result<Vec<BackgroundQuestion>, &'static str> {
    let mut out = Vec::new();
    // Blocks are separated by lines that are empty once trimmed (a pasted "blank" line may
    // hold spaces).
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in typed.lines().map(str::trim) {
        match (line.is_empty(), blocks.last_mut()) {
            (true, Some(b)) if !b.is_empty() => blocks.push(Vec::new()),
            (false, Some(b)) => b.push(line),
            _ => {}
        }
    }
    for block in blocks {
        let mut lines = block.into_iter();
        let Some(text) = lines.next() else { continue };
        let mut options: Vec<String> = Vec::new();
        for o in lines {
            if !options.iter().any(|x| x.eq_ignore_ascii_case(o)) {
                options.push(o.to_string());
            }
        }
        if options.len() < 2 {
            return Err("panel.background.too_few_options");
        }
        if options.len() > MAX_OPTIONS
            || text.chars().count() > MAX_TEXT
            || options.iter().any(|o| o.chars().count() > MAX_TEXT)
        {
            return Err("panel.background.too_long");
        }
        out.push(BackgroundQuestion {
            text: text.to_string(),
            options,
        });
    }
    if out.len() > MAX_QUESTIONS {
        return Err("panel.background.too_many");
    }
    Ok(out)
}

/// The questions as staff typed them (to show in the form again).
pub fn unparse(qs: &[BackgroundQuestion]) -> String {
    qs.iter()
        .map(|q| {
            let mut lines = vec![q.text.clone()];
            lines.extend(q.options.iter().cloned());
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether a panel whose members may have answered may take `after` instead of `before`: every
/// question stays with its text and options in their places; new ones only at the end.
pub fn compatible(before: &[BackgroundQuestion], after: &[BackgroundQuestion]) -> bool {
    after.len() >= before.len()
        && before.iter().zip(after).all(|(b, a)| {
            b.text == a.text
                && a.options.len() >= b.options.len()
                && b.options.iter().zip(&a.options).all(|(x, y)| x == y)
        })
}

/// A member's answers from the form's fields `bg0` … `bg4` (an option's position; empty for
/// "vil ikke svare"); the field of one that is not an option otherwise.
pub fn answers(
    qs: &[BackgroundQuestion],
    fields: &[Option<String>; MAX_QUESTIONS],
) -> Result<Vec<Option<u16>>, Vec<String>> {
    let mut wrong = Vec::new();
    let out = qs
        .iter()
        .enumerate()
        .map(|(i, q)| match fields[i].as_deref().map(str::trim) {
            None | Some("") => None,
            Some(v) => {
                let a = v
                    .parse::<u16>()
                    .ok()
                    .filter(|n| usize::from(*n) < q.options.len());
                if a.is_none() {
                    wrong.push(format!("bg{i}"));
                }
                a
            }
        })
        .collect();
    if wrong.is_empty() {
        Ok(out)
    } else {
        Err(wrong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_read_from_blocks_and_kept_apart_from_what_is_wrong() {
        let qs = parse("Har du barn?\nJa\nNei\n\n\nHvor lenge har du bodd her?\r\nUnder 5 år\r\n5 år eller mer\n").unwrap();
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[1].options, vec!["Under 5 år", "5 år eller mer"]);
        assert_eq!(parse(&unparse(&qs)).unwrap(), qs, "shown again as typed");
        assert_eq!(parse("  ").unwrap(), vec![]);
        // A "blank" line of spaces still separates two questions.
        let two = parse("Har du barn?\nJa\nNei\n \t\nBil?\nJa\nNei").unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!(two[1].text, "Bil?");
        assert_eq!(
            parse("Har du barn?\nJa"),
            Err("panel.background.too_few_options")
        );
        assert_eq!(
            parse("Har du barn?\nJa\nja"),
            Err("panel.background.too_few_options")
        );
        let six = (0..6)
            .map(|i| format!("S{i}\nA\nB"))
            .collect::<Vec<_>>()
            .join("\n\n");
        assert_eq!(parse(&six), Err("panel.background.too_many"));
        let long = format!("{}\nA\nB", "x".repeat(201));
        assert_eq!(parse(&long), Err("panel.background.too_long"));
    }

    #[test]
    fn once_answered_questions_and_options_may_only_grow_at_their_ends() {
        let before = parse("Har du barn?\nJa\nNei").unwrap();
        assert!(compatible(
            &before,
            &parse("Har du barn?\nJa\nNei\nVil ikke si").unwrap()
        ));
        assert!(compatible(
            &before,
            &parse("Har du barn?\nJa\nNei\n\nBil?\nJa\nNei").unwrap()
        ));
        assert!(!compatible(
            &before,
            &parse("Har du barn?\nNei\nJa").unwrap()
        ));
        assert!(!compatible(
            &before,
            &parse("Har du barn hjemme?\nJa\nNei").unwrap()
        ));
        assert!(!compatible(&before, &[]));
    }

    #[test]
    fn answers_are_positions_or_none_and_a_stranger_value_names_its_field() {
        let qs = parse("Har du barn?\nJa\nNei\n\nBil?\nJa\nNei\nTo").unwrap();
        let f = |a: Option<&str>, b: Option<&str>| {
            [a.map(String::from), b.map(String::from), None, None, None]
        };
        assert_eq!(answers(&qs, &f(Some("1"), None)), Ok(vec![Some(1), None]));
        assert_eq!(
            answers(&qs, &f(Some(""), Some("2"))),
            Ok(vec![None, Some(2)])
        );
        assert_eq!(answers(&qs, &f(Some("2"), None)), Err(vec!["bg0".into()]));
        assert_eq!(
            answers(&qs, &f(Some("9"), Some("x"))),
            Err(vec!["bg0".into(), "bg1".into()]),
            "every wrong one told"
        );
    }
}
