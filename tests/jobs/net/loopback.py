# A test suite's own servers: serve and connect on 127.0.0.1 and ::1,
# over TCP and UDP, and over HTTP (http.server and urllib).
import http.server
import socket
import threading
import urllib.request

for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    srv = socket.socket(fam)
    srv.bind((host, 0))
    srv.listen(1)
    c = socket.create_connection(srv.getsockname()[:2], timeout=10)
    a, _ = srv.accept()
    a.sendall(b"pong")
    print("tcp", host, c.recv(4).decode())
    u = socket.socket(fam, socket.SOCK_DGRAM)
    u.bind((host, 0))
    v = socket.socket(fam, socket.SOCK_DGRAM)
    v.sendto(b"pong", u.getsockname()[:2])
    print("udp", host, u.recv(4).decode())


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello over http"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


httpd = http.server.HTTPServer(("127.0.0.1", 0), Hello)
threading.Thread(target=httpd.serve_forever, daemon=True).start()
url = "http://127.0.0.1:%d/" % httpd.server_address[1]
print("http", urllib.request.urlopen(url, timeout=10).read().decode())
