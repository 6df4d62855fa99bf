"""Time a batch audit of the whole corpus (corpora/plans) with 1 and 2 workers, and the peak memory per worker.

Each run goes into a fresh temporary folder with --force semantics (nothing skipped), JSON reports only
unless --format says otherwise. Peak RSS is what each worker process reports for itself
(getrusage(RUSAGE_SELF).ru_maxrss after each file); the largest value per run is printed.
The reports are deleted afterwards: the benchmark measures time, it does not look at verdicts.

    python scripts/bench_batch.py [--workers 1,2] [--format json] [--repeat 1] [CORPUS_DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from concept_audit.batch import run_batch  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "corpora" / "plans"))
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--format", default="json", help="report formats besides JSON, e.g. html,docx")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    files = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix.lower() in (".docx", ".pdf"))
    total_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {args.corpus}: {len(files)} files ({total_mb:.1f} MB)")
    formats = [f for f in args.format.split(",") if f]
    for workers in (int(w) for w in args.workers.split(",")):
        times, peaks, per_file = [], [], []
        for _ in range(args.repeat):
            out = Path(tempfile.mkdtemp(prefix="bench-batch-"))
            try:
                started = time.perf_counter()
                result = run_batch([args.corpus], out, workers=workers, formats=formats, force=True)
                times.append(time.perf_counter() - started)
                peaks.append(result.peak_rss_kb or 0)
                per_file.extend(r.seconds for r in result.results if r.status == "audited")
                failed = result.failed
            finally:
                shutil.rmtree(out, ignore_errors=True)
        print(f"workers={workers}: wall {statistics.median(times):.1f} s (median of {len(times)}), "
              f"{len(files) / statistics.median(times):.2f} files/s, per file median "
              f"{statistics.median(per_file):.2f} s max {max(per_file):.2f} s, "
              f"peak RSS per worker {max(peaks) / 1024:.0f} MB, failed {len(failed)}")
        for r in failed:
            print(f"  failed: {r.path}: {r.error_code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
