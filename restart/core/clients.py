"""Who is asking: the client's address, the same for the audit trail and login throttling."""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def _valid(candidate: str) -> str | None:
    try:
        return str(ip_address(candidate.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address the nearest trusted proxy saw, or the socket's peer without a proxy.

    Every proxy appends the address it received the request from to X-Forwarded-For, so the
    entries on the left are whatever the client wrote. With TRUSTED_PROXY_HOPS = N the Nth
    entry from the right is the last one our own proxies vouch for. A header that is missing,
    shorter than N or not an address falls back to REMOTE_ADDR: never to a client-chosen value.
    """
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    return _valid(forwarded[-hops]) or remote
