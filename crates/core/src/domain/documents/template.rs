//! A document's HTML from its template: MiniJinja, Jinja2's syntax (`{{ seller.name }}`,
//! `{% for line in lines %}`, `{% if totals.exempt %}`), every value HTML-escaped, a field the
//! document does not have refused, and a bounded amount of work so that no template can hang
//! the tab.

use super::context::FIELDS;
use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};

/// The work one rendering may do (MiniJinja's fuel: about one unit per instruction): an invoice
/// of 500 lines renders well within it (tested), a loop that would run forever stops here.
const FUEL: u64 = 2_000_000;

/// What is wrong with a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// It cannot be read: an unclosed tag, a loop without its end.
    Syntax,
    /// It names a field documents do not have.
    UnknownField,
    /// It names a filter or a function MiniJinja does not have.
    UnknownFilter,
    /// It would do more work than a document needs (a runaway loop).
    TooMuchWork,
    /// Anything else MiniJinja refuses while rendering (a number added to a text …).
    Invalid,
}

/// A template's error, with the line (from 1) it is on where that is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// What kind of error.
    pub problem: Problem,
    /// The line of the template it is on.
    pub line: Option<usize>,
    /// The field, filter or text at fault, as the template writes it.
    pub name: Option<String>,
    /// MiniJinja's own words (English), for the curious.
    pub detail: String,
}

/// The document `source` makes from `context` (see [`super::context::context`]).
pub fn render(source: &str, context: Value) -> Result<String, TemplateError> {
    let env = environment();
    let template = env
        .template_from_named_str("document.html", source)
        .map_err(|e| from_minijinja(source, &e))?;
    template
        .render(context)
        .map_err(|e| from_minijinja(source, &e))
}

/// Checks `source` before it is saved: it must parse, name only [`FIELDS`] (in any branch,
/// taken or not) and render from `sample` (a context with lines, so that the loops run).
pub fn check(source: &str, sample: Value) -> Result<(), TemplateError> {
    let env = environment();
    let template = env
        .template_from_named_str("document.html", source)
        .map_err(|e| from_minijinja(source, &e))?;
    let mut unknown: Vec<String> = template
        .undeclared_variables(true)
        .into_iter()
        .filter(|name| !is_known(name))
        .collect();
    unknown.sort_by_key(|name| (first_line_of(source, name), name.clone()));
    if let Some(name) = unknown.into_iter().next() {
        return Err(TemplateError {
            problem: Problem::UnknownField,
            line: first_line_of(source, &name),
            detail: format!("unknown field {name}"),
            name: Some(name),
        });
    }
    template
        .render(sample)
        .map(drop)
        .map_err(|e| from_minijinja(source, &e))
}

/// The environment every document renders in: HTML escaping, strict fields, fuel.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env
}

/// Whether a dotted name a template reads is one of [`FIELDS`] (or a part of one: `seller`
/// alone, passed to a filter), or one of MiniJinja's own functions.
fn is_known(name: &str) -> bool {
    const FUNCTIONS: &[&str] = &["range", "dict", "namespace", "debug", "loop"];
    FUNCTIONS.contains(&name)
        || FIELDS.iter().any(|f| {
            *f == name
                || f.strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// The first line of `source` that names `name` as a whole (`total` is not found in
/// `totals.total`'s `totals`, nor `seller.inn` in `seller.innn`).
fn first_line_of(source: &str, name: &str) -> Option<usize> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let names = |line: &str| {
        line.match_indices(name).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + name.len()..].chars().next();
            !before.is_some_and(|c| ident(c) || c == '.') && !after.is_some_and(ident)
        })
    };
    source.lines().position(names).map(|i| i + 1)
}

/// A MiniJinja error as a [`TemplateError`].
fn from_minijinja(source: &str, e: &minijinja::Error) -> TemplateError {
    let problem = match e.kind() {
        ErrorKind::SyntaxError | ErrorKind::BadEscape | ErrorKind::InvalidDelimiter => {
            Problem::Syntax
        }
        ErrorKind::UndefinedError => Problem::UnknownField,
        ErrorKind::UnknownFilter
        | ErrorKind::UnknownFunction
        | ErrorKind::UnknownMethod
        | ErrorKind::UnknownTest => Problem::UnknownFilter,
        ErrorKind::OutOfFuel => Problem::TooMuchWork,
        _ => Problem::Invalid,
    };
    let name = e
        .range()
        .and_then(|r| source.get(r))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    TemplateError {
        problem,
        line: e.line(),
        name,
        detail: e.detail().unwrap_or(problem_word(problem)).to_owned(),
    }
}

/// A short English word for a problem, when MiniJinja gives no detail.
fn problem_word(problem: Problem) -> &'static str {
    match problem {
        Problem::Syntax => "syntax error",
        Problem::UnknownField => "unknown field",
        Problem::UnknownFilter => "unknown filter",
        Problem::TooMuchWork => "too much work",
        Problem::Invalid => "invalid operation",
    }
}

#[cfg(test)]
mod tests;
