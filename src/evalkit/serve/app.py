"""The ASGI application of ``evalkit serve`` (Starlette): GET and HEAD only, read-only.

Every path goes through ``Dashboard.answer``; what it does not know is a 404, whatever dots,
encodings or links the path holds.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from evalkit.serve.dashboard import Dashboard

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def make_app(dashboard: Dashboard) -> Starlette:
    """The web application over ``dashboard``."""

    def endpoint(request: Request) -> Response:
        answer = dashboard.answer(request.scope["path"])
        if answer is None:
            page = dashboard.not_found(request.scope["path"])
            return Response(page.body, 404, headers=HEADERS, media_type=page.media_type)
        return Response(answer.body, media_type=answer.media_type, headers=HEADERS)

    return Starlette(routes=[Route("/{path:path}", endpoint, methods=["GET", "HEAD"])])
