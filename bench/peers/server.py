"""The one loopback plex.tv for every contender: `GET /<peer>/<variant>/api/v2/user` answers
with the variant's account, as JSON when the request's Accept names JSON and as Plex-style XML
otherwise (python-plexapi asks for no type and parses XML). Both come from the same document.
The first request of each peer is recorded (path, Accept, client identifier sent or not),
and its requests and connections are counted."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import quoteattr

import variants


def _attr(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _singular(name):
    return name[:-1] if name.endswith("s") else name + "Item"


def to_xml(tag, doc):
    """Plex's XML shape: scalars are attributes (booleans 1/0, nulls left out), objects are
    child elements, lists are a wrapper element of singular items (scalars as `id=`)."""
    attrs, children = [], []
    for key, value in doc.items():
        if value is None:
            continue
        if isinstance(value, dict):
            children.append(to_xml(key, value))
        elif isinstance(value, list):
            items = [to_xml(_singular(key), v if isinstance(v, dict) else {"id": v}) for v in value]
            children.append(f"<{key}>{''.join(items)}</{key}>" if items else f"<{key}/>")
        else:
            attrs.append(f" {key}={quoteattr(_attr(value))}")
    head = f"<{tag}{''.join(attrs)}"
    return f"{head}>{''.join(children)}</{tag}>" if children else f"{head}/>"


def _render():
    out = {}
    for name, doc in variants.bodies().items():
        xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + (to_xml("user", doc) if doc else "<user/>")
        out[name] = {"json": variants.compact(doc), "xml": xml.encode()}
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall
    bodies = {}
    seen = {}
    token = ""

    def do_GET(self):
        parts = self.path.split("?", 1)[0].strip("/").split("/")
        peer = parts[0] if parts else ""
        accept = self.headers.get("Accept", "")
        kind = "json" if "json" in accept else "xml"
        self.seen.setdefault(peer, {
            "path": "/" + "/".join(parts[2:]),
            "accept": accept or "(none)",
            "client_identifier": bool(self.headers.get("X-Plex-Client-Identifier")),
            "served": kind,
            "requests": 0,
            "connections": 0,
        })
        self.seen[peer]["requests"] += 1
        if not getattr(self, "counted", False):  # one handler per connection
            self.counted = True
            self.seen[peer]["connections"] += 1
        if len(parts) != 5 or parts[2:] != ["api", "v2", "user"] or parts[1] not in self.bodies:
            return self._send(404, "text/plain", b"not found")
        if self.headers.get("X-Plex-Token") != self.token:
            return self._send(401, "application/json", b'{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}')
        ctype = "application/json; charset=utf-8" if kind == "json" else "application/xml; charset=utf-8"
        self._send(200, ctype, self.bodies[parts[1]][kind])

    def _send(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start(token):
    """Starts the server on 127.0.0.1 (a free port) in a daemon thread; returns it."""
    Handler.bodies = _render()
    Handler.token = token
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def base_url(server, peer, variant="baseline"):
    return f"http://127.0.0.1:{server.server_port}/{peer}/{variant}/api/v2"


if __name__ == "__main__":
    print(_render()["baseline"]["xml"].decode()[:1500])
