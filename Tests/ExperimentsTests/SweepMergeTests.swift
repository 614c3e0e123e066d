import Foundation
import RacksimTestSupport
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

  /// CSV fields as SQL literals: 1 and -0.5e3 are numbers (kept as written); the quoted
  /// field x,""y' is x,"y' with its quote doubled for SQL ('x,"y'''); an empty field is NULL;
  /// 007 is not a JSON number (a leading zero), so it stays text; a lone ' becomes ''''. The
  /// blank line is skipped, and a CRLF ends a record like LF.
  @Test func csvFieldsBecomeSQLLiterals() {
    let text = "a,b,c\n1,\"x,\"\"y'\",\n\n-0.5e3,007,'\r\n"
    var records: [String] = []
    CSVToSQL.with(Array(text.utf8)) { csv in
      csv.forEachRecord { fields in
        var out: [UInt8] = []
        for (i, f) in fields.enumerated() {
          if i > 0 { out.append(UInt8(ascii: "|")) }
          csv.appendLiteral(f, to: &out)
        }
        records.append(String(decoding: out, as: UTF8.self))
      }
    }
    #expect(records == ["'a'|'b'|'c'", "1|'x,\"y'''|NULL", "-0.5e3|'007'|''''"])
  }
}
