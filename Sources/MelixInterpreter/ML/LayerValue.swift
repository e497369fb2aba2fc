import MelixML

/// A layer description made by `dense(64)`, `relu()`, `dropout(0.2)` or `batch_norm()`,
/// passed to `sequential`.
public final class LayerValue: NativeValue {
  let spec: LayerSpec

  init(_ spec: LayerSpec) { self.spec = spec }

  /// `Layer`.
  public var typeName: String { "Layer" }

  /// `dense(64)`, `relu()`, `dropout(0.2)`, `batch_norm(momentum: 0.1)`.
  public func display() -> String {
    switch spec {
    case .dense(let units): return "dense(\(units))"
    case .activation(let a): return "\(a.rawValue)()"
    case .dropout(let rate): return "dropout(\(rate))"
    case .batchNorm(let m, let e): return "batch_norm(momentum: \(m), eps: \(e))"
    }
  }
}
