"""Bounded load test of `sitroom serve` on loopback: N concurrent clients for S seconds.

Starts a real server (uvicorn, 127.0.0.1, a free port) over an output folder, sends GET
requests to the JSON API and full-text search from `--clients` concurrent clients for
`--seconds`, then stops by itself. Reports requests/s, p50/p99 latency and errors.

    python benchmarks/load_serve.py OUT_DIR --clients 50 --seconds 30 [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROUTES = [
    "/api/events?limit=50",
    "/api/claims?limit=50",
    "/api/quotes?limit=50",
    "/api/control",
    "/api/stories",
    "/api/search?q=Baghdad",
    "/api/search?q=militants",
    "/api/events?type=Battles",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(target: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "sitroom.surfaces.cli", "serve", str(target), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("sitroom serve did not start within 60 s")


async def client(base: str, until: float, latencies: list[float], errors: list[str], offset: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        i = offset
        while time.perf_counter() < until:
            route = ROUTES[i % len(ROUTES)]
            i += 1
            t0 = time.perf_counter()
            try:
                res = await http.get(route)
                if res.status_code != 200:
                    errors.append(f"{route}: HTTP {res.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{route}: {exc!r}")
            latencies.append(time.perf_counter() - t0)


async def load(base: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    until = t0 + seconds
    await asyncio.gather(*(client(base, until, latencies, errors, k) for k in range(clients)))
    elapsed = time.perf_counter() - t0
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1) if ordered else None,
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def run(target: Path, clients: int, seconds: float) -> dict:
    port = free_port()
    proc = start_server(target, port)
    try:
        return asyncio.run(load(f"http://127.0.0.1:{port}", clients, seconds))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", type=Path, help="an output folder of `sitroom run` (or its sitroom.db)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = run(args.target, args.clients, min(args.seconds, 300))
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
