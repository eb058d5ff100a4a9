"""ExportDesk (出口合规助手): offline export compliance for small Chinese exporters."""

__version__ = "0.1.0"
APP_NAME = "ExportDesk"
APP_ORG = "ExportDesk"
