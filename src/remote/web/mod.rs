//! The web role on the wire: what its facts script reads and how its actions become shell steps.
pub mod facts;
pub mod steps;

pub use facts::{AccountFact, PathFact, QuotaFact, WebFacts};
pub use steps::{Action, StepContext};
