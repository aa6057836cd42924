"""Imports every feature's models so that `Base.metadata` knows all tables
(Alembic's autogenerate and `alembic check` read it)."""

from .accounts import models as accounts_models  # noqa: F401
from .bookings import models as bookings_models  # noqa: F401
from .deals import models as deals_models  # noqa: F401
from .listings import models as listings_models  # noqa: F401
from .notifications import models as notifications_models  # noqa: F401
from .pilots import models as pilots_models  # noqa: F401
