/// Rows of features decoded from a request body, `[count, width]` row-major.
struct DecodedRows: Sendable {
  var values: [Double]
  var count: Int
  var id: String?
}

extension JSONValue {
  /// Whether the value is an array.
  var isArray: Bool {
    if case .array = self { return true }
    return false
  }
}

/// Decodes the JSON bodies of the inference routes, naming the field at fault in every error.
enum RequestDecoding {
  /// Parses JSON, or a 400 naming the problem.
  static func parse(_ body: [UInt8]) throws -> JSONValue {
    do {
      return try JSONValue.parse(body)
    } catch let error as JSONParseError {
      throw ServeError.badRequest("malformed json at byte \(error.offset): \(error.reason)")
    }
  }

  /// A JSON number as a finite Double, or a 400 naming `field`.
  static func number(_ value: JSONValue, field: String) throws -> Double {
    guard case .number(let d) = value else {
      throw ServeError.badRequest("field '\(field)' is not a number")
    }
    guard d.isFinite else { throw ServeError.badRequest("field '\(field)' is NaN or infinite") }
    return d
  }

  /// Appends the numbers of a (possibly nested) JSON array row-major.
  static func flatten(_ value: JSONValue, field: String, into out: inout [Double]) throws {
    if case .array(let array) = value {
      for (i, item) in array.enumerated() { try flatten(item, field: "\(field)[\(i)]", into: &out) }
    } else {
      out.append(try number(value, field: field))
    }
  }

  /// Appends the numbers of a nested JSON array row-major, checking that its nesting follows
  /// `shape` (`[2, 4]`: two arrays of four numbers), or a 400 naming the first field that
  /// does not.
  static func flatten(
    _ value: JSONValue, shape: ArraySlice<Int>, field: String, into out: inout [Double]
  ) throws {
    guard let count = shape.first else {
      out.append(try number(value, field: field))
      return
    }
    guard case .array(let items) = value else {
      throw ServeError.badRequest(
        "field '\(field)' must be an array of \(count) items to match shape \(Array(shape))")
    }
    guard items.count == count else {
      throw ServeError.badRequest(
        "field '\(field)' has \(items.count) items, shape \(Array(shape)) needs \(count)")
    }
    for (i, item) in items.enumerated() {
      try flatten(item, shape: shape.dropFirst(), field: "\(field)[\(i)]", into: &out)
    }
  }

  /// `{"instances": [[...], ...]}` (TF-Serving's predict API).
  static func instances(_ body: [UInt8], width: Int) throws -> DecodedRows {
    let object = try parse(body)
    guard case .object = object else {
      throw ServeError.badRequest("the body must be a json object with field 'instances'")
    }
    guard let instances = object["instances"] else {
      throw ServeError.badRequest("missing field 'instances'")
    }
    guard case .array(let rows) = instances, !rows.isEmpty else {
      throw ServeError.badRequest("field 'instances' must be a non-empty array of rows")
    }
    var values: [Double] = []
    values.reserveCapacity(rows.count * width)
    for (i, row) in rows.enumerated() {
      guard case .array(let items) = row else {
        throw ServeError.badRequest("field 'instances[\(i)]' must be an array of \(width) numbers")
      }
      guard items.count == width else {
        throw ServeError.badRequest(
          "field 'instances[\(i)]' has \(items.count) features, the model expects \(width)")
      }
      for (j, item) in items.enumerated() {
        values.append(try number(item, field: "instances[\(i)][\(j)]"))
      }
    }
    return DecodedRows(values: values, count: rows.count, id: nil)
  }

  /// An Open Inference Protocol (KServe V2) infer request with one FP32/FP64 input of shape
  /// `[n, width]` (or `[width]` for one row), data row-major (flat or nested).
  static func infer(_ body: [UInt8], width: Int) throws -> DecodedRows {
    let object = try parse(body)
    guard case .object = object else {
      throw ServeError.badRequest("the body must be a json object with field 'inputs'")
    }
    var id: String?
    if let given = object["id"] {
      guard case .string(let text) = given else {
        throw ServeError.badRequest("field 'id' must be a string")
      }
      id = text
    }
    guard let inputsValue = object["inputs"] else {
      throw ServeError.badRequest("missing field 'inputs'")
    }
    guard case .array(let inputs) = inputsValue, inputs.count == 1 else {
      throw ServeError.badRequest("field 'inputs' must be an array with exactly one tensor")
    }
    let input = inputs[0]
    guard case .object = input else {
      throw ServeError.badRequest("field 'inputs[0]' must be an object")
    }
    guard case .string(let datatype) = input["datatype"] else {
      throw ServeError.badRequest("missing field 'inputs[0].datatype'")
    }
    guard datatype == "FP64" || datatype == "FP32" else {
      throw ServeError.badRequest(
        "field 'inputs[0].datatype' is '\(datatype)', expected 'FP32' or 'FP64'")
    }
    guard let shapeField = input["shape"] else {
      throw ServeError.badRequest("missing field 'inputs[0].shape'")
    }
    guard case .array(let shapeValue) = shapeField, !shapeValue.isEmpty else {
      throw ServeError.badRequest(
        "field 'inputs[0].shape' must be a non-empty array of integers, like [n, \(width)]")
    }
    var shape: [Int] = []
    for (i, s) in shapeValue.enumerated() {
      let d = try number(s, field: "inputs[0].shape[\(i)]")
      guard d >= 0, d == d.rounded() else {
        throw ServeError.badRequest("field 'inputs[0].shape[\(i)]' must be a non-negative integer")
      }
      guard d < 1e9 else {
        let given = JSONText.number(d, integral: true)
        throw ServeError.badRequest(
          "field 'inputs[0].shape[\(i)]' is too large (\(given), at most 999999999)")
      }
      shape.append(Int(d))
    }
    let rows: Int
    switch shape.count {
    case 1 where shape[0] == width: rows = 1
    case 2 where shape[1] == width && shape[0] >= 1: rows = shape[0]
    default:
      throw ServeError.badRequest(
        "field 'inputs[0].shape' is \(shape), the model expects [n, \(width)] with n >= 1")
    }
    guard let data = input["data"] else {
      throw ServeError.badRequest("missing field 'inputs[0].data'")
    }
    var values: [Double] = []
    values.reserveCapacity(rows * width)
    if case .array(let items) = data, items.contains(where: { $0.isArray }) {
      // Nested data must follow the shape exactly.
      try flatten(data, shape: shape[...], field: "inputs[0].data", into: &values)
    } else {
      try flatten(data, field: "inputs[0].data", into: &values)
    }
    guard values.count == rows * width else {
      throw ServeError.badRequest(
        "field 'inputs[0].data' has \(values.count) numbers, shape \(shape) needs \(rows * width)")
    }
    if datatype == "FP32" {
      values = values.map { Double(Float($0)) }
      if let bad = values.firstIndex(where: { !$0.isFinite }) {
        throw ServeError.badRequest("field 'inputs[0].data[\(bad)]' overflows 'FP32'")
      }
    }
    return DecodedRows(values: values, count: rows, id: id)
  }
}
