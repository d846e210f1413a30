"""The measurement tools behind `make bench`, `make faults` and `make observatory`.

Each runs as `python -m tools.<name>`. They serve the site the production way
(tools.serving) and reach it over HTTP, through management commands or through
the apps' public models and services.

Nothing heavy is imported at module level anywhere in this package (Django is
set up only by `serving.use_environment`), so that the tests can import
`tools.browser` for the one Chromium flag list.
"""
