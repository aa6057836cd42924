"""Imports every feature's models so that `Base.metadata` knows all tables
(Alembic's autogenerate and `alembic check` read it)."""

from .accounts import models as accounts_models  # noqa: F401
from .api import idempotency as api_idempotency  # noqa: F401
from .attachments import models as attachments_models  # noqa: F401
from .bookings import models as bookings_models  # noqa: F401
from .deals import models as deals_models  # noqa: F401
from .jobs import models as jobs_models  # noqa: F401
from .listings import models as listings_models  # noqa: F401
from .matching import models as matching_models  # noqa: F401
from .notifications import models as notifications_models  # noqa: F401
from .pilots import models as pilots_models  # noqa: F401
from .savedsearch import models as savedsearch_models  # noqa: F401
from .search import feed as search_feed  # noqa: F401
