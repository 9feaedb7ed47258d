import ArgumentParser

@main
struct Paiban: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paiban",
        abstract: "排版 Paiban: a typesetter for Chinese newspapers.",
        subcommands: [Render.self, Batch.self, Compose.self]
    )
}
