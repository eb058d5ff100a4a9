"""Routing rules (分配规则): which customs mode and fulfilment orders get, by shop and channel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.models.catalogue import PLATFORMS as PLATFORM_CODES
from desktop_app.core.services import routing
from desktop_app.core.services.routing import CUSTOMS_MODES, RuleDraft
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.saving import save_buttons
from desktop_app.ui.events import Changes
from desktop_app.ui.models.order_table import CUSTOMS_MODES as MODE_NAMES
from desktop_app.ui.models.order_table import FULFILMENTS, PLATFORMS, label
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.widgets.list_table import list_table

NO_CHANGES = Changes()  # a rule changes no order until the rules are applied


@dataclass(frozen=True)
class RuleRow:
    """A rule as plain values, safe to hand from the worker to the GUI thread."""

    id: int
    draft: RuleDraft


def load_rules(session: Session, job: Job) -> list[RuleRow]:
    return [
        RuleRow(
            r.id,
            RuleDraft(
                r.platform,
                r.customs_mode,
                r.fulfilment,
                r.shop_id,
                r.fulfilment_channel,
                r.ship_country,
                r.warehouse_id,
            ),
        )
        for r in routing.list_rules(session)
    ]


class RoutingRulesDialog(QDialog):
    """The rules as a table; add, change or delete them. "Apply routing rules" uses them."""

    def __init__(
        self,
        ctx: AppContext,
        shops: list[tuple[int, str, str]],
        warehouses: list[tuple[int, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shops = shops
        self.warehouses = warehouses
        self.rules: list[RuleRow] = []
        self.setWindowTitle(self.tr("Routing rules"))
        note = QLabel(
            self.tr(
                "The most specific rule wins: a shop's own rule over a platform's, a named "
                "channel (AFN, MFN …) or country over any. Orders no rule matches keep the "
                "defaults: Amazon AFN → 9810 from the marketplace's FBA warehouse; shipped "
                "from China → 9610; from an overseas warehouse → 9810; B2B → 9710."
            )
        )
        note.setWordWrap(True)
        self.table = self._build_table()
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Add rule…"), lambda: self.edit(None)),
            (self.tr("Change…"), self.edit_current),
            (self.tr("Delete"), self.delete_current),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 420)
        self.reload()

    def _build_table(self) -> QTableWidget:
        headers = [
            self.tr("Platform"), self.tr("Shop"), self.tr("Channel"), self.tr("Country"),
            self.tr("Customs mode"), self.tr("Fulfilment"), self.tr("Warehouse"),
        ]  # fmt: skip
        table = list_table(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.doubleClicked.connect(lambda _index: self.edit_current())
        return table

    def reload(self) -> None:
        self.ctx.tasks.query(load_rules, parent=self, on_success=self.show_rules)

    def show_rules(self, rules: list[RuleRow]) -> None:
        self.rules = rules
        shops = {i: name for i, _platform, name in self.shops}
        warehouses = {i: code for i, code, _name in self.warehouses}
        any_text = self.tr("Any")
        self.table.setRowCount(len(rules))
        for number, rule in enumerate(rules):
            d = rule.draft
            cells = [
                label(PLATFORMS, d.platform),
                shops.get(d.shop_id, any_text) if d.shop_id else any_text,
                d.fulfilment_channel or any_text,
                d.ship_country or any_text,
                label(MODE_NAMES, d.customs_mode),
                label(FULFILMENTS, d.fulfilment),
                warehouses.get(d.warehouse_id, "") if d.warehouse_id else self.tr("Keep"),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(text))

    def current(self) -> RuleRow | None:
        row = self.table.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def edit_current(self) -> None:
        rule = self.current()
        if rule is not None:
            self.edit(rule)

    def edit(self, rule: RuleRow | None) -> None:
        dialog = RuleEditDialog(self.ctx, rule, self.shops, self.warehouses, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        self.rule_dialog = dialog
        dialog.open()

    def delete_current(self) -> None:
        rule = self.current()
        if rule is None:
            return
        self.ctx.tasks.write(
            lambda session, job: routing.delete_rule(session, rule.id),
            parent=self,
            changes=NO_CHANGES,
            on_success=lambda _none: self.reload(),
        )


class RuleEditDialog(QDialog):
    """One rule: where it applies (platform, shop, channel, country) and what it assigns."""

    def __init__(
        self,
        ctx: AppContext,
        rule: RuleRow | None,
        shops: list[tuple[int, str, str]],
        warehouses: list[tuple[int, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rule = rule
        self.shops = shops
        self.setWindowTitle(
            self.tr("New routing rule") if rule is None else self.tr("Routing rule")
        )
        self.platform = _combo([(label(PLATFORMS, p), p) for p in PLATFORM_CODES])
        self.shop = QComboBox()
        self.channel = QLineEdit()
        self.channel.setPlaceholderText(self.tr("Any channel (or AFN, MFN …)"))
        self.country = QLineEdit()
        self.country.setPlaceholderText(self.tr("Any country (or USA, DEU …)"))
        self.mode = _combo([(label(MODE_NAMES, m), m) for m in CUSTOMS_MODES])
        self.fulfilment = _combo([(label(FULFILMENTS, f), f) for f in FULFILMENTS])
        self.warehouse = _combo(
            [(self.tr("Keep the order's own"), None),
             *((f"{code} {name}", i) for i, code, name in warehouses)]
        )  # fmt: skip
        self.problem = QLabel(objectName="problem")
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.setWordWrap(True)
        self.platform.currentIndexChanged.connect(lambda _i: self._offer_shops())
        self._offer_shops()
        if rule is not None:
            self._fill(rule.draft)
        buttons = save_buttons(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Shop"), self.shop)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Ship to"), self.country)
        form.addRow(self.tr("Customs mode"), self.mode)
        form.addRow(self.tr("Fulfilment"), self.fulfilment)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.problem)
        form.addRow(buttons)
        self.setMinimumWidth(480)

    def _offer_shops(self) -> None:
        platform = self.platform.currentData()
        self.shop.clear()
        self.shop.addItem(self.tr("Every shop of the platform"), None)
        for i, p, name in self.shops:
            if p == platform:
                self.shop.addItem(name, i)

    def _fill(self, d: RuleDraft) -> None:
        self.platform.setCurrentIndex(max(self.platform.findData(d.platform), 0))
        self.shop.setCurrentIndex(max(self.shop.findData(d.shop_id), 0) if d.shop_id else 0)
        self.channel.setText(d.fulfilment_channel)
        self.country.setText(d.ship_country)
        self.mode.setCurrentIndex(max(self.mode.findData(d.customs_mode), 0))
        self.fulfilment.setCurrentIndex(max(self.fulfilment.findData(d.fulfilment), 0))
        found = self.warehouse.findData(d.warehouse_id) if d.warehouse_id else 0
        self.warehouse.setCurrentIndex(max(found, 0))

    def draft(self) -> RuleDraft:
        return RuleDraft(
            platform=self.platform.currentData(),
            customs_mode=self.mode.currentData(),
            fulfilment=self.fulfilment.currentData(),
            shop_id=self.shop.currentData(),
            fulfilment_channel=self.channel.text(),
            ship_country=self.country.text(),
            warehouse_id=self.warehouse.currentData(),
        )

    def save(self) -> None:
        draft, rule = self.draft(), self.rule

        def work(session: Session, job: Job) -> int:
            if rule is None:
                return routing.create_rule(session, draft).id
            return routing.update_rule(session, rule.id, draft).id

        self.ctx.tasks.write(
            work,
            parent=self,
            changes=NO_CHANGES,
            on_success=lambda _id: self.accept(),
            on_failure=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            labels = {
                "platform": self.tr("Platform"),
                "shop_id": self.tr("Shop"),
                "fulfilment_channel": self.tr("Channel"),
                "ship_country": self.tr("Ship to"),
                "customs_mode": self.tr("Customs mode"),
                "fulfilment": self.tr("Fulfilment"),
                "warehouse_id": self.tr("Warehouse"),
                "rule": self.tr("Rule"),
            }
            self.problem.setText(describe_error(error, labels))
        else:
            self.ctx.tasks.report_failure(self, error)


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    return combo
