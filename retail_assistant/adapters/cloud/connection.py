"""The httpx client behind the cloud calls and the reachability probe: TLS, proxy and timeouts.

Certificates are checked against, in order of preference: the CA file the shop set (for a
company proxy that re-signs TLS), the operating system's store through `truststore` when that
package is installed, or httpx's default bundle (certifi) otherwise.
"""

from __future__ import annotations

import importlib.util
import ssl

import httpx

from retail_assistant.adapters.cloud.settings import CloudSettings
from retail_assistant.core.errors import InputError

__all__ = ["USER_AGENT", "build_http_client", "tls_verification"]

USER_AGENT = "retail-assistant"


def build_http_client(settings: CloudSettings, *, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """Build the httpx client for `settings`; `transport` replaces the network, as in tests.

    Raises InputError when the CA file cannot be loaded.
    """
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )
    return httpx.Client(
        timeout=timeout,
        verify=tls_verification(settings),
        proxy=settings.proxy_url,
        transport=transport,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
    )


def tls_verification(settings: CloudSettings) -> ssl.SSLContext | bool:
    """Return what httpx's `verify` gets: an SSL context, or True for httpx's default bundle."""
    if settings.ca_file is not None:
        try:
            return ssl.create_default_context(cafile=str(settings.ca_file))
        except (OSError, ssl.SSLError) as error:
            raise InputError(
                f"the CA certificate file {settings.ca_file} cannot be loaded ({error}); choose a PEM file "
                "of certificates or clear the setting"
            ) from error

    if importlib.util.find_spec("truststore") is not None:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return True
