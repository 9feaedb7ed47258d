import ArgumentParser
import Foundation
import PaibanPango

/// `paiban init DIR`: a working issue folder to start from: the manifest, two stories (a lead
/// and a brief) and the layout copied for editing, which renders as it is.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new issue folder (manifest, two stories, the layout to edit) that renders as it is."
    )

    @Argument(help: "The folder to create (it must not exist, or be empty).")
    var directory: String
    @Option(help: "The layout to copy: broadsheet or tabloid.")
    var layout: String = "broadsheet"

    func run() throws {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            warn("\(directory): not written: the folder exists and is not empty")
            throw ExitStatus.outputFailed
        }
        guard let layouts = locateResourceDirectory("Layouts", marker: nil, environment: "PAIBAN_LAYOUTS"),
              let template = fm.contents(atPath: layouts + "/\(layout).yaml") else {
            warn("layout '\(layout)' not found (set PAIBAN_LAYOUTS to the project's Layouts folder)")
            throw ExitStatus.inputUnreadable
        }
        let files: [(String, Data)] = [
            ("issue.yaml", Data(Self.manifest(layout: layout).utf8)),
            ("articles/lead.md", Data(Self.lead.utf8)),
            ("articles/brief.md", Data(Self.brief.utf8)),
            ("Layouts/\(layout).yaml", template),
        ]
        try reportingOutputErrors {
            for (name, data) in files {
                let path = directory + "/" + name
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try AtomicOutput.write([UInt8](data), to: path)
            }
        }
        print("wrote \(directory): issue.yaml, articles/lead.md, articles/brief.md, Layouts/\(layout).yaml")
        print("render it: paiban render \(directory) -o \(directory)/out/edition.pdf --png \(directory)/out/proofs")
    }

    static func manifest(layout: String) -> String {
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                                formatOptions: [.withFullDate])
        return """
        # The edition: its paper, date and pages. Each page lists its stories, most important first.
        paper: 示例日报
        date: \(today)
        issue_number: 1
        layout: \(layout)              # Layouts/\(layout).yaml in this folder: edit it to change the page
        pages:
          - number: 1
            section: 要闻
            stories: [lead, brief]

        """
    }

    static let lead = """
    ---
    id: lead
    kind: news
    title: 新型工业化迈出坚实步伐
    deck: ——制造业高质量发展成效明显
    byline: 本报记者 张三
    dateline: 本报讯
    priority: 1
    ---

    今年以来，各地区各部门坚持把发展经济的着力点放在实体经济上，推动制造业高端化、智能化、绿色化发展，新型工业化迈出坚实步伐。规模以上工业增加值同比增长，装备制造业和高技术制造业增势良好，对工业增长的贡献持续提升。

    ## 创新能力持续增强

    企业研发投入稳步增加，一批关键核心技术取得突破。国家级制造业创新中心加快建设，产学研用协同创新体系不断完善，科技成果转化和产业化进程明显加快。

    数字技术与实体经济深度融合。工业互联网平台覆盖重点行业，智能工厂和数字化车间加快普及，中小企业数字化转型步伐加快，生产效率和产品质量稳步提升。

    ## 产业结构不断优化

    传统产业改造升级扎实推进，新兴产业发展壮大，未来产业加快布局。绿色低碳转型深入推进，单位工业增加值能耗持续下降，绿色工厂和绿色园区建设取得积极成效。

    """

    static let brief = """
    ---
    id: brief
    kind: brief
    title: 首届产业链供需对接会举行
    credit: 李四
    priority: 3
    ---

    本报讯　首届产业链供需对接会日前举行，来自全国的三百余家企业参会，现场签约项目五十余个，涉及新材料、集成电路、智能装备等领域。

    """
}
