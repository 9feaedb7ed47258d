import ArgumentParser

@main
struct Paiban: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paiban",
        abstract: "排版 Paiban: a typesetter for Chinese newspapers.",
        version: paibanVersion,
        subcommands: [Render.self, Batch.self, Compose.self, Init.self, Preview.self]
    )
}

/// The release this build is (`paiban --version`).
let paibanVersion = "0.12.0"
