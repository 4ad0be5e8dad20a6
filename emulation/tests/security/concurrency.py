"""Racing threads, each on its own database connection, released together by a barrier."""

import threading

from django.db import connection

RUN = {"operations": 0}


def race(functions):
    """Run the functions at the same instant in threads; [(\"ok\", value) | (\"error\", exception)] in order."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, fn):
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", fn())
        except Exception as error:  # noqa: BLE001 - the race's loser reports what refused it
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    RUN["operations"] += len(functions)
    return results


def winners(results):
    return [value for status, value in results if status == "ok"]


def errors(results):
    return [value for status, value in results if status == "error"]
