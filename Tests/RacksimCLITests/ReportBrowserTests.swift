import Foundation
import RacksimTestSupport
import Testing

/// `racksim run --report` and `racksim report`, opened in a real browser: headless Chromium
/// (Debian's `chromium`) loads each page, dumps its DOM and takes a PNG screenshot. The page
/// must load without a single console message (it has no script, so any message is an error
/// such as a blocked or failed resource), and every chart's `<svg data-series="N">` must hold
/// N `<g class="series">` groups, N being the number worked out for the run by hand.
///
/// Skipped, saying so, only where `chromium` is not installed and CI is not set;
/// `scripts/test.sh` installs it in CI.
@Suite struct ReportBrowserTests {
  static let chromium: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/chromium"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }()
  static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

  /// What the browser saw: the DOM after load, its console lines, and the screenshot.
  struct Rendering {
    var dom: String
    var console: [String]
    var png: Data
  }

  /// Loads `page` (a file) in headless Chromium, with its own profile folder.
  static func render(_ page: URL, in dir: URL) throws -> Rendering {
    let chromium = try #require(chromium, "CI=true but chromium is not installed")
    let shot = dir.appendingPathComponent(page.deletingPathExtension().lastPathComponent + ".png")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
      "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
      "--enable-logging=stderr", "--v=0", "--window-size=1500,2400",
      "--screenshot=\(shot.path)", "--dump-dom", page.absoluteString,
    ]
    // The DOM through a pipe; the browser's log into a file (so neither can block the other).
    let logFile = dir.appendingPathComponent(page.lastPathComponent + ".log")
    _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
    let err = try FileHandle(forWritingTo: logFile)
    defer { try? err.close() }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outBytes = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    let console = log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    return Rendering(
      dom: String(decoding: outBytes, as: UTF8.self), console: console,
      png: (try? Data(contentsOf: shot)) ?? Data())
  }

  /// For each `<svg …>` of the DOM: its `data-series` and its number of series groups.
  static func charts(_ dom: String) -> [(declared: Int, drawn: Int)] {
    dom.components(separatedBy: "<svg ").dropFirst().map { chunk in
      let svg = chunk.components(separatedBy: "</svg>")[0]
      let declared = svg.components(separatedBy: "data-series=\"").dropFirst().first.flatMap {
        Int($0.prefix { $0 != "\"" })
      }
      return (declared ?? -1, svg.components(separatedBy: "<g class=\"series\"").count - 1)
    }
  }

  static let available = chromium != nil || inCI

  /// The quickstart (built in): 8 racks of DGX H100 in one hall. Its timeseries.csv has
  /// it_power_kw and facility_power_kw (no cooling model) → facility power 2 series; PUE 1;
  /// GPU utilisation 1; running and queued jobs 2; no temperature columns → no chart; racks.csv
  /// with 8 racks (2 rows × 4) and no inlet_c → one heatmap of 8 rows; jobs.csv → wait and JCT
  /// histograms (1 each) and their CDFs (2).
  @Test(.enabled(if: available, "needs Debian's chromium (apt-get install chromium)"))
  func aRunReportLoadsInChromiumWithEveryChartsSeries() throws {
    let dir = TestSupport.temporaryFolder()
    let run = dir.appendingPathComponent("qs")
    let r = try CommandLineTests.run(["run", "--out", run.path, "--report", "--quiet"])
    #expect(r.status == 0, "\(r.err)")
    let page = run.appendingPathComponent("report.html")
    let seen = try Self.render(page, in: dir)
    #expect(seen.console.isEmpty, "console: \(seen.console)")
    let charts = Self.charts(seen.dom)
    #expect(charts.map(\.declared) == [2, 1, 1, 2, 8, 1, 1, 2])
    #expect(charts.allSatisfy { $0.declared == $0.drawn }, "\(charts)")
    // A real picture: a PNG (its 8-byte signature) of more than a blank page's few kB.
    #expect(seen.png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    #expect(seen.png.count > 50_000, "screenshot of \(seen.png.count) bytes")
  }

  /// A sweep folder's sweep.csv with one axis (3 caps) × 2 seeds: one series of 3 bars per
  /// metric; both metrics (mean_wait_s, pue) are charted → [1, 1].
  @Test(.enabled(if: available, "needs Debian's chromium (apt-get install chromium)"))
  func aSweepReportLoadsInChromium() throws {
    let dir = TestSupport.temporaryFolder()
    let sweep = dir.appendingPathComponent("sweep")
    try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
    let csv = """
      index,cap,replication,seed,scenario_hash,mean_wait_s,pue
      0,4MW,0,1,h,30,1.25
      1,4MW,1,2,h,50,1.25
      2,5MW,0,1,h,10,1.25
      3,5MW,1,2,h,20,1.25
      4,6MW,0,1,h,0,1.25
      5,6MW,1,2,h,2,1.25

      """
    try Data(csv.utf8).write(to: sweep.appendingPathComponent("sweep.csv"))
    let out = dir.appendingPathComponent("sweep-report.html")
    let r = try CommandLineTests.run(["report", sweep.path, "--out", out.path])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out == "wrote \(out.path)\n")
    let seen = try Self.render(out, in: dir)
    #expect(seen.console.isEmpty, "console: \(seen.console)")
    let charts = Self.charts(seen.dom)
    #expect(charts.map(\.declared) == [1, 1])
    #expect(charts.allSatisfy { $0.declared == $0.drawn }, "\(charts)")
  }

  /// The console check can fail: a page whose script logs an error is caught.
  @Test(.enabled(if: available, "needs Debian's chromium (apt-get install chromium)"))
  func aConsoleErrorIsSeen() throws {
    let dir = TestSupport.temporaryFolder()
    let page = dir.appendingPathComponent("bad.html")
    try Data(
      "<!DOCTYPE html><html><body><script>console.error('broken chart')</script></body></html>"
        .utf8
    ).write(to: page)
    let seen = try Self.render(page, in: dir)
    #expect(seen.console.count == 1)
    #expect(seen.console.first?.contains("broken chart") == true)
  }
}
