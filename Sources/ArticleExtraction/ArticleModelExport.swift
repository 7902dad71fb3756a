/// The extractor's output type lives in `ArticleModel` (the log stores it without depending on the extractor);
/// importing `ArticleExtraction` brings it along, so callers of the extractor need one import.
@_exported import ArticleModel
