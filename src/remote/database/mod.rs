//! The database roles on the wire (`mariadb`, `postgresql`): what their facts script asks the engine and
//! how their actions become steps. Both talk to the engine's own client as the engine's administrator —
//! root through MariaDB's unix socket, `postgres` through PostgreSQL's peer authentication — with the SQL
//! (`render::database`) on the client's stdin, never in an argument, so no secret shows in `ps`.
pub mod facts;
pub mod restore;
pub mod steps;

pub use facts::{DbFacts, UserFact};
pub use steps::Action;

use crate::model::Engine;

/// The role's name and the shell function that feeds SQL to its client.
pub fn client(d: Engine) -> (&'static str, &'static str) {
    match d {
        Engine::Mariadb => ("mariadb", "db_sql_mariadb"),
        Engine::Postgresql => ("postgresql", "db_sql_postgresql"),
    }
}
