"""The domain of ExportDesk. Never imports Qt: the window and the CLI both stand on it."""
