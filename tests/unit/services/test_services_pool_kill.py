"""A pool killed while a worker was writing its result must not hang the process at exit.

The manager thread of a ``ProcessPoolExecutor`` that has read half a result waits for the rest;
the interpreter's exit joins that thread. Half a message is written into the result pipe by
hand here (as a worker killed mid-write leaves it), then the pool is killed: the manager
thread must end.
"""

from __future__ import annotations

import os
import struct
import time

from gik_desk import pool


def _noop() -> int:
    return 1


def test_killing_a_pool_with_half_a_result_in_its_pipe_ends_its_manager_thread() -> None:
    executor = pool._new_pool(1)
    try:
        assert executor.submit(_noop).result(timeout=120) == 1
        manager = executor._executor_manager_thread
        assert manager is not None
        assert manager.is_alive()
        writer = executor._result_queue._writer
        os.write(writer.fileno(), struct.pack("!i", 1000) + b"half")  # 4 of 1,000 bytes
        time.sleep(0.5)  # the manager thread is now inside recv(), waiting for 996 more
        pool._kill_pool(executor)
        manager.join(timeout=30)
        assert not manager.is_alive()
    finally:
        pool._kill_pool(executor)
