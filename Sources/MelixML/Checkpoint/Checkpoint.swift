import Foundation
import MelixHDF5

/// A model a checkpoint holds: a neural network or a fitted classical model.
public enum SavedModel: Sendable {
  /// A built neural network (`mlp` or `sequential`).
  case network(NeuralNetwork)
  /// A fitted linear regression, logistic regression or k-NN model.
  case classical(ClassicalState)

  /// The number of input features the model takes.
  public var inputWidth: Int {
    switch self {
    case .network(let net): return net.featureCount
    case .classical(let state): return state.featureCount
    }
  }
}

/// A model checkpoint: the model plus what a user needs to use it again (feature and class
/// names, preprocessing parameters, training metadata), stored in HDF5.
///
/// The layout is documented in `docs/checkpoints.md`. A checkpoint is data only: loading
/// reads numbers and strings and never runs code. Writes are atomic: the file is written
/// under a temporary name in the same directory, then renamed over the target.
public struct Checkpoint: Sendable {
  /// The format version this code writes and the newest it reads.
  public static let formatVersion = 1
  /// The value of the root `format` attribute.
  public static let formatName = "melix-checkpoint"

  /// The model.
  public var model: SavedModel
  /// Input feature names, `[nFeatures]` (may be empty).
  public var featureNames: [String]
  /// Class display names in class order (may be empty).
  public var classNames: [String]
  /// Named preprocessing parameters, each a float64 vector, stored as datasets under
  /// `/preprocessing`. Keys of a `standard_scaler`, `minmax_scaler` or `imputer` step
  /// (`standard_scaler.mean`, `0_imputer.fills`, with `<step>.columns` in `metadata`) make
  /// up `pipeline` on load; other keys (e.g. `scaler_mean`) are kept as data only.
  public var preprocessing: [String: [Double]]
  /// Training metadata as text (loss, optimizer, epochs, seed, date…).
  public var metadata: [String: String]
  /// The stored preprocessing as steps to apply to raw inputs before the model: built from
  /// `preprocessing` by `load(from:)`; empty for a checkpoint made in memory unless given.
  /// Not written by `save(to:)` (`preprocessing` and `metadata` are).
  public var pipeline: PreprocessingPipeline

  /// Creates a checkpoint of a model.
  ///
  /// For a network, empty names and metadata are taken from the network itself.
  /// - Parameters:
  ///   - model: The fitted model to save.
  ///   - featureNames: Input feature names, `[nFeatures]`, or empty.
  ///   - classNames: Class display names in class order, or empty.
  ///   - preprocessing: Named float64 vectors (e.g. `scaler_mean`) stored with the model.
  ///   - metadata: Training metadata as text; for a network, merged over its own (these win).
  ///   - pipeline: The preprocessing steps readers apply to raw inputs (empty: none).
  public init(
    _ model: SavedModel, featureNames: [String] = [], classNames: [String] = [],
    preprocessing: [String: [Double]] = [:], metadata: [String: String] = [:],
    pipeline: PreprocessingPipeline = PreprocessingPipeline()
  ) {
    self.model = model
    var features = featureNames
    var classes = classNames
    var meta = metadata
    if case .network(let net) = model {
      if features.isEmpty { features = net.featureNames }
      if classes.isEmpty { classes = net.classNames }
      meta = net.metadata.merging(metadata) { _, given in given }
    }
    self.featureNames = features
    self.classNames = classes
    self.preprocessing = preprocessing
    self.metadata = meta
    self.pipeline = pipeline
  }

