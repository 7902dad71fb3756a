// SystemdSupport: implementation follows.
