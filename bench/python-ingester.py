#!/usr/bin/env python3
"""The ingester a user would otherwise write, kept to compare with articled (bench/burst-vs-python.sh): watchdog's
inotify observer, trafilatura's bare_extraction on each file that is closed after writing or renamed in (lines
wrapped as <p> paragraphs), one JSON line appended and fdatasynced per file, then the file moved to done/.

  python-ingester.py INCOMING STATE"""
import html, json, os, sys, time
from trafilatura import bare_extraction
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

incoming, state = sys.argv[1], sys.argv[2]
done = os.path.join(state, "done")
os.makedirs(done, exist_ok=True)
log = open(os.path.join(state, "log.jsonl"), "ab")

def ingest(path):
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return
    page = "<html><body>" + "".join(f"<p>{html.escape(l)}</p>" for l in text.splitlines() if l.strip()) + "</body></html>"
    doc = bare_extraction(page, with_metadata=True)
    d = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    record = {"source": os.path.relpath(path, incoming), "time": time.time(),
              "title": d.get("title"), "author": d.get("author"), "date": d.get("date"), "text": d.get("text")}
    log.write(json.dumps(record).encode() + b"\n")
    log.flush()
    os.fdatasync(log.fileno())
    os.rename(path, os.path.join(done, os.path.basename(path)))

class Handler(FileSystemEventHandler):
    # A file written in place is taken when closed; one renamed in from outside the folder arrives whole,
    # and watchdog reports it as created.
    def on_closed(self, event):
        if not event.is_directory: ingest(event.src_path)
    def on_created(self, event):
        if not event.is_directory and os.path.getsize(event.src_path) > 0: ingest(event.src_path)
    def on_moved(self, event):
        if not event.is_directory and event.dest_path.startswith(incoming): ingest(event.dest_path)

observer = Observer()
observer.schedule(Handler(), incoming, recursive=True)
observer.start()
for name in sorted(os.listdir(incoming)): ingest(os.path.join(incoming, name))
try:
    while True: time.sleep(1)
finally:
    observer.stop(); observer.join()
