import ArgumentParser

/// The command's exit statuses, distinct so a script can tell what happened (README lists them).
enum ExitStatus {
    /// `--strict` and the preflight found problems or warnings (the outputs are written).
    static let preflight = ExitCode(1)
    /// The issue (manifest, layout) could not be read at all: nothing was written.
    static let inputUnreadable = ExitCode(2)
    /// `batch`: some editions failed (each one's status is in batch.json and the table).
    static let editionsFailed = ExitCode(3)
    /// An output could not be written (disk full, a folder in the way, an input it would replace).
    static let outputFailed = ExitCode(4)
    // ArgumentParser's own: 64 for a wrong command line (with the usage text).
}
