// Axis values checked against the base scenario: each value is applied alone as a `--set`
// override through `ScenarioLoader`, exactly as a run will apply it, and every problem is moved
// from the override's `--set` text to the place in the sweep file that wrote it.

extension SweepFile {
  /// The problems of the base scenario and of every axis value applied to it.
  ///
  /// The base scenario is loaded first; when it has problems they are returned as they are
  /// (in the base file) and the axes are not checked. Otherwise each value is applied alone:
  /// a problem in the key part of the override (an unknown key, with a did-you-mean) is placed
  /// at the axis key, one in the value at the value, and a problem the value causes elsewhere in
  /// the scenario at the value too, prefixed with the override.
  ///
  /// - Returns: Every problem, empty when all values apply; sorted as `ScenarioLoadError` sorts.
  /// - Complexity: One scenario load per axis value.
  public func checkAgainstBase() -> [ScenarioDiagnostic] {
    guard !basePath.isEmpty else { return [] }
    let baseProblems = ScenarioLoader.diagnostics(path: basePath)
    guard baseProblems.isEmpty else { return baseProblems }
    var problems: [ScenarioDiagnostic] = []
    for axis in axes {
      for i in axis.values.indices {
        let override = axis.override(i)
        for d in ScenarioLoader.diagnostics(path: basePath, overrides: [override]) {
          problems.append(relocate(d, axis: axis, value: i))
        }
      }
    }
    return ScenarioLoadError(diagnostics: problems).diagnostics
  }

  // MARK: - Private

  /// Moves a diagnostic of `--set key=value` to the sweep file.
  private func relocate(_ d: ScenarioDiagnostic, axis: Axis, value i: Int) -> ScenarioDiagnostic {
    let valueLocation = axis.valueLocations[i]
    guard d.file == Override.file else {
      return ScenarioDiagnostic(
        valueLocation, "with \(axis.override(i)): \(d.description)")
    }
    let keyLength = axis.keyPath.unicodeScalars.count
    if d.column <= keyLength {
      var at = axis.keyLocation
      at.column += d.column - 1
      return ScenarioDiagnostic(at, "axes: " + d.message)
    }
    return ScenarioDiagnostic(valueLocation, "axes.\(axis.keyPath): " + d.message)
  }
}
