#[test]
#[ignore]
fn dump() {
    let p = std::env::var("DUMP").unwrap();
    let t = std::fs::read_to_string(&p).unwrap();
    let d = loopcoach_notes::parse_text(&p, &t).unwrap();
    println!("{}", serde_json::to_string_pretty(&d).unwrap());
}
