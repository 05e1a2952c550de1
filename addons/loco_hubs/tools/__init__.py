from . import values
