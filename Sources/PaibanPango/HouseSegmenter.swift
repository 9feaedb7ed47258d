import PaibanCore

/// The word list display lines break by (Dictionaries/zh-words.tsv, found through
/// `$PAIBAN_DICTIONARIES`, next to the executable, or in the working directory), read once per
/// process and shared by its threads (it is immutable).
public let houseWordList: WordList? = {
    guard let dir = locateResourceDirectory("Dictionaries", marker: "zh-words.tsv", environment: "PAIBAN_DICTIONARIES")
    else { return nil }
    return WordList.load(path: dir + "/zh-words.tsv")
}()

/// The segmenter for display lines: jieba's method on the house word list, or, when the list
/// cannot be found, one that keeps Chinese runs whole (headlines then break only at
/// punctuation and spaces; `houseWordList == nil` tells the caller to warn).
public func houseSegmenter() -> any WordSegmenting {
    if let words = houseWordList { return DictionarySegmenter(words: words) }
    return CharacterSegmenter()
}
