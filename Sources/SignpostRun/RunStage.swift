/// The stages of a nightly run, in the order they happen; a progress display names them.
public enum RunStage: String, CaseIterable, Sendable {
  case openStore = "open store"
  case compilePack = "compile pack"
  case readAndScore = "read and score"
  case store = "store"
  case compare = "compare"
  case writeOutputs = "write outputs"
}
