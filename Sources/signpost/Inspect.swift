import ArgumentParser
import SignpostEngine

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

  func run() throws {
    let compiled = try compilePack(at: pack)
    let (profiles, read) = try ExtractInspector.inspect(pack: compiled, directory: input)
    switch format {
    case .text:
      for profile in profiles { print(profile.text + "\n") }
      for file in read.files where file.source == "linkage" {
        print(
          "\(file.path) — linkage file: \(file.rowsRead) rows, \(file.rowsUsed) used, \(file.rowsRejected) rejected\n"
        )
      }
      for missing in read.missingTables {
        print("\(missing): not supplied (its fields and events will be not evaluated)")
      }
      print(
        "\(read.rejects.count) rows would be rejected when scoring; `signpost score` lists them in rejects.csv"
      )
    case .json:
      print(
        JSONText.object([
          ("files", "[" + profiles.map(\.json).joined(separator: ",") + "]"),
          ("missing_tables", JSONText.array(read.missingTables)),
          ("rows_rejected", String(read.rejects.count)),
        ]))
    }
  }
}
