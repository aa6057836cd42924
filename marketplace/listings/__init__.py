"""The demand list and the supply list."""

from flask import Flask


def init_app(app: Flask) -> None:
    from ..sections import add_section
    from .views import bp, org_listings_section

    app.register_blueprint(bp)
    add_section(app, "org", org_listings_section, order=10)
