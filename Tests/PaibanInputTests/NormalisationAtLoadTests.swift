import Foundation
import Testing
import PaibanCore
@testable import PaibanInput

/// Every field of the input is normalised once, when it is loaded, and each change is kept with
/// its field and its offset in that field.
@Suite struct NormalisationAtLoadTests {
    static let article = """
        ---
        id: n
        column: "观察 ,评论"
        kicker: 聚焦AI,大模型
        title: 营收41.3%,AI芯片领跑
        deck: ——App,支持多语言
        dateline: 本报讯(记者 张三)
        byline: 本报记者 张心怡
        credit: "耀文 , 张三"
        jump_title: "先进封装:下"
        images:
          - file: images/a.jpg
            caption: 图为展会现场,观众络绎不绝
            credit: 本报记者 李四摄
        ---

        第一段没有问题。

        ## 小标题 一

        第二段,
        有逗号。

        ## 设备材料

        第三段(含税)。
        """

    func change(_ field: String, _ offset: Int, _ from: String, _ to: String) -> FieldNormalisation {
        FieldNormalisation(field: field, change: NormalizationChange(offset: offset, original: from, replacement: to))
    }

    @Test("every field of a story is normalised at load, not only the body: head, dateline, byline, credit, jump title, captions, subheads")
    func everyFieldNormalised() throws {
        let (s, _) = try ArticleLoader.parse(Self.article, file: "n.md")
        #expect(s.columnLabel == "观察，评论")
        #expect(s.kicker == "聚焦AI，大模型")
        #expect(s.title == "营收41.3%，AI芯片领跑")
        #expect(s.deck == "——App，支持多语言")
        #expect(s.dateline == "本报讯（记者\u{3000}张三）")
        #expect(s.byline == "本报记者\u{3000}张心怡")
        #expect(s.credit == "耀文，张三")
        #expect(s.jumpTitle == "先进封装：下")
        #expect(s.images.first?.caption == "图为展会现场，观众络绎不绝")
        #expect(s.images.first?.credit == "本报记者\u{3000}李四摄")
        #expect(s.body == [.paragraph("第一段没有问题。"), .subhead("小标题\u{3000}一"), .paragraph("第二段，有逗号。"),
                           .subhead("设备材料"), .paragraph("第三段（含税）。")])
    }

    @Test("each change is recorded once, in reading order, with its field and its offset within that field")
    func changesWithFieldAndOffset() throws {
        let (s, _) = try ArticleLoader.parse(Self.article, file: "n.md")
        #expect(s.normalisation == [
            change("column", 2, " ", ""), change("column", 3, ",", "，"),
            change("kicker", 4, ",", "，"),
            change("title", 7, ",", "，"),
            change("deck", 5, ",", "，"),
            change("images[0].caption", 6, ",", "，"),
            change("images[0].credit", 4, " ", "\u{3000}"),
            change("byline", 4, " ", "\u{3000}"),
            change("dateline", 3, "(", "（"), change("dateline", 6, " ", "\u{3000}"), change("dateline", 9, ")", "）"),
            change("subhead 1", 3, " ", "\u{3000}"),
            change("paragraph 2", 3, ",", "，"),
            change("paragraph 3", 3, "(", "（"), change("paragraph 3", 6, ")", "）"),
            change("credit", 2, " ", ""), change("credit", 3, ",", "，"), change("credit", 4, " ", ""),
            change("jump_title", 4, ":", "："),
        ], "\(s.normalisation.map(\.description))")
    }

    @Test("the manifest's paper name, banner and page sections are normalised at load, their changes kept on the issue")
    func manifestNormalised() throws {
        let dir = try IssueLoaderTests().folder([
            "issue.yaml": """
                paper: 电子 报
                date: 2026-01-05
                banner: "SEMICON China 2026特刊,上海"
                pages:
                  - number: 1
                    section: 要闻(一)
                    stories: [a]
                  - number: 2
                    section: 综合
                    stories: []
                """,
            "articles/a.md": "---\nid: a\n---\n\n正文。\n",
        ])
        let loaded = try IssueLoader.load(directory: dir, layoutSearchPath: [IssueLoaderTests.root + "/Layouts"])
        let issue = loaded.issue
        #expect(issue.paperName == "电子\u{3000}报")
        #expect(issue.banner == "SEMICON China 2026特刊，上海")
        #expect(issue.pages.map(\.section) == ["要闻（一）", "综合"])
        #expect(issue.normalisation == [
            change("paper", 2, " ", "\u{3000}"),
            change("banner", 20, ",", "，"),
            change("pages[0].section", 2, "(", "（"), change("pages[0].section", 4, ")", "）"),
        ], "\(issue.normalisation.map(\.description))")
    }

    @Test("the sample edition loads normalised: normalising any field again changes nothing")
    func sampleLoadsNormalised() throws {
        let loaded = try IssueLoader.load(directory: IssueLoaderTests.root + "/Examples/semicon-special",
                                          layoutSearchPath: [IssueLoaderTests.root + "/Layouts"])
        var fields: [String] = [loaded.issue.paperName] + [loaded.issue.banner].compactMap { $0 } + loaded.issue.pages.map(\.section)
        var recorded = 0
        for s in loaded.issue.stories.values {
            fields += [s.columnLabel, s.kicker, s.title, s.deck, s.dateline, s.byline, s.credit, s.jumpTitle].compactMap { $0 }
            fields += s.images.flatMap { [$0.caption, $0.credit].compactMap { $0 } }
            fields += s.body.map { b in switch b { case .paragraph(let t), .subhead(let t): t } }
            recorded += s.normalisation.count
        }
        for f in fields { #expect(normalizeParagraph(f).changes.isEmpty, "“\(f)”") }
        // The sample copy has ASCII marks and spaces to normalise: the changes were recorded.
        #expect(recorded > 10)
    }
}
