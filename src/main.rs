//! `mailcase`: parse the command line, start logging, run, and turn any error into one line
//! on stderr with exit code 2.

use clap::Parser;
use mailcase::cli::{Cli, run};

fn main() {
    let cli = Cli::parse();
    mailcase::telemetry::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mailcase: cannot start the async runtime: {e}");
            std::process::exit(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = runtime.block_on(run(cli, &mut stdout)) {
        let msg = format!("{e:#}").replace('\n', " ");
        eprintln!("mailcase: {msg}");
        std::process::exit(2);
    }
}
