# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import phone
from . import xlsx_rows
