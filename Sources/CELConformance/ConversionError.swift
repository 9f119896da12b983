/// Why a value or type from a conformance file could not be converted to its CEL form.
public enum ConversionError: Error, Sendable, Equatable {
  /// It has no counterpart in Signpost's CEL (protobuf messages, enums, wrappers); the
  /// ``SkipList`` skips the case with this reason.
  case unsupported(String)
  /// The test data is inconsistent, such as a repeated map key or an out-of-range duration.
  case invalid(String)
}
