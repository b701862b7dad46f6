//! The deal editor and its parts, and the question asked before moving past an unfinished task.

pub mod confirm;
pub mod conflict;
pub mod editor;
mod form;
mod lazy_editor;
mod panels;
mod team;

pub use lazy_editor::{OpenEditor, EDITOR};
