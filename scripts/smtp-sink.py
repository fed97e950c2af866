#!/usr/bin/env python3
"""A minimal local SMTP sink for `reskontro bench all --smtp-port P`: accepts every message and throws it away.

    python3 scripts/smtp-sink.py 2525
    python3 scripts/smtp-sink.py 0       # any free port; the first line printed is "listening on 127.0.0.1:<port>"

Only for benchmarks on 127.0.0.1 (no TLS, no authentication, nothing stored). One thread per connection.
"""
import socketserver
import sys


class Handler(socketserver.StreamRequestHandler):
    disable_nagle_algorithm = True  # else each reply waits for the client's delayed ACK (about 40 ms a message)

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))
        self.wfile.flush()

    def handle(self):
        self.reply("220 localhost sink")
        in_data = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    self.reply("250 OK")
                continue
            cmd = line[:4].upper()
            if cmd in (b"EHLO", b"HELO"):
                self.reply("250 localhost")
            elif cmd == b"DATA":
                in_data = True
                self.reply("354 end with .")
            elif cmd == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 OK")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 2525
    with Server(("127.0.0.1", port), Handler) as s:
        print("listening on 127.0.0.1:%d" % s.server_address[1], flush=True)
        s.serve_forever()
