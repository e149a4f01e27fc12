"""The cloud settings dialog (Settings → Cloud…): provider, address, model, key, rules, network and prices.

On Save each field is checked with the rules the cloud adapter applies when it builds its
settings, and a problem is shown next to its field. The API key goes to the operating
system's keyring through `store_api_key`, never into the settings file. Where no keyring
is usable, the key field is disabled and the dialog states that the key must come from the
environment variable RETAIL_ASSISTANT_CLOUD_API_KEY. Fields that an environment variable
sets are read-only, because the environment wins over the settings file. "Test
connection" probes the endpoint on a worker thread, so a dead line never freezes the window.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from retail_assistant.adapters.cloud.connection import tls_verification
from retail_assistant.adapters.cloud.probe import ProbeResult, ProbeStatus, probe_endpoint
from retail_assistant.adapters.cloud.secrets import (
    ENVIRONMENT_VARIABLE,
    KeySource,
    delete_api_key,
    keyring_status,
    load_api_key,
    store_api_key,
)
from retail_assistant.adapters.cloud.settings import PRESETS, CloudSettings, check_api_key
from retail_assistant.core.errors import InputError, RetailAssistantError
from retail_assistant.gui.errors import describe_error
from retail_assistant.gui.workers import TaskRunner
from retail_assistant.settings import Settings, save_settings

__all__ = ["ENVIRONMENT_FIELDS", "TEST_TIMEOUT", "CloudSettingsDialog"]

log = logging.getLogger(__name__)

ENVIRONMENT_FIELDS = {
    "cloud_url": "RETAIL_ASSISTANT_CLOUD_URL",
    "cloud_model": "RETAIL_ASSISTANT_CLOUD_MODEL",
    "cloud_preset": "RETAIL_ASSISTANT_CLOUD_PRESET",
    "cloud_policy": "RETAIL_ASSISTANT_CLOUD_POLICY",
}
"""The cloud settings an environment variable may set, which then win over the settings file."""

TEST_TIMEOUT = 5.0
"""Seconds "Test connection" waits to connect, and again for the answer: longer than the
router's quick probe, because a person is waiting for a definite result."""

_CUSTOM = "custom"
_POLICIES = ("automatic", "ask_first", "local_only")
_ERROR_STYLE = "color: #b42318;"
_RESULT_STYLES = {
    ProbeStatus.OK: "color: #1a7f37;",
    ProbeStatus.REJECTED: "color: #9a6700;",
    ProbeStatus.UNREACHABLE: "color: #b42318;",
    ProbeStatus.NOT_CONFIGURED: "color: #b42318;",
}

ProbeFunction = Callable[..., ProbeResult]


class _FieldError(ValueError):
    """A field's value is invalid; the message is shown next to the field."""


