import Foundation
import SignpostRules

extension ReadState {
  /// Reads the linkage file. A row naming a person id that no person table holds is
  /// rejected and reported; the records it would have joined then count as unmatched.
  mutating func readLinkage(_ declaration: LinkageDeclaration, paths: [String])
    throws(ExtractReadError)
  {
    var index = LinkageIndex(
      minimumScore: declaration.minimumScore, acceptedMethods: Set(declaration.acceptedMethods))
    defer { linkage = index }
    let columnNames = LinkageDeclaration.columnNames.map(declaration.column)
    for path in paths {
      let file = try CSVFile(path: path, directory: directory)
      let positions = columnNames.map { file.columns[$0] }
      guard let system = positions[0], let sourceID = positions[1], let personID = positions[2]
      else {
        try rejectFile(
          file, source: "linkage", absent: columnNames.prefix(3).filter { file.columns[$0] == nil })
        continue
      }
      let (method, score) = (positions[3], positions[4])
      let names = file.names
      let persons = builder.index
      let acceptedMethods = index.acceptedMethods
      var totals = ChunkLedger(path: path)
      try file.readChunks(
        { _ in LinkageChunk(ledger: ChunkLedger(path: path)) },
        row: { chunk, record, base, scratch in
          guard chunk.ledger.accept(record, names: names, base: base) else { return }
          func text(_ column: Int?) -> String {
            column.map {
              String(decoding: record.field($0, in: base, scratch: scratch), as: UTF8.self)
            } ?? ""
          }
          let methodText = text(method)
          var value: Double?
          if let score {
            let raw = record.field(score, in: base, scratch: scratch)
            if !raw.isEmpty || !acceptedMethods.contains(methodText) {
              guard let parsed = NumberBytes.double(raw), (0...1).contains(parsed) else {
                chunk.ledger.reject(
                  record.line, columnNames[4],
                  "'\(String(decoding: raw, as: UTF8.self))' is not a match score from 0 to 1")
                return
              }
              value = parsed
            }
          } else {
            value = 1
          }
          let systemText = text(system)
          let source = record.field(sourceID, in: base, scratch: scratch)
          guard !systemText.isEmpty, !source.isEmpty else {
            chunk.ledger.reject(
              record.line, nil, "a link needs a system, a source id and a person id")
            return
          }
          if let problem = IDCheck.problem(source) {
            chunk.ledger.reject(record.line, columnNames[1], problem)
            return
          }
          let person = record.field(personID, in: base, scratch: scratch)
          guard !person.isEmpty else {
            chunk.ledger.reject(
              record.line, nil, "a link needs a system, a source id and a person id")
            return
          }
          guard let p = persons.index(of: person) else {
            chunk.ledger.reject(
              record.line, columnNames[2],
              IDCheck.problem(person)
                ?? "links to unknown person id '\(String(decoding: person, as: UTF8.self))'")
            return
          }
          chunk.rows.append(
            (
              systemText, Array(source),
              LinkageIndex.Match(
                person: p, personID: String(decoding: person, as: UTF8.self), score: value,
                method: methodText)
            ))
          chunk.ledger.used += 1
        },
        problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
        merge: { (chunk, firstLine) throws(ExtractReadError) in
          try absorb(chunk.ledger, firstLine: firstLine, into: &totals)
          for (system, source, match) in chunk.rows {
            source.withUnsafeBufferPointer { index.add(system: system, id: $0, match: match) }
          }
        })
      report(totals, file: file, source: "linkage", warnings: [])
    }
  }
}

/// One chunk of the linkage file: (system, source id, match) rows.
struct LinkageChunk: Sendable {
  var ledger: ChunkLedger
  var rows: [(String, [UInt8], LinkageIndex.Match)] = []
}
