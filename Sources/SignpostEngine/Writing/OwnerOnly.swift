import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files and folders that hold personal data: created readable by their owner only (0600,
/// 0700) whatever the process's umask, and written so that a kill at any moment leaves either
/// the whole file or nothing under its name — never a partial copy.
///
/// On Linux a file is written as an unnamed temporary file (`O_TMPFILE`) in its folder and
/// given its name only when complete (`linkat`), so a killed process leaves nothing behind:
/// the kernel frees an unnamed file when its last descriptor closes. Where that is not
/// available, it is written under a hidden temporary name and renamed.
public enum OwnerOnly {
  /// The mode of files: read and write for the owner only.
  public static let fileMode: mode_t = 0o600
  /// The mode of folders: the owner only.
  public static let directoryMode: mode_t = 0o700

  /// Creates `path` and any missing parents as owner-only folders; an existing folder is
  /// left as it is.
  public static func createDirectory(_ path: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw error(ENOTDIR, path) }
      return
    }
    let parent = PathText.folder(of: path)
    if !parent.isEmpty && parent != path { try createDirectory(parent) }
    guard mkdir(path, directoryMode) == 0 || errno == EEXIST else { throw error(errno, path) }
    guard chmod(path, directoryMode) == 0 else { throw error(errno, path) }
  }

  /// Creates an empty owner-only file at `path` unless something is there already.
  public static func createEmptyFile(_ path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
    guard fd >= 0 else { return }
    fchmod(fd, fileMode)
    close(fd)
  }

  /// Writes `bytes` to `path` as an owner-only file, replacing any file there, such that
  /// the name holds either the old file, or the whole new one. `halfway` is called when
  /// half the bytes are written (a test hook: it may pause or throw; a throw leaves nothing).
  public static func write(
    _ bytes: [UInt8], to path: String, halfway: () throws -> Void = {}
  ) throws {
    try write(to: path) { file in
      try bytes.withUnsafeBytes { buffer in
        let half = buffer.count / 2
        try file.write(UnsafeRawBufferPointer(rebasing: buffer[..<half]))
        try halfway()
        try file.write(UnsafeRawBufferPointer(rebasing: buffer[half...]))
      }
    }
  }

  /// Writes the file at `path` as `fill` hands it its bytes, in pieces, so that a large file
  /// need never be held whole: owner-only, replacing any file there, and named only once
  /// `fill` returns and the bytes are on disk. If `fill` throws, nothing is left.
  public static func write(to path: String, _ fill: (FileOutput) throws -> Void) throws {
    let file = try UnnamedFile(path)
    do {
      try fill(file.output)
    } catch {
      file.discard()
      throw error
    }
    try file.name()
  }

  /// A file being written without a name: ``name()`` flushes it to disk and gives it its
  /// name (replacing any file there), ``discard()`` leaves nothing. One of the two must be
  /// called, once; the flush and naming may be on another thread than the writing, after it.
  public final class UnnamedFile: @unchecked Sendable {
    let path: String
    private let directory: String
    /// Where the bytes go until named; `nil` for an unnamed file (`O_TMPFILE`).
    private let temporary: String?
    /// What writes the bytes.
    public let output: FileOutput

    /// Opens an owner-only file that will be named `path`. A `direct` file is written
    /// straight to disk, past the page cache (``FileOutput``), where the file system allows.
    public init(_ path: String, direct: Bool = false) throws {
      self.path = path
      let folder = PathText.folder(of: path)
      directory = folder.isEmpty ? "." : folder
      #if os(Linux)
        let flags = temporaryFileFlags | O_WRONLY | O_CLOEXEC
        var unnamed: Int32 = -1
        var isDirect = false
        if direct, let directFlag = FileOutput.directFlag {
          unnamed = open(directory, flags | directFlag, fileMode)
          isDirect = unnamed >= 0
        }
        if unnamed < 0 { unnamed = open(directory, flags, fileMode) }
        if unnamed >= 0 {
          temporary = nil
          output = FileOutput(fd: unnamed, path: path, direct: isDirect)
          try makeOwnerOnly()
          return
        }
      #endif
      let hidden = directory + "/.\(PathText.lastComponent(of: path)).tmp-\(getpid())"
      let fd = open(hidden, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fileMode)
      guard fd >= 0 else { throw error(errno, hidden) }
      temporary = hidden
      output = FileOutput(fd: fd, path: hidden)
      try makeOwnerOnly()
    }

    private func makeOwnerOnly() throws {
      guard fchmod(output.fd, fileMode) == 0 else {
        let code = errno
        discard()
        throw error(code, output.path)
      }
    }

    /// Flushes the bytes to disk and gives the file its name; on failure nothing is left.
    public func name() throws {
      do {
        try output.finish()
      } catch {
        discard()
        throw error
      }
      guard fsync(output.fd) == 0 else {
        let code = errno
        discard()
        throw error(code, output.path)
      }
      guard let temporary else {
        #if os(Linux)
          defer { close(output.fd) }
          try link(output.fd, to: path, in: directory)
        #endif
        return
      }
      close(output.fd)
      guard rename(temporary, path) == 0 else {
        let code = errno
        unlink(temporary)
        throw error(code, path)
      }
    }

    /// Closes the file and leaves nothing of it.
    public func discard() {
      close(output.fd)
      if let temporary { unlink(temporary) }
    }
  }

  /// An open file being written: what ``write(to:_:)`` hands its caller.
  ///
  /// A file opened for direct writing (`O_DIRECT`) gathers its bytes in a block-aligned
  /// buffer and hands the disk whole buffers of them, so they are never copied into the page
  /// cache: the copy cost a tenth to a third of the writing's CPU, and the page cache's
  /// writeback was slowest when the machine was busiest ("Session of 2026-12-02 (writing)" in
  /// docs/performance.md). Only the last part of a block goes through the page cache. Any
  /// other file is written through the page cache, the disk asked to start on it every
  /// 16 MB.
  public final class FileOutput {
    let fd: Int32
    let path: String
    /// Bytes written, and up to where the disk was asked to start writing them.
    private var written = 0
    private var flushStarted = 0
    /// How much is written before the disk is asked to start on it, so that the flush at
    /// the end finds most of a large file already written.
    private static let flushStep = 16 << 20
    /// For a file opened for direct writing: the aligned buffer its bytes gather in, and
    /// how many are there.
    private let staging: UnsafeMutableRawBufferPointer?
    private var staged = 0
    /// Whether the bytes still go straight to disk.
    private(set) var isDirect: Bool

    /// What a direct write's memory, offset and length must be multiples of.
    static let directAlignment = 4096
    /// The bytes gathered before each direct write: large, so that the disk gets long runs.
    static let stagingSize = 8 << 20

    #if os(Linux) && arch(x86_64)
      /// `O_DIRECT`, which Swift does not import; `nil` where it is not known.
      static let directFlag: Int32? = 0o40_000
    #elseif os(Linux) && arch(arm64)
      static let directFlag: Int32? = 0o200_000
    #else
      static let directFlag: Int32? = nil
    #endif

    init(fd: Int32, path: String, direct: Bool = false) {
      self.fd = fd
      self.path = path
      var memory: UnsafeMutableRawPointer?
      if direct && posix_memalign(&memory, Self.directAlignment, Self.stagingSize) == 0,
        let memory
      {
        staging = UnsafeMutableRawBufferPointer(start: memory, count: Self.stagingSize)
      } else {
        staging = nil
      }
      isDirect = direct
      if direct && staging == nil { stopWritingDirectly() }
    }

    deinit { staging.map { free($0.baseAddress) } }

    /// Appends `bytes` to the file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
      guard let base = bytes.baseAddress else { return }
      written += bytes.count
      var offset = 0
      while isDirect, let staging, let gathered = staging.baseAddress, offset < bytes.count {
        let count = min(bytes.count - offset, staging.count - staged)
        (gathered + staged).copyMemory(from: base + offset, byteCount: count)
        staged += count
        offset += count
        if staged == staging.count {
          staged = 0
          try put(UnsafeRawBufferPointer(staging))
        }
      }
      guard offset < bytes.count else { return }
      try put(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
      adviseWriteback()
    }

    /// Appends `bytes` to the file.
    public func write(_ bytes: [UInt8]) throws {
      try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes what is still gathered: the whole blocks directly, the rest through the page
    /// cache. Called before the file is flushed.
    func finish() throws {
      guard let staging, staged > 0 else { return }
      let whole = isDirect ? staged / Self.directAlignment * Self.directAlignment : staged
      let count = staged
      staged = 0
      try put(UnsafeRawBufferPointer(rebasing: staging[..<whole]))
      guard whole < count else { return }
      stopWritingDirectly()
      try put(UnsafeRawBufferPointer(rebasing: staging[whole..<count]))
    }

    /// Writes all of `bytes` at the end of the file. A direct write the file system refuses
    /// is written through the page cache instead.
    private func put(_ bytes: UnsafeRawBufferPointer) throws {
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let count = systemWrite(fd, base + offset, bytes.count - offset)
        if count < 0 && errno == EINTR { continue }
        if count < 0 && errno == EINVAL && isDirect {
          stopWritingDirectly()
          continue
        }
        guard count > 0 else { throw OwnerOnly.error(errno, path) }
        offset += count
      }
    }

    /// From now on the file is written through the page cache.
    private func stopWritingDirectly() {
      #if os(Linux)
        if let directFlag = Self.directFlag {
          _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~directFlag)
        }
      #endif
      isDirect = false
    }

    /// Asks the disk to start on the last `flushStep` bytes written through the page cache.
    private func adviseWriteback() {
      #if os(Linux)
        if written - flushStarted >= Self.flushStep {
          // Starts writing the range back without waiting (and lets its pages go once
          // written); only advice, so a failure changes nothing.
          _ = posix_fadvise(
            fd, off_t(flushStarted), off_t(written - flushStarted), POSIX_FADV_DONTNEED)
          flushStarted = written
        }
      #endif
    }
  }

  #if os(Linux)
    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift does not import from the macro.
    private static let temporaryFileFlags: Int32 = 0o20_000_000 | O_DIRECTORY

    /// Gives the unnamed file `fd` the name `path`: directly when nothing is there (so the
    /// name appears only with the whole file), else under a temporary name renamed over it.
    private static func link(_ fd: Int32, to path: String, in directory: String) throws {
      let source = "/proc/self/fd/\(fd)"
      if linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return }
      guard errno == EEXIST else { throw error(errno, path) }
      let temporary = directory + "/.\(PathText.lastComponent(of: path)).tmp-\(getpid())"
      unlink(temporary)
      guard linkat(AT_FDCWD, source, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else {
        throw error(errno, temporary)
      }
      guard rename(temporary, path) == 0 else {
        let code = errno
        unlink(temporary)
        throw error(code, path)
      }
    }
  #endif

  /// A file or folder that could not be created or written.
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var code: Int32
    public var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
  }

  fileprivate static func error(_ code: Int32, _ path: String) -> WriteError {
    WriteError(path: path, code: code)
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif
