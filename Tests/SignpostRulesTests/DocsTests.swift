import Foundation
import SignpostTestSupport
import Testing

/// Every key the pack loader reads (a string literal passed to a reader call in
/// `PackFileReader*.swift`) is documented in `docs/rule-pack.md`, as `` `key` `` or `key:`.
@Test func everyKeyTheLoaderAcceptsIsInTheRulePackReference() throws {
  let repository = repositoryRoot
  let loading = repository.appendingPathComponent("Sources/SignpostRules/Loading")
  let call = try Regex(#"\w+\((?:[^()"]*?,\s*)?"([a-z][a-z_]*)""#)
  var keys = Set<String>()
  for name in try FileManager.default.contentsOfDirectory(atPath: loading.path)
  where name.hasPrefix("PackFileReader") {
    let text = try String(contentsOf: loading.appendingPathComponent(name), encoding: .utf8)
    for match in text.matches(of: call) {
      keys.insert(String(match.output[1].substring ?? ""))
    }
  }
  let reference = try String(
    contentsOf: repository.appendingPathComponent("docs/rule-pack.md"), encoding: .utf8)
  #expect(keys.isSuperset(of: ["scope", "format", "scored", "route", "time_zone", "derive"]))
  let undocumented = keys.filter { !reference.contains("`\($0)`") && !reference.contains("\($0):") }
  #expect(undocumented.sorted() == [])
}
