//! Writes a large, deterministic Timesketch CSV for measuring `caseboard import`.
//!
//! ```text
//! cargo run --release -p caseboard-dev --bin gen_timesketch -- --rows 1000000 --seed 1 --out target/ts-1m.csv
//! /usr/bin/time -v target/release/caseboard import target/ts-1m.csv --out target/cases/ts-1m
//! ```
//!
//! Rows look like Plaso's output as a sketch exports it: `datetime` with microseconds,
//! `timestamp`, `timestamp_desc`, a Windows event-log style `message`, `parser`,
//! `data_type`, `display_name`, `tag`, `label` (one row in a thousand starred) and a
//! timeline id, in time order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

/// Generate a Timesketch CSV of N rows.
#[derive(Parser)]
struct Args {
    /// Number of rows.
    #[arg(long, default_value_t = 1_000_000)]
    rows: usize,
    /// Seed: the same (rows, seed) always writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The CSV file to write.
    #[arg(long)]
    out: PathBuf,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const USERS: &[&str] = &[
    "alice",
    "bob",
    "carol",
    "dmitri",
    "zoë",
    "SYSTEM",
    "svc_backup",
    "admin",
];
const HOSTS: &[&str] = &["WKS-01", "WKS-02", "SRV-DC1", "SRV-FILE", "LAPTOP-7"];
const SERVICES: &[&str] = &[
    "Windows Update",
    "Print Spooler",
    "BITS",
    "WinRM",
    "Defender",
];
const DESCS: &[&str] = &[
    "Creation Time",
    "Content Modification Time",
    "Last Access Time",
    "Event Recorded",
];

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut r = Rng(args.seed);
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&args.out)?);
    writeln!(
        w,
        "datetime,timestamp,timestamp_desc,message,parser,data_type,display_name,tag,label,__ts_timeline_id"
    )?;
    // 2021-01-01T00:00:00Z, advancing a few hundred milliseconds a row.
    let mut micros: i64 = 1_609_459_200_000_000;
    for i in 0..args.rows {
        micros += (r.next() % 900_000) as i64;
        let t = chrono::DateTime::from_timestamp_micros(micros).expect("in range");
        let (user, host) = (r.pick(USERS), r.pick(HOSTS));
        let message = match r.next() % 4 {
            0 => format!(
                "[4624 / 0x1210] Source Name: Microsoft-Windows-Security-Auditing Strings: ['{user}', '{host}', '10.0.{}.{}'] Computer Name: {host} Record Number: {i} Event Level: 0",
                r.next() % 255,
                r.next() % 255
            ),
            1 => format!(
                "[7036 / 0x1b7c] Source Name: Service Control Manager Message string: The {} service entered the {} state. Computer Name: {host} Record Number: {i}",
                r.pick(SERVICES),
                r.pick(&["running", "stopped"])
            ),
            2 => format!(
                "C:\\Users\\{user}\\AppData\\Local\\Temp\\{:08x}.tmp Type: file Owner: {user}",
                r.next() as u32
            ),
            _ => format!(
                "User {user} ran \"powershell.exe -enc {:016x}\" on {host}",
                r.next()
            ),
        };
        let starred = r.next().is_multiple_of(1000);
        writeln!(
            w,
            "{},{micros},{},\"{}\",winevtx,windows:evtx:record,OS:/evidence/{host}.evtx,[],{},{}",
            t.format("%Y-%m-%d %H:%M:%S%.6f+00:00"),
            r.pick(DESCS),
            message.replace('"', "\"\""),
            if starred { "\"['__ts_star']\"" } else { "[]" },
            1 + i % 3
        )?;
    }
    w.flush()?;
    println!("wrote {} rows to {}", args.rows, args.out.display());
    Ok(())
}
