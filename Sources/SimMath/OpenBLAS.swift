// OpenBLAS process configuration: one thread, set once, before the first BLAS or LAPACK call.
//
// Why: a threaded OpenBLAS splits a product or a factorisation across threads, and how it
// splits depends on the thread count, i.e. on the machine, so partial sums can be added in a
// different order and the last bit of a result can change (DESIGN.md principle 1). Experiments
// get their parallelism from one run per task instead.
//
// How: `openblas_set_num_threads` is declared in Debian's OpenBLAS `cblas.h`, which `CLapack`'s
// `shim.h` already includes. Swift initialises a static stored property exactly once, thread
// safely (`swift_once`), so the first caller sets the count and later callers pay one load.
// Every entry point of `SimMath` that reaches OpenBLAS calls `ensureSingleThreaded()` first.
// This is process-wide C-library configuration, not simulation state: it holds no value that
// can differ between runs.
import CLapack

/// The one place `SimMath` configures OpenBLAS.
enum OpenBLAS {
  /// The thread count OpenBLAS reported right after it was set to 1; evaluated once.
  private static let configuredThreadCount: Int32 = {
    openblas_set_num_threads(1)
    return openblas_get_num_threads()
  }()

  /// Makes OpenBLAS single-threaded if this is the first call in the process.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  static func ensureSingleThreaded() {
    _ = configuredThreadCount
  }

  /// The number of threads OpenBLAS uses now (for tests).
  static var currentThreadCount: Int { Int(openblas_get_num_threads()) }
}
