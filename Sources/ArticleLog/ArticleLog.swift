// ArticleLog: implementation follows.
