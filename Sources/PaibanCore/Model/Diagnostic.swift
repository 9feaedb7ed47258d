/// A message about the input or the result, naming where it comes from.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }
    public var severity: Severity
    public var file: String?
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, file: String? = nil, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        var place = file ?? ""
        if let line { place += ":\(line)" }
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue): \(message)"
    }
}

/// An input problem that stops the thing it concerns (a story, a layout, the manifest).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic
    public init(file: String, line: Int? = nil, _ message: String) {
        diagnostic = Diagnostic(.error, file: file, line: line, message)
    }
    public var description: String { diagnostic.description }
}
