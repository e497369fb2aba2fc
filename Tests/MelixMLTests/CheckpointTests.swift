import Foundation
import MelixHDF5
import MelixNumerics
import XCTest

@testable import MelixML

/// Checkpoints: bit-identical round trips for every model kind, atomic writes, clear errors
/// for damaged or newer files, and an independent reader (h5py + NumPy) that recomputes
/// the predictions.
final class CheckpointTests: XCTestCase {
  var scratch: URL!

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "melix-checkpoint-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

  /// A trained network with every layer kind.
  func trainedNetwork() throws -> (NeuralNetwork, Tensor, Tensor) {
    let (x, y) = try NNFixtures.scaledIris()
    var net = try NeuralNetwork(
      sequential: [
        .dense(units: 8), .batchNorm(momentum: 0.1, epsilon: 1e-5), .activation(.gelu),
        .dropout(rate: 0.1), .dense(units: 6), .activation(.tanh), .dense(units: 3),
        .activation(.softmax),
      ])
    net.featureNames = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    net.classNames = ["setosa", "versicolor", "virginica"]
    _ = try net.train(
      x, y, task: .classification,
      options: try TrainingOptions(
        epochs: 10, batchSize: 16, optimizer: try Optimizer.adam(learningRate: 0.01), seed: 5))
    return (net, x, y)
  }

  func testNetworkRoundTripPredictsBitIdentically() throws {
    let (net, x, _) = try trainedNetwork()
    let file = path("net.h5")
    try Checkpoint(.network(net), preprocessing: ["scaler_mean": [1, 2, 3, 4]]).save(to: file)
    let loaded = try Checkpoint.load(from: file)
    guard case .network(let back) = loaded.model else { return XCTFail("network expected") }
    XCTAssertEqual(back.layers, net.layers)
    XCTAssertEqual(back.architecture, net.architecture)
    XCTAssertEqual(back.classes, [0, 1, 2])
    XCTAssertEqual(back.featureNames, net.featureNames)
    XCTAssertEqual(back.classNames, net.classNames)
    XCTAssertEqual(back.metadata["optimizer"], "adam")
    XCTAssertEqual(back.metadata["seed"], "5")
    XCTAssertEqual(loaded.preprocessing["scaler_mean"], [1, 2, 3, 4])
    XCTAssertEqual(
      try back.predictProbabilities(x).scalars, try net.predictProbabilities(x).scalars)
    XCTAssertEqual(try back.predict(x).scalars, try net.predict(x).scalars)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
    XCTAssertEqual(leftovers, ["net.h5"], "no temporary file is left behind")
  }

  func testClassicalModelsRoundTripPredictBitIdentically() throws {
    let (x, y) = try NNFixtures.scaledIris()
    let regressionY = Tensor(x.scalars.enumerated().filter { $0.offset % 4 == 0 }.map(\.element))
    let regressionX = try Tensor(
      shape: [150, 3], scalars: x.scalars.enumerated().filter { $0.offset % 4 != 0 }.map(\.element))
    let cases: [(ClassicalModel.Configuration, Tensor, Tensor, Task)] = [
      (.linearRegression(alpha: 0.5), regressionX, regressionY, .regression),
      (.logisticRegression(C: 1, maxIter: 200), x, y, .classification),
      (.knn(k: 5), x, y, .classification),
      (.knn(k: 3), regressionX, regressionY, .regression),
    ]
    for (index, (config, features, target, task)) in cases.enumerated() {
      var model = ClassicalModel(config)
      try model.fit(features, target, task: task)
      let state = try XCTUnwrap(ClassicalState(model))
      let file = path("classical\(index).h5")
      try Checkpoint(.classical(state), featureNames: ["a"]).save(to: file)
      let loaded = try Checkpoint.load(from: file)
      guard case .classical(let back) = loaded.model else { return XCTFail("classical expected") }
      XCTAssertEqual(back.configuration, config)
      XCTAssertEqual(loaded.featureNames, ["a"])
      XCTAssertEqual(
        try back.predict(features).scalars, try model.predict(features).scalars, "\(config)")
      if task == .classification {
        XCTAssertEqual(
          try back.predictProbabilities(features).scalars,
          try model.predictProbabilities(features).scalars)
      }
    }
  }

