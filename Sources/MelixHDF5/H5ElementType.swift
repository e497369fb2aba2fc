import CHDF5

/// The element type of a dataset or attribute as stored in the file.
public enum H5ElementType: Equatable, CustomStringConvertible {
  /// IEEE 754 binary32.
  case float32
  /// IEEE 754 binary64.
  case float64
  /// Signed 64-bit integer.
  case int64
  /// Signed 32-bit integer.
  case int32
  /// Unsigned 8-bit integer.
  case uint8
  /// h5py's boolean: an 8-bit enum with members `FALSE` = 0 and `TRUE` = 1.
  case bool
  /// Variable-length UTF-8 string (h5py's default for `str`).
  case variableString
  /// Fixed-length string of `length` bytes, NUL-padded (numpy `S<n>`).
  case fixedString(length: Int)
  /// Any other integer or float width: `class` is libhdf5's class name, `size` in bytes.
  case other(class: String, size: Int, signed: Bool)

  /// A short name for messages, e.g. `float64` or `string`.
  public var description: String {
    switch self {
    case .float32: return "float32"
    case .float64: return "float64"
    case .int64: return "int64"
    case .int32: return "int32"
    case .uint8: return "uint8"
    case .bool: return "bool"
    case .variableString: return "variable-length string"
    case .fixedString(let length): return "fixed-length string of \(length) bytes"
    case .other(let cls, let size, let signed):
      return "\(signed ? "" : "unsigned ")\(cls) of \(size) bytes"
    }
  }

  /// Whether values of this type can be converted to a Swift number by libhdf5.
  public var isNumeric: Bool {
    switch self {
    case .float32, .float64, .int64, .int32, .uint8, .bool: return true
    case .variableString, .fixedString: return false
    case .other(let cls, _, _): return cls == "integer" || cls == "float"
    }
  }

  /// Classifies a libhdf5 datatype id.
  static func classify(_ type: hid_t) -> H5ElementType {
    let cls = H5Tget_class(type)
    let size = Int(H5Tget_size(type))
    switch cls {
    case H5T_FLOAT:
      if size == 8 { return .float64 }
      if size == 4 { return .float32 }
      return .other(class: "float", size: size, signed: true)
    case H5T_INTEGER:
      let signed = H5Tget_sign(type) == H5T_SGN_2
      switch (size, signed) {
      case (8, true): return .int64
      case (4, true): return .int32
      case (1, false): return .uint8
      default: return .other(class: "integer", size: size, signed: signed)
      }
    case H5T_ENUM:
      if size == 1 && H5Tget_nmembers(type) == 2 { return .bool }
      return .other(class: "enum", size: size, signed: true)
    case H5T_STRING:
      if H5Tis_variable_str(type) > 0 { return .variableString }
      return .fixedString(length: size)
    default:
      return .other(class: "class \(cls.rawValue)", size: size, signed: true)
    }
  }
}

/// A Swift number type that MelixHDF5 reads and writes directly, without intermediate copies.
///
/// Conformers: `Double` (float64), `Float` (float32), `Int64` and `Int` (int64), `Int32`,
/// `UInt8`, and `Bool` (stored as h5py's 8-bit boolean enum).
public protocol H5Numeric {
  /// The element type used in memory and, when writing, in the file.
  static var h5ElementType: H5ElementType { get }
}

extension Double: H5Numeric {
  /// float64.
  public static var h5ElementType: H5ElementType { .float64 }
}
extension Float: H5Numeric {
  /// float32.
  public static var h5ElementType: H5ElementType { .float32 }
}
extension Int64: H5Numeric {
  /// int64.
  public static var h5ElementType: H5ElementType { .int64 }
}
extension Int: H5Numeric {
  /// int64 (Melix supports only 64-bit platforms).
  public static var h5ElementType: H5ElementType { .int64 }
}
extension Int32: H5Numeric {
  /// int32.
  public static var h5ElementType: H5ElementType { .int32 }
}
extension UInt8: H5Numeric {
  /// uint8.
  public static var h5ElementType: H5ElementType { .uint8 }
}
extension Bool: H5Numeric {
  /// h5py's boolean enum (int8 base, `FALSE` = 0, `TRUE` = 1).
  public static var h5ElementType: H5ElementType { .bool }
}

/// Makes an owned native (memory) datatype for a numeric element type, or nil for strings.
///
/// Predefined types are copied so that every returned handle may be closed.
func h5NativeType(_ type: H5ElementType) -> H5Handle? {
  let base: hid_t
  switch type {
  case .float64: base = melix_h5t_native_double()
  case .float32: base = melix_h5t_native_float()
  case .int64: base = melix_h5t_native_int64()
  case .int32: base = melix_h5t_native_int32()
  case .uint8: base = melix_h5t_native_uint8()
  case .bool: return h5BoolType()
  case .variableString, .fixedString, .other: return nil
  }
  return H5Handle(H5Tcopy(base), kind: .datatype)
}

/// The little-endian file datatype used when writing a numeric element type.
func h5FileType(_ type: H5ElementType) -> H5Handle? {
  let base: hid_t
  switch type {
  case .float64: base = melix_h5t_ieee_f64le()
  case .float32: base = melix_h5t_ieee_f32le()
  case .int64: base = melix_h5t_std_i64le()
  case .int32: base = melix_h5t_std_i32le()
  case .uint8: base = melix_h5t_std_u8le()
  case .bool: return h5BoolType()
  case .variableString, .fixedString, .other: return nil
  }
  return H5Handle(H5Tcopy(base), kind: .datatype)
}

/// h5py's boolean type: `H5Tenum_create(H5T_NATIVE_INT8)` with `FALSE` = 0, `TRUE` = 1.
func h5BoolType() -> H5Handle {
  let type = H5Handle(H5Tenum_create(melix_h5t_native_int8()), kind: .datatype)
  var falseValue: Int8 = 0
  var trueValue: Int8 = 1
  _ = H5Tenum_insert(type.id, "FALSE", &falseValue)
  _ = H5Tenum_insert(type.id, "TRUE", &trueValue)
  return type
}

/// A variable-length UTF-8 string datatype, as h5py writes `str`.
func h5VariableStringType() -> H5Handle {
  let type = H5Handle(H5Tcopy(melix_h5t_c_s1()), kind: .datatype)
  _ = H5Tset_size(type.id, melix_h5t_variable())
  _ = H5Tset_cset(type.id, H5T_CSET_UTF8)
  return type
}
