"""The settings: precedence, validation, and saving."""

from retail_assistant.settings import load_settings, save_settings


def test_saving_none_clears_a_setting(tmp_path):
    settings = save_settings(load_settings(home=tmp_path), cloud_model="gpt-4o-mini", cloud_policy="ask_first")
    assert settings.cloud_model == "gpt-4o-mini"
    cleared = save_settings(settings, cloud_model=None)
    assert cleared.cloud_model is None
    assert load_settings(home=tmp_path).cloud_model is None
    assert load_settings(home=tmp_path).cloud_policy == "ask_first"


def test_environment_overrides_file(tmp_path, monkeypatch):
    save_settings(load_settings(home=tmp_path), cloud_policy="ask_first")
    monkeypatch.setenv("RETAIL_ASSISTANT_CLOUD_POLICY", "local_only")
    assert load_settings(home=tmp_path).cloud_policy == "local_only"


def test_flags_override_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RETAIL_ASSISTANT_LANGUAGE", "es")
    assert load_settings(home=tmp_path, overrides={"language": "en"}).language == "en"
