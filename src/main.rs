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
        // `mailcase cases | head`: the reader went away; that is not an error of ours
        let broken_pipe = e.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        });
        if broken_pipe {
            std::process::exit(0);
        }
        let msg = format!("{e:#}").replace('\n', " ");
        eprintln!("mailcase: {msg}");
        std::process::exit(2);
    }
}
