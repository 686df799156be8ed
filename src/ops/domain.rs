//! Domains set up on packages (registration comes with the domain robot).
