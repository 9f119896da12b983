import Foundation

/// Writes one CSV file through a buffer that is flushed in large blocks, so that a million
/// rows never sit in memory as one string.
final class CSVFileWriter {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private let flushSize = 1 << 20
  private let path: String
  /// Lines written so far, the header included.
  private(set) var lines = 0

  /// Creates (or truncates) the file, and any folders it needs.
  init(path: String) throws(SynthError) {
    self.path = path
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw SynthError.cannotWrite(path)
      }
      handle = try FileHandle(forWritingTo: url)
    } catch {
      throw SynthError.cannotWrite(path)
    }
    buffer.reserveCapacity(flushSize + 4096)
  }

  /// Writes a row of cells.
  func write(_ cells: [Cell], columns: [TableColumn], formatter: CellFormatter) throws(SynthError) {
    for (position, cell) in cells.enumerated() {
      if position > 0 { buffer.append(44) }
      formatter.append(cell, codes: columns[position].codes, to: &buffer)
    }
    try endLine()
  }

  /// Writes a row of already formatted texts (a header, or a bad row).
  func write(texts: [String], formatter: CellFormatter) throws(SynthError) {
    for (position, text) in texts.enumerated() {
      if position > 0 { buffer.append(44) }
      formatter.appendText(text, to: &buffer)
    }
    try endLine()
  }

  private func endLine() throws(SynthError) {
    buffer.append(10)
    lines += 1
    if buffer.count >= flushSize { try flush() }
  }

  private func flush() throws(SynthError) {
    guard !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw SynthError.cannotWrite(path)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and closes the file.
  func close() throws(SynthError) {
    try flush()
    do {
      try handle.close()
    } catch {
      throw SynthError.cannotWrite(path)
    }
  }
}
