from . import donation_xlsx
