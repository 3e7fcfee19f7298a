"""Benchmark, not a test: the XOR explorer training 2,000 steps in headless Chromium, 4x slower CPU.

Serves a built site (``--site``, default ``site/``, made by ``make site``) under
/activation-functions/, opens the explorer at a seed, throttles the CPU four times
(``Emulation.setCPUThrottlingRate``, as Lighthouse's mobile runs do) and presses Play: the
explorer trains and redraws the heatmap, the hidden layer's view, the table and the loss
curve every frame. Prints the time to 2,000 steps, the frames drawn, the longest frame, the
longest main-thread task (Long Tasks API: tasks over 50 ms; 0 when there are none), which
frames took over 50 ms, and, from a trace, the longest task's CPU time on the main thread:
the throttled CPU time it costs, which other processes on a shared machine do not stretch as
they stretch the wall-clock figures (run it a few times). Play is pressed once the page has
painted what scrolling to the explorer brought into view (its figures), which is not training.

    .venv/bin/python benchmarks/bench_explorer.py --site site --activation gelu --seed 7
"""

from __future__ import annotations

import argparse
import functools
import json
import socket
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

MEASURE = """async (steps) => {
    const api = window.xorExplorer;
    const tasks = [];
    new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)))
        .observe({ type: "longtask" });
    const frames = [];
    const start = performance.now();
    let last = start;
    document.getElementById("xe-play").click();
    await new Promise((done) => {
        const tick = (now) => {
            frames.push(now - last);
            last = now;
            if (api.state().step >= steps) done();
            else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
    });
    const total = performance.now() - start;
    document.getElementById("xe-play").click();
    await new Promise((r) => setTimeout(r, 100));  // the last long tasks reach the observer
    return { total, frames: frames.length, longestFrame: Math.max(...frames),
             longestTask: Math.max(0, ...tasks), longTasks: tasks.length,
             step: api.state().step,
             slowFrames: frames.map((t, i) => [i, Math.round(t)]).filter(([, t]) => t > 50) };
}"""


def longest_task_cpu(trace: dict) -> float:
    """The most CPU time, in ms, one task took on the page's main thread."""
    events = trace["traceEvents"]
    thread = {
        (e["pid"], e["tid"]): e["args"].get("name") for e in events if e["name"] == "thread_name"
    }
    tasks = [e for e in events if e["name"] == "ThreadControllerImpl::RunTask"]
    return max(
        e.get("tdur", 0) / 1000
        for e in tasks
        if thread.get((e["pid"], e["tid"])) == "CrRendererMain"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--activation", default="gelu")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--throttle", type=float, default=4)
    parser.add_argument("--width", type=int, default=390)
    args = parser.parse_args()

    from chromium import ANIMATIONS_DONE, CHROMIUM, CHROMIUM_ARGS, SETTLED
    from playwright.sync_api import sync_playwright

    from activation_tutorial.serving import BASE_PATH, SiteHandler

    if not (args.site / "xor-network" / "index.html").exists():
        parser.error(f"no built site in {args.site} (make site)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = functools.partial(SiteHandler, directory=str(args.site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{port}{BASE_PATH}xor-network/?act={args.activation}&seed={args.seed}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 900})
            page.goto(url)
            page.wait_for_function(f"window.xorExplorer?.state().seed === {args.seed}")
            page.locator("#xe-canvas").scroll_into_view_if_needed()
            page.evaluate(ANIMATIONS_DONE)
            page.evaluate(SETTLED)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.throttle})
            browser.start_tracing(page=page, categories=["toplevel"])
            result = page.evaluate(MEASURE, args.steps)
            result["longestTaskCpu"] = longest_task_cpu(json.loads(browser.stop_tracing()))
            browser.close()
    finally:
        server.shutdown()
    print(json.dumps({"activation": args.activation, "seed": args.seed, "width": args.width,
                      "cpu_throttling": args.throttle, **result}))  # fmt: skip
    print(
        f"{result['step']} steps ({args.activation}, seed {args.seed}, {args.width} px, "
        f"{args.throttle:g}x CPU throttling): {result['total'] / 1000:.2f} s in "
        f"{result['frames']} frames, longest frame {result['longestFrame']:.0f} ms, "
        f"longest main-thread task {result['longestTask']:.0f} ms "
        f"({result['longTasks']} tasks over 50 ms), {result['longestTaskCpu']:.0f} ms of "
        "main-thread CPU; frames over 50 ms (index, ms): "
        f"{result['slowFrames']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
