"""Thresholds YAML → lines: a rule read exactly (`rules`), files, profiles, extends and groups (`thresholds`)."""
