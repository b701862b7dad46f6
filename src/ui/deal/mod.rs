//! The deal editor and its parts.

pub mod conflict;
pub mod editor;
mod form;
mod panels;
