//! The deal editor and its parts, and the question asked before moving past an unfinished task.

pub mod confirm;
pub mod conflict;
pub mod editor;
mod form;
mod panels;