  func testUntrainedNetworkCannotBeSaved() throws {
    let net = try NeuralNetwork(mlp: [4])
    XCTAssertThrowsError(try Checkpoint(.network(net)).save(to: path("x.h5"))) {
      XCTAssertEqual("\($0)", "cannot save 'mlp': it has not been trained yet")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("x.h5")))
  }

  func testMissingDirectoryIsAWriteError() throws {
    let (net, _, _) = try trainedNetwork()
    let target = path("missing/dir/m.h5")
    XCTAssertThrowsError(try Checkpoint(.network(net)).save(to: target)) {
      XCTAssertEqual(
        "\($0)",
        "cannot write checkpoint '\(target)': directory '\(self.path("missing/dir"))' does not exist"
      )
    }
  }

  func testFailedSaveKeepsTheOldFile() throws {
    let (net, _, _) = try trainedNetwork()
    let file = path("keep.h5")
    try Checkpoint(.network(net)).save(to: file)
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    XCTAssertThrowsError(try Checkpoint(.network(try NeuralNetwork(mlp: [2]))).save(to: file))
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before)
  }

  func testNewerFormatVersionIsAClearError() throws {
    let (net, _, _) = try trainedNetwork()
    let file = path("new.h5")
    try Checkpoint(.network(net)).save(to: file)
    try NNCheckpointFiles.setFormatVersion(file, 7)
    XCTAssertThrowsError(try Checkpoint.load(from: file)) {
      XCTAssertEqual(
        "\($0)",
        "'\(file)' has checkpoint format version 7 but this Melix reads up to 1; upgrade Melix")
    }
  }

  func testDamagedFilesAreClearErrors() throws {
    let (net, _, _) = try trainedNetwork()
    let file = path("damaged.h5")
    try Checkpoint(.network(net)).save(to: file)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    let truncated = path("truncated.h5")
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
    XCTAssertThrowsError(try Checkpoint.load(from: truncated)) {
      XCTAssertTrue("\($0)".contains("truncated.h5"), "\($0)")
    }
    try NNCheckpointFiles.setAttribute(file, group: "network", "layer_count", .int(20))
    XCTAssertThrowsError(try Checkpoint.load(from: file)) {
      XCTAssertTrue("\($0)".hasPrefix("'\(file)' is a damaged checkpoint: "), "\($0)")
      XCTAssertTrue("\($0)".contains("/network/layer_008"), "\($0)")
    }
    try NNCheckpointFiles.setAttribute(file, group: "network", "layer_count", .int(8))
    try NNCheckpointFiles.setAttribute(file, group: "network/layer_000", "units", .int(9))
    XCTAssertThrowsError(try Checkpoint.load(from: file)) {
      XCTAssertEqual(
        "\($0)",
        "'\(file)' is a damaged checkpoint: '/network/layer_000/weight' has shape [4, 8], "
          + "expected [4, 9]")
    }
    let csv = path("plain.h5")
    try "a,b\n1,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try Checkpoint.load(from: csv))
  }

  /// Runs `Fixtures/nn/check_checkpoint.py` (h5py + NumPy) on checkpoints of each model
  /// kind and compares its predictions with Melix's.
  func testPythonReaderRecomputesThePredictions() throws {
    guard NNCheckpointFiles.pythonHasH5py() else {
      print("skipped: python3 with h5py and numpy is not available")
      throw XCTSkip("python3 with h5py and numpy is not available")
    }
    let (net, x, y) = try trainedNetwork()
    var logistic = ClassicalModel(.logisticRegression(C: 0.5, maxIter: 300))
    try logistic.fit(x, y, task: .classification)
    var knn = ClassicalModel(.knn(k: 5))
    try knn.fit(x, y, task: .classification)
    let inputs = path("inputs.csv")
    let rows = (0..<150).map { r in
      (0..<4).map { "\(x.scalars[r * 4 + $0])" }.joined(separator: ",")
    }
    try rows.joined(separator: "\n").write(toFile: inputs, atomically: true, encoding: .utf8)
    let models: [(String, SavedModel, Tensor)] = [
      ("net.h5", .network(net), try net.predictProbabilities(x)),
      (
        "logistic.h5", .classical(try XCTUnwrap(ClassicalState(logistic))),
        try logistic.predictProbabilities(x)
      ),
      ("knn.h5", .classical(try XCTUnwrap(ClassicalState(knn))), try knn.predictProbabilities(x)),
    ]
    for (name, model, expected) in models {
      try Checkpoint(model).save(to: path(name))
      let output = try NNCheckpointFiles.run(
        [
          "python3", NNFixtures.directory.appendingPathComponent("check_checkpoint.py").path,
          path(name), inputs,
        ])
      let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
      let outputs = try XCTUnwrap(object?["outputs"] as? [[Double]]).flatMap { $0 }
      nnAssertClose(outputs, expected.scalars, tolerance: 1e-12, name)
    }
  }
}

/// File helpers for the checkpoint tests (h5py when present, else MelixHDF5-free edits).
enum NNCheckpointFiles {
  static func run(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw NNError.invalidOption(
        name: arguments.joined(separator: " "), value: "exit \(process.terminationStatus)",
        expected: "0")
    }
    return String(decoding: data, as: UTF8.self)
  }

  static func pythonHasH5py() -> Bool {
    (try? run(["python3", "-c", "import h5py, numpy"])) != nil
  }

  static func setFormatVersion(_ file: String, _ version: Int) throws {
    try setAttribute(file, group: "/", "format_version", .int(Int64(version)))
  }

  static func setAttribute(
    _ file: String, group: String, _ name: String, _ value: H5AttributeValue
  ) throws {
    let h5 = try H5File(path: file, mode: .readWrite)
    try h5.group(group).attributes.set(name, value)
  }
}
