// cel-conformance FILE... — runs cel-spec `simple` conformance files through Signpost's CEL.
//
// Prints per file the passed, failed and skipped counts, each failure and each skip, then
// one summary line. Exit status: 0 when every case passed or was skipped, 1 when any case
// failed, 2 for unusable arguments or an unreadable or malformed file.
import CELConformance
import Foundation

let usage = """
  usage: cel-conformance [--verbose] FILE...
    Runs cel-spec SimpleTestFile textproto files through Signpost's CEL.
    --verbose, -v  also list the cases that passed
  """

var verbose = false
var paths: [String] = []
var optionsEnded = false
for argument in CommandLine.arguments.dropFirst() {
  if optionsEnded || !argument.hasPrefix("-") {
    paths.append(argument)
  } else if argument == "--" {
    optionsEnded = true
  } else if argument == "--verbose" || argument == "-v" {
    verbose = true
  } else if argument == "--help" || argument == "-h" {
    print(usage)
    exit(0)
  } else {
    FileHandle.standardError.write(
      Data("cel-conformance: unknown option \(argument)\n\(usage)\n".utf8))
    exit(2)
  }
}
guard !paths.isEmpty else {
  FileHandle.standardError.write(Data("cel-conformance: no files given\n\(usage)\n".utf8))
  exit(2)
}

let runner = ConformanceRunner()
var totals = (passed: 0, failed: 0, skipped: 0)
var unusable = false
for path in paths {
  guard let data = FileManager.default.contents(atPath: path),
    let text = String(validating: Array(data), as: UTF8.self)
  else {
    FileHandle.standardError.write(
      Data("\(path): error: cannot read the file as UTF-8 text\n".utf8))
    unusable = true
    continue
  }
  let file: SimpleTestFile
  do {
    file = try SimpleTestFile.parse(text)
  } catch {
    FileHandle.standardError.write(
      Data("\(path):\(error.location): error: \(error.message)\n".utf8))
    unusable = true
    continue
  }
  let report = runner.run(file, path: path)
  print(report.render(verbose: verbose))
  totals.passed += report.passed
  totals.failed += report.failed
  totals.skipped += report.skipped
}
print(FileReport.summary(passed: totals.passed, failed: totals.failed, skipped: totals.skipped))
exit(unusable ? 2 : totals.failed > 0 ? 1 : 0)
