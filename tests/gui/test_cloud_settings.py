"""The cloud settings dialog: field checks, the key in the keyring only, presets, Test connection."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from retail_assistant.adapters.cloud.probe import ProbeResult, ProbeStatus
from retail_assistant.adapters.cloud.secrets import ENVIRONMENT_VARIABLE, SERVICE
from retail_assistant.gui.cloud_settings import CloudSettingsDialog
from retail_assistant.settings import load_settings

from tests.gui.cloud_fakes import TickCounter, memory_keyring  # noqa: F401 - a fixture

KEY = "sk-test-settings-dialog-0123456789"
URL = "https://api.example.test/v1"


@pytest.fixture
def make_dialog(qtbot, memory_keyring):  # noqa: F811 - the fixture imported above
    dialogs: list[CloudSettingsDialog] = []

    def make_dialog(settings, **options) -> CloudSettingsDialog:
        dialog = CloudSettingsDialog(settings, **options)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialogs.append(dialog)
        return dialog

    yield make_dialog
    # Closing stops a connection test that may still run; the list keeps each dialog alive until then.
    for dialog in dialogs:
        dialog.reject()


def fill(qtbot, dialog: CloudSettingsDialog, *, url: str = URL, model: str = "small-model", key: str = "") -> None:
    for field, text in ((dialog.url_edit, url), (dialog.model_edit, model), (dialog.key_edit, key)):
        field.clear()
        if text:
            qtbot.keyClicks(field, text)
    dialog.url_edit.editingFinished.emit()


def save(qtbot, dialog: CloudSettingsDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_url_without_v1_shown_at_field(qtbot, make_dialog, settings, home):
    dialog = make_dialog(settings)
    fill(qtbot, dialog, url="https://api.example.test")

    save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.errors["url"].isVisible()
    assert "/v1" in dialog.errors["url"].text()
    assert not dialog.errors["model"].isVisible()
    assert not (home / "settings.json").exists()


def test_missing_ca_file_shown_at_field(qtbot, make_dialog, settings, tmp_path):
    dialog = make_dialog(settings)
    fill(qtbot, dialog)
    missing = tmp_path / "company-ca.pem"
    qtbot.keyClicks(dialog.ca_edit, str(missing))

    save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.errors["ca"].isVisible()
    assert str(missing) in dialog.errors["ca"].text()


def test_amounts_and_prices_checked(qtbot, make_dialog, settings):
    dialog = make_dialog(settings)
    fill(qtbot, dialog)
    qtbot.keyClicks(dialog.budget_edit, "twenty")
    qtbot.keyClicks(dialog.price_input_edit, "0.15")

    save(qtbot, dialog)

    assert dialog.errors["budget"].text() == "Enter an amount of 0 or more, such as 20.00, or leave it empty."
    assert dialog.errors["prices"].text() == "Enter both prices, or leave both empty."
    assert dialog.isVisible()


def test_model_needed_with_url(qtbot, make_dialog, settings):
    dialog = make_dialog(settings)
    fill(qtbot, dialog, model="")

    save(qtbot, dialog)

    assert dialog.errors["model"].text() == "Enter the model name, for example gpt-4o-mini."


def test_key_goes_to_keyring_not_file(qtbot, make_dialog, settings, home, memory_keyring):  # noqa: F811
    dialog = make_dialog(settings)
    fill(qtbot, dialog, key=KEY)
    qtbot.keyClicks(dialog.budget_edit, "20,50")
    qtbot.keyClicks(dialog.price_input_edit, "0.15")
    qtbot.keyClicks(dialog.price_output_edit, "0.60")

    with qtbot.waitSignal(dialog.settings_saved, timeout=2000) as saved:
        save(qtbot, dialog)

    stored = (home / "settings.json").read_text(encoding="utf-8")
    assert KEY not in stored
    assert json.loads(stored)["cloud_url"] == URL
    assert memory_keyring.passwords == {(SERVICE, URL): KEY}
    assert saved.args[0].cloud_monthly_budget == "20.50"
    assert saved.args[0].cloud_price_output == "0.60"
    assert load_settings(home=home).cloud_model == "small-model"
    assert not dialog.isVisible()


def test_saved_key_reported_and_forgotten(qtbot, make_dialog, settings, memory_keyring):  # noqa: F811
    memory_keyring.passwords[(SERVICE, URL)] = KEY
    dialog = make_dialog(replace(settings, cloud_url=URL, cloud_model="small-model"))

    assert dialog.key_status.text().startswith("A key for this address is saved")
    assert dialog.forget_key_button.isEnabled()
    qtbot.mouseClick(dialog.forget_key_button, Qt.MouseButton.LeftButton)

    assert memory_keyring.passwords == {}
    assert dialog.key_status.text().startswith("No key is saved for this address")
    assert not dialog.forget_key_button.isEnabled()


def test_cleared_budget_saved_as_none(qtbot, make_dialog, settings, home):
    dialog = make_dialog(replace(settings, cloud_url=URL, cloud_model="m", cloud_monthly_budget="20"))
    dialog.budget_edit.clear()

    with qtbot.waitSignal(dialog.settings_saved, timeout=2000) as saved:
        save(qtbot, dialog)

    assert saved.args[0].cloud_monthly_budget is None
    assert load_settings(home=home).cloud_monthly_budget is None


def test_unusable_keyring_points_to_environment(qtbot, make_dialog, settings):
    import keyring

    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores the previous backend
    dialog = make_dialog(replace(settings, cloud_url=URL, cloud_model="m"))

    assert not dialog.key_edit.isEnabled()
    assert "no usable keyring" in dialog.key_status.text()
    assert ENVIRONMENT_VARIABLE in dialog.key_status.text()


def test_environment_fields_are_read_only(qtbot, make_dialog, settings, home):
    environ = {"RETAIL_ASSISTANT_CLOUD_URL": URL, ENVIRONMENT_VARIABLE: KEY}
    dialog = make_dialog(replace(settings, cloud_url=URL, cloud_model="m"), environ=environ)

    assert not dialog.url_edit.isEnabled()
    assert not dialog.key_edit.isEnabled()
    assert "RETAIL_ASSISTANT_CLOUD_URL" in dialog.environment_note.text()
    assert dialog.key_status.text().startswith("The API key comes from the environment variable")

    with qtbot.waitSignal(dialog.settings_saved, timeout=2000):
        save(qtbot, dialog)
    assert "cloud_url" not in json.loads((home / "settings.json").read_text(encoding="utf-8"))


def test_preset_fills_address_and_model(qtbot, make_dialog, settings):
    dialog = make_dialog(settings)

    index = dialog.preset_box.findText("Ollama")
    dialog.preset_box.setCurrentIndex(index)
    dialog.preset_box.activated.emit(index)

    assert dialog.url_edit.text() == "http://127.0.0.1:11434/v1"
    assert dialog.model_edit.text() == "llama3.2"


def test_test_connection_runs_in_background(qtbot, make_dialog, settings):
    probed = []

    def slow_probe(cloud_settings, *, timeout):
        probed.append(cloud_settings)
        time.sleep(0.6)
        return ProbeResult(ProbeStatus.OK, "answered", 200, latency=0.6)

    dialog = make_dialog(settings, probe=slow_probe)
    fill(qtbot, dialog, key=KEY)
    ticks = TickCounter()

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.testing
    assert dialog.test_result.text() == "Testing the connection…"
    qtbot.waitUntil(lambda: not dialog.testing, timeout=5000)
    ticks.stop()

    assert dialog.test_result.text() == "Reachable: the service answered and listed its models in 600 ms."
    assert probed[0].api_key == KEY
    assert probed[0].base_url == URL
    assert ticks.longest_gap() < 0.3


def test_test_connection_reports_unreachable(qtbot, make_dialog, settings):
    def refused(cloud_settings, *, timeout):
        return ProbeResult(ProbeStatus.UNREACHABLE, "the connection was refused")

    dialog = make_dialog(settings, probe=refused)
    fill(qtbot, dialog)

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=5000)

    assert dialog.test_result.text() == "Not reachable: the connection was refused"
