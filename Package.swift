// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Paiban",
    platforms: [.macOS(.v13)],
    products: [
        // The one a Swift program imports: load, make up, PDF and proofs in memory.
        .library(name: "Paiban", targets: ["Paiban"]),
        .library(name: "PaibanCore", targets: ["PaibanCore"]),
        .library(name: "PaibanPango", targets: ["PaibanPango"]),
        .executable(name: "paiban", targets: ["paiban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Property-based tests (generators, seeded runs) for the fuzzing harness.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // The preview's HTTP server (`paiban preview`): SwiftNIO-based, server-sent events by a
        // streamed response body; a well-kept server library rather than our own HTTP parsing.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in Hummingbird's graph; named to quiet its request log and to stop on SIGINT/SIGTERM.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Cairo, Pango (with its fontconfig back end), fontconfig, HarfBuzz's subsetter and zlib
        // (the PDF writer's font embedding and compression), through pkg-config.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo pangoft2 fontconfig libjpeg harfbuzz-subset zlib lcms2",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libfontconfig-dev", "libjpeg-dev", "libharfbuzz-dev", "zlib1g-dev", "liblcms2-dev"])]
        ),
        // The pure-Swift core: units, rule tables, normalisation, the paragraph composer.
        .target(name: "PaibanCore"),
        // Reading an issue folder: the manifest, stories (Markdown + front matter), layout templates.
        .target(name: "PaibanInput", dependencies: ["PaibanCore", .product(name: "Yams", package: "Yams")]),
        // The thin layer over Pango/HarfBuzz (shaping, fonts) and Cairo (drawing).
        .target(name: "PaibanPango", dependencies: ["PaibanCore", "CPangoCairo"]),
        // The library API over the pipeline (input → make-up → PDF, PNG, report).
        .target(name: "Paiban", dependencies: ["PaibanCore", "PaibanInput", "PaibanPango"]),
        // `paiban preview`: renders the issue on every saved change and serves the proofs, the
        // preflight and the grid overlays on 127.0.0.1.
        .target(name: "PaibanPreview", dependencies: [
            "Paiban", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(
            name: "paiban",
            dependencies: [
                "Paiban", "PaibanCore", "PaibanPango", "PaibanInput", "PaibanPreview",
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The README's library example as a program: `swift build` compiles it, EditionTests runs it.
        .executableTarget(name: "paiban-example", dependencies: ["Paiban"]),
        .executableTarget(name: "paiban-bench", dependencies: ["PaibanCore", "PaibanPango", "CPangoCairo"]),
        // The loaders' libFuzzer target (`make fuzz`). Built with -sanitize=fuzzer -DPAIBAN_FUZZ it
        // hands its entry point to libFuzzer's driver; in an ordinary build it replays input files
        // given as arguments, so `swift build` and `swift test` build it like any other target.
        .executableTarget(name: "paiban-fuzz", dependencies: ["PaibanCore", "PaibanInput"]),
        // The conformance corpus and its property checks, shared by the fake-shaper and Pango tests.
        .target(name: "PaibanTestSupport", dependencies: ["PaibanCore"]),
        .testTarget(name: "PaibanCoreTests", dependencies: ["PaibanCore", "PaibanTestSupport"]),
        .testTarget(name: "PaibanPangoTests", dependencies: ["PaibanCore", "PaibanPango", "PaibanInput", "PaibanTestSupport"]),
        .testTarget(name: "PaibanLibraryTests", dependencies: ["Paiban", "PaibanTestSupport"]),
        .testTarget(name: "PaibanPreviewTests", dependencies: ["PaibanPreview", "PaibanTestSupport"]),
        .testTarget(name: "PaibanInputTests", dependencies: ["PaibanCore", "PaibanInput", "PaibanTestSupport"]),
        .testTarget(name: "PaibanMakeUpTests", dependencies: ["PaibanCore", "PaibanInput", "PaibanTestSupport"]),
        // Property-based tests over hostile input: loaders and composer. Reproducers/ holds the
        // minimal inputs of the failures found (read by path, not bundled).
        .testTarget(
            name: "PaibanFuzzTests",
            dependencies: ["PaibanCore", "PaibanInput", "PaibanTestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Reproducers"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
