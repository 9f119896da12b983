import ArgumentParser
import SignpostRules
import SignpostSource

/// How diagnostics are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}

/// Loads and compiles a pack, printing every diagnostic and exiting 1 if it does not compile.
func compilePack(at path: String, format: OutputFormat = .text) throws -> CompiledPack {
  let result = PackCompiler.compile(directory: path)
  switch result {
  case .success(let pack): return pack
  case .failure(let error):
    switch format {
    case .text: printError(DiagnosticRenderer.render(error.diagnostics))
    case .json: print(JSONOutput.diagnostics(error.diagnostics))
    }
    throw RunExit.packDoesNotCompile
  }
}

/// Writes a line to standard error.
func printError(_ text: String) {
  var stream = StandardError()
  print(text, to: &stream)
}

struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    FileHandleOutput.standardError(string)
  }
}
