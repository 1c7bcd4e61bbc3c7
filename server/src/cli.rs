//! Command-line subcommands: `serve` (the default), `migrate`, `user create`.

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "innspill", about = "Innspill e-participation server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply all database migrations and exit.
    Migrate,
    /// Manage staff users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a staff user (or give an existing one a role). The password is read from
    /// INNSPILL_PASSWORD or, if unset, from the first line of standard input.
    Create {
        /// The organisation's slug, e.g. eksempel-kommune.
        #[arg(long)]
        org: String,
        /// admin, case_officer, moderator or elected_official.
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        /// The user's full name (defaults to the part of the address before @).
        #[arg(long)]
        name: Option<String>,
    },
}