  /// Writes the checkpoint atomically to `path` (an existing file is replaced only once
  /// the new one is complete).
  ///
  /// - Parameter path: The target file, conventionally `*.h5`.
  /// - Throws: `CheckpointError.notSaveable` for an untrained model, `.writeFailed` when
  ///   the directory is missing or not writable.
  public func save(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw CheckpointError.writeFailed(
        file: path, reason: "directory '\(directory)' does not exist")
    }
    let temporary =
      directory + "/." + url.lastPathComponent
      + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-"
      + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    do {
      try writeFile(temporary)
    } catch let error as CheckpointError {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw CheckpointError.writeFailed(file: path, reason: "\(error)")
    }
    // rename(2) replaces the target atomically on POSIX file systems.
    guard Foundation.rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temporary)
      throw CheckpointError.writeFailed(file: path, reason: reason)
    }
  }

  /// Writes every group and dataset; the file closes when this returns.
  private func writeFile(_ path: String) throws {
    let file = try H5File(path: path, mode: .truncate)
    let root = file.root
    try root.attributes.set("format", .string(Checkpoint.formatName))
    try root.attributes.set("format_version", .int(Int64(Checkpoint.formatVersion)))
    if !featureNames.isEmpty { try root.attributes.set("feature_names", .strings(featureNames)) }
    if !classNames.isEmpty { try root.attributes.set("class_names", .strings(classNames)) }
    let meta = try root.createGroup("metadata")
    for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
      try meta.attributes.set(key, .string(value))
    }
    let pre = try root.createGroup("preprocessing")
    for (key, values) in preprocessing.sorted(by: { $0.key < $1.key }) {
      try pre.write(values, shape: [values.count], to: key)
    }
    switch model {
    case .network(let net): try CheckpointNetwork.write(net, to: root)
    case .classical(let state): try CheckpointClassical.write(state, to: root)
    }
  }

  /// Reads a checkpoint.
  ///
  /// - Parameter path: A file written by `save(to:)`.
  /// - Returns: The checkpoint; a network gets its names and metadata back, and `pipeline`
  ///   holds the stored preprocessing steps in the order applied.
  /// - Throws: `HDF5Error.fileNotFound` / `.notHDF5` for a missing or non-HDF5 file,
  ///   `CheckpointError.notACheckpoint`, `.newerVersion` for a format above
  ///   `formatVersion`, `.damaged` for missing or inconsistent contents (including
  ///   preprocessing vectors that do not match their columns or the model's features).
  public static func load(from path: String) throws -> Checkpoint {
    let file: H5File
    do {
      file = try H5File(path: path, mode: .readOnly)
    } catch let error as HDF5Error {
      if case .corruptFile(_, let reason) = error {
        throw CheckpointError.damaged(file: path, reason: reason)
      }
      throw error
    }
    let root = file.root
    guard root.attributes.contains("format"),
      (try? root.attributes.string("format")) == formatName
    else { throw CheckpointError.notACheckpoint(file: path) }
    do {
      let version = Int(try root.attributes.int("format_version"))
      guard version <= formatVersion else {
        throw CheckpointError.newerVersion(file: path, found: version, supported: formatVersion)
      }
      guard version >= 1 else {
        throw CheckpointError.damaged(file: path, reason: "format version \(version)")
      }
      let features =
        root.attributes.contains("feature_names")
        ? try root.attributes.strings("feature_names") : []
      let classes =
        root.attributes.contains("class_names") ? try root.attributes.strings("class_names") : []
      var metadata: [String: String] = [:]
      if root.contains("metadata") {
        let group = try root.group("metadata")
        for name in try group.attributes.names() {
          metadata[name] = try group.attributes.string(name)
        }
      }
      var preprocessing: [String: [Double]] = [:]
      if root.contains("preprocessing") {
        let group = try root.group("preprocessing")
        for name in try group.memberNames() {
          preprocessing[name] = try group.dataset(name).read(as: Double.self)
        }
      }
      let model: SavedModel
      if root.contains("network") {
        var net = try CheckpointNetwork.read(try root.group("network"), file: path)
        net.featureNames = features
        net.classNames = classes
        net.metadata = metadata
        model = .network(net)
      } else if root.contains("classical") {
        model = .classical(try CheckpointClassical.read(try root.group("classical"), file: path))
      } else {
        throw CheckpointError.damaged(file: path, reason: "no '/network' or '/classical' group")
      }
      let pipeline = try PreprocessingPipeline(
        vectors: preprocessing, metadata: metadata, featureNames: features,
        inputWidth: model.inputWidth, file: path)
      return Checkpoint(
        model, featureNames: features, classNames: classes, preprocessing: preprocessing,
        metadata: metadata, pipeline: pipeline)
    } catch let error as HDF5Error {
      throw CheckpointError.damaged(file: path, reason: error.description)
    } catch let error as NNError {
      throw CheckpointError.damaged(file: path, reason: error.description)
    } catch let error as ModelError {
      throw CheckpointError.damaged(file: path, reason: error.description)
    }
  }
}

extension H5Attributes {
  /// A scalar float attribute (an integer one is converted).
  func double(_ name: String) throws -> Double {
    switch try value(name) {
    case .double(let v): return v
    case .int(let v): return Double(v)
    default:
      throw CheckpointError.damaged(file: "", reason: "attribute '\(name)' is not a number")
    }
  }
}
