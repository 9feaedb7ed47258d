// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Paiban",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PaibanCore", targets: ["PaibanCore"]),
        .library(name: "PaibanPango", targets: ["PaibanPango"]),
        .executable(name: "paiban", targets: ["paiban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Cairo, Pango (with its fontconfig back end), fontconfig, HarfBuzz's subsetter and zlib
        // (the PDF writer's font embedding and compression), through pkg-config.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo pangoft2 fontconfig libjpeg harfbuzz-subset zlib",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libfontconfig-dev", "libjpeg-dev", "libharfbuzz-dev", "zlib1g-dev"])]
        ),
        // The pure-Swift core: units, rule tables, normalisation, the paragraph composer.
        .target(name: "PaibanCore"),
        // Reading an issue folder: the manifest, stories (Markdown + front matter), layout templates.
        .target(name: "PaibanInput", dependencies: ["PaibanCore", .product(name: "Yams", package: "Yams")]),
        // The thin layer over Pango/HarfBuzz (shaping, fonts) and Cairo (drawing).
        .target(name: "PaibanPango", dependencies: ["PaibanCore", "CPangoCairo"]),
        .executableTarget(
            name: "paiban",
            dependencies: [
                "PaibanCore", "PaibanPango", "PaibanInput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "paiban-bench", dependencies: ["PaibanCore", "PaibanPango", "CPangoCairo"]),
        // The conformance corpus and its property checks, shared by the fake-shaper and Pango tests.
        .target(name: "PaibanTestSupport", dependencies: ["PaibanCore"]),
        .testTarget(name: "PaibanCoreTests", dependencies: ["PaibanCore", "PaibanTestSupport"]),
        .testTarget(name: "PaibanPangoTests", dependencies: ["PaibanCore", "PaibanPango", "PaibanInput", "PaibanTestSupport"]),
        .testTarget(name: "PaibanInputTests", dependencies: ["PaibanCore", "PaibanInput", "PaibanTestSupport"]),
        .testTarget(name: "PaibanMakeUpTests", dependencies: ["PaibanCore", "PaibanInput", "PaibanTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
