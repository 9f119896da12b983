// swift-tools-version: 6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "Signpost",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "signpost", targets: ["signpost"]),
    .executable(name: "cel-conformance", targets: ["cel-conformance"]),
    .library(name: "SignpostRules", targets: ["SignpostRules"]),
    .library(name: "SignpostEngine", targets: ["SignpostEngine"]),
    .library(name: "SignpostStore", targets: ["SignpostStore"]),
    .library(name: "SignpostReport", targets: ["SignpostReport"]),
    .library(name: "SignpostRun", targets: ["SignpostRun"]),
    .library(name: "SignpostServer", targets: ["SignpostServer"]),
    .library(name: "SignpostFuzz", targets: ["SignpostFuzz"]),
    .library(name: "FuzzSupport", targets: ["FuzzSupport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    // `swift package generate-documentation` (DocC) for the library API; .ci/run builds it.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    // glibc's malloc.h, for handing freed heap back to the system after reading.
    .systemLibrary(name: "CMalloc"),
    // CSV's structural bytes (commas, line ends, quotes, high bytes) found 64 at a time, as
    // bitmasks: SSE2 on x86-64, a plain loop elsewhere (header-only, static inline).
    .systemLibrary(name: "CCSVScan"),
    // A cache prefetch hint, for loops that look up a batch of keys in a large hash table
    // (header-only, static inline).
    .systemLibrary(name: "CPrefetch"),
    // Source files, positions and diagnostics shared by every phase.
    .target(
      name: "SignpostSource", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: strictSwift),
    // YAML documents as a node tree with source marks, over libyaml's event API.
    .target(
      name: "SignpostYAML", dependencies: ["CYAML", "SignpostSource"], swiftSettings: strictSwift),
    // The Common Expression Language subset: lexer, parser, checker, planner, values.
    .target(name: "SignpostCEL", dependencies: ["SignpostSource"], swiftSettings: strictSwift),
    // Rule packs: model, loader, compiler and the domain library.
    .target(
      name: "SignpostRules",
      dependencies: ["SignpostSource", "SignpostYAML", "SignpostCEL"],
      swiftSettings: strictSwift
    ),
    // Responsible-use measures: counts and rates by group, the relative rate index with its
    // interval, small-number suppression, the problem profile. Plain arrays in, no I/O.
    .target(
      name: "SignpostFairness", dependencies: ["SignpostSource"], swiftSettings: strictSwift),
    // Evaluation of compiled packs over records: indicators, scores, programmes, pack tests;
    // the outputs of a run and the changes between two runs.
    .target(
      name: "SignpostEngine",
      dependencies: [
        "SignpostRules", "SignpostCEL", "SignpostSource", "SignpostFairness", "CCSVScan",
        "CPrefetch", .target(name: "CMalloc", condition: .when(platforms: [.linux])),
      ],
      swiftSettings: strictSwift
    ),
    // Deterministic synthetic partner extracts, calibrated to the national figures.
    .target(
      name: "SignpostSynth",
      dependencies: ["SignpostRules", "SignpostSource"],
      swiftSettings: strictSwift
    ),
    // The run store: runs, results, referrals and audit in SQLite (GRDB); retention.
    .target(
      name: "SignpostStore",
      dependencies: [
        "SignpostEngine", "SignpostRules", "SignpostSource",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strictSwift
    ),
    // The HTML templates every page shares, the service's and the report's: the document's
    // head and the one stylesheet (swift-mustache).
    .target(
      name: "SignpostPages",
      dependencies: [.product(name: "Mustache", package: "swift-mustache")],
      resources: [.copy("Templates")],
      swiftSettings: strictSwift
    ),
    // The self-contained HTML run report: inline CSS and SVG charts, no scripts.
    .target(
      name: "SignpostReport",
      dependencies: [
        "SignpostEngine", "SignpostRules", "SignpostFairness", "SignpostPages",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Templates")],
      swiftSettings: strictSwift
    ),
    // The nightly workflow: lock, lifecycle, stages and a typed outcome, shared by `run` and
    // `serve`.
    .target(
      name: "SignpostRun",
      dependencies: [
        "SignpostEngine", "SignpostRules", "SignpostSource", "SignpostStore", "SignpostReport",
        "SignpostYAML", .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift
    ),
    // The triage service: Hummingbird routes, sessions and roles, pages, metrics.
    .target(
      name: "SignpostServer",
      dependencies: [
        "SignpostStore", "SignpostEngine", "SignpostRules", "SignpostSource", "SignpostYAML",
        "SignpostCEL", "SignpostPages",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [.copy("Templates"), .copy("OpenAPI")],
      swiftSettings: strictSwift
    ),
    .executableTarget(
      name: "signpost",
      dependencies: [
        "SignpostEngine", "SignpostRules", "SignpostSynth", "SignpostStore", "SignpostReport",
        "SignpostYAML", "SignpostSource", "SignpostFairness", "SignpostServer", "SignpostRun",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift
    ),
    // The cel-spec conformance runner: text-format reader, test model, value conversion.
    .target(
      name: "CELConformance",
      dependencies: ["SignpostCEL", "SignpostSource"],
      swiftSettings: strictSwift
    ),
    .executableTarget(
      name: "cel-conformance",
      dependencies: ["CELConformance"],
      swiftSettings: strictSwift
    ),
    // What each libFuzzer target does with an input, and the driver that hands it to libFuzzer;
    // the executables are in the package in Fuzz/ (docs/development.md).
    .target(
      name: "SignpostFuzz",
      dependencies: [
        "SignpostYAML", "SignpostCEL", "SignpostRules", "SignpostEngine", "SignpostSource",
      ],
      swiftSettings: strictSwift),
    .target(name: "FuzzSupport", swiftSettings: strictSwift),
    // What the test targets share: the fixtures folder and packs, temporary folders, stored
    // runs, diagnostics expected at markers in the source, and the real `signpost` binary.
    .target(
      name: "SignpostTestSupport",
      dependencies: ["SignpostSource", "SignpostRules", "SignpostEngine", "SignpostStore"],
      path: "Tests/SignpostTestSupport"
    ),
    .testTarget(name: "SignpostFuzzTests", dependencies: ["SignpostFuzz", "FuzzSupport"]),
    .testTarget(name: "SignpostSourceTests", dependencies: ["SignpostSource"]),
    .testTarget(name: "SignpostYAMLTests", dependencies: ["SignpostYAML"]),
    .testTarget(name: "SignpostCELTests", dependencies: ["SignpostCEL"]),
    .testTarget(
      name: "SignpostFairnessTests",
      dependencies: [
        "SignpostFairness", "SignpostEngine", "SignpostRules", "SignpostSynth",
        "SignpostTestSupport",
      ]),
    .testTarget(
      name: "SignpostRulesTests",
      dependencies: ["SignpostRules", "SignpostEngine", "SignpostSource", "SignpostTestSupport"]),
    .testTarget(
      name: "SignpostEngineTests",
      dependencies: [
        "SignpostEngine", "SignpostRules", "SignpostSynth", "SignpostCEL", "SignpostSource",
        "SignpostTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "SignpostSynthTests",
      dependencies: ["SignpostSynth", "SignpostRules", "SignpostEngine", "SignpostTestSupport"]),
    .testTarget(
      name: "SignpostStoreTests",
      dependencies: [
        "SignpostStore", "SignpostEngine", "SignpostRules", "SignpostTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "SignpostReportTests",
      dependencies: [
        "SignpostReport", "SignpostStore", "SignpostEngine", "SignpostRules", "SignpostTestSupport",
      ]
    ),
    // The `signpost` commands, run as the real built binary.
    .testTarget(
      name: "SignpostCLITests",
      dependencies: [
        "SignpostStore", "SignpostEngine", "SignpostRules", "SignpostRun", "SignpostTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "SignpostServerTests",
      dependencies: [
        "SignpostServer", "SignpostStore", "SignpostEngine", "SignpostRules", "SignpostYAML",
        "SignpostSource", "SignpostTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "CELConformanceTests",
      dependencies: ["CELConformance", "SignpostCEL", "SignpostSource"]
    ),
    // package-benchmark suites: `swift package benchmark` (see docs/performance.md).
    .executableTarget(
      name: "SignpostBenchmarks",
      dependencies: [
        "SignpostEngine", "SignpostRules", "SignpostSynth",
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/SignpostBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
