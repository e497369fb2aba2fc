import Prometheus

/// The Open Inference Protocol (KServe V2) and TF-Serving handlers, free of HTTP types:
/// each takes the decoded request and returns a status and a JSON body.
struct InferenceHandlers: Sendable {
  let models: [String: any ServableModel]
  /// `melix_rows_predicted_total` by model name, made once (not per request).
  let rowCounters: [String: Counter]

  init(models: [String: any ServableModel], metrics: ServerMetrics) {
    self.models = models
    self.rowCounters = models.mapValues { metrics.rowsCounter(model: $0.name) }
  }

  func model(_ name: String?) throws -> any ServableModel {
    let name = name ?? ""
    guard let model = models[name] else { throw ServeError.unknownModel(name) }
    return model
  }

  /// `GET /v2/models/{name}`.
  func metadata(_ model: any ServableModel) -> String {
    var outputs = [
      JSONText.object([
        ("name", JSONText.string("predictions")),
        ("datatype", JSONText.string(model.isClassifier ? "INT64" : "FP64")),
        ("shape", JSONText.ints([-1])),
      ])
    ]
    if model.isClassifier {
      outputs.append(
        JSONText.object([
          ("name", JSONText.string("probabilities")), ("datatype", JSONText.string("FP64")),
          ("shape", JSONText.ints([-1, model.classNames.count])),
        ]))
    }
    return JSONText.object([
      ("name", JSONText.string(model.name)),
      ("versions", JSONText.strings(["1"])),
      ("platform", JSONText.string("melix")),
      (
        "inputs",
        "["
          + JSONText.object([
            ("name", JSONText.string("input-0")), ("datatype", JSONText.string("FP64")),
            ("shape", JSONText.ints([-1, model.inputWidth])),
          ]) + "]"
      ),
      ("outputs", "[" + outputs.joined(separator: ",") + "]"),
      (
        "parameters",
        JSONText.object([
          ("feature_names", JSONText.strings(model.featureNames)),
          ("class_names", JSONText.strings(model.classNames)),
          ("task", JSONText.string(model.isClassifier ? "classification" : "regression")),
        ])
      ),
    ])
  }

  func predict(_ model: any ServableModel, _ rows: DecodedRows) throws -> ServedPrediction {
    let result: ServedPrediction
    do {
      result = try model.predict(rows.values, count: rows.count)
    } catch {
      throw ServeError(status: 422, "model '\(model.name)' cannot predict these rows: \(error)")
    }
    rowCounters[model.name]?.increment(by: Int64(rows.count))
    return result
  }

  /// `POST /v2/models/{name}/infer`.
  func infer(_ model: any ServableModel, body: [UInt8]) throws -> String {
    let rows = try RequestDecoding.infer(body, width: model.inputWidth)
    let result = try predict(model, rows)
    let predictionShape =
      result.predictionWidth == 1 ? [rows.count] : [rows.count, result.predictionWidth]
    var outputs = [
      JSONText.object([
        ("name", JSONText.string("predictions")),
        ("shape", JSONText.ints(predictionShape)),
        ("datatype", JSONText.string(model.isClassifier ? "INT64" : "FP64")),
        ("data", JSONText.numbers(result.predictions, integral: model.isClassifier)),
      ])
    ]
    if let p = result.probabilities {
      outputs.append(
        JSONText.object([
          ("name", JSONText.string("probabilities")),
          ("shape", JSONText.ints([rows.count, p.count / max(rows.count, 1)])),
          ("datatype", JSONText.string("FP64")),
          ("data", JSONText.numbers(p)),
        ]))
    }
    var fields = [
      ("model_name", JSONText.string(model.name)), ("model_version", JSONText.string("1")),
    ]
    if let id = rows.id { fields.append(("id", JSONText.string(id))) }
    fields.append(("outputs", "[" + outputs.joined(separator: ",") + "]"))
    return JSONText.object(fields)
  }

  /// TF-Serving's model status (`GET /v1/models/{name}`, TensorFlow Serving's REST API
  /// "Model status API"): one version, "1", `AVAILABLE`, status `OK`. A served model is
  /// always loaded, so this is the only state it reports.
  func tfStatus(_ model: any ServableModel) -> String {
    let status = JSONText.object([
      ("error_code", JSONText.string("OK")), ("error_message", JSONText.string("")),
    ])
    let version = JSONText.object([
      ("version", JSONText.string("1")), ("state", JSONText.string("AVAILABLE")),
      ("status", status),
    ])
    return JSONText.object([("model_version_status", "[" + version + "]")])
  }

  /// `POST /v1/models/{name}:predict` (TF-Serving): predictions, one per instance (a row
  /// for a multi-output regressor), and probabilities for a classifier.
  func tfPredict(_ model: any ServableModel, body: [UInt8]) throws -> String {
    let rows = try RequestDecoding.instances(body, width: model.inputWidth)
    let result = try predict(model, rows)
    let predictions: String
    if result.predictionWidth == 1 {
      predictions = JSONText.numbers(result.predictions, integral: model.isClassifier)
    } else {
      let w = result.predictionWidth
      predictions =
        "["
        + (0..<rows.count).map { JSONText.numbers(result.predictions[($0 * w)..<(($0 + 1) * w)]) }
        .joined(separator: ",") + "]"
    }
    var fields = [("predictions", predictions)]
    if let p = result.probabilities {
      let k = p.count / max(rows.count, 1)
      fields.append(
        (
          "probabilities",
          "["
            + (0..<rows.count).map { JSONText.numbers(p[($0 * k)..<(($0 + 1) * k)]) }.joined(
              separator: ",")
            + "]"
        ))
    }
    return JSONText.object(fields)
  }
}
