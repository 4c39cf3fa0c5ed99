# A unittest with multiprocessing: a Pool (POSIX semaphores in /dev/shm,
# worker processes) and a Manager (a server process reached through an
# AF_UNIX socket in $TMPDIR).
import multiprocessing
import unittest


def square(x):
    return x * x


def record(shared, x):
    shared.append(square(x))


class TestMultiprocessing(unittest.TestCase):
    def test_pool(self):
        with multiprocessing.Pool(2) as pool:
            self.assertEqual(pool.map(square, range(10)),
                             [x * x for x in range(10)])

    def test_manager(self):
        with multiprocessing.Manager() as manager:
            shared = manager.list()
            procs = [multiprocessing.Process(target=record, args=(shared, x))
                     for x in range(4)]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
            self.assertEqual(sorted(shared), [0, 1, 4, 9])

    def test_lock_and_queue(self):
        lock = multiprocessing.Lock()
        queue = multiprocessing.Queue()
        with lock:
            p = multiprocessing.Process(target=queue.put, args=("hi",))
            p.start()
            self.assertEqual(queue.get(timeout=30), "hi")
            p.join()


if __name__ == "__main__":
    unittest.main()
