"""Company profile, users, settings and the audit trail (审计日志)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.core.models.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow

TAXPAYER_TYPES = ("trading", "manufacturer")  # 外贸企业 免退 / 生产企业 免抵退
FX_POLICIES = ("export_day", "first_of_month")  # 出口当日 / 当月1日 中间价


class CompanyProfile(TimestampMixin, Base):
    """The exporter itself (境内发货人); exactly one row, id 1."""

    __tablename__ = "company_profile"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("taxpayer_type IN ('trading', 'manufacturer')", name="taxpayer_type"),
        CheckConstraint("fx_rate_policy IN ('export_day', 'first_of_month')", name="fx_policy"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name_cn: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    uscc: Mapped[str | None] = mapped_column(String(18))  # 统一社会信用代码
    customs_code: Mapped[str | None] = mapped_column(String(10))  # 海关编码 (10 alnum)
    taxpayer_type: Mapped[str] = mapped_column(String(16), default="trading")
    fx_rate_policy: Mapped[str] = mapped_column(String(16), default="export_day")
    fx_policy_since: Mapped[dt.date | None] = mapped_column(Date)  # fixed for 12 months
    pilot_zone_registered: Mapped[bool] = mapped_column(Boolean, default=False)  # 综试区登记
    pilot_zone_name: Mapped[str] = mapped_column(String(100), default="")
    address_cn: Mapped[str] = mapped_column(String(300), default="")
    address_en: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    declarant_name: Mapped[str] = mapped_column(String(50), default="")  # 申报人员
    declarant_cert_no: Mapped[str] = mapped_column(String(50), default="")
    customs_district: Mapped[str | None] = mapped_column(String(4))  # 申报地海关 / 关区
    domestic_source_region: Mapped[str | None] = mapped_column(String(5))  # 境内货源地
    rebate_department: Mapped[str] = mapped_column(String(1), default="1")  # 关联号 部门位


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20), default="clerk")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Setting(Base):
    """One domain setting as JSON text; defaults live in core/settings.py, not here."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    """Append-only record of every mutation, chained by hash so tampering shows."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(30))  # insert / update / delete / bulk_insert …
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[str | None] = mapped_column(String(60))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
