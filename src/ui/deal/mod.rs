pub mod conflict;
pub mod editor;
