# Connect to each HOST:PORT given: "HOST:PORT reached" when a server
# outside answered, else "HOST:PORT ERRNO" (ECONNREFUSED, ENETUNREACH...).
import errno
import socket
import sys

for a in sys.argv[1:]:
    h, p = a.rsplit(":", 1)
    try:
        socket.create_connection((h, int(p)), timeout=5).close()
        print(a, "reached")
    except socket.timeout:
        print(a, "ETIMEDOUT")
    except OSError as e:
        print(a, errno.errorcode.get(e.errno, str(e)))