class CloudSettingsDialog(QDialog):
    """Edits the cloud settings of one shop; `settings_saved` carries the new Settings after Save.

    `probe` replaces the endpoint check (tests), and `environ` the process environment.
    """

    settings_saved = Signal(object)

    def __init__(
        self,
        settings: Settings,
        *,
        probe: ProbeFunction = probe_endpoint,
        environ: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._probe = probe
        self._environ = os.environ if environ is None else environ
        self._runner: TaskRunner | None = None
        self._testing = False
        self._test_status: ProbeStatus | None = None
        self._test_text = ""

        self._build_fields()
        self._build_layout()
        self._load(settings)
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.preset_box = QComboBox(self)
        for preset in PRESETS.values():
            self.preset_box.addItem(preset.label, preset.name)
        self.preset_box.addItem("", _CUSTOM)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://api.openai.com/v1")
        self.model_edit = QLineEdit(self)
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_status = self._note_label()
        self.forget_key_button = QPushButton(self)

        self.policy_box = QComboBox(self)
        self.policy_box.addItems(["", "", ""])
        self.budget_edit = QLineEdit(self)
        self.budget_edit.setPlaceholderText("20.00")
        self.warning_spin = QSpinBox(self)
        self.warning_spin.setRange(1, 100)
        self.warning_spin.setSuffix(" %")
        self.business_check = QCheckBox(self)

        self.proxy_edit = QLineEdit(self)
        self.proxy_edit.setPlaceholderText("http://proxy.example:3128")
        self.ca_edit = QLineEdit(self)
        self.ca_browse_button = QPushButton(self)
        self.price_input_edit = QLineEdit(self)
        self.price_input_edit.setPlaceholderText("0.15")
        self.price_output_edit = QLineEdit(self)
        self.price_output_edit.setPlaceholderText("0.60")

        self.test_button = QPushButton(self)
        self.test_result = self._note_label()
        self.environment_note = self._note_label()
        self.save_error = self._error_label()
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Save | standard.Cancel, self)

        # One error label per checked field, shown below it.
        self.errors = {name: self._error_label() for name in ("url", "model", "key", "budget", "proxy", "ca", "prices")}

        self.preset_box.activated.connect(self._on_preset_chosen)
        self.url_edit.editingFinished.connect(self._update_key_status)
        self.forget_key_button.clicked.connect(self.forget_key)
        self.ca_browse_button.clicked.connect(self._on_browse_ca)
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _build_layout(self) -> None:
        self._row_labels: dict[str, QLabel] = {}

        self.service_group = QGroupBox(self)
        service = QFormLayout(self.service_group)
        self._add_row(service, "preset", self.preset_box)
        self._add_row(service, "url", self._with_error(self.url_edit, "url"))
        self._add_row(service, "model", self._with_error(self.model_edit, "model"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, stretch=1)
        key_row.addWidget(self.forget_key_button)
        key_box = QWidget(self)
        key_layout = QVBoxLayout(key_box)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addLayout(key_row)
        key_layout.addWidget(self.key_status)
        key_layout.addWidget(self.errors["key"])
        self._add_row(service, "key", key_box)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, stretch=1)
        service.addRow(test_row)

        self.rules_group = QGroupBox(self)
        rules = QFormLayout(self.rules_group)
        self._add_row(rules, "policy", self.policy_box)
        self._add_row(rules, "budget", self._with_error(self.budget_edit, "budget"))
        self._add_row(rules, "warning", self.warning_spin)
        rules.addRow(self.business_check)

        self.network_group = QGroupBox(self)
        network = QFormLayout(self.network_group)
        self._add_row(network, "proxy", self._with_error(self.proxy_edit, "proxy"))
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, stretch=1)
        ca_row.addWidget(self.ca_browse_button)
        ca_box = QWidget(self)
        ca_layout = QVBoxLayout(ca_box)
        ca_layout.setContentsMargins(0, 0, 0, 0)
        ca_layout.addLayout(ca_row)
        ca_layout.addWidget(self.errors["ca"])
        self._add_row(network, "ca", ca_box)

        self.prices_group = QGroupBox(self)
        prices = QFormLayout(self.prices_group)
        self._add_row(prices, "price_input", self.price_input_edit)
        self._add_row(prices, "price_output", self._with_error(self.price_output_edit, "prices"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.environment_note)
        layout.addWidget(self.service_group)
        layout.addWidget(self.rules_group)
        layout.addWidget(self.network_group)
        layout.addWidget(self.prices_group)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _add_row(self, form: QFormLayout, name: str, field: QWidget) -> None:
        label = QLabel(self)
        self._row_labels[name] = label
        form.addRow(label, field)

    def _with_error(self, field: QWidget, error_name: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.errors[error_name])
        return box

    def _note_label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        return label

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet(_ERROR_STYLE)
        label.hide()
        return label

    def _load(self, settings: Settings) -> None:
        preset_index = self.preset_box.findData(settings.cloud_preset)
        self.preset_box.setCurrentIndex(preset_index if preset_index >= 0 else self.preset_box.findData(_CUSTOM))
        self.url_edit.setText(settings.cloud_url or "")
        self.model_edit.setText(settings.cloud_model or "")
        self.policy_box.setCurrentIndex(_POLICIES.index(settings.cloud_policy))
        self.budget_edit.setText(settings.cloud_monthly_budget or "")
        self.warning_spin.setValue(int(Decimal(settings.cloud_budget_warning) * 100))
        self.business_check.setChecked(settings.cloud_allow_business_data)
        self.proxy_edit.setText(settings.cloud_proxy or "")
        self.ca_edit.setText(settings.cloud_ca_file or "")
        self.price_input_edit.setText(settings.cloud_price_input or "")
        self.price_output_edit.setText(settings.cloud_price_output or "")

        fields: dict[str, QWidget] = {
            "cloud_url": self.url_edit,
            "cloud_model": self.model_edit,
            "cloud_preset": self.preset_box,
            "cloud_policy": self.policy_box,
        }
        for name in self._environment_fields():
            fields[name].setEnabled(False)

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the dialog in the current language."""
        self.setWindowTitle(self.tr("Cloud settings"))
        self.service_group.setTitle(self.tr("Cloud service"))
        self.rules_group.setTitle(self.tr("What may go to the cloud"))
        self.network_group.setTitle(self.tr("Network"))
        self.prices_group.setTitle(self.tr("Prices per million tokens (for the cost and the budget)"))
        labels = {
            "preset": self.tr("Provider:"),
            "url": self.tr("Base URL:"),
            "model": self.tr("Model:"),
            "key": self.tr("API key:"),
            "policy": self.tr("Policy:"),
            "budget": self.tr("Monthly budget:"),
            "warning": self.tr("Warn at:"),
            "proxy": self.tr("Proxy:"),
            "ca": self.tr("CA certificate file:"),
            "price_input": self.tr("Sent (input):"),
            "price_output": self.tr("Received (output):"),
        }
        for name, text in labels.items():
            self._row_labels[name].setText(text)
        self.preset_box.setItemText(self.preset_box.findData(_CUSTOM), self.tr("Other (custom)"))
        self.policy_box.setItemText(0, self.tr("Automatic: long writing goes to the cloud"))
        self.policy_box.setItemText(1, self.tr("Ask first: only when I choose Cloud for a question"))
        self.policy_box.setItemText(2, self.tr("Local only: nothing is sent"))
        self.budget_edit.setToolTip(self.tr("In the currency of the prices below; leave empty for no limit"))
        self.warning_spin.setToolTip(self.tr("Answers say so once this share of the monthly budget is spent"))
        self.business_check.setText(self.tr("Allow costs, margins and supplier terms to be sent to the cloud"))
        self.proxy_edit.setToolTip(self.tr("Leave empty to connect directly"))
        self.ca_edit.setToolTip(self.tr("Only for a company network that inspects TLS; leave empty otherwise"))
        self.ca_browse_button.setText(self.tr("Browse…"))
        self.forget_key_button.setText(self.tr("Forget key"))
        self.forget_key_button.setToolTip(self.tr("Delete the key saved for this address from the keyring"))
        self.test_button.setText(self.tr("Test connection"))
        self.test_button.setToolTip(self.tr("Check that the address answers, with the key and network settings above"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

        names = [ENVIRONMENT_FIELDS[name] for name in self._environment_fields()]
        if self._environ.get(ENVIRONMENT_VARIABLE):
            names.append(ENVIRONMENT_VARIABLE)
        self.environment_note.setVisible(bool(names))
        self.environment_note.setText(
            self.tr("Set by environment variables, so read-only here: {names}.").format(names=", ".join(names))
        )
        self._update_key_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- actions ---------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        """Check the fields, store a typed key in the keyring, write the settings file and close.

        Nothing is written while any field has a problem; each problem is shown next to its field.
        """
        self._clear_errors()
        changes, key = self._collect()
        if changes is None:
            return

        if key is not None:
            try:
                store_api_key(self._current_url(), key)
            except RetailAssistantError as error:
                # The message names the keyring and the endpoint, never the key.
                log.warning("cannot store the cloud API key: %s", error)
                self._show_error("key", describe_error(error).detail)
                return

        try:
            saved = save_settings(self._settings, **changes)
        except (OSError, RetailAssistantError) as error:
            log.error("cannot save the cloud settings: %s", error)
            self.save_error.setText(self.tr("The settings were not saved: {error}").format(error=error))
            self.save_error.show()
            self._fit()
            return
        # save_settings skips None when it merges, so a cleared field is cleared here.
        saved = replace(saved, **{name: None for name, value in changes.items() if value is None})

        log.info("saved the cloud settings for %s", saved.cloud_url or "no cloud")
        self._settings = saved
        self.key_edit.clear()
        self.settings_saved.emit(saved)
        self.accept()

    @Slot()
    def test_connection(self) -> None:
        """Probe the endpoint in the fields on a worker thread; the result appears next to the button."""
        if self._testing:
            return
        url = self._current_url()
        if not url:
            self._show_test_result(ProbeStatus.NOT_CONFIGURED, self.tr("Enter the base URL first."))
            return
        try:
            cloud_settings = self._cloud_settings(url)
        except InputError as error:
            self._show_test_result(ProbeStatus.NOT_CONFIGURED, str(error))
            return

        self._testing = True
        self.test_button.setEnabled(False)
        self._show_test_result(None, self.tr("Testing the connection…"))
        probe = self._probe
        # The thread exists only while the test runs, so an idle dialog keeps no running thread.
        self._runner = TaskRunner("cloud-settings-test", parent=self)
        self._runner.submit(
            lambda: probe(cloud_settings, timeout=TEST_TIMEOUT),
            on_done=self._on_tested,
            on_error=self._on_test_failed,
        )

    @Slot()
    def forget_key(self) -> None:
        """Delete the key saved in the keyring for the base URL."""
        url = self._current_url()
        if not url:
            return
        try:
            delete_api_key(url)
        except RetailAssistantError as error:
            log.warning("cannot delete the cloud API key for %s: %s", url, error)
            self._show_error("key", describe_error(error).detail)
            return
        self._update_key_status()

    @property
    def testing(self) -> bool:
        """Whether a connection test is running."""
        return self._testing

    def done(self, result: int) -> None:
        # The dialog is closing: a running probe ends within twice TEST_TIMEOUT (connecting, then reading).
        self._stop_test_thread()
        super().done(result)

    def _stop_test_thread(self) -> None:
        runner = self._runner
        self._runner = None
        self._testing = False
        if runner is not None:
            runner.shut_down()
            runner.deleteLater()

    # -- reading the fields ----------------------------------------------------------------

    def _collect(self) -> tuple[dict[str, Any] | None, str | None]:
        """Return the settings changes and the typed key, or (None, None) after showing the problems."""
        url = self._current_url()
        model = self.model_edit.text().strip()
        changes: dict[str, Any] = {
            "cloud_url": url or None,
            "cloud_model": model or None,
            "cloud_preset": self.preset_box.currentData() or _CUSTOM,
            "cloud_policy": _POLICIES[self.policy_box.currentIndex()],
            "cloud_budget_warning": str(Decimal(self.warning_spin.value()) / 100),
            "cloud_allow_business_data": self.business_check.isChecked(),
        }
        problems = 0

        checks: list[tuple[str, Callable[[], None]]] = [
            ("url", lambda: self._check_url(url)),
            ("model", lambda: self._check_model(url, model)),
            ("budget", lambda: changes.update(cloud_monthly_budget=self._checked_amount(self.budget_edit.text()))),
            ("proxy", lambda: changes.update(cloud_proxy=self._checked_proxy())),
            ("ca", lambda: changes.update(cloud_ca_file=self._checked_ca_file())),
            ("prices", lambda: changes.update(self._checked_prices())),
        ]
        for name, check in checks:
            try:
                check()
            except (_FieldError, InputError) as error:
                self._show_error(name, str(error))
                problems += 1

        key = None
        try:
            key = self._checked_key(url)
        except (_FieldError, InputError) as error:
            self._show_error("key", str(error))
            problems += 1

        if problems:
            return None, None
        for name in self._environment_fields():
            changes.pop(name, None)
        return changes, key

    def _check_url(self, url: str) -> None:
        if url:
            CloudSettings(base_url=url)

    def _check_model(self, url: str, model: str) -> None:
        if url and not model:
            raise _FieldError(self.tr("Enter the model name, for example gpt-4o-mini."))

    def _checked_key(self, url: str) -> str | None:
        typed = self.key_edit.text()
        if not self.key_edit.isEnabled() or not typed.strip():
            return None
        if not url:
            raise _FieldError(self.tr("Enter the base URL first: the key is saved for that address."))
        return check_api_key(typed)

    def _checked_proxy(self) -> str | None:
        proxy = self.proxy_edit.text().strip()
        if not proxy:
            return None
        return CloudSettings(proxy_url=proxy).proxy_url

    def _checked_ca_file(self) -> str | None:
        text = self.ca_edit.text().strip()
        if not text:
            return None
        checked = CloudSettings(ca_file=Path(text))
        # Load it too, so a file that is not PEM is reported here rather than on the first call.
        tls_verification(checked)
        return str(checked.ca_file)

    def _checked_prices(self) -> dict[str, str | None]:
        price_input = self._checked_amount(self.price_input_edit.text())
        price_output = self._checked_amount(self.price_output_edit.text())
        if (price_input is None) != (price_output is None):
            raise _FieldError(self.tr("Enter both prices, or leave both empty."))
        return {"cloud_price_input": price_input, "cloud_price_output": price_output}

    def _checked_amount(self, text: str) -> str | None:
        """Return an amount typed with a point or a comma as a plain decimal string, None when empty."""
        text = text.strip()
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value < 0:
            raise _FieldError(self.tr("Enter an amount of 0 or more, such as 20.00, or leave it empty."))
        return str(value)

    def _cloud_settings(self, url: str) -> CloudSettings:
        """Return the CloudSettings in the fields, with the typed key or else the saved one; raises InputError."""
        key = check_api_key(self.key_edit.text()) if self.key_edit.isEnabled() else None
        if key is None:
            key = load_api_key(url, environ=self._environ).value
        preset = self.preset_box.currentData() or _CUSTOM
        ca_file = self.ca_edit.text().strip()
        return CloudSettings(
            base_url=url,
            model=self.model_edit.text().strip(),
            preset=preset,
            api_key=key,
            proxy_url=self.proxy_edit.text().strip() or None,
            ca_file=Path(ca_file) if ca_file else None,
        )

    def _current_url(self) -> str:
        return self.url_edit.text().strip().rstrip("/")

    def _environment_fields(self) -> list[str]:
        return [name for name, variable in ENVIRONMENT_FIELDS.items() if self._environ.get(variable)]

    # -- showing ---------------------------------------------------------------------------

    def _show_error(self, name: str, text: str) -> None:
        label = self.errors[name]
        label.setText(text)
        label.show()
        self._fit()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.save_error.hide()
        self._fit()

    def _fit(self) -> None:
        # Qt leaves the extra height of wrapped labels out of a window's minimum size, so a
        # two-line message would be cut off. The needed height is set here instead.
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
        else:
            needed = layout.totalSizeHint().height()
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def _update_key_status(self) -> None:
        url = self._current_url()
        from_environment = bool(self._environ.get(ENVIRONMENT_VARIABLE))
        status = keyring_status()
        stored = False
        if url and not from_environment and status.usable:
            found = load_api_key(url, environ=self._environ)
            status = found.keyring
            stored = found.source is KeySource.KEYRING

        if from_environment:
            text = self.tr("The API key comes from the environment variable {variable}; change it there.")
        elif not status.usable:
            text = self.tr("This computer has no usable keyring ({detail}), so the API key cannot be saved here. "
                           "Set it in the environment variable {variable} before starting the app; the key is "
                           "never written to a file.")
        elif stored:
            text = self.tr("A key for this address is saved in this computer's keyring. Type a new one to replace it.")
        else:
            text = self.tr("No key is saved for this address. Servers on this computer or the shop's network "
                           "(Ollama, llama.cpp, vLLM) need none.")
        self.key_status.setText(text.format(variable=ENVIRONMENT_VARIABLE, detail=status.message))
        self.key_edit.setEnabled(status.usable and not from_environment)
        self.key_edit.setPlaceholderText(self.tr("saved; type to replace") if stored else "")
        self.forget_key_button.setEnabled(stored)
        self._fit()

    def _show_test_result(self, status: ProbeStatus | None, text: str) -> None:
        self._test_status = status
        self.test_result.setText(text)
        self.test_result.setStyleSheet(_RESULT_STYLES.get(status, "") if status is not None else "")

    def _on_tested(self, result: ProbeResult) -> None:
        self._stop_test_thread()
        self.test_button.setEnabled(True)
        if result.status is ProbeStatus.OK:
            text = self.tr("Reachable: the service answered and listed its models in {milliseconds} ms.").format(
                milliseconds=round(result.latency * 1000))
        elif result.status is ProbeStatus.REJECTED:
            text = self.tr("Reachable, but the service refused the request: {reason}").format(reason=result.reason)
        elif result.status is ProbeStatus.UNREACHABLE:
            text = self.tr("Not reachable: {reason}").format(reason=result.reason)
        else:
            text = self.tr("Enter the base URL first.")
        self._show_test_result(result.status, text)

    def _on_test_failed(self, error: Exception) -> None:
        self._stop_test_thread()
        self.test_button.setEnabled(True)
        self._show_test_result(ProbeStatus.UNREACHABLE, self.tr("Not reachable: {reason}").format(
            reason=describe_error(error).detail))

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        preset = PRESETS.get(self.preset_box.itemData(index))
        if preset is None:
            return
        if self.url_edit.isEnabled():
            self.url_edit.setText(preset.base_url)
        if self.model_edit.isEnabled():
            self.model_edit.setText(preset.model)
        self._update_key_status()

    @Slot()
    def _on_browse_ca(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the CA certificate file"), self.ca_edit.text(),
            self.tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if chosen:
            self.ca_edit.setText(chosen)

