//! One module per command: each takes its parsed arguments, calls into the library and prints
//! or writes the result. No other module prints.

pub mod assess;
pub mod rubrics;
