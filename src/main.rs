//! The native `credlint` command: the one driver (`credlint::cli`) on the native host. Exit codes:
//! 0 no error, 1 at least one error, 2 could not run or an input could not be checked.

use std::process::ExitCode;

use credlint::cli::{self, Host, host::NativeHost};

fn main() -> ExitCode {
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(a) => args.push(a),
            Err(bad) => {
                NativeHost.stderr(&format!(
                    "credlint: the argument `{}` is not valid UTF-8\n",
                    credlint::render::escape(&bad.to_string_lossy())
                ));
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::from(cli::run(&args, &NativeHost))
}
