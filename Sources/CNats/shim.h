// The NATS C client (Debian's libnats-dev 3.4), as packaged: JetStream publishing and consuming.
#include <nats/nats.h>
