extension EventQueue {
  /// Verifies the heap property when built with `RACKSIM_INTERNAL_CHECKS`; a no-op otherwise.
  @inlinable @inline(__always)
  func checkInvariants() {
    #if RACKSIM_INTERNAL_CHECKS
      for i in 1..<Swift.max(heap.count, 1) {
        precondition(
          !heap[i].precedes(heap[(i - 1) >> 1]), "EventQueue heap property broken at \(i)")
      }
    #endif
  }
}
