import Foundation

/// The copy-on-write element buffer behind one or more ``Tensor`` views.
///
/// A class because views share it; ``Tensor`` copies it before writing when it is not
/// uniquely referenced (the pattern of swift-collections' `Deque`). Memory is 64-byte
/// aligned and bound to the Swift type of its dtype for its whole lifetime.
final class TensorStorage: @unchecked Sendable {
  let dtype: DType
  let count: Int
  let raw: UnsafeMutableRawPointer

  /// Allocates uninitialised memory for `count` elements; callers fill every element.
  init(dtype: DType, count: Int) {
    self.dtype = dtype
    self.count = count
    let bytes = max(count, 1) * dtype.byteWidth
    raw = TensorStorage.allocate(bytes: bytes)
    switch dtype {
    case .float32: raw.bindMemory(to: Float.self, capacity: max(count, 1))
    case .float64: raw.bindMemory(to: Double.self, capacity: max(count, 1))
    case .int64: raw.bindMemory(to: Int64.self, capacity: max(count, 1))
    case .bool: raw.bindMemory(to: Bool.self, capacity: max(count, 1))
    }
  }

  deinit { free(raw) }

  /// Buffers from this size on are 2 MiB aligned and marked for transparent huge pages
  /// (`madvise(MADV_HUGEPAGE)`, as NumPy does): on our VMs the first touch of fresh 4 KiB
  /// pages otherwise costs more than the arithmetic (an `a + b` on 10^7 doubles spent 80% of
  /// its time in page faults).
  static let hugePageThreshold = 4 << 20

  /// Allocates with `posix_memalign` (released with `free`).
  static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
    let huge = bytes >= hugePageThreshold
    var pointer: UnsafeMutableRawPointer?
    let status = posix_memalign(&pointer, huge ? 2 << 20 : 64, bytes)
    guard status == 0, let pointer else {
      fatalError("out of memory allocating \(bytes) bytes for a tensor")
    }
    #if os(Linux)
      if huge { _ = madvise(pointer, bytes, MADV_HUGEPAGE) }
    #endif
    return pointer
  }

  /// The elements as a typed pointer; `T.dtype` must equal `dtype`.
  @inline(__always)
  func pointer<T: TensorScalar>(_ type: T.Type) -> UnsafeMutablePointer<T> {
    precondition(T.dtype == dtype, "storage of \(dtype) read as \(T.dtype)")
    return raw.assumingMemoryBound(to: T.self)
  }

  /// A new buffer with the same bytes.
  func copy() -> TensorStorage {
    let other = TensorStorage(dtype: dtype, count: count)
    other.raw.copyMemory(from: raw, byteCount: count * dtype.byteWidth)
    return other
  }
}
