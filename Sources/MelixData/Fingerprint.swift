extension Dataset {
  /// A SHA-256 fingerprint of the dataset's content, stable across runs and platforms
  /// (Melix's `fingerprint(ds)`), so a run can record exactly which data it used.
  ///
  /// Canonical encoding, hashed with `SHA256`: the tag `melix-dataset-v1`; then, with every
  /// integer as 8 bytes little-endian and every string as its UTF-8 byte count then bytes:
  /// the row count; `columnOrder`; `featureNames`; each feature value's IEEE-754 bits in
  /// row-major order (every NaN as `0x7FF8000000000000`); each categorical column's name,
  /// ordered flag, levels and codes; the target (tag 0 none, 1 classes with names and
  /// indices, 2 values as bits) and its name. Row order counts; `metadata` does not.
  ///
  /// - Returns: 64 lower-case hex digits.
  /// - Complexity: O(rows × columns).
  public func fingerprint() -> String {
    var encoder = CanonicalEncoder()
    encoder.append(string: "melix-dataset-v1")
    encoder.append(int: count)
    encoder.append(strings: columnOrder)
    encoder.append(strings: featureNames)
    encoder.append(doubles: features.values)
    encoder.append(int: categorical.count)
    for column in categorical {
      encoder.append(string: column.name)
      encoder.append(int: column.isOrdered ? 1 : 0)
      encoder.append(strings: column.levels)
      encoder.append(ints: column.codes)
    }
    switch target {
    case nil:
      encoder.append(int: 0)
    case .classes(let indices, let names)?:
      encoder.append(int: 1)
      encoder.append(strings: names)
      encoder.append(ints: indices)
    case .values(let values)?:
      encoder.append(int: 2)
      encoder.append(doubles: values)
    }
    encoder.append(string: targetName ?? "")
    var hash = SHA256()
    encoder.bytes.withUnsafeBytes { hash.update(raw: $0) }
    return hash.hexDigest()
  }
}

/// Builds the canonical byte encoding used by `Dataset.fingerprint()`.
struct CanonicalEncoder {
  var bytes: [UInt8] = []

  mutating func append(int value: Int) {
    let bits = UInt64(bitPattern: Int64(value))
    for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k)))) }
  }

  mutating func append(bits: UInt64) {
    for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k)))) }
  }

  mutating func append(string: String) {
    append(int: string.utf8.count)
    bytes += string.utf8
  }

  mutating func append(strings: [String]) {
    append(int: strings.count)
    for text in strings { append(string: text) }
  }

  mutating func append(ints: [Int]) {
    append(int: ints.count)
    bytes.reserveCapacity(bytes.count + 8 * ints.count)
    for value in ints { append(int: value) }
  }

  mutating func append(doubles: [Double]) {
    append(int: doubles.count)
    bytes.reserveCapacity(bytes.count + 8 * doubles.count)
    for value in doubles { append(bits: value.isNaN ? 0x7FF8_0000_0000_0000 : value.bitPattern) }
  }
}
