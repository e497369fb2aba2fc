/// The version `melix --version` prints.
public enum MelixVersion {
  /// Semantic version of the Melix language and tools.
  public static let string = "0.1.0"
}
