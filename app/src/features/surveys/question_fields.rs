//! A question as the respondent answers it: a fieldset whose legend is the question, its help
//! and its error message tied to it, and the controls of its kind — radio buttons, checkboxes,
//! a set of radio groups per statement of a matrix, a rank per item, a number or a text.
//! Controls carry the field names `domain::survey::questionnaire` reads, and show the answer
//! kept so far (or what was just typed, after a refused page).

use crate::components::context::use_i18n;
use crate::domain::survey::questionnaire::{DONT_KNOW, Kind, OTHER, Question, Scale, field};
use crate::i18n::I18n;
use leptos::prelude::*;

/// The values sent or kept for a field.
fn all<'a>(values: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    values
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn one(values: &[(String, String)], name: &str) -> String {
    all(values, name).first().copied().unwrap_or("").to_string()
}

/// One radio button or checkbox with its label.
fn choice(
    kind: &'static str,
    name: String,
    value: String,
    label: String,
    checked: bool,
) -> impl IntoView {
    let id = format!("f-{name}-{value}");
    let class = if kind == "radio" {
        "ds-field radio-field"
    } else {
        "ds-field checkbox-field"
    };
    view! {
        <div class=class>
            <input class="ds-input" type=kind id=id.clone() name=name value=value checked=checked/>
            <label class="ds-label" for=id>{label}</label>
        </div>
    }
}

/// The points of a scale (the ends with their words) and "vet ikke", as radio buttons.
fn scale_points(i: I18n, name: String, s: &Scale, chosen: &str) -> impl IntoView + use<> {
    let mut points: Vec<(String, String)> = (s.from..=s.to)
        .map(|p| {
            let label = if p == s.from {
                format!("{p} – {}", s.low_label)
            } else if p == s.to {
                format!("{p} – {}", s.high_label)
            } else {
                p.to_string()
            };
            (p.to_string(), label)
        })
        .collect();
    if s.dont_know {
        points.push((DONT_KNOW.to_string(), i.t("survey.answer.dont_know")));
    }
    let chosen = chosen.to_string();
    view! {
        <div class="scale-points">
            {points.into_iter().map(|(v, l)| {
                let checked = v == chosen;
                choice("radio", name.clone(), v, l, checked)
            }).collect_view()}
        </div>
    }
}

