#!/usr/bin/env python3
"""server.py DOCROOT LOG PORTFILE: a loopback HTTP server for the fetch tests.

Binds 127.0.0.1 on a free port, writes the port to PORTFILE, serves until
killed.  The first part of a path says how to misbehave; the rest names a
file in DOCROOT:
  /a/F      200 with ETag and Last-Modified; 304 on a matching
            If-None-Match or a later If-Modified-Since
  /lm/F     as /a/ with Last-Modified only, labelled text/html (as some
            servers label CSV files)
  /moved/F  301 to /a/F
  /flaky/F  500 twice, then as /a/
  /stall/F  the first request waits STALL seconds (env, default 3) before
            answering; later ones as /a/
  /html/F   200 text/html: a "page not found" page
  /cut/F    Content-Length of the whole file, then half of it, then closes
  /empty/F  200 with no body
  /gone/F   404
Every request is logged to LOG as "PATH STATUS BODY-BYTES" (a stalled one
as "PATH 0 0" when it arrives).
"""
import email.utils
import hashlib
import http.server
import os
import sys
import threading
import time

DOCROOT, LOG, PORTFILE = sys.argv[1:4]
STALL = float(os.environ.get("STALL", "3"))
MTIME = 1704067200  # 2024-01-01, the Last-Modified of every file
counts = {}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log(self, status, nbytes):
        with lock, open(LOG, "a") as f:
            f.write("%s %d %d\n" % (self.path, status, nbytes))

    def send(self, status, body=b"", ctype="text/csv", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)
        self.log(status, len(body))

    def do_GET(self):
        parts = self.path.split("?")[0].split("/", 2)
        mode, name = (parts[1], parts[2]) if len(parts) == 3 else ("", "")
        with lock:
            n = counts[self.path] = counts.get(self.path, 0) + 1
        path = os.path.join(DOCROOT, os.path.basename(name))
        if mode == "gone" or not os.path.isfile(path):
            return self.send(404, b"not found\n", "text/plain")
        with open(path, "rb") as f:
            body = f.read()
        if mode == "moved":
            return self.send(301, b"", headers=[("Location", "/a/" + name)])
        if mode == "flaky" and n <= 2:
            return self.send(500, b"busy\n", "text/plain")
        if mode == "stall" and n == 1:
            self.log(0, 0)  # logged now: the client has gone when it ends
            time.sleep(STALL)
        if mode == "html":
            return self.send(200, b"<!DOCTYPE html>\n<html><body>Page not found</body></html>\n",
                             "text/html; charset=utf-8")
        if mode == "empty":
            return self.send(200, b"")
        if mode == "cut":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.log(200, len(body) // 2)
            self.close_connection = True
            return
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        lm = email.utils.formatdate(MTIME, usegmt=True)
        headers = [("Last-Modified", lm)]
        if mode != "lm":
            headers.append(("ETag", etag))
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, headers=headers)
        ims = self.headers.get("If-Modified-Since")
        if ims and mode == "lm":
            try:
                if email.utils.parsedate_to_datetime(ims).timestamp() >= MTIME:
                    return self.send(304, headers=headers)
            except (TypeError, ValueError):
                pass
        ctype = "text/csv" if path.endswith(".csv") else "application/octet-stream"
        if mode == "lm":
            ctype = "text/html; charset=utf-8"
        return self.send(200, body, ctype, headers)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
