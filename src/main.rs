use clap::Parser;

/// The system's allocator, counting while a user's template renders (learnlead::memory).
#[global_allocator]
static ALLOCATOR: learnlead::memory::Counting = learnlead::memory::Counting;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error: {info}\nThis is a bug in learnlead; please report it.");
    }));
    learnlead::io::cleanup::install();
    let cli = learnlead::cli::Cli::parse();
    if let Err(err) = learnlead::run(cli) {
        if !learnlead::io::cleanup::stopping() {
            learnlead::report_error(&err);
        }
        learnlead::io::cleanup::exit(err.exit_code());
    }
}
