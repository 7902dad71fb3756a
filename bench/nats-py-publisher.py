#!/usr/bin/env python3
"""The peer for bench/publish.py: what a user would otherwise write to ship a log into JetStream with the
official Python client (nats-py): read the log's lines and publish each to SUBJECT with a Nats-Msg-Id header,
awaiting each acknowledgement before the next (so that the stream keeps the log's order), then print the
records per second.

  nats-py-publisher.py URLS STATE_FOLDER STREAM REPLICAS"""
import asyncio, glob, sys, time

import nats


async def main():
    urls, state, stream, replicas = sys.argv[1].split(","), sys.argv[2], sys.argv[3], int(sys.argv[4])
    lines = []
    for segment in sorted(glob.glob(f"{state}/log/*.jsonl")):
        lines += open(segment, "rb").read().splitlines()
    nc = await nats.connect(servers=urls)
    js = nc.jetstream()
    await js.add_stream(name=stream, subjects=[f"{stream.lower()}.>"], num_replicas=replicas)
    t0 = time.monotonic()
    for i, line in enumerate(lines, 1):
        await js.publish(f"{stream.lower()}.peer.article", line, headers={"Nats-Msg-Id": f"peer/{i}"})
    seconds = time.monotonic() - t0
    await nc.close()
    print(f"{len(lines)} {seconds:.3f}")


asyncio.run(main())
