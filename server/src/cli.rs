//! Command-line subcommands: `serve` (the default), `migrate`, `user create`, `user
//! second-factor-off`, `admin create`, `org create`, `org deactivate`, `org reactivate`.

pub mod onboarding;

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
    /// Manage the platform administrator (who creates and deactivates organisations).
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Create, deactivate or reactivate an organisation.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create the platform administrator (or make an existing staff user one). The password of
    /// a new account is read from INNSPILL_PASSWORD or, if unset, from the first line of
    /// standard input; an existing account keeps its own.
    Create {
        #[arg(long)]
        email: String,
        /// The administrator's full name (defaults to the part of the address before @).
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Create an organisation and invite its first administrator by mail, as the platform
    /// administrator's form does.
    Create(Box<NewOrgArgs>),
    /// Deactivate an organisation: its pages stay and say it no longer uses Innspill; nothing
    /// is deleted.
    Deactivate {
        #[arg(long)]
        slug: String,
    },
    /// Let a deactivated organisation use Innspill again.
    Reactivate {
        #[arg(long)]
        slug: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct NewOrgArgs {
    /// municipality (kommune) or county (fylkeskommune).
    #[arg(long)]
    pub kind: String,
    /// Kommunenummer (four digits) or fylkesnummer (two), as in SSB's current classification.
    #[arg(long)]
    pub number: String,
    /// The name as the site shows it, e.g. "Halden kommune".
    #[arg(long)]
    pub name: String,
    /// The name in nynorsk, where it differs.
    #[arg(long, default_value = "")]
    pub name_nn: String,
    /// The name in Sámi (default: SSB's Sámi name, where the unit has one).
    #[arg(long, default_value = "")]
    pub name_sami: String,
    /// The address on the site, /org/<slug> (default: made from the name).
    #[arg(long, default_value = "")]
    pub slug: String,
    /// nb (bokmål) or nn (nynorsk).
    #[arg(long, default_value = "nb")]
    pub written_standard: String,
    /// The population figure (or give --population-csv).
    #[arg(long, default_value = "")]
    pub population: String,
    /// The date the figure was counted, YYYY-MM-DD.
    #[arg(long, default_value = "")]
    pub population_date: String,
    /// A Statbank CSV export (table 07459) to read the population and its date from.
    #[arg(long)]
    pub population_csv: Option<std::path::PathBuf>,
    /// A body (council or committee); repeat for more. The first is the council.
    #[arg(long = "body")]
    pub bodies: Vec<String>,
    #[arg(long, default_value = "12")]
    pub max_collection_months: String,
    #[arg(long, default_value = "12")]
    pub signer_retention_months: String,
    #[arg(long, default_value = "14")]
    pub screening_days: String,
    /// The address the first administrator is invited at.
    #[arg(long)]
    pub admin_email: String,
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
    /// Turn a staff user's second factor off (they lost their phone); they set it up again at
    /// their next login. Recorded in the audit log.
    SecondFactorOff {
        #[arg(long)]
        email: String,
    },
}
