import Foundation
import SignpostRules

/// The repository's root folder.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shared fixtures folder, `Tests/Fixtures`: packs, extracts and corpora that tests read.
/// Tests read nothing outside the repository.
public let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

/// The tiny fixture pack's folder (`Tests/Fixtures/packs/tiny`).
public let tinyPackPath = fixtures.appendingPathComponent("packs/tiny").path

/// The tiny fixture pack, compiled.
public func tinyPack() throws -> CompiledPack {
  try PackCompiler.compile(directory: tinyPackPath).get()
}

/// The as-of date most engine tests score at: 2025-04-01.
public let asOf = PackDate(daysSinceEpoch: 20_179)

/// A date written `yyyy-MM-dd`, or a test failure.
public func date(_ text: String) throws -> PackDate {
  guard let date = PackDate(iso: text) else {
    throw FixtureError("'\(text)' is not a yyyy-MM-dd date")
  }
  return date
}

/// A fixture that could not be set up.
public struct FixtureError: Error, CustomStringConvertible {
  public var description: String

  public init(_ description: String) { self.description = description }
}
