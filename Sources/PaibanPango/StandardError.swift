import CPangoCairo

/// Writes a line to standard error (through the C shim: Swift 6 rejects Glibc's global `stderr`).
public func writeToStandardError(_ line: String) {
    fputs(line + "\n", paiban_stderr())
}

/// Writes to standard output without a newline (progress bars) and flushes it.
public func writeToStandardOutput(_ text: String) {
    fputs(text, paiban_stdout())
    fflush(paiban_stdout())
}
