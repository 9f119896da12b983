import Foundation
import SignpostRules

extension ReadState {
  /// Reads the linkage file. A row naming a person id that no person table holds is
  /// rejected and reported; the records it would have joined then count as unmatched.
  mutating func readLinkage(_ linkage: LinkageDeclaration, directory: String)
    throws(ExtractReadError)
  {
    var index = LinkageIndex(minimumScore: linkage.minimumScore)
    defer { self.linkage = index }
    let paths = InputFiles.matching(linkage.path, in: directory)
    for path in paths {
      guard let data = FileManager.default.contents(atPath: directory + "/" + path) else {
        continue
      }
      let bytes = [UInt8](data)
      let (header, _, rows, malformed, read) = try records(path: path, bytes: bytes)
      let names = LinkageDeclaration.columnNames.map(linkage.column)
      let positions = names.map { header[$0] }
      guard positions[0] != nil, positions[1] != nil, positions[2] != nil else {
        try rejectFile(
          path: path, source: "linkage", bytes: bytes, rows: rows, read: read,
          absent: names.prefix(3).filter { header[$0] == nil })
        continue
      }
      var used = 0
      var rejected = malformed
      for row in rows {
        let value = { (i: Int) in positions[i].map { row.fields[$0] } ?? "" }
        let (system, sourceID, personID) = (value(0), value(1), value(2))
        var score = 1.0
        if positions[4] != nil {
          guard let parsed = Double(value(4)), (0...1).contains(parsed) else {
            rejected += 1
            try reject(path, row.line, names[4], "'\(value(4))' is not a match score from 0 to 1")
            continue
          }
          score = parsed
        }
        guard !system.isEmpty, !sourceID.isEmpty, !personID.isEmpty else {
          rejected += 1
          try reject(path, row.line, nil, "a link needs a system, a source id and a person id")
          continue
        }
        guard knownPerson(personID) != nil else {
          rejected += 1
          try reject(path, row.line, names[2], "links to unknown person id '\(personID)'")
          continue
        }
        index.add(
          system: system, id: sourceID,
          match: LinkageIndex.Match(personID: personID, score: score, method: value(3)))
        used += 1
      }
      report(
        path: path, source: "linkage", bytes: bytes, read: read, used: used, rejected: rejected,
        warnings: [])
    }
  }
}
