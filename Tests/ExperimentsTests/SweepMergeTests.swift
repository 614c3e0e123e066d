import Foundation
import RacksimTestSupport
import SimKernel
import Testing

@testable import Experiments

/// The merged files of a sweep, on hand-written summaries, and the summary reader.
@Suite struct SweepMergeTests {
  /// Two runs: one axis `facility.pue` (label `pue`) with one value, explicit seeds 7 and 9.
  /// SweepPlan's order: index 0 = seed 7 (replication 0), index 1 = seed 9 (replication 1);
  /// folder names `0000-pue=1.2-seed=7` and `0001-pue=1.2-seed=9`.
  static func rows() throws -> (SweepPlan, [SweepMerge.Row]) {
    let plan = try SweepPlan.parse(
      yaml: "name: t\nbase: b.yaml\naxes:\n  facility.pue: [1.2]\nseeds: [7, 9]\n",
      file: "t.yaml")
    let first = try SummaryFile.parse(
      """
      {
        "scenario": "a,b",
        "scenario_hash": "h",
        "seed": 7,
        "pue": 1.2000,
        "mean_wait_s": null
      }
      """, file: "0")
    let second = try SummaryFile.parse(
      #"{"scenario": "q\"x", "scenario_hash": "h", "seed": 9, "pue": 1.3000, "mean_wait_s": 5.500, "extra": 3}"#,
      file: "1")
    return (
      plan,
      [
        SweepMerge.Row(run: plan.runs[0], scenarioHash: "h", summary: first),
        SweepMerge.Row(run: plan.runs[1], scenarioHash: "h", summary: second),
      ]
    )
  }

