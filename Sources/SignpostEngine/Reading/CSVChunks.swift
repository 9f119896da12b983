/// A CSV file's chunks on their way through a ``ChunkPipeline``: read by workers, then merged
/// in file order on the calling thread with the line each chunk starts on.
final class CSVChunks<Chunk: Sendable> {
  let pipeline: ChunkPipeline<Chunk>
  private let run: (Int, Int) -> TokenizedChunk<Chunk>
  private let ends: [Int]
  private let dataStart: Int
  private let dataLine: Int

  init(
    file: CSVFile, layout: CSVFile.ChunkLayout, run: @escaping (Int, Int) -> TokenizedChunk<Chunk>
  ) {
    self.run = run
    ends = layout.ends
    dataStart = layout.dataStart
    dataLine = layout.dataLine
    // Four chunks a core ahead of the merge: workers handed on to the next table's first
    // chunks keep busy while the last table's merge ends (its ids placed in the index).
    pipeline = ChunkPipeline(
      mapped: file.mapped, starts: layout.starts, ends: layout.ends, window: CSVFile.cores * 4,
      run: run)
  }

  /// Hands each chunk's result to `merge` in file order, with the line its chunk starts on,
  /// while later chunks are still being read; returns once every chunk is merged.
  func merge(_ merge: (Chunk, _ firstLine: Int) throws(ExtractReadError) -> Void)
    throws(ExtractReadError)
  {
    var expected = dataStart
    var line = dataLine
    try pipeline.run(workers: CSVFile.cores) { (n, done) throws(ExtractReadError) -> Int in
      var done = done
      if done.start != expected {
        // A quoted field ran over the chunk's start: read it again from where it begins.
        done = run(expected, max(expected, ends[n]))
      }
      try merge(done.chunk, line)
      expected = done.end
      line += done.lines
      return done.end
    }
  }
}
