#if canImport(Glibc)
  import Glibc
#endif

/// Asks Linux to back a large, not yet touched buffer with transparent huge pages
/// (`madvise(MADV_HUGEPAGE)`), as NumPy does for arrays of 4 MiB and more: one page fault
/// per 2 MiB instead of per 4 KiB when the buffer is first written. A hint only; a no-op on
/// other systems or when it fails. Package-wide so MelixData's column buffers use the same hint.
package func adviseHugePages(_ start: UnsafeMutableRawPointer?, byteCount: Int) {
  #if os(Linux)
    let hugePage = 2 << 20
    guard let start, byteCount >= 2 * hugePage else { return }
    let address = UInt(bitPattern: start)
    let alignedStart = (address + UInt(hugePage) - 1) & ~UInt(hugePage - 1)
    let alignedEnd = (address + UInt(byteCount)) & ~UInt(hugePage - 1)
    guard alignedEnd > alignedStart, let pointer = UnsafeMutableRawPointer(bitPattern: alignedStart)
    else { return }
    _ = madvise(pointer, Int(alignedEnd - alignedStart), MADV_HUGEPAGE)
  #endif
}
