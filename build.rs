// Re-run the build when a migration is added, so `sqlx::migrate!()` embeds it (sqlx docs).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
