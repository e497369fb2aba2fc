/// One recorded operation in the autograd graph (a reverse-mode tape spread over the
/// tensors, as in micrograd's `engine.py` and PyTorch's autograd).
///
/// A leaf node (made by ``Tensor/requiringGrad()``) accumulates ``grad``; an inner node
/// keeps its inputs' nodes and a closure that maps the gradient of its output to the
/// gradients of its inputs. There is no global tape: the graph hangs off the tensors, and
/// dropping the last tensor frees it.
final class GradNode: @unchecked Sendable {
  /// The accumulated gradient, for leaves (and inner nodes during `backward`).
  var grad: Tensor?
  /// Nodes of the operation's inputs, `nil` for inputs that do not require grad.
  let inputs: [GradNode?]
  /// Maps the output gradient to one gradient per input (`nil` where not needed).
  let backward: ((Tensor) throws -> [Tensor?])?
  /// Shape and dtype of the value this node's gradient must have.
  let shape: [Int]
  let dtype: DType

  init(inputs: [GradNode?], shape: [Int], dtype: DType, backward: ((Tensor) throws -> [Tensor?])?) {
    self.inputs = inputs
    self.shape = shape
    self.dtype = dtype
    self.backward = backward
  }

  /// Attaches a node to `output` when any of `inputs` requires grad, else returns `output`
  /// unchanged. `backward` must capture only detached tensors (see ``Tensor/detached()``),
  /// so that computing gradients records nothing.
  static func record(
    _ output: Tensor, inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]
  ) -> Tensor {
    let nodes = inputs.map { $0.node }
    guard nodes.contains(where: { $0 != nil }) else { return output }
    var out = output
    out.node = GradNode(inputs: nodes, shape: output.shape, dtype: output.dtype, backward: backward)
    return out
  }
}
