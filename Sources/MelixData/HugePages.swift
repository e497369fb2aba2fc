import MelixHDF5

// `adviseHugePages(_:byteCount:)` lives in MelixHDF5 (one copy for both targets).

extension Array {
  /// Reserves room for `capacity` elements and advises huge pages for the new storage.
  ///
  /// The advice covers only memory this array owns (its reserved capacity); `madvise`
  /// neither reads nor writes it, so no element beyond `count` is touched.
  mutating func reserveCapacityWithHugePages(_ capacity: Int) {
    reserveCapacity(capacity)
    adviseHugePagesForReservedCapacity()
  }

  /// Advises huge pages for the whole reserved storage of a non-empty array (see
  /// `reserveCapacityWithHugePages`).
  mutating func adviseHugePagesForReservedCapacity() {
    guard !isEmpty else { return }
    let reserved = self.capacity
    withUnsafeMutableBufferPointer { buffer in
      adviseHugePages(
        UnsafeMutableRawPointer(buffer.baseAddress),
        byteCount: reserved * MemoryLayout<Element>.stride)
    }
  }
}