  /// The header: index, the axis label, replication, seed, scenario_hash, then the summary keys
  /// in first-seen order without seed and scenario_hash; `pue` clashes with the axis label and
  /// becomes `summary_pue`; `extra` appears only in run 1 (run 0 leaves it empty); null is
  /// empty; "a,b" and q"x are quoted by RFC 4180 (a quote doubled); numbers keep their digits.
  @Test func csvHasTheDocumentedColumnsAndKeepsTheRunsDigits() throws {
    let (plan, rows) = try Self.rows()
    #expect(
      SweepMerge.csv(plan: plan, rows: rows) == """
        index,pue,replication,seed,scenario_hash,scenario,summary_pue,mean_wait_s,extra
        0,1.2,0,7,h,"a,b",1.2000,,
        1,1.2,1,9,h,"q""x",1.3000,5.500,3

        """)
  }

  /// The CSV reads back through `Results` (what check and compare read) with the same fields.
  @Test func csvReadsBackAsResults() throws {
    let (plan, rows) = try Self.rows()
    let read = try Results.sweepRows(csv: SweepMerge.csv(plan: plan, rows: rows))
    #expect(read.count == 2)
    #expect(read[0].text("scenario") == "a,b")
    #expect(read[1].text("scenario") == "q\"x")
    #expect(read[1].number("mean_wait_s") == 5.5)
    #expect(read[0].text("mean_wait_s") == "")
  }

  /// sweep.json: the layout documented on SweepMerge, the summaries as written (the
  /// escaped quote re-escaped, null kept).
  @Test func jsonHasTheDocumentedLayout() throws {
    let (plan, rows) = try Self.rows()
    let expected = #"""
      {
        "sweep": "t",
        "sweep_seed": 0,
        "axes": [
          {"label": "pue", "key": "facility.pue"}
        ],
        "runs": [
          {
            "index": 0,
            "folder": "0000-pue=1.2-seed=7",
            "replication": 0,
            "seed": 7,
            "scenario_hash": "h",
            "axes": {"pue": "1.2"},
            "summary": {
              "scenario": "a,b",
              "scenario_hash": "h",
              "seed": 7,
              "pue": 1.2000,
              "mean_wait_s": null
            }
          },
          {
            "index": 1,
            "folder": "0001-pue=1.2-seed=9",
            "replication": 1,
            "seed": 9,
            "scenario_hash": "h",
            "axes": {"pue": "1.2"},
            "summary": {
              "scenario": "q\"x",
              "scenario_hash": "h",
              "seed": 9,
              "pue": 1.3000,
              "mean_wait_s": 5.500,
              "extra": 3
            }
          }
        ]
      }

      """#
    #expect(SweepMerge.json(plan: plan, rows: rows) == expected)
    // And it is JSON.
    #expect(
      (try? JSONSerialization.jsonObject(with: Data(expected.utf8))) is [String: Any])
  }

  @Test func summaryReaderKeepsTokensAndDecodesEscapes() throws {
    let s = try SummaryFile.parse(
      #"{"a": -1.50e+3, "b": "x\n\u00e9\ud83d\ude00", "c": true, "d": null}"#, file: "s")
    #expect(s["a"] == .number("-1.50e+3"))
    // \u00e9 is é; the surrogate pair \ud83d\ude00 is U+1F600.
    #expect(s["b"] == .text("x\n\u{e9}\u{1F600}"))
    #expect(s["c"] == .bool(true))
    #expect(s["d"] == .null)
    #expect(s["d"]?.text == "")
  }

  /// Malformed files are errors naming the file and the byte (1-based) where it went wrong.
  @Test(arguments: [
    (#"{"a": [1]}"#, "byte 7"),  // '[' is the 7th byte: a nested value
    (#"{"a": 1"#, "byte 8"),  // the end of the text after "1"
    (#"{"a": 01x}"#, "byte 8"),  // "0" then "1" where ',' or '}' belongs
    (#"{"a" 1}"#, "byte 6"),  // no ':'
    ("", "byte 1"),
  ])
  func summaryReaderRejectsWhatIsNotAFlatObject(text: String, at: String) {
    #expect(throws: SweepError.self) { try SummaryFile.parse(text, file: "s.json") }
    do {
      _ = try SummaryFile.parse(text, file: "s.json")
    } catch {
      #expect(error.description.hasPrefix("s.json: \(at): expected"), "\(error)")
    }
  }

  /// CSV fields as SQLite values: 1 is an INTEGER and -0.5e3 a REAL (-500); the quoted field
  /// x,""y' is the text x,"y'; an empty field is NULL; 007 is not a JSON number (a leading
  /// zero), so it stays text, and so does a lone '. The blank line is skipped, and a CRLF ends a
  /// record like LF.
  @Test func csvFieldsBecomeSQLiteValues() {
    let text = "a,b,c\n1,\"x,\"\"y'\",\n\n-0.5e3,007,'\r\n"
    var records: [[String]] = []
    CSVToSQL.with(Array(text.utf8)) { csv in
      csv.forEachRecord { fields in
        records.append(
          fields.map { f in
            switch csv.value(f) {
            case .null: return "NULL"
            case .integer(let i): return "int \(i)"
            case .real(let x): return "real \(x)"
            case .text:
              var out: [UInt8] = []
              csv.appendText(f, to: &out)
              return "text " + String(decoding: out, as: UTF8.self)
            }
          })
      }
    }
    #expect(
      records == [
        ["text a", "text b", "text c"], ["int 1", "text x,\"y'", "NULL"],
        ["real -500.0", "text 007", "text '"],
      ])
  }

  /// Integers up to 64 bits stay INTEGER; one past Int64.max (2^63 = 9223372036854775808) is a
  /// REAL, as SQLite's own parser makes it; -2^63 is still an INTEGER (Int64.min).
  @Test(arguments: [
    ("9223372036854775807", "int 9223372036854775807"),
    ("-9223372036854775808", "int -9223372036854775808"),
    ("9223372036854775808", "real 9.223372036854776e+18"),
    ("123456789012345678901", "real 1.2345678901234568e+20"),
    ("-0", "int 0"),
  ])
  func integersOutside64BitsBecomeReals(text: String, expected: String) {
    let field = CSVToSQL.Field(start: 0, end: text.utf8.count, quoted: false)
    let value = CSVToSQL.with(Array(text.utf8)) { $0.value(field) }
    switch value {
    case .integer(let i): #expect("int \(i)" == expected)
    case .real(let x): #expect("real \(x)" == expected)
    default: Issue.record("\(text) is \(value)")
    }
  }

  /// Every REAL is the correctly rounded double of its text: random decimals (fixed-point like
  /// the run files' 900.000 and 0.0186, long mantissas beyond 2^53 and 19 digits, exponents
  /// beyond ±22) converted by `value` equal Swift's `Double(String)` (strtod, correctly
  /// rounded, an independent parser) bit for bit. The fast path is exact by Clinger's argument:
  /// a mantissa below 2^53 and 10^k for k ≤ 22 are exact doubles, and one IEEE division or
  /// multiplication rounds correctly; this test checks the boundaries of that argument too.
  @Test func realsAreCorrectlyRounded() {
    let seed: UInt64 = 20_261_202
    var rng = RandomStream(seed: seed, name: "tests/csv-to-sql/reals")
    for _ in 0..<20_000 {
      var text = rng.nextInt(below: 2) == 0 ? "" : "-"
      let intDigits = 1 + Int(rng.nextInt(below: 20))
      text += String(1 + rng.nextInt(below: 9))
      for _ in 1..<intDigits { text += String(rng.nextInt(below: 10)) }
      if rng.nextInt(below: 4) == 0 { text = text.hasPrefix("-") ? "-0" : "0" }
      let fractionDigits = Int(rng.nextInt(below: 25))
      if fractionDigits > 0 || rng.nextInt(below: 2) == 0 {
        text += "."
        for _ in 0..<max(1, fractionDigits) { text += String(rng.nextInt(below: 10)) }
      }
      if rng.nextInt(below: 3) == 0 { text += "e" + String(Int(rng.nextInt(below: 80)) - 40) }
      let field = CSVToSQL.Field(start: 0, end: text.utf8.count, quoted: false)
      let value = CSVToSQL.with(Array(text.utf8)) { $0.value(field) }
      guard let expected = Double(text) else {
        Issue.record("seed \(seed): Double(\(text)) is nil")
        return
      }
      switch value {
      case .real(let x):
        #expect(x.bitPattern == expected.bitPattern, "seed \(seed): \(text)")
      case .integer(let i):
        #expect(!text.contains(".") && !text.contains("e"), "seed \(seed): \(text)")
        #expect(Double(i) == expected, "seed \(seed): \(text)")
      default:
        Issue.record("seed \(seed): \(text) is \(value)")
      }
    }
  }
}
