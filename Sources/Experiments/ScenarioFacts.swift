import DataCenter
import Racksim

/// What `racksim validate` prints under a valid scenario's "ok": the size of the site and, with
/// a fabric, its shape and oversubscription, so a planner sees what the file describes before
/// running it.
public enum ScenarioFacts {
  /// One line per fact, each indented by two spaces.
  public static func lines(for scenario: Scenario) -> [String] {
    let site = Site(layout: scenario.site, catalog: scenario.hardware)
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    var lines = [
      "  site: " + count(site.hallCount, "hall") + ", " + count(site.rackCount, "rack") + ", "
        + count(site.nodeCount, "node") + ", " + count(site.gpuCount, "GPU")
    ]
    if let layout = scenario.fabric,
      case .success(let spec) = layout.resolve(site: scenario.site, catalog: scenario.hardware)
    {
      var line =
        "  fabric: " + count(spec.hosts, "host")
        + ", \(spec.leaves) lea\(spec.leaves == 1 ? "f" : "ves"), "
        + count(spec.spines, "spine") + " per pod, " + count(spec.pods, "pod")
        + "; leaf oversubscription "
        + FixedDecimal.format(spec.leafOversubscription, decimals: 2) + ":1"
      if let spine = spec.spineOversubscription {
        line += ", spine " + FixedDecimal.format(spine, decimals: 2) + ":1"
      }
      lines.append(line)
    }
    return lines
  }
}
