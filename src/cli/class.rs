//! `terawatt class`: a class's share codes, one a line, into a CSV and a picture (see
//! [`terawatt::class`]).

use std::path::PathBuf;

use terawatt::i18n::{cli, cli_lang, tr_for};
use terawatt::save::write_atomic;

use super::CliError;

/// Largest class file read, bytes.
const MAX_BYTES: u64 = 8 << 20;

#[derive(clap::Args)]
pub struct ClassArgs {
    /// The class's codes: one share code (or link) a line, after a name if you like
    /// (`Ana, TW1-…`); blank lines and lines starting `//` are skipped.
    codes: PathBuf,
    /// Write one row per code (and one per line refused) here.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Draw the histograms here, one row per level (PNG).
    #[arg(long)]
    plot: Option<PathBuf>,
    /// Worker threads replaying the codes (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

impl ClassArgs {
    /// Replays every code, writes the CSV and the picture, and prints a line per level
    /// and one per line refused.
    pub fn run(self) -> Result<(), CliError> {
        let text = terawatt::store::read_text(&self.codes, MAX_BYTES)
            .map_err(|e| CliError::Message(format!("{}: {e}", self.codes.display())))?;
        let tr = tr_for(cli_lang());
        let results = terawatt::class::read(&text, self.threads, tr);
        if let Some(file) = &self.csv {
            write_atomic(file, &terawatt::class::csv(&results)).map_err(CliError::io(file))?;
        }
        if let Some(file) = &self.plot {
            std::fs::write(file, terawatt::class::plot(&results.rows))
                .map_err(CliError::io(file))?;
            println!("{}", cli("class-plot-key", &[]));
        }
        print!("{}", terawatt::class::summary(&results, tr));
        println!(
            "{}",
            cli(
                "class-done",
                &[
                    ("n", results.rows.len().to_string()),
                    ("refused", results.refused.len().to_string()),
                ],
            )
        );
        Ok(())
    }
}
