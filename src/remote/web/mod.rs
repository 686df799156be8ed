//! The web role on the wire: what its facts script reads, how its actions become shell steps, and the
//! traffic collection's read-only script.
pub mod facts;
pub mod steps;
pub mod traffic;

pub use facts::{AccountFact, PathFact, QuotaFact, WebFacts};
pub use steps::{Action, StepContext};
