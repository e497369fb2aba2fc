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
  ///
  /// Ends the process if `posix_memalign` fails. The callers cannot throw (creation
  /// functions such as `zeros` and `rand`, casts, copies, unary maps, reductions), and their
  /// results are no larger than an input or have shapes the interpreter bounds to 2^30
  /// elements. Throwing operations whose result can outgrow their inputs (broadcasting
  /// element-wise operations, `matmul`, `concat`) use ``init(dtype:count:op:shape:)``.
  init(dtype: DType, count: Int) {
    let bytes = max(count, 1) * dtype.byteWidth
    guard let raw = TensorStorage.allocate(bytes: bytes) else {
      fatalError("out of memory allocating \(bytes) bytes for a tensor")
    }
    self.dtype = dtype
    self.count = count
    self.raw = raw
    TensorStorage.bind(raw, dtype: dtype, count: count)
  }

  /// Allocates uninitialised memory for `count` elements of a result of `op`, throwing
  /// instead of ending the process when the memory is not there.
  ///
  /// - Parameters:
  ///   - dtype: Element type.
  ///   - count: Number of elements (the product of `shape`).
  ///   - op: The operation, for the error message.
  ///   - shape: The result's shape, for the error message.
  /// - Throws: `TensorError.outOfMemory` when `posix_memalign` fails.
  init(dtype: DType, count: Int, op: String, shape: [Int]) throws {
    let bytes = max(count, 1) * dtype.byteWidth
    guard let raw = TensorStorage.allocate(bytes: bytes) else {
      throw TensorError.outOfMemory(op: op, shape: shape, dtype: dtype, bytes: bytes)
    }
    self.dtype = dtype
    self.count = count
    self.raw = raw
    TensorStorage.bind(raw, dtype: dtype, count: count)
  }

  /// Binds fresh memory to the Swift type of `dtype`.
  private static func bind(_ raw: UnsafeMutableRawPointer, dtype: DType, count: Int) {
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

  /// Allocates with `posix_memalign` (released with `free`); `nil` when that fails.
  static func allocate(bytes: Int) -> UnsafeMutableRawPointer? {
    let huge = bytes >= hugePageThreshold
    var pointer: UnsafeMutableRawPointer?
    let status = posix_memalign(&pointer, huge ? 2 << 20 : 64, bytes)
    guard status == 0, let pointer else { return nil }
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
