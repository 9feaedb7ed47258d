import Foundation

/// A child process spoken to in lines: a command's stdin and stdout.
final class LineProcess {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private var buffer: [UInt8] = []

    init(_ executable: String, _ arguments: [String], directory: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The next line the process writes, or nil once it has closed its output.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Headless Chromium (Debian's package) driven over the DevTools protocol by
/// `tools/preview/browser.py`: navigate, evaluate JavaScript, wait for a condition, click.
final class Browser {
    private let driver: LineProcess

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(root: String, chromium: String) throws {
        driver = try LineProcess("/usr/bin/env", ["python3", root + "/tools/preview/browser.py", chromium])
        guard let ready = driver.readLine(), ready.contains("\"ready\": true") else {
            throw BrowserError("the browser did not start")
        }
    }

    @discardableResult
    func command(_ object: [String: Any]) throws -> [String: Any] {
        let data = try JSONSerialization.data(withJSONObject: object)
        driver.send(String(decoding: data, as: UTF8.self))
        guard let line = driver.readLine(),
              let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw BrowserError("the browser stopped answering")
        }
        return answer
    }

    func navigate(_ url: String) throws { try command(["navigate": url]) }

    func eval(_ js: String) throws -> Any? {
        let answer = try command(["eval": js])
        guard answer["ok"] as? Bool == true else { throw BrowserError("\(js): \(answer["error"] ?? "")") }
        return answer["value"]
    }

    /// Waits until `js` is truthy; false when `timeout` seconds pass first.
    func wait(_ js: String, timeout: Double) throws -> Bool {
        try command(["wait": js, "timeout": timeout])["ok"] as? Bool == true
    }

    func click(_ selector: String) throws {
        let answer = try command(["click": selector])
        guard answer["ok"] as? Bool == true else { throw BrowserError("click \(selector): \(answer["error"] ?? "")") }
    }

    func quit() {
        _ = try? command(["quit": true])
        driver.stop()
    }
}

struct BrowserError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
