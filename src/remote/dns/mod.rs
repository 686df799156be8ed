//! The name-server roles on the wire: what their facts script reads (zone files, the managed include,
//! whether `named.conf.local` includes it) and how their actions become shell steps.
pub mod facts;
pub mod steps;

pub use facts::{DnsFacts, ZoneFact};
pub use steps::Action;
