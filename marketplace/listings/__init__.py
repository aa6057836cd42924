"""The demand list and the supply list."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the listings pages and the organization page's listings section."""
    from ..sections import add_section
    from .views import bp, org_listings_section

    app.register_blueprint(bp)
    add_section(app, "org", org_listings_section, order=10)
