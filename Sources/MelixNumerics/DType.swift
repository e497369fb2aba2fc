/// The element type of a ``Tensor``.
///
/// Promotion follows NumPy: `bool` < `int64` < `float32` < `float64`, except that `int64`
/// combined with `float32` gives `float64` (NumPy's "safe casting" lattice).
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
  /// 32-bit IEEE 754 binary floating point (`Float`).
  case float32
  /// 64-bit IEEE 754 binary floating point (`Double`).
  case float64
  /// 64-bit signed integer (`Int64`).
  case int64
  /// Boolean, one byte per element (`Bool`).
  case bool

  /// The name used in messages and displays, e.g. `float64`.
  public var description: String { rawValue }

  /// Whether the type is `float32` or `float64`.
  public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

  /// Size of one element in bytes.
  public var byteWidth: Int {
    switch self {
    case .float32: return 4
    case .float64: return 8
    case .int64: return 8
    case .bool: return 1
    }
  }

  /// The common type of two dtypes for comparison and `where` (NumPy's `result_type`).
  ///
  /// - Parameters:
  ///   - lhs: First dtype.
  ///   - rhs: Second dtype.
  /// - Returns: The smallest dtype both convert to without loss under NumPy's rules.
  public static func promoted(_ lhs: DType, _ rhs: DType) -> DType {
    if lhs == rhs { return lhs }
    switch (lhs, rhs) {
    case (.float64, _), (_, .float64): return .float64
    case (.float32, .int64), (.int64, .float32): return .float64
    case (.float32, _), (_, .float32): return .float32
    case (.int64, _), (_, .int64): return .int64
    default: return .bool
    }
  }

  /// The dtype in which arithmetic (`+ - * // % **`) is carried out: like ``promoted(_:_:)``,
  /// but `bool` becomes `int64`.
  ///
  /// - Parameters:
  ///   - lhs: First dtype.
  ///   - rhs: Second dtype.
  /// - Returns: The arithmetic result dtype.
  public static func arithmetic(_ lhs: DType, _ rhs: DType) -> DType {
    let common = promoted(lhs, rhs)
    return common == .bool ? .int64 : common
  }

  /// The dtype of a floating-point function's result (`exp`, `/`, `mean`, ...): `float32`
  /// stays `float32`, everything else becomes `float64`, as in NumPy.
  public var floatingResult: DType { self == .float32 ? .float32 : .float64 }

  /// Parses a dtype name such as `"float32"`, also accepting `"float"`, `"int"` and
  /// `"double"`.
  ///
  /// - Parameter name: The name a user typed.
  /// - Returns: The dtype.
  /// - Throws: `TensorError.unknownDType` for any other name.
  public static func named(_ name: String) throws -> DType {
    switch name {
    case "float32", "f32": return .float32
    case "float64", "float", "double", "f64": return .float64
    case "int64", "int", "i64": return .int64
    case "bool": return .bool
    default: throw TensorError.unknownDType(name: name)
    }
  }
}

/// A Swift type that can be stored in a ``Tensor``: `Float`, `Double`, `Int64` or `Bool`.
public protocol TensorScalar: Sendable, Equatable {
  /// The tensor dtype for this Swift type.
  static var dtype: DType { get }
  /// Converts from `Double` (truncating toward zero for `Int64`, nonzero for `Bool`).
  init(fromDouble value: Double)
  /// The value as a `Double` (`true` is 1).
  var doubleValue: Double { get }
  /// The zero value (`false` for `Bool`).
  static var zeroValue: Self { get }
}

extension Float: TensorScalar {
  /// `float32`.
  public static var dtype: DType { .float32 }
  /// Rounds the double to the nearest `Float`.
  public init(fromDouble value: Double) { self = Float(value) }
  /// The value widened to `Double`.
  public var doubleValue: Double { Double(self) }
  /// `0`.
  public static var zeroValue: Float { 0 }
}

extension Double: TensorScalar {
  /// `float64`.
  public static var dtype: DType { .float64 }
  /// The value itself.
  public init(fromDouble value: Double) { self = value }
  /// The value itself.
  public var doubleValue: Double { self }
  /// `0`.
  public static var zeroValue: Double { 0 }
}

extension Int64: TensorScalar {
  /// `int64`.
  public static var dtype: DType { .int64 }
  /// Truncates toward zero; NaN gives 0 and out-of-range values saturate (NumPy's result is
  /// undefined there, Swift's conversion would trap).
  public init(fromDouble value: Double) {
    if value.isNaN {
      self = 0
    } else if value >= 9.223372036854775807e18 {
      self = .max
    } else if value <= -9.223372036854775808e18 {
      self = .min
    } else {
      self = Int64(value)
    }
  }
  /// The value converted to the nearest `Double`.
  public var doubleValue: Double { Double(self) }
  /// `0`.
  public static var zeroValue: Int64 { 0 }
}

extension Bool: TensorScalar {
  /// `bool`.
  public static var dtype: DType { .bool }
  /// `true` for any nonzero value, including NaN (as NumPy's `astype(bool)`).
  public init(fromDouble value: Double) { self = value != 0 }
  /// `1` or `0`.
  public var doubleValue: Double { self ? 1 : 0 }
  /// `false`.
  public static var zeroValue: Bool { false }
}
