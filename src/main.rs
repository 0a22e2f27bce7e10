//! The `caseboard` binary: parses arguments and runs a command or the board.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use caseboard::app::App;
use caseboard::cli::{self, BoardArgs, Cli, Command};
use caseboard::keymap::Keymap;

fn main() -> ExitCode {
    let args = Cli::parse();
    let code = match args.command {
        Some(Command::Check { case }) => cli::check(
            case.as_deref(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )
        .unwrap_or(2),
        None => board(args.board),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

fn board(args: BoardArgs) -> i32 {
    let loaded = match cli::load_case(args.case.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    let (keymap, key_notice) = match cli::load_keymap(args.keys.as_deref()) {
        Ok(k) => (k, None),
        Err(e) => {
            eprintln!("{e}");
            (
                Keymap::default(),
                Some(format!("{e} — using the default keys")),
            )
        }
    };
    let mut app = App::new(Arc::new(loaded.case), keymap);
    if let Some(n) = key_notice {
        app.notice = Some(caseboard::app::Notice {
            text: n,
            error: true,
        });
    }
    match caseboard::tui::run(&mut app) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("caseboard: terminal error: {e}");
            1
        }
    }
}
