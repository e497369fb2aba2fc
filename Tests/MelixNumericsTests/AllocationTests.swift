import XCTest

@testable import MelixNumerics

final class AllocationTests: XCTestCase {
  func testFailedAllocationThrowsOutOfMemoryNamingTheOp() throws {
    // 2^58 bytes: more than any machine's address space, so posix_memalign must fail.
    let count = 1 << 55
    XCTAssertThrowsError(
      try TensorStorage(dtype: .float64, count: count, op: "matmul", shape: [1 << 28, 1 << 27])
    ) { error in
      XCTAssertEqual(
        error as? TensorError,
        .outOfMemory(op: "matmul", shape: [1 << 28, 1 << 27], dtype: .float64, bytes: 1 << 58))
      XCTAssertEqual(
        "\(error)",
        "out of memory: a float64 result of shape [268435456, 134217728] needs "
          + "288230376151711744 bytes in 'matmul'")
    }
    XCTAssertNil(TensorStorage.allocate(bytes: 1 << 58))
  }

  func testAllocationForAResultSucceedsAndIsAligned() throws {
    let t = try Tensor(allocatingShape: [3, 5], dtype: .float32, op: "+")
    XCTAssertEqual(t.shape, [3, 5])
    XCTAssertEqual(t.strides, [5, 1])
    XCTAssertEqual(Int(bitPattern: t.storage.raw) % 64, 0)
  }
}
