import Foundation
import SignpostSynth
import SignpostTestSupport
import Testing

@Test func eachBadRowIsWhereTheManifestSaysAndWrongAsItSays() throws {
  let (folder, manifest) = try generate(people: 1200, seed: 3)
  defer { folder.remove() }
  #expect(manifest.badRows.count == BadRowKind.allCases.count)
  #expect(Set(manifest.badRows.map(\.kind)) == Set(BadRowKind.allCases))
  #expect(Set(manifest.badRows.map(\.file)).count == manifest.badRows.count, "one file each")
  for file in manifest.files {
    #expect(file.badRows == manifest.badRows.filter { $0.file == file.path }.count)
  }
  let known = Set(
    try readCSV(folder.url.appendingPathComponent("people.csv")).dropFirst().map { $0[0] })
  for bad in manifest.badRows {
    let table = try readCSV(folder.url.appendingPathComponent(bad.file))
    let header = table[0]
    let row = table[bad.line - 1]
    let column = bad.column.flatMap { header.firstIndex(of: $0) }
    switch bad.kind {
    case .wrongColumnCount:
      #expect(row.count == header.count + 1)
    case .duplicatePersonID:
      let firsts = table.dropFirst().prefix(bad.line - 2).map { $0[0] }
      #expect(firsts.contains(row[0]), "\(bad.file):\(bad.line) repeats an earlier id")
    case .unknownPerson:
      #expect(!known.contains(row[0]))
    case .malformedDate, .unknownEnumValue, .nonNumericNumber:
      let position = try #require(column)
      #expect(row[position] == bad.value)
    }
    if bad.kind != .wrongColumnCount { #expect(row.count == header.count) }
  }
}

@Test func noBadRowsWhenAskedForNone() throws {
  let (folder, manifest) = try generate(people: 300, seed: 3, badRows: 0)
  defer { folder.remove() }
  #expect(manifest.badRows.isEmpty)
  #expect(manifest.files.allSatisfy { $0.badRows == 0 })
}

@Test func moreBadRowsThanKindsCycleThroughTheKinds() throws {
  let (folder, manifest) = try generate(people: 800, seed: 9, badRows: 14)
  defer { folder.remove() }
  #expect(manifest.badRows.count == 14)
  let lines = manifest.badRows.map { "\($0.file):\($0.line)" }
  #expect(Set(lines).count == 14, "every bad row on its own line")
}

@Test func theManifestReadsBack() throws {
  let (folder, manifest) = try generate(people: 200, seed: 4)
  defer { folder.remove() }
  let data = try Data(contentsOf: folder.url.appendingPathComponent("synth-manifest.json"))
  #expect(try SynthManifest.read(data) == manifest)
  #expect(manifest.asOf == "2025-04-01")
  #expect(manifest.people == 200)
}
