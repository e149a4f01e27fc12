"""Cloud settings: presets, validation, secrecy of the key, TLS choice."""

from __future__ import annotations

import ssl
from decimal import Decimal

import certifi
import pytest

from retail_assistant.adapters.cloud import PRESETS, CloudSettings, ModelPrice
from retail_assistant.adapters.cloud.connection import build_http_client, tls_verification
from retail_assistant.core.errors import InputError

KEY = "sk-proj-SECRET-abcdef0123456789"


def test_every_preset_builds_valid_settings():
    for name, preset in PRESETS.items():
        base_url = "https://shop.openai.azure.com/openai/v1" if name == "azure" else preset.base_url
        settings = CloudSettings.from_preset(name, base_url=base_url, model=preset.model or "served-model", api_key=KEY)

        assert settings.base_url.endswith("/v1")
        assert settings.configured, name


def test_preset_base_urls():
    assert PRESETS["openai"].base_url == "https://api.openai.com/v1"
    assert PRESETS["mistral"].base_url == "https://api.mistral.ai/v1"
    assert PRESETS["groq"].base_url == "https://api.groq.com/openai/v1"
    assert PRESETS["ollama"].base_url == "http://127.0.0.1:11434/v1"
    assert PRESETS["llamacpp"].base_url == "http://127.0.0.1:8080/v1"
    assert PRESETS["vllm"].base_url == "http://127.0.0.1:8000/v1"
    assert not PRESETS["mistral"].include_usage
    assert not PRESETS["groq"].include_usage
    assert PRESETS["openai"].include_usage


def test_azure_preset_needs_resource_name():
    with pytest.raises(InputError) as caught:
        CloudSettings.from_preset("azure")

    assert "angle brackets" in str(caught.value)


def test_unknown_preset_is_rejected():
    with pytest.raises(InputError) as caught:
        CloudSettings.from_preset("acme")

    assert "openai" in str(caught.value)


@pytest.mark.parametrize(
    "url",
    ["ftp://api.example/v1", "api.openai.com/v1", "https://api.openai.com", "https://api.openai.com/v2", "https:///v1"],
)
def test_bad_base_url_says_v1(url):
    with pytest.raises(InputError) as caught:
        CloudSettings(base_url=url, model="m")

    message = str(caught.value)
    assert "/v1" in message
    assert "http" in message


def test_trailing_slash_is_removed():
    assert CloudSettings(base_url="https://api.openai.com/v1/", model="m").base_url == "https://api.openai.com/v1"


def test_credentials_in_base_url_rejected_without_echo():
    with pytest.raises(InputError) as caught:
        CloudSettings(base_url="https://user:hunter2@api.example/v1", model="m")

    assert "hunter2" not in str(caught.value)


def test_missing_ca_file_is_rejected(tmp_path):
    missing = tmp_path / "company-ca.pem"

    with pytest.raises(InputError) as caught:
        CloudSettings(base_url="https://api.openai.com/v1", model="m", ca_file=missing)

    assert str(missing) in str(caught.value)


def test_ca_file_builds_ssl_context():
    settings = CloudSettings(base_url="https://api.openai.com/v1", model="m", ca_file=certifi.where())

    verify = tls_verification(settings)

    assert isinstance(verify, ssl.SSLContext)


def test_unreadable_ca_file_is_input_error(tmp_path):
    bogus = tmp_path / "not-a-certificate.pem"
    bogus.write_text("hello")
    settings = CloudSettings(base_url="https://api.openai.com/v1", model="m", ca_file=bogus)

    with pytest.raises(InputError):
        build_http_client(settings)


def test_default_verification_without_truststore():
    settings = CloudSettings(base_url="https://api.openai.com/v1", model="m")

    verify = tls_verification(settings)

    # truststore is optional; without it httpx's default bundle is used.
    assert verify is True or isinstance(verify, ssl.SSLContext)


@pytest.mark.parametrize(
    ("name", "value"),
    [("connect_timeout", 0), ("read_timeout", -1), ("deadline", float("inf")), ("max_retries", 2.5), ("max_retries", 99), ("breaker_failures", True)],
)
def test_bad_numbers_are_rejected(name, value):
    with pytest.raises(InputError) as caught:
        CloudSettings(base_url="https://api.openai.com/v1", model="m", **{name: value})

    assert name in str(caught.value)


def test_bad_proxy_is_rejected_without_password():
    with pytest.raises(InputError) as caught:
        CloudSettings(proxy_url="socks9://bob:pa55word@proxy:1080")

    assert "pa55word" not in str(caught.value)


@pytest.mark.parametrize("key", ["sk-abc def", "sk-abc\nsk-def", "sk-ab\tc", "sk-ñ123"])
def test_malformed_key_rejected_without_echo(key):
    with pytest.raises(InputError) as caught:
        CloudSettings(api_key=key)

    assert key.strip() not in str(caught.value)


def test_blank_key_means_no_key():
    assert CloudSettings(api_key="   ").api_key is None


def test_repr_hides_key_and_proxy_password():
    settings = CloudSettings(
        base_url="https://api.openai.com/v1", model="m", api_key=KEY, proxy_url="http://bob:pa55word@proxy.shop:3128"
    )

    for text in (repr(settings), str(settings), f"{settings}"):
        assert KEY not in text
        assert "pa55word" not in text
        assert "<hidden>" in text
        assert "proxy.shop:3128" in text


def test_price_cost_is_exact_micros():
    price = ModelPrice(Decimal("2.50"), Decimal("10.00"))

    assert price.cost_micros(1_000_000, 0) == 2_500_000
    assert price.cost_micros(3, 7) == 78  # 7.5 + 70 = 77.5, rounded half up


def test_negative_price_is_rejected():
    with pytest.raises(InputError):
        ModelPrice(Decimal("-1"), Decimal("0"))


def test_price_for_unknown_model_is_none():
    settings = CloudSettings.from_preset("openai", api_key=KEY)

    assert settings.price_for("gpt-4o-mini") is None
