// ArticleDaemon: implementation follows.
