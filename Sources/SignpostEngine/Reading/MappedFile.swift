#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An input file mapped into memory, read only. The reader hands back pages it has finished
/// with, so the whole file is never resident at once.
final class MappedFile: @unchecked Sendable {
  /// The file's bytes (`count` of them); `nil` for an empty file.
  let base: UnsafePointer<UInt8>?
  let count: Int
  private let mapped: UnsafeMutableRawPointer?

  /// Maps the file at `path`, or says why it cannot be read.
  init(path: String) throws(FileOpenProblem) {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileOpenProblem(path: path, errno: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw FileOpenProblem(path: path, errno: errno) }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw FileOpenProblem(path: path, errno: EISDIR)
    }
    count = Int(status.st_size)
    guard count > 0 else {
      base = nil
      mapped = nil
      return
    }
    let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
    guard let address, address != MAP_FAILED else {
      throw FileOpenProblem(path: path, errno: errno)
    }
    madvise(address, count, MADV_SEQUENTIAL)
    mapped = address
    base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
  }

  /// Gives the pages wholly inside `range` back to the system: they are read again from the
  /// file if touched again.
  func release(_ range: Range<Int>) {
    guard let mapped else { return }
    let page = Self.pageSize
    let start = (range.lowerBound + page - 1) / page * page
    let end =
      range.upperBound == count ? (count + page - 1) / page * page : range.upperBound / page * page
    guard end > start else { return }
    madvise(mapped + start, end - start, MADV_DONTNEED)
  }

  /// The system's page size.
  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  deinit {
    if let mapped { munmap(mapped, count) }
  }
}

/// Why an input file could not be opened or mapped.
struct FileOpenProblem: Error {
  var path: String
  var errno: Int32

  var reason: String { String(cString: strerror(errno)) }
}
