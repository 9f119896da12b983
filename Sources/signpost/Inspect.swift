import ArgumentParser
import SignpostEngine
import SignpostSource

/// `signpost inspect`: profile a new extract against its mapping before any scoring.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Profile partner extracts against the pack's mapping, before scoring.",
    discussion: """
      Per file: rows, columns mapped and not mapped, values outside each code list, dates \
      that do not parse, null rates per field, and the linkage match rate.
      """)

  @Option(help: "The rule pack folder.", completion: .directory)
  var pack = "rules/wigan"

  @Option(help: "The folder of partner extracts.", completion: .directory)
  var input: String

  @Option(help: "text or json.")
  var format: OutputFormat = .text

  @Option(
    name: .customLong("fail-over"),
    help: "Exit 2 when any file would lose more than this share of its rows (as 5% or 0.05).")
  var failOver: String?

  func run() throws {
    let threshold = try failOver.map { text -> Double in
      let number = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
      guard let number, (0...1).contains(number) else {
        throw ValidationError("--fail-over takes a share such as 5% or 0.05")
      }
      return number
    }
    let compiled = try compilePack(at: pack)
    let (profiles, read) = try ExtractInspector.inspect(pack: compiled, directory: input)
    let linkage = read.files.filter { $0.source == "linkage" }
    switch format {
    case .text:
      for profile in profiles { print(profile.text + "\n") }
      for file in linkage {
        print(
          "\(file.path) — linkage file: \(file.rowsRead) rows, \(file.rowsUsed) used, \(file.rowsRejected) rejected\n"
        )
      }
      for missing in read.missingTables {
        print("\(missing): not supplied (its fields and events will be not evaluated)")
      }
      for ignored in read.ignoredFiles {
        print("\(ignored): ignored (no table of the pack reads it)")
      }
      print(
        "\(read.rejects.count) rows would be rejected when scoring; `signpost score` lists them in rejects.csv"
      )
    case .json:
      print(
        JSONText.object([
          ("files", "[" + profiles.map(\.json).joined(separator: ",") + "]"),
          (
            "linkage",
            "["
              + linkage.map {
                JSONText.object([
                  ("path", JSONText.string($0.path)), ("rows", String($0.rowsRead)),
                  ("rows_used", String($0.rowsUsed)), ("rows_rejected", String($0.rowsRejected)),
                  ("warnings", JSONText.array($0.warnings)),
                ])
              }.joined(separator: ",") + "]"
          ),
          ("missing_tables", JSONText.array(read.missingTables)),
          ("ignored_files", JSONText.array(read.ignoredFiles)),
          ("rows_rejected", String(read.rejects.count)),
        ]))
    }
    if let threshold {
      let over = read.files.filter {
        $0.rowsRead > 0 && Double($0.rowsRejected) / Double($0.rowsRead) > threshold
      }
      for file in over {
        printError(
          "error: \(file.path) would lose \(file.rowsRejected) of \(file.rowsRead) rows, more than --fail-over \(failOver ?? "")"
        )
      }
      if !over.isEmpty { throw RunExit.inputRejected }
    }
  }
}