/// The question's controls, `values` being what is kept or was typed.
fn controls(i: I18n, q: &Question, values: &[(String, String)]) -> AnyView {
    let name = field(q.id);
    match &q.kind {
        Kind::SingleChoice { options, other } => {
            let chosen = one(values, &name);
            let other_name = format!("{name}_{OTHER}");
            let other_text = one(values, &other_name);
            view! {
                {options.iter().enumerate().map(|(n, o)| {
                    choice("radio", name.clone(), n.to_string(), o.clone(), chosen == n.to_string())
                }).collect_view()}
                {other.then(|| view! {
                    {choice("radio", name.clone(), OTHER.to_string(), i.t("survey.answer.other"), chosen == OTHER)}
                    <div class="ds-field other-text">
                        <label class="ds-label" for=format!("f-{other_name}")>{i.t("survey.answer.other_text")}</label>
                        <input class="ds-input" type="text" id=format!("f-{other_name}") name=other_name.clone() value=other_text/>
                    </div>
                })}
            }
            .into_any()
        }
        Kind::MultipleChoice { options, .. } => {
            let chosen = all(values, &name);
            options
                .iter()
                .enumerate()
                .map(|(n, o)| {
                    let v = n.to_string();
                    let checked = chosen.contains(&v.as_str());
                    choice("checkbox", name.clone(), v, o.clone(), checked)
                })
                .collect_view()
                .into_any()
        }
        Kind::Scale(s) => scale_points(i, name.clone(), s, &one(values, &name)).into_any(),
        Kind::Matrix { statements, scale } => statements
            .iter()
            .enumerate()
            .map(|(n, st)| {
                let sub = format!("{name}_{n}");
                let chosen = one(values, &sub);
                view! {
                    <fieldset class="ds-fieldset matrix-statement">
                        <legend class="ds-label">{st.clone()}</legend>
                        {scale_points(i, sub.clone(), scale, &chosen)}
                    </fieldset>
                }
            })
            .collect_view()
            .into_any(),
        Kind::Ranking { items, up_to } => {
            let ranks: Vec<String> = (1..=*up_to).map(|r| r.to_string()).collect();
            items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let sub = format!("{name}_{n}");
                    let chosen = one(values, &sub);
                    let ranks = ranks.clone();
                    view! {
                        <div class="ds-field rank-field">
                            <label class="ds-label" for=format!("f-{sub}")>{item.clone()}</label>
                            <select class="ds-input" id=format!("f-{sub}") name=sub.clone()>
                                <option value="" selected=chosen.is_empty()>{i.t("survey.answer.not_ranked")}</option>
                                {ranks.into_iter().map(|r| {
                                    let sel = r == chosen;
                                    let value = r.clone();
                                    view! { <option value=value selected=sel>{r}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
        Kind::Number { .. } => view! {
            <input class="ds-input number-input" type="text" inputmode="numeric" id=format!("f-{name}") name=name.clone()
                value=one(values, &name) aria-labelledby=format!("{name}-legend")/>
        }
        .into_any(),
        Kind::ShortText { .. } => view! {
            <input class="ds-input" type="text" id=format!("f-{name}") name=name.clone()
                value=one(values, &name) aria-labelledby=format!("{name}-legend")/>
        }
        .into_any(),
        Kind::LongText { .. } => view! {
            <textarea class="ds-input" rows="6" id=format!("f-{name}") name=name.clone()
                aria-labelledby=format!("{name}-legend")>{one(values, &name)}</textarea>
        }
        .into_any(),
    }
}

/// What the respondent is told beside the question: how many to choose, the range, the
/// length, and when a conditional question applies.
fn hints(i: I18n, q: &Question, condition: Option<String>) -> Vec<String> {
    let mut out: Vec<String> = q.help.clone().into_iter().collect();
    match &q.kind {
        Kind::MultipleChoice { min, max, options } if *max < options.len() || *min > 1 => {
            out.push(i.tf(
                "survey.answer.choose_between",
                &[("min", &min.to_string()), ("max", &max.to_string())],
            ))
        }
        Kind::Ranking { up_to, .. } => {
            out.push(i.tf("survey.answer.rank_hint", &[("count", &up_to.to_string())]))
        }
        Kind::Number { min, max } => out.push(i.tf(
            "survey.answer.number_hint",
            &[("min", &min.to_string()), ("max", &max.to_string())],
        )),
        Kind::ShortText { max_len } | Kind::LongText { max_len } => out.push(i.tf(
            "survey.answer.length_hint",
            &[("count", &max_len.to_string())],
        )),
        _ => {}
    }
    out.extend(condition);
    out
}

/// One question: `errors` are (field, message) of a refused page, `condition` the words that
/// say when it applies (a condition on a question of the same page).
#[component]
pub fn QuestionFields(
    q: Question,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    condition: Option<String>,
) -> impl IntoView {
    let i = use_i18n();
    let name = field(q.id);
    let hint_id = format!("{name}-hint");
    let err_id = format!("{name}-error");
    let hints = hints(i, &q, condition);
    let message = errors
        .iter()
        .find(|(f, _)| *f == name || f.starts_with(&format!("{name}_")))
        .map(|(_, key)| i.t(key));
    let described = {
        let mut ids = Vec::new();
        if !hints.is_empty() {
            ids.push(hint_id.clone());
        }
        if message.is_some() {
            ids.push(err_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = message.is_some().then_some("true");
    let legend = if q.required {
        format!("{} ({})", q.text, i.t("survey.answer.required_mark"))
    } else {
        q.text.clone()
    };
    let (cond_q, cond_o) = q
        .show_if
        .as_ref()
        .map(|c| {
            let opts: Vec<String> = c.any_of.iter().map(|o| o.to_string()).collect();
            (Some(field(c.question)), Some(opts.join(",")))
        })
        .unwrap_or((None, None));
    view! {
        <fieldset class="ds-fieldset survey-question" id=format!("{name}-question") aria-describedby=described
            data-show-if=cond_q data-show-if-any=cond_o aria-invalid=invalid>
            <legend class="ds-label" id=format!("{name}-legend")>{legend}</legend>
            {(!hints.is_empty()).then(|| view! {
                <div data-field="description" id=hint_id>
                    {hints.into_iter().map(|h| view! { <p class="ds-paragraph">{h}</p> }).collect_view()}
                </div>
            })}
            {controls(i, &q, &values)}
            {message.map(|m| view! {
                <div class="ds-validation-message" data-field="validation" id=err_id>{m}</div>
            })}
        </fieldset>
    }
}
