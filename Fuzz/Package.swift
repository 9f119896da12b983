// swift-tools-version: 6.1
import PackageDescription

// The libFuzzer executables, one per target, apart from the main package so that building
// them with `-sanitize=fuzzer` instruments only what they use (docs/development.md).
let package = Package(
  name: "SignpostFuzzing",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "Signpost", path: "..")],
  targets: ["yaml", "cel", "pack", "reader"].map { name in
    .executableTarget(
      name: "fuzz-\(name)",
      dependencies: [
        .product(name: "SignpostFuzz", package: "Signpost"),
        .product(name: "FuzzSupport", package: "Signpost"),
      ],
      path: "fuzz-\(name)")
  }
)
