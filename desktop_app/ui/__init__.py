"""The Qt window: screens, dialogs and background tasks over the Qt-free core."""
