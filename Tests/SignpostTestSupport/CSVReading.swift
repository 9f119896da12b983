import Foundation

/// Reads a CSV file (RFC 4180, as the generator writes it) into rows of cells, header first.
public func readCSV(_ url: URL) throws -> [[String]] {
  let text = try String(contentsOf: url, encoding: .utf8)
  var rows: [[String]] = []
  var row: [String] = []
  var cell = ""
  var quoted = false
  var iterator = text.makeIterator()
  var pending: Character? = nil
  while let character = pending ?? iterator.next() {
    pending = nil
    if quoted {
      if character == "\"" {
        if let next = iterator.next() {
          if next == "\"" {
            cell.append("\"")
          } else {
            quoted = false
            pending = next
          }
        } else {
          quoted = false
        }
      } else {
        cell.append(character)
      }
      continue
    }
    switch character {
    case "\"": quoted = true
    case ",":
      row.append(cell)
      cell = ""
    case "\n":
      row.append(cell)
      rows.append(row)
      row = []
      cell = ""
    default: cell.append(character)
    }
  }
  if !cell.isEmpty || !row.isEmpty {
    row.append(cell)
    rows.append(row)
  }
  return rows
}
