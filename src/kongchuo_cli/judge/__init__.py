"""Ratios × lines → results: each row judged with the returns needed (`evaluate`), grade tables' cohorts and
years (`grades`), the township plan (`plan`), and the exit code (`gate`)."""
