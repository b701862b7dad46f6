//! What documents are made of: a deal's product lines and their totals, the requisites and
//! their checks, the amount in words, the four kinds and their numbers, and the templates
//! (MiniJinja) a document is rendered from.

pub mod context;
pub mod format;
pub mod kind;
pub mod lines;
pub mod party;
pub mod requisites;
pub mod seed;
pub mod template;
pub mod words;
