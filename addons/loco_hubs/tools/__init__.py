from . import dates, values
