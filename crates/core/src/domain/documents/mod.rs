//! What documents are made of: a deal's product lines and their totals, the requisites'
//! checks and the amount in words.

pub mod lines;
pub mod requisites;
pub mod words;
