"""The JSON report: the stable, versioned machine format (schema ``concept-audit/report@1``).

Documented in the README. Keys are only ever added within a schema version, never renamed or removed.
"""

from __future__ import annotations

import json

from ..model import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
