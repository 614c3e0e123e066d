import Experiments
import Foundation

/// A one-line progress bar on stderr: simulated time out of the horizon, events/s and ETA.
/// Shown only when stderr is a terminal; wall-clock time is used here only, never in results.
final class ProgressBar {
  private let started = ContinuousClock.now
  private var lastDraw = ContinuousClock.now - .seconds(1)

  func update(_ p: RunProgress) {
    let now = ContinuousClock.now
    guard now - lastDraw >= .milliseconds(100) || p.fraction >= 1 else { return }
    lastDraw = now
    let elapsed =
      Double((now - started).components.attoseconds) / 1e18
      + Double((now - started).components.seconds)
    let width = 30
    let filled = Int((p.fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let rate = elapsed > 0 ? Double(p.eventsProcessed) / elapsed : 0
    let eta = p.fraction > 0 ? elapsed * (1 - p.fraction) / p.fraction : 0
    let line =
      "\r[\(bar)] \(Int(p.fraction * 100))%  day \(day(p.simulatedTime.seconds))/\(day(p.horizon.seconds))  "
      + "\(Int(rate)) events/s  ETA \(Int(eta.rounded(.up)))s  "
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() {
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }

  private func day(_ seconds: Double) -> String {
    String(Int(seconds / 86400 * 10) / 10) + "." + String(Int(seconds / 86400 * 10) % 10)
  }
}
