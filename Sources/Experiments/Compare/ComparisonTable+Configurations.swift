/// `racksim compare SWEEP_DIR`: one sweep compared configuration against configuration.
///
/// A single sweep given alone is split into one input per configuration (one combination of
/// axis values), in run-index order, each holding its replications; the first configuration is
/// the reference that the others are compared with. Configurations of one sweep share their
/// replication seeds (common random numbers, `SweepPlan`), so the differences are paired.
/// The axis columns are those `sweep.csv` puts between `index` and `replication`; they are
/// constant within a configuration and are left out of the metrics.
extension ComparisonTable {
  /// The axis columns of a sweep's rows: the fields between `index` and `replication`.
  public static func axisColumns(of rows: [ResultRow]) -> [String] {
    let names = rows.first?.fields.map(\.name) ?? []
    guard let i = names.firstIndex(of: "index"), let j = names.firstIndex(of: "replication"),
      i < j
    else { return [] }
    return Array(names[(i + 1)..<j])
  }

  /// A sweep's rows as one input per configuration, named `axis=value, …`, in order of first
  /// appearance; nil when the rows have no axis columns.
  public static func configurations(of rows: [ResultRow]) -> [(name: String, results: Results)]? {
    let axes = axisColumns(of: rows)
    guard !axes.isEmpty else { return nil }
    var names: [String] = []
    var members: [String: [ResultRow]] = [:]
    for row in rows {
      let name = axes.map { "\($0)=\(row.text($0) ?? "")" }.joined(separator: ", ")
      if members[name] == nil { names.append(name) }
      var kept = row
      kept.fields.removeAll { axes.contains($0.name) }
      members[name, default: []].append(kept)
    }
    return names.map { ($0, .sweep(members[$0] ?? [])) }
  }

  /// The inputs `compare` tabulates: one sweep with axes split into its configurations (see
  /// above), anything else as given.
  public static func splittingSingleSweep(
    _ inputs: [(name: String, results: Results)]
  ) -> [(name: String, results: Results)] {
    guard inputs.count == 1, case .sweep(let rows) = inputs[0].results,
      let split = configurations(of: rows), split.count > 1
    else { return inputs }
    return split
  }
}
