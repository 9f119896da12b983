import Foundation

/// The body of the running fuzz target; libFuzzer's callback is a C function and cannot
/// capture it.
nonisolated(unsafe) private var fuzzBody: ((UnsafeRawBufferPointer) -> Void)?

#if FUZZING
  /// libFuzzer's entry point, which its own `main` (linked in, though unused) refers to.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzBody?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  private func runLibFuzzer(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt
#endif

/// Runs a fuzz target. Built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING`,
/// this hands the command line to libFuzzer; in an ordinary build it replays the files (or
/// folders of files) named on the command line once each, so a corpus can be checked anywhere.
public func fuzzMain(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
  fuzzBody = body
  #if FUZZING
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(
      runLibFuzzer(&argc, &argv, fuzzOneInput))
  #else
    var count = 0
    for path in CommandLine.arguments.dropFirst() {
      for file in FuzzCorpus.files(at: path) {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        data.withUnsafeBytes { body($0) }
        count += 1
      }
    }
    print("replayed \(count) inputs")
    exit(0)
  #endif
}

/// The inputs of a corpus: a file, or every file in a folder, in name order.
public enum FuzzCorpus {
  public static func files(at path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return []
    }
    guard isDirectory.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
  }
}
