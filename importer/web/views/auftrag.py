"""`/auftrag.json`: the current job for the pages' polling script (and for tests).

The progress box is rendered by the same template as in the page, so the script only swaps
the box's content and reloads the page when the job has ended.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from werkzeug.wrappers import Response

from importer.web.workspace import current_workspace

blueprint = Blueprint("auftrag", __name__)


@blueprint.get("/auftrag.json")
def state() -> Response:
    job = current_workspace().slot.current
    if job is None:
        return jsonify({"id": "", "art": "", "zustand": "", "laeuft": False, "html": ""})
    view = job.progress.view()
    return jsonify(
        {
            "id": job.id,
            "art": job.kind,
            "zustand": job.state,
            "laeuft": job.running,
            "zeilen": view.rows,
            "phasen": [
                {"name": p.name, "gesamt": p.total, "erledigt": p.done} for p in view.phases
            ],
            "html": render_template("_fortschritt.html", job=job, view=view),
        }
    )
