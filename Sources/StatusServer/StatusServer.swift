// StatusServer: implementation follows.
